import datetime
from decimal import Decimal

import pytest

from keuangan import services


@pytest.fixture(autouse=True)
def _templat_rekening(db):
    """The account template (seeded by migration; re-seeded after a transactional flush)."""
    from keuangan.templat import pastikan_templat

    pastikan_templat()


@pytest.fixture
def operator(buat_staf):
    return buat_staf("Operator", username="bendahara")


@pytest.fixture
def isi():
    """Set values of one line through the service: isi(ta, "4.2.1.", anggaran="1.000.000")."""

    def _isi(ta, kode, kegiatan="", *, oleh=None, **nilai):
        return services.rincian_simpan(
            oleh=oleh,
            tahun_anggaran=ta,
            kode=kode,
            kegiatan=kegiatan,
            data=nilai,
            konfirmasi=True,
        )

    return _isi


# The example year: income 1.550.000.000, expenditure 1.600.000.000,00 (with sen), financing
# netto 50.000.000 → balanced. Realisation below budget, semester I below the year.
BARIS_CONTOH = [
    # kode, kegiatan, anggaran, realisasi_semester_1, realisasi
    ("4.1.1.", "", "50.000.000", "20.000.000", "45.500.000"),
    ("4.2.1.", "", "1.000.000.000", "600.000.000", "1.000.000.000"),
    ("4.2.3.", "", "500.000.000", "250.000.000", "480.000.000"),
    ("5.1.1.", "01.01.01.", "300.000.000", "150.000.000", "275.000.000"),
    ("5.3.5.", "02.03.10.", "800.000.000", "100.000.000", "650.250.000,75"),
    ("5.2.7.", "02.02.02.", "499.999.999,50", "200.000.000", "420.000.000,25"),
    ("5.2.2.", "03.02.03.", "0,50", "0", "0,50"),
    ("6.1.1.", "", "100.000.000", "100.000.000", "100.000.000"),
    ("6.2.2.", "", "50.000.000", "0", "50.000.000"),
]


def rp(teks: str) -> Decimal:
    return Decimal(teks.replace(".", "").replace(",", "."))


@pytest.fixture
def ta_contoh(operator, isi):
    """APBDes 2026 as a draft with the example lines."""
    ta = services.tahun_anggaran_create(oleh=operator, tahun=2026)
    for kode, keg, a, s1, r in BARIS_CONTOH:
        isi(ta, kode, keg, oleh=operator, anggaran=a, realisasi=r, realisasi_semester_1=s1)
    return ta


@pytest.fixture
def ta_ditetapkan(ta_contoh, operator):
    return services.tahun_anggaran_tetapkan(
        oleh=operator,
        tahun_anggaran=ta_contoh,
        nomor_perdes="3 Tahun 2025",
        tanggal_perdes=datetime.date(2025, 12, 20),
    )
