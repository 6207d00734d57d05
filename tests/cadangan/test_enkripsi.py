"""The streaming encryption layer: round trip at chunk boundaries, and tamper detection."""

from __future__ import annotations

import io

import pytest

from sid.cadangan import ArsipDitolak, enkripsi


@pytest.fixture(autouse=True)
def potongan_kecil(monkeypatch):
    monkeypatch.setattr(enkripsi, "UKURAN_POTONGAN", 16)


def enkrip(data: bytes, kunci: str = "kunci") -> bytes:
    keluar = io.BytesIO()
    penulis = enkripsi.PenulisTerenkripsi(keluar, kunci)
    for i in range(0, len(data), 7):
        penulis.write(data[i : i + 7])
    penulis.close()
    return keluar.getvalue()


def dekrip(data: bytes, kunci: str = "kunci") -> bytes:
    return io.BufferedReader(enkripsi.PembacaTerenkripsi(io.BytesIO(data), kunci)).read()


@pytest.mark.parametrize("panjang", [0, 1, 15, 16, 17, 32, 100])
def test_bolak_balik(panjang):
    data = bytes(range(256))[:panjang] * 1
    sandi = enkrip(data)
    assert enkripsi.terenkripsi(sandi)
    assert dekrip(sandi) == data


def test_kunci_salah_terpotong_diubah_atau_ditambah_ditolak():
    sandi = enkrip(b"NIK 3201014403759999 " * 5)
    with pytest.raises(ArsipDitolak):
        dekrip(sandi, "kunci lain")
    for rusak in (
        sandi[:-1],  # truncated inside the last frame
        sandi[: len(sandi) - 20],  # whole last frame missing
        sandi + b"\x00",  # appended data
        sandi[:60] + bytes([sandi[60] ^ 1]) + sandi[61:],  # one bit flipped
    ):
        with pytest.raises(ArsipDitolak):
            dekrip(rusak)
