"""Amounts in Indonesian words, as letters print them."""

import pytest

from surat.terbilang import format_rupiah, ke_bilangan, terbilang, terbilang_rupiah


@pytest.mark.parametrize(
    ("angka", "kata"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (101, "seratus satu"),
        (111, "seratus sebelas"),
        (250, "dua ratus lima puluh"),
        (1000, "seribu"),
        (1100, "seribu seratus"),
        (2000, "dua ribu"),
        (11_000, "sebelas ribu"),
        (100_000, "seratus ribu"),
        (1_000_000, "satu juta"),
        (2_500_000, "dua juta lima ratus ribu"),
        (1_001_001, "satu juta seribu satu"),
        (3_000_000_000, "tiga miliar"),
        (1_000_000_000_000, "satu triliun"),
        (-5, "minus lima"),
    ],
)
def test_terbilang_menulis_angka_dengan_kata_bahasa_indonesia(angka, kata):
    assert terbilang(angka) == kata


def test_terbilang_rupiah_dan_format_uang():
    assert terbilang_rupiah("Rp 2.500.000,00") == "dua juta lima ratus ribu rupiah"
    assert format_rupiah(2500000) == "Rp 2.500.000"


@pytest.mark.parametrize("teks", ["abc", "", None, "1.2.x"])
def test_teks_bukan_angka_ditolak(teks):
    assert ke_bilangan(teks) is None
    with pytest.raises(ValueError):
        terbilang(teks)
