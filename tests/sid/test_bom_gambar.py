"""Issue #17 items 1 and 5: image decompression bombs are refused from their header (fast,
small memory) with a per-field pixel limit, and re-encoded images keep no metadata but their
ICC colour profile.

The bomb tests ignore Pillow's DecompressionBombWarning as production does (pytest makes every
warning an error, which would stop the old code early for the wrong reason): without the fix
the 13,300 × 13,300 PNG is decoded (~12 s, +1.6 GB) and these tests fail on time and memory.
"""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms

from sid.lib.berkas import (
    BidangLogo,
    batas_piksel_tertinggi,
    bersihkan_gambar,
    periksa_piksel,
    teks_piksel,
)
from sid.models import IdentitasDesa
from tests.sid.berkas_bom import Ukur, png_bom, unggahan_png_bom

abaikan_peringatan_bom = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")


def _png(lebar: int, tinggi: int, nama: str = "gambar.png") -> SimpleUploadedFile:
    keluaran = io.BytesIO()
    Image.new("L", (lebar, tinggi), 200).save(keluaran, format="PNG")
    return SimpleUploadedFile(nama, keluaran.getvalue(), content_type="image/png")


def test_teks_piksel_mudah_dibaca():
    assert teks_piksel(40_000_000) == "40 juta piksel"
    assert teks_piksel(2_500_000) == "2,5 juta piksel"
    assert teks_piksel(640_000) == "640.000 piksel"


def test_pillow_tidak_mengurai_lebih_dari_batas_tertinggi(settings):
    assert Image.MAX_IMAGE_PIXELS == batas_piksel_tertinggi() == 40_000_000
    settings.SID_PIKSEL_FOTO_MAKS = 30_000_000
    assert Image.MAX_IMAGE_PIXELS == 30_000_000
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_bom()))


@abaikan_peringatan_bom
def test_bom_png_ditolak_dari_kepala_berkas_cepat_dan_hemat_memori():
    berkas = unggahan_png_bom()
    with Ukur() as u, pytest.raises(ValidationError) as galat:
        bersihkan_gambar(berkas)
    u.periksa(detik=1.0)
    assert galat.value.messages == [
        "Gambar terlalu besar: maksimal 40 juta piksel. Perkecil gambarnya lalu unggah lagi."
    ]


@abaikan_peringatan_bom
def test_batas_piksel_per_jenis_dengan_ukuran_gambar(settings):
    settings.SID_PIKSEL_FOTO_MAKS = 300 * 200
    with pytest.raises(ValidationError) as galat:
        periksa_piksel(_png(301, 200))
    assert galat.value.messages == [
        "Gambar terlalu besar: maksimal 60.000 piksel (gambar ini 301 × 200). Perkecil "
        "gambarnya lalu unggah lagi."
    ]
    periksa_piksel(_png(300, 200))  # at the limit: accepted
    settings.SID_PIKSEL_LOGO_MAKS = 100 * 100
    with pytest.raises(ValidationError, match="maksimal 10.000 piksel"):
        bersihkan_gambar(_png(300, 200), jenis="logo")
    assert bersihkan_gambar(_png(300, 200), jenis="foto").name.endswith(".jpg")


