"""Uploaded files: checked by content (never by name), images re-encoded without metadata."""

from __future__ import annotations

import io
import os
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from PIL import Image, ImageOps, UnidentifiedImageError


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


def bersihkan_gambar(
    berkas, *, batas: int = BATAS_GAMBAR_BYTE, sisi_maks: int = SISI_MAKS
) -> ContentFile:
    """Re-encode an uploaded image (JPEG, or PNG when it has transparency), dropping EXIF/GPS.

    The camera's rotation flag (EXIF orientation) is applied to the pixels first, so a phone
    photo stays upright once its metadata is gone.

    Anything Pillow cannot decode as a real JPEG/PNG/WebP/GIF is refused, whatever its name.
    """
    data = _baca(berkas, batas)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        gambar = Image.open(io.BytesIO(data))
        if gambar.format not in FORMAT_GAMBAR:
            raise ValidationError("Format gambar tidak didukung; unggah JPG, PNG atau WebP.")
        gambar.load()
        gambar = ImageOps.exif_transpose(gambar)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError("Berkas bukan gambar yang sah (JPG/PNG/WebP).") from exc
    gambar.thumbnail((sisi_maks, sisi_maks))
    transparan = gambar.mode in ("RGBA", "LA", "P") and (
        gambar.mode != "P" or "transparency" in gambar.info
    )
    keluaran = io.BytesIO()
    if transparan:
        gambar.convert("RGBA").save(keluaran, format="PNG", optimize=True)
        ekstensi = "png"
    else:
        gambar.convert("RGB").save(keluaran, format="JPEG", quality=85, optimize=True)
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
    try:
        berkas.seek(0)
        with Image.open(berkas) as gambar:
            return gambar.format
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
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
