"""Population statistics: ONE query layer for the back office, the public website and the
upward sync. See docs/statistik.md.

    from penduduk.statistik import hitung
    tabel = hitung("pendidikan-kk", wilayah=dusun)   # Tabel: rows, JUMLAH, BELUM MENGISI, TOTAL
"""

from penduduk.statistik.hitung import Baris, Tabel, hitung, wajib_ktp_q
from penduduk.statistik.kategori import KATEGORI, Kategori, kategori, kategori_publik, per_kelompok

__all__ = [
    "KATEGORI",
    "Baris",
    "Kategori",
    "Tabel",
    "hitung",
    "kategori",
    "kategori_publik",
    "per_kelompok",
    "wajib_ktp_q",
]
