"""sid.lib.berkas.bersihkan_gambar: every uploaded photo (resident photo, KTP scan, logo,
article image) is re-encoded without EXIF but keeps the orientation the phone showed."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from sid.lib.berkas import bersihkan_gambar
from tests.konten.berkas_uji import jpeg_dengan_exif


@pytest.mark.parametrize(
    ("orientasi", "ukuran"), [(1, (80, 60)), (3, (80, 60)), (6, (60, 80)), (8, (60, 80))]
)
def test_foto_ponsel_tegak_dan_tanpa_exif(orientasi, ukuran):
    hasil = bersihkan_gambar(jpeg_dengan_exif(80, 60, orientasi=orientasi))
    data = hasil.read()
    with Image.open(io.BytesIO(data)) as img:
        assert img.size == ukuran
        assert not img.getexif()
    assert b"PonselMurah" not in data


def test_skrip_bernama_jpg_ditolak():
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError):
        bersihkan_gambar(SimpleUploadedFile("foto.jpg", b"<?php system($_GET['c']); ?>"))
