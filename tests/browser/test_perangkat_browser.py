"""Journey: the operator enters an official and their appointment with the scanned SK, checks
it side by side with the scan, marks it verified, and downloads the officials register."""

import datetime
import subprocess

import pytest

from perangkat.demo import pdf_sederhana
from perangkat.models import Pengangkatan, StatusVerifikasi
from tests.factories import SANDI_UJI, buat_jabatan_bawaan

NOMOR_SK = "141/Kep.77-DPMD/2025"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pengangkatan_dengan_pindaian_diperiksa_lalu_buku_aparat_diunduh(
    browser, live_server, buat_staf, desa, artefak, tmp_path, monkeypatch
):
    from django.core.files.storage import storages

    # The SK field resolved its private storage at import: point it at this test's folder.
    monkeypatch.setattr(Pengangkatan._meta.get_field("berkas_sk"), "storage", storages["privat"])
    buat_jabatan_bawaan()
    buat_staf("Operator", username="operatorsk")
    hari_ini = datetime.date.today().isoformat()
    pindaian = tmp_path / "sk-kepala-desa.pdf"
    pindaian.write_bytes(
        pdf_sederhana(["KEPUTUSAN BUPATI BOGOR", f"NOMOR {NOMOR_SK}", "Ahmad Fauzi"])
    )

    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "operatorsk")
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    # 1. The official (not a resident of the register: own identity).
    page.goto(f"{live_server.url}/admin/perangkat/perangkat/add/")
    page.fill("#id_nama", "Ahmad Fauzi")
    page.fill("#id_gelar_belakang", "S.Sos.")
    page.select_option("#id_jenis_kelamin", "1")
    page.fill("#id_tempat_lahir", "Bogor")
    page.fill("#id_tanggal_lahir", "1975-08-17")
    page.click("input[name=_save]")
    page.wait_for_selector("text=Catat pengangkatannya dari SK")

    # 2. The appointment from the SK, with the scan.
    page.click("#tambah-pengangkatan")
    assert "Ahmad Fauzi, S.Sos." in page.inner_text("#id_perangkat option:checked")
    page.select_option("#id_jabatan", label="Kepala Desa")
    page.select_option("#id_jenis", "definitif")
    page.fill("#id_nomor_sk", NOMOR_SK)
    page.fill("#id_tanggal_sk", hari_ini)
    page.fill("#id_tmt", hari_ini)
    page.set_input_files("#id_berkas_sk", str(pindaian))
    page.click("input[name=_simpan]")
    page.wait_for_selector("text=Pengangkatan dicatat.")
    assert "Belum diperiksa" in page.inner_text(".sid-kepala-halaman")

    # 3. The check screen: the scan beside the entered data; "Cocok".
    page.click(".sid-aksi-baris >> text=Periksa SK")
    page.wait_for_selector("#pindaian-sk")
    p = Pengangkatan.objects.get()
    assert page.get_attribute("#pindaian-sk", "src") == (
        f"/admin/perangkat/pengangkatan/{p.pk}/berkas-sk/"
    )
    isian = page.inner_text("#isian-sk")
    assert NOMOR_SK in isian and "Ahmad Fauzi, S.Sos." in isian and "Kepala Desa" in isian
    page.screenshot(path=str(artefak / "perangkat-periksa-sk.png"), full_page=True)
    page.click("input[value=Cocok]")
    page.wait_for_selector("text=SK cocok: pengangkatan terverifikasi.")
    assert "Terverifikasi" in page.inner_text(".sid-kepala-halaman")
    p.refresh_from_db()
    assert p.status_verifikasi == StatusVerifikasi.TERVERIFIKASI
    assert "verifikasi" in page.inner_text("#riwayat")
    page.screenshot(path=str(artefak / "perangkat-pengangkatan.png"), full_page=True)
    page.click(".sid-aksi-baris >> text=Data perangkat")
    assert NOMOR_SK in page.inner_text("#pengangkatan")
    page.screenshot(path=str(artefak / "perangkat-halaman.png"), full_page=True)
    # On a phone the scan and the data stack instead of sitting side by side.
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/admin/perangkat/pengangkatan/{p.pk}/periksa/")
    assert page.is_visible("#isian-sk")
    page.screenshot(path=str(artefak / "perangkat-periksa-ponsel.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # 4. The officials register as PDF, for today.
    page.goto(f"{live_server.url}/admin/perangkat/pengangkatan/buku-aparat/")
    page.fill("#id_tanggal", hari_ini)
    page.click("input[value=Tampilkan]")
    page.wait_for_selector("#tabel-laporan >> text=Ahmad Fauzi, S.Sos.")
    page.screenshot(path=str(artefak / "perangkat-buku-aparat.png"), full_page=True)
    with page.expect_download() as unduhan:
        page.click("#unduh-pdf")
    berkas = artefak / "perangkat-buku-aparat.pdf"
    unduhan.value.save_as(str(berkas))
    assert unduhan.value.suggested_filename == f"buku-aparat-pemerintah-desa-{hari_ini}.pdf"
    teks = subprocess.run(
        ["pdftotext", "-raw", str(berkas), "-"], capture_output=True, check=True
    ).stdout.decode()
    rapat = "".join(teks.split())
    assert "Ahmad Fauzi, S.Sos." in " ".join(teks.split())
    assert NOMOR_SK in rapat
    assert "BUKUAPARATPEMERINTAHDESA" in rapat
    page.close()
