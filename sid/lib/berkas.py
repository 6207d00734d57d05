"""Uploaded files: checked by content (never by name), images re-encoded without metadata,
refused above a pixel limit per kind of field before any pixel is decoded."""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.util
import io
import os
import sys
import uuid
import warnings
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

if TYPE_CHECKING:
    from PIL import Image

# Pillow (~3 MB with its image libraries) is imported by the functions that decode, so a
# process that never opens an image does not load it; the limits below reach it at its first
# import, whoever imports it (docs/architecture.md, "Imports inside functions").


class PenyimpananPrivat(FileSystemStorage):
    """Private files have no URL: a template that asks for one is a bug, not a 404 later."""

    def url(self, name):
        raise ValueError(
            "Berkas privat tidak memiliki URL; sajikan lewat view yang memeriksa izin."
        )


class _Privat(LazyObject):
    """The "privat" storage, resolved when first used and again after STORAGES changes
    (a FileField keeps the object it got at import, so tests' overrides must reach it)."""

    def _setup(self):
        from django.core.files.storage import storages

        self._wrapped = storages["privat"]


_PRIVAT = _Privat()


@receiver(setting_changed)
def _lupakan_privat(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_ROOT"):
        _PRIVAT._wrapped = empty


def penyimpanan_privat():
    """Storage for private files (outside MEDIA_ROOT; streamed by permission-checking views)."""
    return _PRIVAT


BATAS_GAMBAR_BYTE = 5 * 1024 * 1024
SISI_MAKS = 2400
FORMAT_GAMBAR = {"JPEG", "PNG", "WEBP", "GIF"}
KODE_TERLALU_BESAR = "gambar_terlalu_besar"

# Pixel limit per kind of image field (settings; docs/keamanan.md).
JENIS_GAMBAR = {
    "foto": "SID_PIKSEL_FOTO_MAKS",  # photos, scans, documents, article images, attachments
    "pasfoto": "SID_PIKSEL_PASFOTO_MAKS",  # a resident's or an official's photo
    "logo": "SID_PIKSEL_LOGO_MAKS",  # the village logo
}


def _bom() -> tuple[type[Exception], ...]:
    from PIL import Image

    return (Image.DecompressionBombError, Image.DecompressionBombWarning)


def batas_piksel(jenis: str) -> int:
    return int(getattr(settings, JENIS_GAMBAR[jenis]))


def batas_piksel_tertinggi() -> int:
    return max(batas_piksel(j) for j in JENIS_GAMBAR)


def _batasi(image_modul) -> None:
    image_modul.MAX_IMAGE_PIXELS = batas_piksel_tertinggi()
    warnings.filterwarnings("error", category=image_modul.DecompressionBombWarning)


class _BatasSaatImpor(importlib.abc.MetaPathFinder):
    """Sets the limits the moment `PIL.Image` is first imported, by SID or by a library
    (WeasyPrint, Django's ImageField), before anything can decode with it."""

    def find_spec(self, fullname, path, target=None):
        if fullname != "PIL.Image":
            return None
        with contextlib.suppress(ValueError):  # once is enough
            sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        muat = spec.loader.exec_module

        def exec_module(modul):
            muat(modul)
            _batasi(modul)

        spec.loader.exec_module = exec_module
        return spec


def pasang_batas_pillow() -> None:
    """Nothing anywhere decodes more pixels than the largest field allows: Pillow refuses at
    `Image.open` (its warning band is made an error too, as Pillow's docs suggest). Applied
    now when Pillow is loaded, else at its first import."""
    image_modul = sys.modules.get("PIL.Image")
    if image_modul is not None:
        _batasi(image_modul)
    elif not any(isinstance(f, _BatasSaatImpor) for f in sys.meta_path):
        sys.meta_path.insert(0, _BatasSaatImpor())


def teks_piksel(n: int) -> str:
    """40000000 → "40 juta piksel"; 2500000 → "2,5 juta piksel"; 640000 → "640.000 piksel"."""
    if n >= 1_000_000:
        juta = f"{n / 1_000_000:.1f}".removesuffix(".0").replace(".", ",")
        return f"{juta} juta piksel"
    return f"{n:,} piksel".replace(",", ".")


def _terlalu_besar(batas: int, ukuran: tuple[int, int] | None = None) -> ValidationError:
    pesan = f"Gambar terlalu besar: maksimal {teks_piksel(batas)}"
    if ukuran:
        lebar, tinggi = (f"{x:,}".replace(",", ".") for x in ukuran)
        pesan += f" (gambar ini {lebar} × {tinggi})"
    return ValidationError(
        pesan + ". Perkecil gambarnya lalu unggah lagi.", code=KODE_TERLALU_BESAR
    )


@receiver(setting_changed)
def _ikuti_batas_piksel(*, setting, **kwargs):
    if setting in JENIS_GAMBAR.values():
        pasang_batas_pillow()


def periksa_piksel(berkas, *, jenis: str = "foto") -> None:
    """Refuse an image above the field's pixel limit, reading only its header (Image.open is
    lazy: no pixel is decoded here). Anything that is not an image passes: the content checks
    that follow refuse it with their own message."""
    from PIL import Image, UnidentifiedImageError

    batas = batas_piksel(jenis)
    sumber = io.BytesIO(berkas) if isinstance(berkas, bytes | bytearray) else berkas
    if hasattr(sumber, "seek"):
        sumber.seek(0)
    try:
        with Image.open(sumber) as probe:
            ukuran = probe.size
    except _bom():
        raise _terlalu_besar(batas) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return
    finally:
        if hasattr(sumber, "seek"):
            sumber.seek(0)
    if ukuran[0] * ukuran[1] > batas:
        raise _terlalu_besar(batas, ukuran)


class BidangGambar(forms.ImageField):
    """Django's ImageField with the pixel limit of its kind checked first, from the header.

    (Django's own check opens the image too, and calls one past Pillow's limit merely
    "invalid"; this says what is wrong.) Use through `Meta.field_classes`.
    """

    jenis = "foto"

    def to_python(self, data):
        if data and hasattr(data, "read"):
            periksa_piksel(data, jenis=self.jenis)
        return super().to_python(data)


class BidangPasfoto(BidangGambar):
    jenis = "pasfoto"


class BidangLogo(BidangGambar):
    jenis = "logo"


def _baca(berkas, batas: int) -> bytes:
    ukuran = getattr(berkas, "size", None)
    if ukuran is not None and ukuran > batas:
        raise ValidationError(f"Berkas terlalu besar (maksimal {batas // (1024 * 1024)} MB).")
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    data = berkas.read(batas + 1)
    if len(data) > batas:
        raise ValidationError(f"Berkas terlalu besar (maksimal {batas // (1024 * 1024)} MB).")
    if not data:
        raise ValidationError("Berkas kosong.")
    return data


def _profil_rgb(gambar: Image.Image) -> bytes | None:
    """The embedded ICC profile when it describes RGB (the output is RGB/RGBA); a CMYK or grey
    profile would be wrong on the converted pixels and is dropped."""
    icc = gambar.info.get("icc_profile")
    return icc if isinstance(icc, bytes) and icc[16:20] == b"RGB " else None


def bersihkan_gambar(
    berkas,
    *,
    batas: int = BATAS_GAMBAR_BYTE,
    sisi_maks: int = SISI_MAKS,
    jenis: str = "foto",
) -> ContentFile:
    """Re-encode an uploaded image (JPEG, or PNG when it has transparency) without metadata.

    Dropped: EXIF (GPS, camera), XMP, JPEG comments, PNG text; kept: an RGB ICC colour profile.
    The camera's rotation flag (EXIF orientation) is applied to the pixels first, so a phone
    photo stays upright once its metadata is gone.

    The pixel count is read from the header and refused above the limit of `jenis` before any
    pixel is decoded; a JPEG is then decoded at a reduced scale (draft) and everything is
    shrunk to `sisi_maks` before it is transposed and encoded, so memory stays bounded.

    Anything Pillow cannot decode as a real JPEG/PNG/WebP/GIF is refused, whatever its name.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    data = _baca(berkas, batas)
    periksa_piksel(data, jenis=jenis)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        gambar = Image.open(io.BytesIO(data))
        if gambar.format not in FORMAT_GAMBAR:
            raise ValidationError("Format gambar tidak didukung; unggah JPG, PNG atau WebP.")
        icc = _profil_rgb(gambar)
        if gambar.format == "JPEG":
            # Decode at the smallest DCT scale (1/2 … 1/8) still at least sisi_maks: a 40 MP
            # photo costs a quarter of its full size in memory, or less.
            gambar.draft(gambar.mode, (sisi_maks, sisi_maks))
        gambar.thumbnail((sisi_maks, sisi_maks))
        gambar = ImageOps.exif_transpose(gambar)
    except _bom():
        raise _terlalu_besar(batas_piksel(jenis)) from None
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError("Berkas bukan gambar yang sah (JPG/PNG/WebP).") from exc
    transparan = gambar.mode in ("RGBA", "LA", "P") and (
        gambar.mode != "P" or "transparency" in gambar.info
    )
    tambahan = {"icc_profile": icc} if icc else {}
    keluaran = io.BytesIO()
    if transparan:
        hasil_gambar = gambar.convert("RGBA")
        hasil_gambar.info = {}  # nothing carried over from the upload (text, EXIF, XMP)
        hasil_gambar.save(keluaran, format="PNG", optimize=True, **tambahan)
        ekstensi = "png"
    else:
        hasil_gambar = gambar.convert("RGB")
        hasil_gambar.info = {}  # Pillow would write info["comment"] back as a COM segment
        hasil_gambar.save(keluaran, format="JPEG", quality=85, optimize=True, **tambahan)
        ekstensi = "jpg"
    dasar = os.path.splitext(os.path.basename(getattr(berkas, "name", "") or "gambar"))[0][:40]
    aman = "".join(c for c in dasar if c.isalnum() or c in "-_") or "gambar"
    hasil = ContentFile(keluaran.getvalue(), name=f"{aman}-{uuid.uuid4().hex[:8]}.{ekstensi}")
    hasil.sudah_bersih = True  # callers further down do not re-encode it again
    return hasil


def periksa_pdf(berkas, *, batas: int = BATAS_GAMBAR_BYTE) -> bytes:
    """Refuse anything that is not a PDF by its content (magic number and trailer)."""
    data = _baca(berkas, batas)
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise ValidationError("Berkas bukan PDF yang sah.")
    return data


def _awal(berkas, n: int = 8) -> bytes:
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    awal = berkas.read(n)
    berkas.seek(0)
    return awal


def format_gambar(berkas) -> str | None:
    """Pillow's name for the image format of an upload ("JPEG", "PNG" …), or None."""
    from PIL import Image, UnidentifiedImageError

    try:
        berkas.seek(0)
        with Image.open(berkas) as gambar:
            return gambar.format
    except (UnidentifiedImageError, OSError, *_bom()):
        return None
    finally:
        berkas.seek(0)


def bersihkan_dokumen(
    berkas, *, label: str, batas: int = BATAS_GAMBAR_BYTE
) -> tuple[ContentFile, str]:
    """A scanned document (PDF, JPG or PNG), checked by content: (clean file, "pdf"/"jpg"/"png")
    or a ValidationError naming the document. Images are re-encoded without metadata."""
    ukuran = getattr(berkas, "size", None)
    if ukuran is not None and ukuran > batas:
        raise ValidationError(
            f"{label}: berkas terlalu besar (maksimal {batas // (1024 * 1024)} MB)."
        )
    try:
        if _awal(berkas).startswith(b"%PDF-"):
            data = periksa_pdf(berkas, batas=batas)
            return ContentFile(data, name=f"{uuid.uuid4().hex}.pdf"), "pdf"
        periksa_piksel(berkas)  # from the header, before anything decodes it
        if format_gambar(berkas) not in ("JPEG", "PNG"):
            raise ValidationError("Berkas harus PDF, JPG atau PNG.")
        bersih = bersihkan_gambar(berkas, batas=batas)
    except ValidationError as exc:
        raise ValidationError(f"{label}: {' '.join(exc.messages)}") from None
    jenis = "png" if bersih.name.endswith(".png") else "jpg"
    return ContentFile(bersih.read(), name=f"{uuid.uuid4().hex}.{jenis}"), jenis


def tipe_konten(nama: str) -> str:
    """The MIME type of a checked document by its stored extension."""
    if nama.endswith(".pdf"):
        return "application/pdf"
    if nama.endswith(".png"):
        return "image/png"
    return "image/jpeg"
