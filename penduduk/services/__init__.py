"""Every write to the population register. Views, admin, imports and commands call these."""

from penduduk.services.biodata import (
    penduduk_create,
    penduduk_delete,
    penduduk_update,
    simpan_penduduk,
)
from penduduk.services.kk import (
    keluarga_anggota_tambah,
    keluarga_baru_datang,
    keluarga_kepala_ganti,
    keluarga_pecah,
    keluarga_update,
)
from penduduk.services.peristiwa import (
    perceraian_catat,
    peristiwa_batalkan,
    peristiwa_hilang_catat,
    peristiwa_kelahiran_catat,
    peristiwa_kematian_catat,
    peristiwa_kembali_catat,
    peristiwa_pergi_catat,
    peristiwa_pindah_keluar_catat,
    peristiwa_pindah_keluar_keluarga_catat,
    peristiwa_pindah_masuk_catat,
    peristiwa_update,
    perkawinan_catat,
)
from penduduk.services.wilayah import wilayah_kepala_atur

__all__ = [
    "wilayah_kepala_atur",
    "keluarga_anggota_tambah",
    "keluarga_baru_datang",
    "keluarga_kepala_ganti",
    "keluarga_pecah",
    "keluarga_update",
    "penduduk_create",
    "penduduk_delete",
    "penduduk_update",
    "simpan_penduduk",
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
    "perceraian_catat",
    "perkawinan_catat",
]
