"""Every write of the Layanan Mandiri app. Views, admin screens, the CLI and the Celery task
call these; each validates, writes, records the audit entry and queues its tasks."""

from mandiri.services.akun import (
    akun_ganti_pin,
    akun_keluar,
    akun_mandiri_aktifkan,
    akun_mandiri_buka_kunci,
    akun_mandiri_create,
    akun_mandiri_nonaktifkan,
    akun_mandiri_reset_pin,
    akun_masuk,
)
from mandiri.services.cetak import cetak_pin_create, cetak_pin_jalankan, cetak_pin_unduh
from mandiri.services.pengaduan import pengaduan_balas, pengaduan_balas_warga, pengaduan_create
from mandiri.services.permohonan import (
    permohonan_batalkan,
    permohonan_create,
    permohonan_diambil,
    permohonan_kembalikan,
    permohonan_lengkapi,
    permohonan_proses,
    permohonan_tolak,
    surat_diunduh_warga,
)

__all__ = [
    "akun_ganti_pin",
    "akun_keluar",
    "akun_mandiri_aktifkan",
    "akun_mandiri_buka_kunci",
    "akun_mandiri_create",
    "akun_mandiri_nonaktifkan",
    "akun_mandiri_reset_pin",
    "akun_masuk",
    "cetak_pin_create",
    "cetak_pin_jalankan",
    "cetak_pin_unduh",
    "pengaduan_balas",
    "pengaduan_balas_warga",
    "pengaduan_create",
    "permohonan_batalkan",
    "permohonan_create",
    "permohonan_diambil",
    "permohonan_kembalikan",
    "permohonan_lengkapi",
    "permohonan_proses",
    "permohonan_tolak",
    "surat_diunduh_warga",
]
