"""Upload files for the website tests: real images, phone photos with EXIF, fakes, PDFs."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png(lebar: int = 1600, tinggi: int = 900, warna=(30, 120, 60), nama: str = "foto.png"):
    keluaran = io.BytesIO()
    Image.new("RGB", (lebar, tinggi), warna).save(keluaran, format="PNG")
    return SimpleUploadedFile(nama, keluaran.getvalue(), content_type="image/png")


def jpeg_dengan_exif(lebar=800, tinggi=600, orientasi=6, nama="hp.jpg"):
    """A phone photo: EXIF with GPS position and a rotation flag."""
    img = Image.new("RGB", (lebar, tinggi), (200, 50, 50))
    exif = img.getexif()
    exif[0x0112] = orientasi
    exif[0x010F] = "PonselMurah"
    gps = exif.get_ifd(0x8825)
    gps[2] = (6.0, 28.0, 53.0)
    keluaran = io.BytesIO()
    img.save(keluaran, format="JPEG", exif=exif)
    return SimpleUploadedFile(nama, keluaran.getvalue(), content_type="image/jpeg")


def pdf(nama: str = "dokumen.pdf"):
    data = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(nama, data, content_type="application/pdf")
