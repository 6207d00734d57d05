"""The portal's "Dokumen saya": a resident sees and downloads their own stored documents (and
their family's KK), never another resident's, and attaches a stored one to a letter request
instead of uploading it again."""

from __future__ import annotations

import pytest

from mandiri.models import DokumenPermohonan, Permohonan
from penduduk.models import JenisDokumen
from penduduk.services import dokumen as layanan
from tests.mandiri import berkas_uji
from tests.surat import siapan as surat_uji

pytestmark = pytest.mark.django_db
ISIAN_USAHA = {
    "form_usaha": "Warung sembako",
    "form_alamat_usaha": "Jl. Melati No. 5",
    "form_mulai_usaha": "2019",
    "form_keperluan": "Pengajuan KUR",
}
URL_BARU = "/mandiri/permohonan/baru/keterangan-usaha/"


@pytest.fixture
def jenis(db):
    return surat_uji.jenis_bawaan()


def _simpan(oleh, penduduk, jenis: str, nomor: str, berkas=None):
    return layanan.dokumen_tambah(
        oleh=oleh,
        penduduk=penduduk,
        jenis=JenisDokumen.objects.get(nama=jenis),
        berkas=berkas or berkas_uji.pdf(),
        nomor=nomor,
    )


@pytest.fixture
def dokumen(keluarga_budi, keluarga_rina, operator):
    """Budi's KTP, the family's KK (uploaded on Siti's page), Rina's KTP."""
    _k, budi, siti, _anak = keluarga_budi
    _k2, rina, _anak2 = keluarga_rina
    return {
        "ktp_budi": _simpan(operator, budi, "KTP", "KTP-BUDI"),
        "kk_budi": _simpan(operator, siti, "Kartu Keluarga (KK)", "KK-BUDI", berkas_uji.jpeg()),
        "ktp_siti": _simpan(operator, siti, "KTP", "KTP-SITI"),
        "ktp_rina": _simpan(operator, rina, "KTP", "KTP-RINA"),
    }


def test_dokumen_saya_menampilkan_milik_sendiri_dan_kk_keluarga(warga_budi, dokumen):
    beranda = warga_budi.get("/mandiri/").content.decode()
    assert "/mandiri/dokumen/" in beranda  # in the menu
    html = warga_budi.get("/mandiri/dokumen/").content.decode()
    assert "KTP-BUDI" in html and "KK-BUDI" in html
    assert "KTP-SITI" not in html  # another member's personal document
    assert "KTP-RINA" not in html


def test_warga_mengunduh_dokumennya_sendiri(warga_budi, dokumen):
    r = warga_budi.get(f"/mandiri/dokumen/{dokumen['ktp_budi'].uuid}/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content == berkas_uji.PDF
    assert 'filename="KTP-KTP-BUDI.pdf"' in r["Content-Disposition"]
    assert "private" in r["Cache-Control"] and "no-store" in r["Cache-Control"]
    r = warga_budi.get(f"/mandiri/dokumen/{dokumen['kk_budi'].uuid}/")
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize("milik", ["ktp_rina", "ktp_siti"])
def test_dokumen_orang_lain_menjawab_404(warga_budi, dokumen, milik):
    assert warga_budi.get(f"/mandiri/dokumen/{dokumen[milik].uuid}/").status_code == 404


def test_tanpa_masuk_tidak_bisa_mengunduh(client, dokumen):
    r = client.get(f"/mandiri/dokumen/{dokumen['ktp_budi'].uuid}/")
    assert r.status_code == 302 and "/mandiri/masuk/" in r["Location"]


def test_permohonan_memakai_dokumen_tersimpan(warga_budi, dokumen, jenis, klien_admin):
    html = warga_budi.get(URL_BARU).content.decode()
    assert "atau pakai dokumen tersimpan" in html
    assert str(dokumen["ktp_budi"].uuid) in html and "KTP No. KTP-BUDI" in html
    assert str(dokumen["ktp_rina"].uuid) not in html
    r = warga_budi.post(URL_BARU, {**ISIAN_USAHA, "tersimpan_0": str(dokumen["ktp_budi"].uuid)})
    assert r.status_code == 302
    p = Permohonan.objects.get()
    d = p.dokumen.get()
    assert d.sumber == dokumen["ktp_budi"] and d.jenis_berkas == "pdf"
    assert d.nama == "Fotokopi KTP-el"
    assert d.berkas.name != dokumen["ktp_budi"].berkas.name  # the request's own copy
    with d.berkas.open("rb") as f:
        assert f.read() == berkas_uji.PDF
    # The operator sees where it came from.
    html = klien_admin.get(f"/admin/mandiri/permohonan/{p.pk}/change/").content.decode()
    assert "dari dokumen tersimpan desa: KTP KTP-BUDI" in html
    # Removing the stored document leaves the request's copy.
    layanan.dokumen_hapus(oleh=None, dokumen=dokumen["ktp_budi"])
    d.refresh_from_db()
    assert d.sumber is None and d.berkas.storage.exists(d.berkas.name)


def test_dokumen_warga_lain_tidak_bisa_dilampirkan(warga_budi, dokumen, jenis):
    r = warga_budi.post(URL_BARU, {**ISIAN_USAHA, "tersimpan_0": str(dokumen["ktp_rina"].uuid)})
    assert r.status_code == 200
    assert "Dokumen tersimpan tidak ditemukan; pilih dari daftar." in r.content.decode()
    assert not Permohonan.objects.exists() and not DokumenPermohonan.objects.exists()


def test_unggah_dan_dokumen_tersimpan_sekaligus_ditolak(warga_budi, dokumen, jenis):
    r = warga_budi.post(
        URL_BARU,
        {
            **ISIAN_USAHA,
            "dokumen_0": berkas_uji.jpeg(),
            "tersimpan_0": str(dokumen["ktp_budi"].uuid),
        },
    )
    assert r.status_code == 200
    assert "Pilih salah satu" in r.content.decode()
    assert not Permohonan.objects.exists()


def test_layanan_menolak_dokumen_tersimpan_milik_orang_lain(keluarga_budi, dokumen, jenis):
    """The service checks ownership too, not only the form's list."""
    from django.core.exceptions import ValidationError

    from mandiri import services

    with pytest.raises(ValidationError, match="dokumen tersimpan tidak ditemukan"):
        services.permohonan_create(
            penduduk=keluarga_budi[1],
            jenis=jenis["keterangan-usaha"],
            isian=ISIAN_USAHA,
            dokumen=[("KTP", dokumen["ktp_rina"])],
        )
    assert not Permohonan.objects.exists()


def test_tanpa_dokumen_tersimpan_tidak_ada_pilihan(warga_budi, jenis):
    html = warga_budi.get(URL_BARU).content.decode()
    assert "atau pakai dokumen tersimpan" not in html
    assert "Belum ada dokumen" in warga_budi.get("/mandiri/dokumen/").content.decode()
