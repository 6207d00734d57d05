"""Journey: an operator imports OpenSID's sample file through the preview and sees the result."""

import pytest

from penduduk.models import ImporPenduduk, Penduduk
from tests.factories import SANDI_UJI
from tests.impor.conftest import CONTOH


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_impor_contoh_penduduk_lewat_pratinjau(browser, live_server, buat_staf, desa, artefak):
    buat_staf("Operator", username="operatorimpor")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "operatorimpor")
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    # From the resident list: Impor → upload.
    page.goto(f"{live_server.url}/admin/penduduk/penduduk/")
    page.click("#sid-impor")
    page.set_input_files("#id_berkas", str(CONTOH))
    page.click("input[name=_simpan]")

    # Preview: nothing saved yet.
    page.wait_for_selector("text=Pratinjau — belum ada yang disimpan")
    assert page.inner_text("#hitung-baru") == "97"
    assert page.inner_text("#hitung-ditolak") == "0"
    assert "ADINI SEPTIA LISTA" in page.inner_text("#contoh-baru")
    assert Penduduk.objects.count() == 0
    page.screenshot(path=str(artefak / "impor-pratinjau.png"), full_page=True)

    # Confirm: the run finishes (eager worker here) and the page shows the result.
    page.click("input[name=_jalankan]")
    page.wait_for_selector("#sid-hasil")
    assert "Tersimpan: 97 baru, 0 diubah, 0 tidak berubah, 0 ditolak" in page.inner_text(
        "#sid-hasil"
    )
    assert page.inner_text("#sid-status") == "Selesai"
    impor = ImporPenduduk.objects.get()
    assert impor.status == "selesai" and impor.diproses == impor.total_baris == 97
    page.screenshot(path=str(artefak / "impor-hasil.png"), full_page=True)

    # The resident list shows the imported residents.
    page.click("text=Lihat daftar penduduk")
    page.fill("#searchbar", "ADINI")
    page.press("#searchbar", "Enter")
    page.wait_for_selector("#result_list >> text=ADINI SEPTIA LISTA")
    page.screenshot(path=str(artefak / "impor-daftar-penduduk.png"), full_page=True)
    assert Penduduk.objects.count() == 97
