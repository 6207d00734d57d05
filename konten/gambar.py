"""Website images: checked and re-encoded by sid.lib.berkas, then resized to two WebP variants.

- large: at most 1200 px wide (article page, Open Graph), at most 1600 px tall;
- small: 400 px wide (lists, cards, srcset on phones).

Phones store the camera's rotation in EXIF; bersihkan_gambar applies it before dropping the
metadata, so photos stay upright.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile

from konten.models import UKURAN_KECIL
from sid.lib.berkas import bersihkan_gambar

if TYPE_CHECKING:
    from PIL import Image

UKURAN_BESAR = 1200
TINGGI_MAKS = 1600
MUTU_WEBP = 80


@dataclass
class VarianGambar:
    besar: ContentFile
    kecil: ContentFile
    lebar: int
    tinggi: int


def _webp(gambar: Image.Image) -> bytes:
    keluaran = io.BytesIO()
    mode = "RGBA" if gambar.mode in ("RGBA", "LA", "P") else "RGB"
    icc = gambar.info.get("icc_profile")  # the only metadata kept (sid.lib.berkas)
    tambahan = {"icc_profile": icc} if icc else {}
    gambar.convert(mode).save(keluaran, format="WEBP", quality=MUTU_WEBP, method=4, **tambahan)
    return keluaran.getvalue()


def buat_varian(berkas) -> VarianGambar:
    """Check, clean and resize an upload. Raises ValidationError for anything not an image."""
    from PIL import Image  # loaded on first use, limits applied (sid.lib.berkas)

    bersih = bersihkan_gambar(berkas)
    bersih.seek(0)
    with Image.open(bersih) as asli:
        asli.load()
        besar = asli.copy()
    besar.thumbnail((UKURAN_BESAR, TINGGI_MAKS), Image.Resampling.LANCZOS)
    kecil = besar.copy()
    kecil.thumbnail((UKURAN_KECIL, TINGGI_MAKS), Image.Resampling.LANCZOS)
    nama = uuid.uuid4().hex
    return VarianGambar(
        besar=ContentFile(_webp(besar), name=f"{nama}-{UKURAN_BESAR}.webp"),
        kecil=ContentFile(_webp(kecil), name=f"{nama}-{UKURAN_KECIL}.webp"),
        lebar=besar.width,
        tinggi=besar.height,
    )


def siapkan(berkas) -> VarianGambar:
    """The variants of an upload: made once (a form's clean step attaches them as `varian`)."""
    varian = getattr(berkas, "varian", None)
    return varian if isinstance(varian, VarianGambar) else buat_varian(berkas)


def periksa_unggahan(berkas):
    """For forms: check an upload now (errors land on the field) and attach its variants."""
    varian = buat_varian(berkas)
    berkas.varian = varian
    return berkas
