"""Attachments exchanged with a hub (notice files, report attachments): checked by content
with sid.lib.berkas (PDF as it is, images re-encoded without metadata), 5 MB at most."""

from __future__ import annotations

import base64
import binascii
import io
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from sid.lib.berkas import (
    BATAS_GAMBAR_BYTE,
    KODE_TERLALU_BESAR,
    bersihkan_gambar,
    periksa_pdf,
)

BATAS_LAMPIRAN = BATAS_GAMBAR_BYTE


def _nama_aman(nama: str, ekstensi: str) -> str:
    dasar = os.path.splitext(os.path.basename(nama or "lampiran"))[0][:60]
    aman = "".join(c for c in dasar if c.isalnum() or c in "-_ ") or "lampiran"
    return f"{aman.strip()}.{ekstensi}"


def periksa_lampiran(berkas, nama: str = "") -> tuple[ContentFile, str, str]:
    """(clean file, MIME type, display name). Refuses anything not a PDF or an image."""
    nama = nama or getattr(berkas, "name", "") or "lampiran"
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    kepala = berkas.read(5)
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    if kepala.startswith(b"%PDF-"):
        data = periksa_pdf(berkas, batas=BATAS_LAMPIRAN)
        return (
            ContentFile(data, name=_nama_aman(nama, "pdf")),
            "application/pdf",
            _nama_aman(nama, "pdf"),
        )
    try:
        gambar = bersihkan_gambar(berkas, batas=BATAS_LAMPIRAN)
    except ValidationError as exc:
        if exc.error_list[0].code == KODE_TERLALU_BESAR:  # too many pixels: say so
            raise
        raise ValidationError(
            "Lampiran harus PDF atau gambar (JPG/PNG), paling besar 5 MB."
        ) from None
    ekstensi = gambar.name.rsplit(".", 1)[-1]
    jenis = "image/png" if ekstensi == "png" else "image/jpeg"
    return gambar, jenis, _nama_aman(nama, ekstensi)


def lampiran_dari_json(data) -> tuple[ContentFile, str, str] | None:
    """An attachment sent as {"nama": ..., "isi": base64} inside a JSON body."""
    if not data:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("isi"), str):
        raise ValidationError("Lampiran tidak sah.")
    try:
        mentah = base64.b64decode(data["isi"], validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError("Lampiran bukan base64 yang sah.") from None
    if len(mentah) > BATAS_LAMPIRAN:
        raise ValidationError("Lampiran lebih dari 5 MB.")
    berkas = io.BytesIO(mentah)
    berkas.size = len(mentah)
    berkas.name = str(data.get("nama", "lampiran"))[:100]
    return periksa_lampiran(berkas, berkas.name)


def lampiran_ke_json(field_file, nama: str) -> dict | None:
    if not field_file:
        return None
    with field_file.open("rb") as f:
        return {"nama": nama, "isi": base64.b64encode(f.read()).decode("ascii")}
