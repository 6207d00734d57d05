"""The columns of the OpenSID resident format (import and export) and of the SIAK export.

One table says, for every column: its header, what kind of value it holds, and which
`Penduduk` field it fills. Import parsing (`nilai.py`), the export (`penduduk/resources.py`)
and the comparison of a row with the register all read it, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sid import kode
from sid.models import Wilayah

# Kinds of value.
TEKS = "teks"
NAMA = "nama"
NOMOR = "nomor"  # NIK / No. KK: digits only
KODE = "kode"
TANGGAL = "tanggal"
DESIMAL = "desimal"
WILAYAH = "wilayah"


@dataclass(frozen=True, eq=False)  # hashed by identity: used as a cache key
class Kolom:
    nama: str
    jenis: str
    atribut: str | None = None  # Penduduk field; None = handled specially (family, wilayah)
    pilihan: type | None = None  # IntegerChoices for KODE
    alias: dict[str, int] = field(default_factory=dict)  # extra labels → code
    label: str = ""  # human name in messages


def _k(nama, jenis, atribut=None, pilihan=None, alias=None, label=""):
    return Kolom(nama, jenis, atribut, pilihan, alias or {}, label or (atribut or nama))


# The 43 columns in template order (shared/reference/README.md).
KOLOM: list[Kolom] = [
    _k("alamat", TEKS, label="alamat keluarga"),
    _k("dusun", WILAYAH),
    _k("rw", WILAYAH, label="RW"),
    _k("rt", WILAYAH, label="RT"),
    _k("nama", NAMA, "nama"),
    _k("no_kk", NOMOR, label="No. KK"),
    _k("nik", NOMOR, "nik", label="NIK"),
    _k(
        "sex",
        KODE,
        "jenis_kelamin",
        kode.JenisKelamin,
        {"L": 1, "LK": 1, "LAKI LAKI": 1, "P": 2, "PR": 2},
    ),
    _k("tempatlahir", TEKS, "tempat_lahir"),
    _k("tanggallahir", TANGGAL, "tanggal_lahir"),
    _k(
        "agama_id",
        KODE,
        "agama",
        kode.Agama,
        {
            "KATOLIK": 3,
            "BUDDHA": 5,
            "KONGHUCU": 6,
            "KHONG HU CU": 6,
            "KEPERCAYAAN TERHADAP TUHAN YME": 7,
            "KEPERCAYAAN": 7,
            "LAINNYA": 7,
        },
    ),
    _k(
        "pendidikan_kk_id",
        KODE,
        "pendidikan_kk",
        kode.PendidikanKK,
        {
            "TIDAK/BLM SEKOLAH": 1,
            "TIDAK TAMAT SD/SEDERAJAT": 2,
            "AKADEMI/DIPLOMA III/SARJANA MUDA": 7,
            "STRATA-II": 9,
            "STRATA-III": 10,
        },
    ),
    _k("pendidikan_sedang_id", KODE, "pendidikan_sedang", kode.PendidikanSedang),
    _k("pekerjaan_id", KODE, "pekerjaan", kode.Pekerjaan),
    _k("status_kawin", KODE, "status_kawin", kode.StatusKawin, {"BK": 1, "K": 2, "CH": 3, "CM": 4}),
    _k("kk_level", KODE, None, kode.SHDK, {"ORANG TUA": 7, "FAMILI": 9}, label="SHDK"),
    _k("warganegara_id", KODE, "warganegara", kode.WargaNegara),
    _k("ayah_nik", NOMOR, "nik_ayah", label="NIK ayah"),
    _k("nama_ayah", NAMA, "nama_ayah"),
    _k("ibu_nik", NOMOR, "nik_ibu", label="NIK ibu"),
    _k("nama_ibu", NAMA, "nama_ibu"),
    _k(
        "golongan_darah_id",
        KODE,
        "golongan_darah",
        kode.GolonganDarah,
        {"TDK TH": 13, "TIDAK TAHU": 13},
    ),
    _k("akta_lahir", TEKS, "akta_lahir"),
    _k("dokumen_pasport", TEKS, "dokumen_pasport"),
    _k("tanggal_akhir_paspor", TANGGAL, "tanggal_akhir_paspor"),
    _k("dokumen_kitas", TEKS, "dokumen_kitas"),
    _k("akta_perkawinan", TEKS, "akta_perkawinan"),
    _k("tanggalperkawinan", TANGGAL, "tanggal_perkawinan"),
    _k("akta_perceraian", TEKS, "akta_perceraian"),
    _k("tanggalperceraian", TANGGAL, "tanggal_perceraian"),
    _k("cacat_id", KODE, "cacat", kode.Cacat),
    _k("cara_kb_id", KODE, "cara_kb", kode.CaraKB),
    # OpenSID writes 0 for "not pregnant".
    _k("hamil", KODE, "hamil", kode.Hamil, {"0": 2, "TIDAK": 2, "YA": 1}),
    _k("ktp_el", KODE, "ktp_el", kode.KtpEl, {"KTP EL": 2, "E-KTP": 2, "EKTP": 2}),
    _k("status_rekam", KODE, "status_rekam", kode.StatusRekam),
    _k("alamat_sekarang", TEKS, "alamat_sekarang"),
    _k(
        "status_dasar",
        KODE,
        None,
        kode.StatusDasar,
        {"PINDAH DALAM NEGERI": 3, "PINDAH LUAR NEGERI": 3},
        label="status dasar",
    ),
    _k("suku", TEKS, "suku"),
    _k("tag_id_card", TEKS, "tag_id_card"),
    _k("id_asuransi", KODE, "asuransi", kode.Asuransi),
    _k("no_asuransi", TEKS, "no_asuransi"),
    _k("lat", DESIMAL, "lat", label="lintang"),
    _k("lng", DESIMAL, "lng", label="bujur"),
]
assert len(KOLOM) == 43

# SID's optional extra columns (never exported): when the arrival happened and was reported,
# for imports after the initial-data phase. Default: the import date.
KOLOM_TAMBAHAN: list[Kolom] = [
    _k("tanggal_peristiwa", TANGGAL, label="tanggal peristiwa"),
    _k("tanggal_lapor", TANGGAL, label="tanggal lapor"),
]
# A column the refused-rows workbook adds; ignored when that workbook is uploaded again.
KOLOM_GALAT = "galat"

PER_NAMA: dict[str, Kolom] = {k.nama: k for k in KOLOM + KOLOM_TAMBAHAN}
NAMA_KOLOM: list[str] = [k.nama for k in KOLOM]

# Columns that place a person in a family or a wilayah, or give their status: set on
# creation, never changed by an import (that would restructure a family or record an event).
KOLOM_STRUKTUR = ("no_kk", "kk_level", "dusun", "rw", "rt", "status_dasar")
# What a new resident must have (README + the register's mandatory fields). A blank `rw`
# reads as '-' (the dusun has no RW), see validasi.periksa_baru.
WAJIB_BARU = (
    "nama",
    "no_kk",
    "kk_level",
    "dusun",
    "rt",
    "sex",
    "tempatlahir",
    "tanggallahir",
    "agama_id",
    "pendidikan_kk_id",
    "pekerjaan_id",
    "status_kawin",
)

# SIAK export header → OpenSID column ("" = known but not imported).
SIAK: dict[str, str] = {
    "nomor kk": "no_kk",
    "nik": "nik",
    "nama penduduk": "nama",
    "status": "status_dasar",
    "tempat lahir": "tempatlahir",
    "tanggal lahir": "tanggallahir",
    "kelamin": "sex",
    "nik ayah": "ayah_nik",
    "ayah": "nama_ayah",
    "nik ibu": "ibu_nik",
    "ibu": "nama_ibu",
    "status kawin": "status_kawin",
    "shdk": "kk_level",
    "agama": "agama_id",
    "alamat": "alamat",  # also gives the dusun: "DSN <name>"
    "rw": "rw",
    "rt": "rt",
    "pendidikan": "pendidikan_kk_id",
    "pekerjaan": "pekerjaan_id",
    "gol. darah": "golongan_darah_id",
    "cacat": "cacat_id",
    "nomor paspor": "dokumen_pasport",
    "nomor akta lahir": "akta_lahir",
    "nomor akta kawin": "akta_perkawinan",
    "tanggal kwn": "tanggalperkawinan",
    "nomor akta cerai": "akta_perceraian",
    "tgl cerai": "tanggalperceraian",
    # Known, not imported: administrative or not in the register.
    "kecamatan": "",
    "desa/kel": "",
    "deskripsi pekerjaan": "",
    "cetak ktp": "",
    "ganti ktp": "",
    "ktp berakhir": "",
    "petugas registrasi": "",
    "tgl ubah": "",
    "petugas entri": "",
    "tgl entri": "",
}


# A wilayah level the village does not use, in the dusun / rw / rt columns.
TANPA_TINGKAT = "-"


def wilayah_kolom(w: Wilayah) -> dict[str, str | None]:
    """dusun / rw / rt of a wilayah; '-' for a level the village does not use."""
    T = Wilayah.Tingkat
    dusun = w.dusun if w.dusun_id and w.dusun_id != w.pk else (w if w.tingkat == T.DUSUN else None)
    rw = w.rw if w.rw_id and w.rw_id != w.pk else (w if w.tingkat == T.RW else None)
    return {
        "dusun": dusun.nama if dusun else None,
        "rw": rw.nama if rw else TANPA_TINGKAT,
        "rt": w.nama if w.tingkat == T.RT else TANPA_TINGKAT,
    }
