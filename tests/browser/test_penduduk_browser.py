"""Journey: a birth into a family, the head's death, then a split into a new KK."""

import datetime

import pytest

from sid import kode
from tests.factories import SANDI_UJI, KeluargaFactory, PendudukFactory, buat_rt


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_kelahiran_kematian_kepala_lalu_pecah_kk(browser, live_server, buat_staf, desa, artefak):
    buat_staf("Operator", username="operatorjalan")
    k = KeluargaFactory(no_kk="3201010101230001", wilayah=buat_rt())
    kepala = PendudukFactory(
        nama="Budi Santoso",
        keluarga=k,
        shdk=kode.SHDK.KEPALA_KELUARGA,
        status_kawin=2,
        tanggal_lahir=datetime.date(1980, 5, 17),
        nik="3201011705800001",
    )
    PendudukFactory(
        nama="Siti Aminah",
        keluarga=k,
        shdk=kode.SHDK.ISTRI,
        status_kawin=2,
        jenis_kelamin=2,
        tanggal_lahir=datetime.date(1983, 2, 3),
        nik="3201014302830002",
    )
    hari_ini = datetime.date.today().isoformat()

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "operatorjalan")
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    # 1. Birth into the family: parents are prefilled.
    page.goto(f"{live_server.url}{k.get_absolute_url()}")
    page.click(".sid-aksi-baris >> text=Kelahiran")
    assert page.input_value("#id_nama_ayah") == "Budi Santoso"
    page.fill("#id_nama", "Putri Santoso")
    page.select_option("#id_jenis_kelamin", "2")
    page.fill("#id_tempat_lahir", "Bogor")
    page.fill("#id_tanggal_lahir", hari_ini)
    page.click("input[name=_simpan]")
    page.wait_for_selector("text=Kelahiran dicatat.")
    # Lands on the newborn's page: a temporary NIK, the LAHIR event, the family listed.
    assert page.inner_text("h1") == "Putri Santoso"
    assert "sementara" in page.inner_text(".sid-kepala-halaman")
    assert "LAHIR" in page.inner_text("#peristiwa")
    assert "Budi Santoso" in page.inner_text("#keluarga")

    # 2. The head dies.
    page.goto(f"{live_server.url}{kepala.get_absolute_url()}")
    page.click(".sid-aksi-baris >> text=Kematian")
    page.fill("#id_tanggal_peristiwa", hari_ini)
    page.fill("#id_tanggal_lapor", hari_ini)
    page.fill("#id_tempat_kematian", "Rumah")
    page.select_option("#id_sebab_kematian", "1")
    page.click("input[name=_simpan]")
    page.wait_for_selector("text=Kematian dicatat.")
    assert "MATI" in page.inner_text(".sid-kepala-halaman")
    assert "MATI" in page.inner_text("#peristiwa")

    # 3. The family now needs a head: split mother and baby into a new KK headed by the mother.
    page.click(f"text=KK {k.no_kk}")
    assert "Pilih kepala keluarga baru" in page.inner_text("#content-main")
    page.click(".sid-aksi-baris >> text=Pecah KK")
    page.check("label:has-text('Siti Aminah') >> input")
    page.check("label:has-text('Putri Santoso') >> input")
    page.select_option("#id_kepala", label="Siti Aminah (3201014302830002)")
    page.click("input[name=_simpan]")
    page.wait_for_selector("text=KK baru dibuat")
    kepala_halaman = page.inner_text(".sid-kepala-halaman")
    assert "Siti Aminah" in kepala_halaman and "sementara" in kepala_halaman
    anggota = page.inner_text("#anggota")
    assert "Putri Santoso" in anggota and "KEPALA KELUARGA" in anggota
    page.screenshot(path=str(artefak / "keluarga-setelah-pecah.png"), full_page=True)

    # The mother's page shows the previous KK number and the change history.
    page.click("#anggota >> text=Siti Aminah")
    isi = page.inner_text("#content-main")
    assert "No. KK sebelumnya 3201010101230001" in isi
    assert "Pecah KK" in page.inner_text("#riwayat")
    page.screenshot(path=str(artefak / "penduduk-halaman.png"), full_page=True)
