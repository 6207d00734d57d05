"""Every write on the village budget. Admin screens, the import, the demo generator and the
tests call these; each validates (ValidationError with an Indonesian message, PerluKonfirmasi for
a warning the user may override), writes, records the audit entry and invalidates the cached
public pages.

Rules (docs/keuangan.md):
- one APBDes per year; a revision is an APBDes Perubahan that copies the adopted version;
- an adopted (ditetapkan) version never changes its budget, lines or notes; realisation is
  entered on the latest version of a year only (draft or adopted);
- amounts are Decimal rupiah ≥ 0 with at most 2 decimals; realisation above the budget needs a
  confirmation; the semester I realisation never exceeds the year's.
"""

from keuangan.services.kode import (
    KOLOM_NILAI,
    KOLOM_REALISASI,
    KOLOM_UBAH,
    LABEL_KOLOM,
    KodeBaris,
    PetaRekening,
    rapikan_kode,
)
from keuangan.services.rekening import rekening_create, rekening_update
from keuangan.services.rincian import (
    realisasi_semester_1_salin,
    rincian_hapus,
    rincian_impor,
    rincian_simpan,
    rincian_tambah,
)
from keuangan.services.tahun import (
    tahun_anggaran_buka_perubahan,
    tahun_anggaran_create,
    tahun_anggaran_hapus,
    tahun_anggaran_tetapkan,
    versi_lebih_baru,
)

__all__ = [
    "KOLOM_NILAI",
    "KOLOM_REALISASI",
    "KOLOM_UBAH",
    "LABEL_KOLOM",
    "KodeBaris",
    "PetaRekening",
    "rapikan_kode",
    "realisasi_semester_1_salin",
    "rekening_create",
    "rekening_update",
    "rincian_hapus",
    "rincian_impor",
    "rincian_simpan",
    "rincian_tambah",
    "tahun_anggaran_buka_perubahan",
    "tahun_anggaran_create",
    "tahun_anggaran_hapus",
    "tahun_anggaran_tetapkan",
    "versi_lebih_baru",
]
