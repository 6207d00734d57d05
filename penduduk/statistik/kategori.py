"""The statistics categories: what each counts, over whom, and how its rows are labelled.

One table of definitions read by the query layer (`hitung.py`), the back office, the public
website and (later) the upward sync, so a category means the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from sid import kode

# Who a category counts (living residents, then narrowed): see `lingkup_q()` in hitung.py.
SEMUA = ""
PEREMPUAN = "perempuan"  # pregnancy: women only
KAWIN = "kawin"  # family planning: married residents (pasangan usia subur and older)
WAJIB_KTP = "wajib_ktp"  # 17 years or older, or ever married

UMUR_WAJIB_KTP = 17


@dataclass(frozen=True)
class Kategori:
    kunci: str  # URL slug, e.g. "pendidikan-kk"
    judul: str  # "Pendidikan dalam KK"
    jenis: str  # kode | umur | akta | suku | keluarga
    kelompok: str  # navigation group
    field: str = ""  # Penduduk (or Keluarga) field for jenis "kode"
    pilihan: type[models.IntegerChoices] | None = None
    lingkup: str = SEMUA
    rentang: str = ""  # RentangUmur.Jenis for jenis "umur"
    publik: bool = True  # shown on the public website
    lingkaran: bool = True  # a pie chart makes sense (few rows that split one whole)
    keterangan: str = ""

    @property
    def per_keluarga(self) -> bool:
        return self.jenis == "keluarga"

    @property
    def satuan(self) -> str:
        return "keluarga" if self.per_keluarga else "penduduk"


def _kode(kunci, judul, kelompok, field, pilihan, **kw) -> Kategori:
    return Kategori(kunci, judul, "kode", kelompok, field=field, pilihan=pilihan, **kw)


PENDUDUK, PENDIDIKAN, KESEHATAN, DOKUMEN, KELUARGA = (
    "Penduduk",
    "Pendidikan & pekerjaan",
    "Kesehatan",
    "Dokumen kependudukan",
    "Keluarga",
)

KATEGORI: list[Kategori] = [
    _kode("jenis-kelamin", "Jenis kelamin", PENDUDUK, "jenis_kelamin", kode.JenisKelamin),
    Kategori(
        "umur-rentang",
        "Rentang umur",
        "umur",
        PENDUDUK,
        rentang="rentang",
        lingkaran=False,
        keterangan="Umur dalam tahun penuh pada hari ini. Rentang dapat diubah operator.",
    ),
    Kategori(
        "umur-kategori",
        "Kategori umur",
        "umur",
        PENDUDUK,
        rentang="kategori",
        keterangan="Umur dalam tahun penuh pada hari ini. Kategori dapat diubah operator.",
    ),
    _kode("agama", "Agama", PENDUDUK, "agama", kode.Agama),
    _kode("status-kawin", "Status perkawinan", PENDUDUK, "status_kawin", kode.StatusKawin),
    _kode("shdk", "Hubungan dalam keluarga", PENDUDUK, "shdk", kode.SHDK),
    _kode("warganegara", "Kewarganegaraan", PENDUDUK, "warganegara", kode.WargaNegara),
    _kode(
        "status-penduduk",
        "Status penduduk (tetap/tidak tetap)",
        PENDUDUK,
        "status_penduduk",
        kode.StatusPenduduk,
    ),
    Kategori(
        "suku",
        "Suku/etnis",
        "suku",
        PENDUDUK,
        lingkaran=False,
        keterangan="Dikelompokkan menurut tulisan (huruf besar/kecil tidak dibedakan).",
    ),
    _kode(
        "pendidikan-kk",
        "Pendidikan dalam KK",
        PENDIDIKAN,
        "pendidikan_kk",
        kode.PendidikanKK,
    ),
    _kode(
        "pendidikan-sedang",
        "Pendidikan sedang ditempuh",
        PENDIDIKAN,
        "pendidikan_sedang",
        kode.PendidikanSedang,
        lingkaran=False,
    ),
    _kode("pekerjaan", "Pekerjaan", PENDIDIKAN, "pekerjaan", kode.Pekerjaan, lingkaran=False),
    _kode(
        "golongan-darah",
        "Golongan darah",
        KESEHATAN,
        "golongan_darah",
        kode.GolonganDarah,
        lingkaran=False,
    ),
    # Health categories are special personal data (UU PDP): back office only by default,
    # because small counts per RT can point at one person.
    _kode("cacat", "Penyandang cacat", KESEHATAN, "cacat", kode.Cacat, publik=False),
    _kode(
        "sakit-menahun",
        "Sakit menahun",
        KESEHATAN,
        "sakit_menahun",
        kode.SakitMenahun,
        publik=False,
        lingkaran=False,
    ),
    _kode(
        "cara-kb",
        "Akseptor KB",
        KESEHATAN,
        "cara_kb",
        kode.CaraKB,
        lingkup=KAWIN,
        publik=False,
        keterangan="Dihitung dari penduduk berstatus KAWIN.",
    ),
    _kode(
        "hamil",
        "Status kehamilan",
        KESEHATAN,
        "hamil",
        kode.Hamil,
        lingkup=PEREMPUAN,
        publik=False,
        keterangan="Dihitung dari penduduk perempuan.",
    ),
    _kode("asuransi", "Asuransi kesehatan", KESEHATAN, "asuransi", kode.Asuransi),
    Kategori(
        "akta-lahir",
        "Kepemilikan akta kelahiran",
        "akta",
        DOKUMEN,
        keterangan="Memiliki = nomor akta kelahiran terisi; kosong dihitung BELUM MENGISI.",
    ),
    _kode(
        "ktp",
        "Kepemilikan KTP (wajib KTP)",
        DOKUMEN,
        "ktp_el",
        kode.KtpEl,
        lingkup=WAJIB_KTP,
        keterangan=(
            f"Wajib KTP: berumur {UMUR_WAJIB_KTP} tahun atau lebih, atau pernah kawin "
            "(status perkawinan selain BELUM KAWIN)."
        ),
    ),
    Kategori(
        "kelas-sosial",
        "Kelas sosial keluarga",
        "keluarga",
        KELUARGA,
        field="kelas_sosial",
        pilihan=kode.KelasSosial,
        keterangan=(
            "Dihitung per keluarga (KK aktif). L/P menurut jenis kelamin kepala keluarga; "
            "keluarga yang belum memiliki kepala tidak masuk kolom L/P."
        ),
    ),
]

_PER_KUNCI = {k.kunci: k for k in KATEGORI}


def kategori(kunci: str) -> Kategori:
    """The category with this slug; KeyError when unknown."""
    return _PER_KUNCI[kunci]


def kategori_publik() -> list[Kategori]:
    return [k for k in KATEGORI if k.publik]


def per_kelompok(daftar: list[Kategori] | None = None) -> list[tuple[str, list[Kategori]]]:
    hasil: dict[str, list[Kategori]] = {}
    for k in daftar if daftar is not None else KATEGORI:
        hasil.setdefault(k.kelompok, []).append(k)
    return list(hasil.items())
