"""The scanned decree (SK) upload: PDF, JPG or PNG up to 5 MB, recognised by content only."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from sid.lib.berkas import KODE_TERLALU_BESAR, bersihkan_gambar, periksa_pdf

BATAS_BERKAS_SK = 5 * 1024 * 1024
MIME_PDF = "application/pdf"
MIME_JPEG = "image/jpeg"
MIME_PNG = "image/png"

PESAN_BUKAN_SK = (
    "Berkas bukan PDF yang sah, juga bukan gambar JPG/PNG. Unggah pindaian SK berupa PDF, "
    "JPG atau PNG (nama berkas tidak menentukan jenisnya)."
)
PESAN_TERLALU_BESAR = (
    "Berkas SK terlalu besar (maksimal 5 MB). Pindai ulang dengan resolusi lebih kecil."
)


def periksa_berkas_sk(berkas) -> ContentFile:
    """Check an uploaded SK scan by its bytes, never by its name or declared type.

    PDFs are checked (header and trailer) and kept as they are; JPG/PNG images are re-encoded
    without metadata. Returns a new ContentFile with a random name, its MIME type in
    `jenis_mime`, and `sudah_bersih = True` so the service does not check it twice.
    """
    if getattr(berkas, "sudah_bersih", False):
        return berkas
    ukuran = getattr(berkas, "size", None)
    if ukuran is not None and ukuran > BATAS_BERKAS_SK:
        raise ValidationError(PESAN_TERLALU_BESAR, code="terlalu_besar")
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    kepala = berkas.read(8)
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    if kepala.startswith(b"%PDF-"):
        try:
            data = periksa_pdf(berkas, batas=BATAS_BERKAS_SK)
        except ValidationError as exc:
            if "terlalu besar" in " ".join(exc.messages):
                raise ValidationError(PESAN_TERLALU_BESAR, code="terlalu_besar") from None
            raise ValidationError(
                "Berkas bukan PDF yang sah (rusak atau terpotong). Simpan ulang pindaiannya "
                "sebagai PDF.",
                code="bukan_pdf",
            ) from None
        hasil = ContentFile(data, name=f"sk-{uuid.uuid4().hex}.pdf")
        hasil.jenis_mime = MIME_PDF
    elif kepala.startswith(b"\xff\xd8\xff") or kepala.startswith(b"\x89PNG\r\n\x1a\n"):
        try:
            gambar = bersihkan_gambar(berkas, batas=BATAS_BERKAS_SK)
        except ValidationError as exc:
            if exc.error_list[0].code == KODE_TERLALU_BESAR:  # too many pixels: say so
                raise
            if "terlalu besar" in " ".join(exc.messages):
                raise ValidationError(PESAN_TERLALU_BESAR, code="terlalu_besar") from None
            raise ValidationError(PESAN_BUKAN_SK, code="bukan_sk") from None
        ekstensi = gambar.name.rsplit(".", 1)[-1]
        hasil = ContentFile(gambar.read(), name=f"sk-{uuid.uuid4().hex}.{ekstensi}")
        hasil.jenis_mime = MIME_PNG if ekstensi == "png" else MIME_JPEG
    else:
        raise ValidationError(PESAN_BUKAN_SK, code="bukan_sk")
    hasil.sudah_bersih = True
    return hasil
