"""The statistics queries: one grouped query per category, whatever the village's size.

Each category counts living residents (status HIDUP; families: active KKs) in a wilayah, grouped
by the category's value, with the L and P counts as filtered aggregates of the same query:

    values(k=<field or SQL expression>).annotate(jumlah=Count, l=Count(filter), p=Count(filter))

Age groups are a CASE on `tanggal_lahir` whose date bounds are computed in Python for the
day ("pada"), so no per-row Python and no per-row age arithmetic in SQL.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Trim, Upper
from django.utils import timezone

from keluarga.models import Keluarga
from penduduk.models import Penduduk, _tahun_lalu
from penduduk.statistik.kategori import (
    KAWIN,
    PEREMPUAN,
    UMUR_WAJIB_KTP,
    WAJIB_KTP,
    Kategori,
    kategori,
)
from penduduk.statistik.rentang import daftar_rentang, q_umur
from sid import kode
from sid.models import Wilayah

L, P = kode.JenisKelamin.LAKI_LAKI, kode.JenisKelamin.PEREMPUAN

DATA, LUAR, JUMLAH, BELUM, TOTAL = "data", "luar", "jumlah", "belum", "total"


@dataclass
class Baris:
    label: str
    jumlah: int = 0
    l: int = 0  # noqa: E741 - the official column name
    p: int = 0
    persen: float = 0.0
    kunci: str | None = None  # the row's value: a code, "dari-sampai", a suku, "ada"
    jenis: str = DATA  # data | luar (outside every group) | jumlah | belum | total


@dataclass
class Tabel:
    kategori: Kategori
    pada: datetime.date
    wilayah: Wilayah | None
    baris: list[Baris]
    jumlah: Baris
    belum_mengisi: Baris
    total: Baris
    luar: list[Baris] = field(default_factory=list)

    @property
    def semua_baris(self) -> list[Baris]:
        return [*self.baris, *self.luar, self.jumlah, self.belum_mengisi, self.total]

    def sebagai_dict(self) -> dict:
        """Plain data (JSON-safe): for caches, the upward sync and the charts."""
        return {
            "kategori": self.kategori.kunci,
            "judul": self.kategori.judul,
            "satuan": self.kategori.satuan,
            "pada": self.pada.isoformat(),
            "wilayah": self.wilayah.pk if self.wilayah else None,
            "baris": [
                {
                    "label": b.label,
                    "kunci": b.kunci,
                    "jenis": b.jenis,
                    "jumlah": b.jumlah,
                    "l": b.l,
                    "p": b.p,
                    "persen": b.persen,
                }
                for b in self.semua_baris
            ],
        }


# --- scope ------------------------------------------------------------------------------------
def wajib_ktp_q(pada: datetime.date) -> Q:
    """17 years or older on `pada`, or ever married (status perkawinan not BELUM KAWIN)."""
    return Q(tanggal_lahir__lte=_tahun_lalu(pada, UMUR_WAJIB_KTP)) | ~Q(
        status_kawin=kode.StatusKawin.BELUM_KAWIN
    )


def lingkup_q(kat: Kategori, pada: datetime.date) -> Q:
    if kat.lingkup == PEREMPUAN:
        return Q(jenis_kelamin=P)
    if kat.lingkup == KAWIN:
        return Q(status_kawin=kode.StatusKawin.KAWIN)
    if kat.lingkup == WAJIB_KTP:
        return wajib_ktp_q(pada)
    return Q()


def penduduk_lingkup(kat: Kategori, *, wilayah: Wilayah | None, pada: datetime.date):
    qs = Penduduk.objects.hidup()
    if wilayah is not None:
        qs = qs.di_wilayah(wilayah)
    return qs.filter(lingkup_q(kat, pada))


def keluarga_lingkup(*, wilayah: Wilayah | None):
    qs = Keluarga.objects.aktif()
    if wilayah is None:
        return qs
    if wilayah.tingkat == Wilayah.Tingkat.DUSUN:
        return qs.filter(wilayah__dusun=wilayah)
    if wilayah.tingkat == Wilayah.Tingkat.RW:
        return qs.filter(wilayah__rw=wilayah)
    return qs.filter(wilayah=wilayah)


# --- the one grouped query ------------------------------------------------------------------
def _kelompokkan(qs, nilai, jk: str = "jenis_kelamin") -> dict:
    """{value: (jumlah, l, p)} from ONE query grouped by value and sex (a few rows per value,
    added up here). COUNT(*) reads no other column, so PostgreSQL can answer from an index on
    (value, sex) alone (an index-only scan) instead of the wide resident rows."""
    hasil: dict = {}
    rows = qs.order_by().values_list(nilai, jk).annotate(n=Count("*"))
    for k, j, n in rows:
        jumlah, l, p = hasil.get(k, (0, 0, 0))  # noqa: E741 - the official column name
        hasil[k] = (jumlah + n, l + n * (j == L), p + n * (j == P))
    return hasil


def _nilai_kategori(kat: Kategori, pada: datetime.date):
    """(SQL expression of the row value, [(kunci, label)] rows in order, blank values)."""
    if kat.jenis == "kode":
        return F(kat.field), [(v, label) for v, label in kat.pilihan.choices], {None}
    if kat.jenis == "umur":
        rentang = daftar_rentang(kat.rentang)
        kasus = [
            When(q_umur(r.dari, r.sampai, pada), then=Value(r.pk))
            for r in rentang
            if r.sampai is None or r.sampai >= r.dari
        ]
        ekspresi = Case(*kasus, default=Value(None), output_field=IntegerField())
        # Rows keyed by pk while querying; the public key is "dari-sampai".
        return ekspresi, [(r.pk, r) for r in rentang], set()
    if kat.jenis == "akta":
        ekspresi = Case(
            When(akta_lahir="", then=Value("")), default=Value("ada"), output_field=CharField()
        )
        return ekspresi, [("ada", "MEMILIKI AKTA KELAHIRAN")], {"", None}
    if kat.jenis == "suku":
        return Upper(Trim("suku")), None, {"", None}
    raise ValueError(f"Jenis kategori tidak dikenal: {kat.jenis}")


def hitung(
    kat: Kategori | str,
    *,
    wilayah: Wilayah | None = None,
    pada: datetime.date | None = None,
) -> Tabel:
    """The table of one category for the village or a dusun/RW/RT (living residents)."""
    if isinstance(kat, str):
        kat = kategori(kat)
    pada = pada or timezone.localdate()
    if kat.per_keluarga:
        return _hitung_keluarga(kat, wilayah=wilayah, pada=pada)
    ekspresi, urutan, kosong = _nilai_kategori(kat, pada)
    hasil = _kelompokkan(penduduk_lingkup(kat, wilayah=wilayah, pada=pada), ekspresi)
    baris, luar = [], []
    belum = Baris("BELUM MENGISI", jenis=BELUM)
    if kat.jenis == "umur":
        for pk, r in urutan:
            n = hasil.pop(pk, (0, 0, 0))
            baris.append(Baris(r.label, *n, kunci=r.kunci))
        n = hasil.pop(None, None)
        if n:
            luar.append(Baris("DI LUAR RENTANG YANG DITETAPKAN", *n, jenis=LUAR))
    else:
        for k in kosong:
            n = hasil.pop(k, None)
            if n:
                belum = _tambah(belum, n)
        if urutan is None:  # free text (suku): most frequent first
            urutan = sorted(hasil, key=lambda k: (-hasil[k][0], k))
            urutan = [(k, k) for k in urutan]
        for k, label in urutan:
            n = hasil.pop(k, (0, 0, 0))
            baris.append(Baris(label, *n, kunci=str(k)))
        if hasil:  # codes outside the official list (bad imports): shown, never hidden
            n = (sum(v[0] for v in hasil.values()), sum(v[1] for v in hasil.values()))
            n = (*n, sum(v[2] for v in hasil.values()))
            luar.append(Baris("KODE TIDAK DIKENAL", *n, jenis=LUAR))
    return _susun(kat, pada, wilayah, baris, luar, belum)


def _hitung_keluarga(kat: Kategori, *, wilayah: Wilayah | None, pada: datetime.date) -> Tabel:
    """Families by welfare class; L/P = the living head's sex (one query: a LEFT JOIN to the
    head, at most one row per family by the one-living-head constraint)."""
    from django.db.models import FilteredRelation

    qs = keluarga_lingkup(wilayah=wilayah).alias(
        kepala=FilteredRelation(
            "anggota",
            condition=Q(
                anggota__shdk=kode.SHDK.KEPALA_KELUARGA,
                anggota__status_dasar=kode.StatusDasar.HIDUP,
            ),
        )
    )
    hasil = _kelompokkan(qs, F(kat.field), jk="kepala__jenis_kelamin")
    belum = Baris("BELUM MENGISI", jenis=BELUM)
    n = hasil.pop(None, None)
    if n:
        belum = _tambah(belum, n)
    baris = [
        Baris(label, *hasil.pop(v, (0, 0, 0)), kunci=str(v)) for v, label in kat.pilihan.choices
    ]
    luar = []
    if hasil:
        luar.append(
            Baris(
                "KODE TIDAK DIKENAL",
                sum(v[0] for v in hasil.values()),
                sum(v[1] for v in hasil.values()),
                sum(v[2] for v in hasil.values()),
                jenis=LUAR,
            )
        )
    return _susun(kat, pada, wilayah, baris, luar, belum)


def _tambah(b: Baris, n: tuple[int, int, int]) -> Baris:
    b.jumlah += n[0]
    b.l += n[1]
    b.p += n[2]
    return b


def _susun(kat, pada, wilayah, baris, luar, belum) -> Tabel:
    jumlah = Baris("JUMLAH", jenis=JUMLAH)
    for b in [*baris, *luar]:
        _tambah(jumlah, (b.jumlah, b.l, b.p))
    total = Baris("TOTAL", jenis=TOTAL)
    _tambah(total, (jumlah.jumlah, jumlah.l, jumlah.p))
    _tambah(total, (belum.jumlah, belum.l, belum.p))
    for b in [*baris, *luar, jumlah, belum, total]:
        b.persen = round(100 * b.jumlah / total.jumlah, 2) if total.jumlah else 0.0
    return Tabel(kat, pada, wilayah, baris, jumlah, belum, total, luar)
