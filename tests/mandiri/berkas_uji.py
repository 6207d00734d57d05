"""Test files: a real JPEG (with EXIF/GPS), a PNG, a minimal PDF, and fakes."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg(nama: str = "ktp.jpg", *, exif: bool = True, ukuran=(640, 400)) -> SimpleUploadedFile:
    gambar = Image.new("RGB", ukuran, (30, 120, 200))
    keluaran = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "KameraUji"  # Make
        data[0x8825] = {1: "S", 2: (6.0, 35.0, 0.0)}  # GPS info
        gambar.save(keluaran, format="JPEG", exif=data)
    else:
        gambar.save(keluaran, format="JPEG")
    return SimpleUploadedFile(nama, keluaran.getvalue(), content_type="image/jpeg")


def png(nama: str = "kk.png") -> SimpleUploadedFile:
    keluaran = io.BytesIO()
    Image.new("RGB", (200, 120), (250, 250, 250)).save(keluaran, format="PNG")
    return SimpleUploadedFile(nama, keluaran.getvalue(), content_type="image/png")


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
    b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf(nama: str = "pengantar.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, PDF, content_type="application/pdf")


def palsu(nama: str = "ktp.jpg") -> SimpleUploadedFile:
    """A script named like a photo."""
    return SimpleUploadedFile(nama, b"<?php echo 'halo'; ?>" * 10, content_type="image/jpeg")


def besar(nama: str = "besar.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 10) + b"\n%%EOF")
