"""Journey on a phone (375 px): a resident logs in with the PIN from the slip, chooses a new
PIN, requests a Surat Keterangan Usaha with a photo of the KTP; the operator processes it, the
sekretaris verifies and the kepala desa signs in the back office; the resident sees
"Siap Diambil" and downloads the signed PDF."""

from __future__ import annotations

import io
import subprocess

import pytest
from PIL import Image

from mandiri import services
from tests.factories import SANDI_UJI
from tests.surat import siapan

PIN_BARU = "538204"


def _staf(browser, live_server, username: str, tujuan: str):
    konteks = browser.new_context(viewport={"width": 1280, "height": 900})
    page = konteks.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/?next={tujuan}")
    page.fill("#id_username", username)
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}{tujuan}")
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_warga_meminta_surat_usaha_lalu_mengunduh_pdf_bertanda_tangan(
    browser, live_server, buat_staf, desa, admin_desa, artefak, tmp_path
):
    buat_staf("Operator", username="operatormandiri")
    buat_staf("Sekretaris Desa", username="sekdesmandiri")
    buat_staf("Kepala Desa", username="kadesmandiri")
    siapan.siapkan_perangkat(admin_desa)
    siapan.jenis_bawaan()
    _k, budi, _siti, _anak = siapan.siapkan_keluarga()
    _akun, pin_slip = services.akun_mandiri_create(oleh=admin_desa, penduduk=budi)
    foto = tmp_path / "ktp-budi.jpg"
    Image.new("RGB", (1200, 760), (40, 110, 180)).save(foto, format="JPEG")

    # 1. The resident, on a phone: log in with the slip's PIN, then choose a new PIN.
    hp = browser.new_context(viewport={"width": 375, "height": 812}, accept_downloads=True)
    warga = hp.new_page()
    warga.set_default_timeout(10_000)
    warga.goto(f"{live_server.url}/mandiri/masuk/")
    warga.screenshot(path=str(artefak / "mandiri-masuk.png"), full_page=True)
    warga.fill("#nik", budi.nik)
    warga.fill("#pin", pin_slip)
    warga.click("#tombol-masuk")
    warga.wait_for_url(f"{live_server.url}/mandiri/ganti-pin/")
    assert "ganti dulu PIN" in warga.inner_text("#wajib-ganti")
    warga.fill("#id_pin_lama", pin_slip)
    warga.fill("#id_pin_baru", PIN_BARU)
    warga.fill("#id_pin_ulang", PIN_BARU)
    warga.click("#tombol-ganti-pin")
    warga.wait_for_url(f"{live_server.url}/mandiri/")
    assert "Halo, Budi Santoso" in warga.inner_text("main")
    lebar = warga.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 375, f"halaman lebih lebar dari layar ponsel: {lebar}px"
    warga.screenshot(path=str(artefak / "mandiri-beranda.png"), full_page=True)

    # 2. Request a Surat Keterangan Usaha with a photo of the KTP.
    warga.click("text=Minta surat")
    warga.click("text=Keterangan Usaha")
    warga.fill("#id_form_usaha", "Warung sembako Berkah")
    warga.fill("#id_form_alamat_usaha", "Jl. Melati No. 5, RT 001")
    warga.fill("#id_form_keperluan", "Pengajuan Kredit Usaha Rakyat")
    warga.set_input_files("#id_dokumen_0", str(foto))
    warga.screenshot(path=str(artefak / "mandiri-permohonan-form.png"), full_page=True)
    warga.click("#tombol-ajukan")
    warga.wait_for_selector("#status-permohonan")
    url_permohonan = warga.url
    assert "Menunggu Verifikasi" in warga.inner_text("#status-permohonan")
    assert "Fotokopi KTP-el" in warga.inner_text("main")
    assert warga.evaluate("document.documentElement.scrollWidth") <= 375

    # 3. The operator opens the request (documents beside it), creates the draft, sends it.
    from mandiri.models import Permohonan

    p = Permohonan.objects.get()
    op = _staf(browser, live_server, "operatormandiri", f"/admin/mandiri/permohonan/{p.pk}/change/")
    assert "Fotokopi KTP-el" in op.inner_text(".sid-dokumen")
    op.click("#tombol-proses")
    op.wait_for_selector("#buka-surat")
    assert "Warung sembako Berkah" in op.inner_text("#pratinjau-surat")
    op.screenshot(path=str(artefak / "mandiri-permohonan-operator.png"), full_page=True)
    op.click("#buka-surat")
    url_surat = op.url
    op.click(".sid-aksi-baris >> text=Ajukan")
    op.click("input[name=_simpan]")
    op.wait_for_selector("text=Surat diajukan.")

    warga.goto(url_permohonan)
    assert "Sedang Diproses" in warga.inner_text("#status-permohonan")

    # 4. The sekretaris desa verifies, the kepala desa signs.
    sek = _staf(browser, live_server, "sekdesmandiri", url_surat.removeprefix(live_server.url))
    sek.click(".sid-aksi-baris >> text=Verifikasi")
    sek.click("input[name=_simpan]")
    sek.wait_for_selector("text=Surat diverifikasi.")
    kd = _staf(browser, live_server, "kadesmandiri", url_surat.removeprefix(live_server.url))
    kd.click(".sid-aksi-baris >> text=Tandatangani")
    kd.click("input[name=_simpan]")
    kd.wait_for_selector("text=Surat ditandatangani.")
    kd.wait_for_selector("#unduh-pdf")
    nomor = kd.inner_text("#nomor-surat")

    # 5. The resident sees "Siap Diambil" and downloads the signed PDF.
    warga.goto(url_permohonan)
    assert "Siap Diambil" in warga.inner_text("#status-permohonan")
    assert nomor in warga.inner_text("#siap-diambil")
    warga.screenshot(path=str(artefak / "mandiri-siap-diambil.png"), full_page=True)
    with warga.expect_download() as unduhan:
        warga.click("#unduh-pdf")
    berkas = artefak / "mandiri-surat-usaha.pdf"
    unduhan.value.save_as(str(berkas))
    isi = berkas.read_bytes()
    assert isi.startswith(b"%PDF")
    teks = subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "SURAT KETERANGAN USAHA" in teks
    assert "BUDI SANTOSO" in teks.upper() and "Warung sembako Berkah" in teks
    assert nomor in teks
    # The image the resident uploaded was re-encoded (no EXIF), stored privately.
    d = p.dokumen.get()
    with d.berkas.open("rb") as f:
        assert not Image.open(io.BytesIO(f.read())).getexif()
