import datetime

import pytest

from mandiri import pin


@pytest.mark.parametrize("nilai", ["111111", "000000", "99999999"])
def test_pin_satu_angka_diulang_dianggap_sepele(nilai):
    assert "diulang" in pin.alasan_lemah(nilai)


@pytest.mark.parametrize("nilai", ["123456", "012345", "654321", "987654", "890123", "2345678"])
def test_pin_angka_berurutan_dianggap_sepele(nilai):
    assert "berurutan" in pin.alasan_lemah(nilai)


def test_pin_berisi_tanggal_lahir_dianggap_sepele():
    lahir = datetime.date(1980, 5, 17)
    assert "tanggal lahir" in pin.alasan_lemah("170580", tanggal_lahir=lahir)
    assert "tanggal lahir" in pin.alasan_lemah("17051980", tanggal_lahir=lahir)
    assert pin.alasan_lemah("170581", tanggal_lahir=lahir) is None


def test_pin_acak_memenuhi_aturan_dan_panjang_desa(settings):
    lahir = datetime.date(1980, 5, 17)
    for _ in range(200):
        p = pin.buat_pin(tanggal_lahir=lahir)
        assert len(p) == 6 and p.isdigit()
        assert pin.alasan_lemah(p, tanggal_lahir=lahir) is None
    settings.SID_MANDIRI_PANJANG_PIN = 8
    assert len(pin.buat_pin()) == 8
    assert pin.galat_format("480315") == "PIN minimal 8 digit."


def test_panjang_pin_tidak_bisa_di_bawah_enam(settings):
    settings.SID_MANDIRI_PANJANG_PIN = 4
    assert pin.panjang_pin() == 6
    assert pin.galat_format("12a456").startswith("PIN hanya boleh berisi angka")
