"""Uploads from residents: requirement documents (PDF/JPG/PNG) and complaint photos.

Checked by content, never by name (sid.lib.berkas, where `bersihkan_dokumen` lives: the
residents' stored documents are checked by the same code): a PDF must look like one; an image
must decode as a real JPEG or PNG, stay under the photo pixel limit (read from its header) and
is re-encoded without metadata (EXIF/GPS dropped). 5 MB each.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from sid.lib.berkas import (
    BATAS_GAMBAR_BYTE,
    bersihkan_dokumen,
    bersihkan_gambar,
    format_gambar,
    periksa_piksel,
    tipe_konten,
)

BATAS_BYTE = BATAS_GAMBAR_BYTE  # 5 MB


def bersihkan_foto(berkas) -> ContentFile:
    """A complaint photo: JPG or PNG, re-encoded."""
    ukuran = getattr(berkas, "size", None)
    if ukuran is not None and ukuran > BATAS_BYTE:
        raise ValidationError({"foto": "Foto terlalu besar (maksimal 5 MB)."})
    try:
        periksa_piksel(berkas)  # before anything opens it further
    except ValidationError as exc:
        raise ValidationError({"foto": exc.messages}) from None
    if format_gambar(berkas) not in ("JPEG", "PNG"):
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


__all__ = ["BATAS_BYTE", "baca", "bersihkan_dokumen", "bersihkan_foto", "tipe_konten"]
