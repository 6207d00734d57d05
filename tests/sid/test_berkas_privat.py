import pytest
from django.core.files.base import ContentFile

from sid.lib.berkas import penyimpanan_privat


def test_penyimpanan_privat_mengikuti_pengaturan_uji_dan_tidak_punya_url(settings, tmp_path):
    nama = penyimpanan_privat().save("uji/berkas.txt", ContentFile(b"rahasia"))
    assert (tmp_path / "privat" / nama).read_bytes() == b"rahasia"
    with pytest.raises(ValueError, match="tidak memiliki URL"):
        penyimpanan_privat().url(nama)
