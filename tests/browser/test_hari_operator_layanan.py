"""The operator's daily tasks, second half: a letter to PDF, a portal request answered, an
article published, a backup made; on a laptop (1366×768) and a phone (375×812), counted and
photographed like tests/browser/test_hari_operator.py (conventions: tests/browser/langkah.py).

Letters here follow the village setting OpenSID villages work with: no separate verification
or signing step (PengaturanSurat), so the operator issues the letter and gets the PDF."""

from __future__ import annotations

import subprocess

import pytest

from mandiri import services as mandiri_services
from mandiri.models import Permohonan
from sid.models import LogCadangan
from surat.models import PengaturanSurat, Surat
from tests import desa_uji
from tests.browser.langkah import LAYAR
from tests.mandiri import berkas_uji
from tests.surat import siapan

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("layar", list(LAYAR)),
]


@pytest.fixture
def surat_tanpa_verifikasi(desa, admin_desa):
    """Officials in office, the built-in letter types, no verification/signing step."""
    siapan.siapkan_perangkat(admin_desa)
    jenis = siapan.jenis_bawaan()
    PengaturanSurat.ambil()
    PengaturanSurat.objects.filter(pk=1).update(
        verifikasi_sekretaris=False, tanda_tangan_kepala_desa=False
    )
    return jenis


def teks_pdf(berkas) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, check=True
    ).stdout.decode()


def test_terbitkan_surat_ke_pdf(
    hitung, surat_tanpa_verifikasi, keluarga_budi, operator, artefak, layar
):
    h = hitung(operator.username, "07-surat-pdf")
    h.klik_(".sid-pintasan >> text=Buat surat")
    h.foto("pilih-jenis")
    h.klik_("text=Keterangan Kurang Mampu (SKTM)")
    h.isi("#cari-penduduk", "Budi")
    h.page.wait_for_selector("label:has-text('Budi Santoso') >> input[type=radio]")
    h.centang("label:has-text('Budi Santoso') >> input[type=radio]")
    h.isi("#id_form_keperluan", "Pendaftaran beasiswa sekolah anak")
    h.foto("formulir")
    h.klik_("input[name=_simpan]")
    h.page.wait_for_selector("text=Draf disimpan")
    assert "BUDI SANTOSO" in h.page.inner_text("#isi-surat")
    h.foto("pratinjau")
    berkas = artefak / f"hari-operator-surat-{layar}.pdf"
    h.klik_unduh("#tombol-terbitkan", berkas)
    h.page.wait_for_selector("#unduh-pdf")
    h.foto("terbit")
    s = Surat.objects.get()
    assert s.status == Surat.Status.TERBIT
    teks = teks_pdf(berkas)
    for isi in ("BUDI SANTOSO", desa_uji.NIK_BUDI, s.nomor, siapan.NAMA_KADES):
        assert isi in teks, isi
    h.catat("Terbitkan surat (SKTM) sampai PDF terunduh")
    assert (h.muat, h.klik, h.isian, h.unduhan) == (4, 5, 2, 1)


def test_jawab_permohonan_layanan_mandiri(
    hitung, surat_tanpa_verifikasi, keluarga_budi, operator, admin_desa, artefak, layar
):
    budi = keluarga_budi.kepala
    mandiri_services.akun_mandiri_create(oleh=admin_desa, penduduk=budi)
    mandiri_services.permohonan_create(
        penduduk=budi,
        jenis=surat_tanpa_verifikasi["keterangan-usaha"],
        isian={
            "form_usaha": "Warung sembako Berkah",
            "form_alamat_usaha": "Jl. Melati No. 5",
            "form_keperluan": "Pengajuan Kredit Usaha Rakyat",
        },
        dokumen=[("Fotokopi KTP-el", berkas_uji.jpeg())],
    )
    h = hitung(operator.username, "08-permohonan-mandiri")
    h.klik_(".sid-pintasan >> text=Permohonan surat")
    h.foto("antrean")
    h.klik_("#result_list >> text=Budi Santoso")
    assert "Fotokopi KTP-el" in h.page.inner_text(".sid-dokumen")
    h.foto("permohonan")
    h.klik_("#tombol-proses")
    h.page.wait_for_selector("#buka-surat")
    assert "Warung sembako Berkah" in h.page.inner_text("#pratinjau-surat")
    h.foto("draf-dibuat")
    h.klik_("#buka-surat")
    h.foto("surat")
    berkas = artefak / f"hari-operator-permohonan-{layar}.pdf"
    h.klik_unduh("#tombol-terbitkan", berkas)
    h.page.wait_for_selector("#unduh-pdf")
    h.foto("terbit")
    assert "Warung sembako Berkah" in teks_pdf(berkas)
    p = Permohonan.objects.dengan_status().get()
    assert p.status_tampil == Permohonan.Status.SIAP
    h.catat("Jawab permohonan surat dari Layanan Mandiri (sampai PDF, warga melihat Siap Diambil)")
    assert (h.muat, h.klik, h.isian, h.unduhan) == (5, 5, 0, 1)


def test_terbitkan_artikel(hitung, desa, buat_staf, layar):
    from konten.models import Artikel

    redaksi = buat_staf("Redaksi", username="redaksi")
    judul = "Kerja bakti membersihkan saluran air"
    h = hitung(redaksi.username, "09-artikel")
    h.klik_(".sid-pintasan >> text=Tulis artikel")
    h.isi("#id_judul", judul)
    h.page.wait_for_function(
        "() => window.tinymce && tinymce.get('id_isi') && tinymce.get('id_isi').initialized"
    )
    h.klik_(".tox-edit-area__iframe")
    h.isian += 1
    h.page.keyboard.type("Warga RT 001 bergotong royong membersihkan saluran air.")
    h.isi("#id_status", Artikel.Status.TERBIT)
    h.foto("formulir")
    h.klik_("input[name=_save]")
    h.page.wait_for_url("**/admin/konten/artikel/")
    h.foto("daftar")
    a = Artikel.objects.get(judul=judul)
    assert a.status == Artikel.Status.TERBIT and "gotong royong" in a.isi
    h.catat("Terbitkan artikel (judul, isi, status Terbit)")
    assert (h.muat, h.klik, h.isian) == (2, 3, 3)
    # It is on the website at once.
    h.page.goto(h.page.url.split("/admin/")[0] + "/")
    assert judul in h.page.inner_text("body")


def test_buat_cadangan(hitung, desa, keluarga_budi, admin_desa, settings, tmp_path, layar):
    settings.BACKUP_ROOT = tmp_path / "cadangan"
    h = hitung(admin_desa.username, "10-cadangan")
    h.klik_(".sid-pintasan >> text=Daftar cadangan")
    h.foto("daftar")
    h.klik_("text=Buat cadangan sekarang")
    h.page.wait_for_selector("text=Cadangan selesai dan terverifikasi")
    h.foto("selesai")
    unduhan = h.klik_unduh("#result_list >> text=Unduh")
    assert unduhan.suggested_filename.startswith("sid-") and ".tar.gz" in unduhan.suggested_filename
    log = LogCadangan.objects.get()
    assert log.status == LogCadangan.Status.OK
    h.catat("Buat cadangan lengkap dan unduh arsipnya (Administrator)")
    assert (h.muat, h.klik, h.isian, h.unduhan) == (2, 3, 0, 1)
