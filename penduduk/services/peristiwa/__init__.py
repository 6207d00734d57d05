"""Population events, by kind. `status_dasar` changes only here; counts over time derive from
events. `dasar` holds what they share (kinds, date rules, writing the event)."""

from penduduk.services.peristiwa.dasar import KOLOM_DETAIL, _validasi_tanggal
from penduduk.services.peristiwa.keluar import (
    peristiwa_hilang_catat,
    peristiwa_kematian_catat,
    peristiwa_pergi_catat,
    peristiwa_pindah_keluar_catat,
    peristiwa_pindah_keluar_keluarga_catat,
)
from penduduk.services.peristiwa.koreksi import peristiwa_batalkan, peristiwa_update
from penduduk.services.peristiwa.masuk import (
    bawaan_bayi,
    peristiwa_kelahiran_catat,
    peristiwa_kembali_catat,
    peristiwa_pindah_masuk_catat,
)
from penduduk.services.peristiwa.perkawinan import perceraian_catat, perkawinan_catat

__all__ = [
    "KOLOM_DETAIL",
    "_validasi_tanggal",
    "bawaan_bayi",
    "perceraian_catat",
    "peristiwa_batalkan",
    "peristiwa_hilang_catat",
    "peristiwa_kelahiran_catat",
    "peristiwa_kematian_catat",
    "peristiwa_kembali_catat",
    "peristiwa_pergi_catat",
    "peristiwa_pindah_keluar_catat",
    "peristiwa_pindah_keluar_keluarga_catat",
    "peristiwa_pindah_masuk_catat",
    "peristiwa_update",
    "perkawinan_catat",
]
