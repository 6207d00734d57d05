"""Issue #17 items 1 and 5 through the portal: a decompression bomb as a complaint photo or a
requirement document is refused from its header (quickly, with little memory) and nothing is
written; a stored photo keeps no metadata but its ICC colour profile."""

from __future__ import annotations

import pytest

from mandiri.models import DokumenPermohonan, Pengaduan, Permohonan
from tests.mandiri.test_permohonan import ISIAN_USAHA
from tests.sid.berkas_bom import Ukur, unggahan_png_bom
from tests.sid.test_bom_gambar import jpeg_bermetadata, tanpa_metadata
from tests.surat import siapan as surat_uji

pytestmark = [
    pytest.mark.django_db,
    # As in production (see tests/sid/test_bom_gambar.py): the old code then decodes the bomb.
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]
PESAN = "Gambar terlalu besar: maksimal 40 juta piksel"


def _adukan(warga, foto):
    return warga.post(
        "/mandiri/pengaduan/baru/",
        {
            "jenis": "pengaduan",
            "judul": "Lampu jalan mati",
            "isi": "Lampu di depan musala mati sejak seminggu.",
            "foto": foto,
        },
    )


def test_bom_sebagai_foto_pengaduan_ditolak_tanpa_menulis(warga_budi):
    berkas = unggahan_png_bom("lampu.png")
    with Ukur() as u:
        r = _adukan(warga_budi, berkas)
    u.periksa()
    assert r.status_code == 200 and PESAN in r.content.decode()
    assert not Pengaduan.objects.exists()


def test_bom_sebagai_dokumen_permohonan_ditolak_tanpa_menulis(warga_budi, settings):
    surat_uji.jenis_bawaan()
    berkas = unggahan_png_bom("ktp.png")
    with Ukur() as u:
        r = warga_budi.post(
            "/mandiri/permohonan/baru/keterangan-usaha/", {**ISIAN_USAHA, "dokumen_0": berkas}
        )
    u.periksa()
    assert r.status_code == 200 and PESAN in r.content.decode()
    assert not Permohonan.objects.exists() and not DokumenPermohonan.objects.exists()


def test_foto_pengaduan_tersimpan_tanpa_metadata_icc_tetap(warga_budi):
    r = _adukan(warga_budi, jpeg_bermetadata())
    assert r.status_code == 302
    with Pengaduan.objects.get().foto.open("rb") as f:
        tanpa_metadata(f.read())