@abaikan_peringatan_bom
@pytest.mark.django_db
def test_bom_dan_logo_kebesaran_di_identitas_desa_ditolak(klien_admin, settings):
    IdentitasDesa.ambil()
    url = reverse("admin:sid_identitasdesa_change", args=[1])
    data = {
        "nama_desa": "Sukamaju", "kode_desa": "3201012001", "sebutan_desa": "Desa",
        "sebutan_dusun": "Dusun", "sebutan_kecamatan": "Kecamatan",
        "sebutan_kabupaten": "Kabupaten", "sebutan_camat": "Camat",
        "sebutan_kepala_desa": "Kepala Desa", "sebutan_nip_desa": "NIPD",
        "pakai_rw": "on", "pakai_rt": "on",
    }  # fmt: skip
    with Ukur() as u:
        r = klien_admin.post(url, {**data, "logo": unggahan_png_bom("logo.png")})
    u.periksa()  # the page itself takes about a second to render on a busy machine
    assert r.status_code == 200
    assert "Gambar terlalu besar: maksimal 10 juta piksel" in r.content.decode()
    assert not IdentitasDesa.objects.get().logo
    # The logo's limit is smaller than a photo's: the same picture fits as the office photo.
    settings.SID_PIKSEL_LOGO_MAKS = 100 * 100
    r = klien_admin.post(url, {**data, "logo": _png(300, 200, "logo.png")})
    assert r.status_code == 200
    assert "maksimal 10.000 piksel (gambar ini 300 × 200)" in r.content.decode()
    r = klien_admin.post(url, {**data, "kantor_desa": _png(300, 200, "kantor.png")})
    assert r.status_code == 302
    desa = IdentitasDesa.objects.get()
    assert desa.kantor_desa and not desa.logo


def test_bidang_logo_memakai_batas_logo():
    assert BidangLogo.jenis == "logo"


# --- item 5: no metadata but the ICC profile -------------------------------------------------
PENANDA = b"PENANDA-RAHASIA"
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def jpeg_bermetadata(nama: str = "foto.jpg") -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[0x010F] = "PENANDA-RAHASIA-EXIF"  # Make
    exif[0x8825] = {1: "S", 2: (6.0, 35.0, 0.0)}  # GPS
    keluaran = io.BytesIO()
    Image.new("RGB", (120, 80), (10, 120, 200)).save(
        keluaran,
        format="JPEG",
        comment=PENANDA + b"-KOMENTAR",
        exif=exif,
        xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + PENANDA + b"-XMP</x:xmpmeta>",
        icc_profile=ICC,
    )
    data = keluaran.getvalue()
    assert data.count(PENANDA) == 3 and ICC in data
    return SimpleUploadedFile(nama, data, content_type="image/jpeg")


def tanpa_metadata(data: bytes) -> None:
    assert PENANDA not in data
    with Image.open(io.BytesIO(data)) as img:
        assert "comment" not in img.info
        assert "xmp" not in img.info
        assert not img.getexif()
        assert img.info.get("icc_profile") == ICC


def test_jpeg_dikodekan_ulang_tanpa_komentar_exif_xmp_tetapi_icc_tetap():
    tanpa_metadata(bersihkan_gambar(jpeg_bermetadata()).read())


@abaikan_peringatan_bom
@pytest.mark.parametrize("periksa", ["sk", "lampiran"])
def test_bom_sebagai_pindaian_sk_atau_lampiran_disebut_terlalu_besar(periksa):
    from perangkat.berkas import periksa_berkas_sk
    from sid.lib.kabel.lampiran import periksa_lampiran

    fungsi = periksa_berkas_sk if periksa == "sk" else periksa_lampiran
    berkas = unggahan_png_bom()
    with Ukur() as u, pytest.raises(ValidationError) as galat:
        fungsi(berkas)
    u.periksa(detik=1.0)
    assert galat.value.messages[0].startswith("Gambar terlalu besar: maksimal 40 juta piksel")


@abaikan_peringatan_bom
@pytest.mark.django_db
@pytest.mark.parametrize("form", ["penduduk", "perangkat"])
def test_foto_penduduk_dan_perangkat_memakai_batas_pasfoto(form):
    from penduduk.forms import PendudukForm
    from perangkat.forms import PerangkatForm

    kelas = PendudukForm if form == "penduduk" else PerangkatForm
    f = kelas(data={}, files={"foto": unggahan_png_bom("foto.png")})
    assert not f.is_valid()
    assert f.errors["foto"][0].startswith("Gambar terlalu besar: maksimal 24 juta piksel")
