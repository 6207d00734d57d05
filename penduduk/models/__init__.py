"""The population register's models: residents (`penduduk`), their events, deletion log and
change history (`peristiwa`), supporting documents (`dokumen`), and the reporting side: age bands, statistics and report
screens, register files, resident imports (`laporan`)."""

from penduduk.models.dokumen import DokumenPenduduk, DokumenQuerySet, JenisDokumen
from penduduk.models.laporan import (
    ImporPenduduk,
    LaporanBerkas,
    LaporanKependudukan,
    RentangUmur,
    Statistik,
    _jalur_berkas_impor,
)
from penduduk.models.penduduk import NIK_REGEX, Penduduk, PendudukQuerySet, _tahun_lalu
from penduduk.models.peristiwa import (
    PendudukHapus,
    Peristiwa,
    PeristiwaQuerySet,
    RiwayatPerubahan,
)
from penduduk.models.wilayah import KepalaWilayah

__all__ = [
    "DokumenPenduduk",
    "DokumenQuerySet",
    "JenisDokumen",
    "KepalaWilayah",
    "NIK_REGEX",
    "ImporPenduduk",
    "LaporanBerkas",
    "LaporanKependudukan",
    "Penduduk",
    "PendudukHapus",
    "PendudukQuerySet",
    "Peristiwa",
    "PeristiwaQuerySet",
    "RentangUmur",
    "RiwayatPerubahan",
    "Statistik",
    "_jalur_berkas_impor",
    "_tahun_lalu",
]
