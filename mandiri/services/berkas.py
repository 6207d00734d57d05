"""Uploads from residents: requirement documents (PDF/JPG/PNG) and complaint photos.

Checked by content, never by name (sid.lib.berkas): a PDF must look like one; an image must
decode as a real JPEG or PNG, stay under the photo pixel limit (read from its header) and is
re-encoded without metadata (EXIF/GPS dropped). 5 MB each.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

from sid.lib.berkas import BATAS_GAMBAR_BYTE, bersihkan_gambar, periksa_pdf, periksa_piksel

BATAS_BYTE = BATAS_GAMBAR_BYTE  # 5 MB


def _awal(berkas, n: int = 8) -> bytes:
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    awal = berkas.read(n)
    berkas.seek(0)
    return awal


def _format_gambar(berkas) -> str | None:
    try:
        berkas.seek(0)
        with Image.open(berkas) as gambar:
            return gambar.format
    except (
        UnidentifiedImageError,
        OSError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return None
    finally:
        berkas.seek(0)


def bersihkan_dokumen(berkas, *, label: str) -> tuple[ContentFile, str]:
    """(clean file, "pdf"/"jpg"/"png") or ValidationError naming the document."""
    ukuran = getattr(berkas, "size", None)
    if ukuran is not None and ukuran > BATAS_BYTE:
        raise ValidationError(f"{label}: berkas terlalu besar (maksimal 5 MB).")
    try:
        if _awal(berkas).startswith(b"%PDF-"):
            data = periksa_pdf(berkas, batas=BATAS_BYTE)
            return ContentFile(data, name=f"{uuid.uuid4().hex}.pdf"), "pdf"
        periksa_piksel(berkas)  # before anything opens it further
        if _format_gambar(berkas) not in ("JPEG", "PNG"):
            raise ValidationError("Berkas harus PDF, JPG atau PNG.")
        bersih = bersihkan_gambar(berkas, batas=BATAS_BYTE)
    except ValidationError as exc:
        raise ValidationError(f"{label}: {' '.join(exc.messages)}") from None
    jenis = "png" if bersih.name.endswith(".png") else "jpg"
    return ContentFile(bersih.read(), name=f"{uuid.uuid4().hex}.{jenis}"), jenis


def bersihkan_foto(berkas) -> ContentFile:
    """A complaint photo: JPG or PNG, re-encoded."""
    ukuran = getattr(berkas, "size", None)
    if ukuran is not None and ukuran > BATAS_BYTE:
        raise ValidationError({"foto": "Foto terlalu besar (maksimal 5 MB)."})
    try:
        periksa_piksel(berkas)  # before anything opens it further
    except ValidationError as exc:
        raise ValidationError({"foto": exc.messages}) from None
    if _format_gambar(berkas) not in ("JPEG", "PNG"):
        raise ValidationError({"foto": "Foto harus berupa gambar JPG atau PNG."})
    try:
        bersih = bersihkan_gambar(berkas, batas=BATAS_BYTE)
    except ValidationError as exc:
        raise ValidationError({"foto": exc.messages}) from None
    ekstensi = "png" if bersih.name.endswith(".png") else "jpg"
    return ContentFile(bersih.read(), name=f"{uuid.uuid4().hex}.{ekstensi}")


def baca(field_file) -> bytes:
    with field_file.open("rb") as f:
        return f.read()


def tipe_konten(nama: str) -> str:
    if nama.endswith(".pdf"):
        return "application/pdf"
    if nama.endswith(".png"):
        return "image/png"
    return "image/jpeg"
