"""Journey: the operator issues an SKTM for a family head, the sekretaris verifies, the
kepala desa signs; the PDF downloads with the right text; the QR link shows the check page.
Three users, three roles, three separate browser sessions."""

import subprocess

import pytest

from tests.factories import SANDI_UJI
from tests.surat import siapan


def masuk(browser, live_server, username):
    konteks = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = konteks.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sktm_dibuat_diverifikasi_ditandatangani_lalu_dicek(
    browser, live_server, buat_staf, desa, admin_desa, artefak
):
    buat_staf("Operator", username="operatorsurat")
    buat_staf("Sekretaris Desa", username="sekdessurat")
    buat_staf("Kepala Desa", username="kadessurat")
    siapan.siapkan_perangkat(admin_desa)
    _k, kepala, _istri, _anak = siapan.siapkan_keluarga()
    siapan.jenis_bawaan()

    # 1. The operator: pick the type, find the resident, fill the field, preview, send.
    page = masuk(browser, live_server, "operatorsurat")
    page.goto(f"{live_server.url}/admin/surat/surat/add/")
    page.click("text=Keterangan Kurang Mampu (SKTM)")
    page.fill("#cari-penduduk", "Santoso")
    page.wait_for_selector("label:has-text('Budi Santoso') >> input[type=radio]")
    assert "hanya untuk kepala keluarga" in page.inner_text("#hasil-penduduk")  # Adi is a son
    page.check("label:has-text('Budi Santoso') >> input[type=radio]")
    page.fill("#id_form_keperluan", "Pendaftaran beasiswa sekolah anak")
    page.screenshot(path=str(artefak / "surat-formulir.png"), full_page=True)
    page.click("input[name=_simpan]")
    page.wait_for_selector("text=Draf disimpan")
    url_surat = page.url
    assert "BUDI SANTOSO" in page.inner_text("#isi-surat")
    page.click(".sid-aksi-baris >> text=Ajukan")
    page.click("input[name=_simpan]")
    page.wait_for_selector("text=Surat diajukan.")
    assert "Menunggu verifikasi" in page.inner_text("#status-surat")

    # 2. The sekretaris desa verifies.
    page = masuk(browser, live_server, "sekdessurat")
    assert "1 surat menunggu verifikasi." in page.inner_text("#content-main")
    page.goto(url_surat)
    page.click(".sid-aksi-baris >> text=Verifikasi")
    page.click("input[name=_simpan]")
    page.wait_for_selector("text=Surat diverifikasi.")
    assert "Menunggu tanda tangan" in page.inner_text("#status-surat")

    # 3. The kepala desa signs; the PDF is made and downloads.
    page = masuk(browser, live_server, "kadessurat")
    assert "1 surat menunggu tanda tangan." in page.inner_text("#content-main")
    page.goto(url_surat)
    page.click(".sid-aksi-baris >> text=Tandatangani")
    assert page.is_checked("input[name=penandatangan][value=kepala_desa]")
    page.click("input[name=_simpan]")
    page.wait_for_selector("text=Surat ditandatangani.")
    page.wait_for_selector("#unduh-pdf")
    nomor = page.inner_text("#nomor-surat")
    assert nomor.startswith("401/001/3201012001/")
    page.screenshot(path=str(artefak / "surat-terbit.png"), full_page=True)
    with page.expect_download() as unduhan:
        page.click("#unduh-pdf")
    berkas = artefak / "surat-sktm-browser.pdf"
    unduhan.value.save_as(str(berkas))
    teks = subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, check=True
    ).stdout.decode()
    for isi in (
        "BUDI SANTOSO",
        kepala.nik,
        nomor,
        siapan.NAMA_KADES,
        "Pendaftaran beasiswa sekolah anak",
    ):
        assert isi in teks, isi

    # 4. Anyone holding the paper opens the QR link (no login): the check page.
    url_cek = page.get_attribute("#tautan-cek", "href")
    assert url_cek.startswith(f"{live_server.url}/surat/cek/")
    publik = browser.new_context(viewport={"width": 375, "height": 812}).new_page()
    publik.set_default_timeout(10_000)
    publik.goto(url_cek)
    hasil = publik.inner_text("#isi")
    assert "ASLI dan SAH" in hasil and nomor in hasil and "3201********0001" in hasil
    assert kepala.nik not in hasil and siapan.NAMA_KADES in hasil
    publik.screenshot(path=str(artefak / "surat-cek-ponsel.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_jenis_surat_menyisipkan_kode_pratinjau_dan_peringatan(
    browser, live_server, desa, admin_desa, artefak
):
    from surat.models import JenisSurat

    siapan.siapkan_keluarga()
    j = siapan.jenis_bawaan()["keterangan-usaha"]
    page = masuk(browser, live_server, admin_desa.username)
    page.goto(f"{live_server.url}/admin/surat/jenissurat/{j.pk}/change/")
    page.frame_locator(".tox-edit-area__iframe").locator("p").last.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Catatan: ")
    page.click(".sid-katalog summary:text-is('Penduduk')")
    page.click("button[data-sisip-kode='[nik]']")
    page.keyboard.type(" [nmaa]")
    page.click("button:text-is('Pratinjau')")
    page.wait_for_selector("#pratinjau-jenis .sid-kertas")
    pratinjau = page.inner_text("#pratinjau-jenis")
    assert "BUDI SANTOSO" in pratinjau and "Catatan: 3201011705800001" in pratinjau
    assert page.inner_text("#pratinjau-jenis mark.kode-asing") == "[nmaa]"
    page.click("input[name=_simpan]")
    page.wait_for_selector("#peringatan-jenis")
    assert "Kode isian tidak dikenal: [nmaa]" in page.inner_text("#peringatan-jenis")
    page.screenshot(path=str(artefak / "surat-editor-jenis.png"), full_page=True)
    assert "[nmaa]" not in JenisSurat.objects.get(pk=j.pk).isi  # not saved before confirming
    page.check("#id_konfirmasi")
    page.click("input[name=_simpan]")
    page.wait_for_selector("text=disimpan")
    assert "[nmaa]" in JenisSurat.objects.get(pk=j.pk).isi
