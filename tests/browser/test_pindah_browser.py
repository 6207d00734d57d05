"""Journey: the Administrator moves the reference village from its OpenSID backup: upload,
the check running with its progress bar, the preview, confirmation, the run, the report."""

import pytest

from penduduk.models import Penduduk
from pindah.models import PindahOpenSID
from sid import tugas_latar
from tests.factories import SANDI_UJI
from tests.pindah.conftest import _rujukan


@pytest.fixture
def tugas_di_latar(settings):
    """As `make run` (no Redis): the check and the run go to the background thread, so the
    page shows their progress instead of waiting."""
    from sid.celery_app import app

    settings.SID_TUGAS_DALAM_PROSES = True
    app.conf.task_always_eager = False
    yield
    tugas_latar.tunggu_selesai(120)
    app.conf.task_always_eager = True


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pindah_dari_opensid_lewat_layar(browser, live_server, buat_staf, artefak, tugas_di_latar):
    folder = _rujukan()
    buat_staf("Administrator", username="adminpindah")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "adminpindah")
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pindah/pindahopensid/add/")
    page.set_input_files("#id_berkas", str(folder / "opensid-v2410-sumberejo.sql"))
    page.set_input_files("#id_berkas_desa", str(folder / "opensid-v2410-sumberejo-desa.zip"))
    page.click("input[name=_simpan]")

    # The check runs in the background: its progress bar shows until the preview is ready.
    page.wait_for_selector("#sid-progres progress")
    page.screenshot(path=str(artefak / "pindah-memeriksa.png"), full_page=True)
    page.wait_for_selector("text=Pratinjau — belum ada yang disimpan")
    assert "Sumberejo" in page.inner_text("#content-main")
    assert "Penduduk" in page.inner_text("#sid-dibawa")
    assert Penduduk.objects.count() == 0
    page.screenshot(path=str(artefak / "pindah-pratinjau.png"), full_page=True)

    page.click("input[name=_jalankan]")
    page.wait_for_selector("#sid-hasil")
    assert page.inner_text("#sid-status") == "Selesai"
    assert Penduduk.objects.count() == 305
    assert PindahOpenSID.objects.get().status == PindahOpenSID.Status.SELESAI
    page.screenshot(path=str(artefak / "pindah-laporan.png"), full_page=True)

    with page.expect_download() as unduhan:
        page.click("text=Unduh laporan (.xlsx)")
    assert unduhan.value.suggested_filename.endswith(".xlsx")
