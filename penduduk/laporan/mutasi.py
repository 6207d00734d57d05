"""Population over time, derived from population events only (never from `status_dasar`).

The rule (see docs/statistik.md):

- Only standing events count (`Peristiwa.dibatalkan` False); they are ordered by event date
  (`tanggal_peristiwa`), then by recording order. The report date (`tanggal_lapor`) never
  decides a count, so a death reported in March that happened in February is February's.
- A resident is present at the end of day D when the last event on or before D is an entry
  (LAHIR, PINDAH MASUK, KEMBALI DATANG). With no event on or before D, the first event says
  what came before it: present before an exit (initial data: present since the beginning),
  absent before a birth or an arrival. A record with no standing event at all counts when it
  is HIDUP; one entered as MATI/PINDAH without an event cannot be placed in time and is never
  counted (`periksa_konsistensi` reports it).
- An exit (MATI, PINDAH KELUAR, HILANG, PERGI) removes the resident from its event date;
  KEMBALI DATANG brings them back.

`hadir_pada()` is that rule as one SQL query; the start and end of every month, the family
counts and the per-dusun recap all come from it, and the month's movements are the events
dated inside the month. So "end of month N = start of month N+1" holds by construction, and
start + entries - exits = end holds whenever each resident's events alternate (tested).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from penduduk.models import Penduduk, Peristiwa
from sid import kode
from sid.models import Wilayah

J = kode.JenisPeristiwa
L, P = kode.JenisKelamin.LAKI_LAKI, kode.JenisKelamin.PEREMPUAN
WNA = kode.WargaNegara.WNA

MASUK_PERTAMA = [J.LAHIR, J.PINDAH_MASUK]  # the resident was not here before this
MASUK = [J.LAHIR, J.PINDAH_MASUK, J.KEMBALI_DATANG]
KELUAR = [J.MATI, J.PINDAH_KELUAR, J.HILANG, J.PERGI]

# The monthly report's rows: (key, label, event kinds, sign). "awal"/"akhir" are states.
BARIS_MUTASI: list[tuple[str, str, list[int], int]] = [
    ("lahir", "Kelahiran", [J.LAHIR], 1),
    ("mati", "Kematian", [J.MATI], -1),
    (
        "datang",
        "Pendatang (pindah masuk dan kembali datang)",
        [J.PINDAH_MASUK, J.KEMBALI_DATANG],
        1,
    ),
    ("pindah", "Pindah keluar dan pergi", [J.PINDAH_KELUAR, J.PERGI], -1),
    ("hilang", "Hilang", [J.HILANG], -1),
]
JENIS_KE_BARIS = {j: kunci for kunci, _l, daftar, _s in BARIS_MUTASI for j in daftar}
LABEL_BARIS = {
    "awal": "Penduduk awal bulan",
    **{k: label for k, label, _j, _s in BARIS_MUTASI},
    "akhir": "Penduduk akhir bulan",
}


# --- who is present on a date -----------------------------------------------------------------
# The one subquery below returns, per resident, the kind of the last standing event on or before
# D, or minus the kind of the first event when every event is after D. A resident is present
# when that is an entry, or when their first (future) event is an exit: before it they lived
# here. Residents without any standing event are present when HIDUP (initial data).
HADIR = [*MASUK, *[-j for j in KELUAR]]


def _kode_pada(tanggal: datetime.date) -> Subquery:
    sebelum = Q(tanggal_peristiwa__lte=tanggal)
    return Subquery(
        Peristiwa.objects.filter(penduduk=OuterRef("pk"), dibatalkan=False)
        .annotate(
            _sebelum=Case(When(sebelum, then=Value(1)), default=Value(0)),
            _tgl=Case(When(sebelum, then=F("tanggal_peristiwa"))),
            _id=Case(When(sebelum, then=F("id"))),
            _kode=Case(When(sebelum, then=F("jenis")), default=-F("jenis")),
        )
        .order_by("-_sebelum", "-_tgl", "-_id", "tanggal_peristiwa", "id")
        .values("_kode")[:1]
    )


def hadir_pada(tanggal: datetime.date, qs: QuerySet | None = None) -> QuerySet:
    """Residents living in the village at the end of `tanggal`, from events (one query).

    Two uncorrelated subqueries, each computed once: residents without events (an anti-join)
    and residents with events whose state on `tanggal` is "present" (the per-resident
    subquery runs only for those, a small share of the village).
    """
    qs = Penduduk.objects.all() if qs is None else qs
    berlaku = Peristiwa.objects.filter(penduduk=OuterRef("pk"), dibatalkan=False)
    tanpa_peristiwa = Penduduk.objects.filter(status_dasar=kode.StatusDasar.HIDUP).filter(
        ~Exists(berlaku)
    )
    berperistiwa = (
        Penduduk.objects.filter(Exists(berlaku))
        .alias(_kode=_kode_pada(tanggal))
        .filter(_kode__in=HADIR)
    )
    return qs.filter(Q(pk__in=tanpa_peristiwa.values("pk")) | Q(pk__in=berperistiwa.values("pk")))


def periksa_konsistensi() -> dict[str, int]:
    """Records whose status and events disagree (the counts over time cannot be exact).

    - tanpa_peristiwa_keluar: not HIDUP, but no standing event at all (never counted);
    - hidup_setelah_keluar: HIDUP, but the latest standing event is an exit;
    - keluar_setelah_masuk: not HIDUP, but the latest standing event is an entry.
    Two queries; the services never create these, imports or direct edits might.
    """
    berlaku = Peristiwa.objects.filter(penduduk=OuterRef("pk"), dibatalkan=False)
    terakhir = berlaku.order_by("-tanggal_peristiwa", "-id").values("jenis")[:1]
    hidup = Q(status_dasar=kode.StatusDasar.HIDUP)
    hasil = (
        Penduduk.objects.filter(Exists(berlaku))
        .alias(_terakhir=Subquery(terakhir))
        .aggregate(
            hidup_setelah_keluar=Count("pk", filter=hidup & Q(_terakhir__in=KELUAR)),
            keluar_setelah_masuk=Count("pk", filter=~hidup & Q(_terakhir__in=MASUK)),
        )
    )
    hasil["tanpa_peristiwa_keluar"] = (
        Penduduk.objects.exclude(hidup).filter(~Exists(berlaku)).count()
    )
    return hasil


def q_wilayah(wilayah: Wilayah | None, awalan: str = "") -> Q:
    """Q for residents under a dusun/RW/RT (`awalan` e.g. "penduduk__" from events)."""
    if wilayah is None:
        return Q()
    if wilayah.tingkat == Wilayah.Tingkat.DUSUN:
        return Q(**{f"{awalan}wilayah__dusun": wilayah})
    if wilayah.tingkat == Wilayah.Tingkat.RW:
        return Q(**{f"{awalan}wilayah__rw": wilayah})
    return Q(**{f"{awalan}wilayah": wilayah})


def _q_wn_jk(wn: str | None, jk: str | None, awalan: str = "") -> Q:
    q = Q()
    if wn == "wna":
        q &= Q(**{f"{awalan}warganegara": WNA})
    elif wn == "wni":
        q &= ~Q(**{f"{awalan}warganegara": WNA})
    if jk in ("l", "p"):
        q &= Q(**{f"{awalan}jenis_kelamin": L if jk == "l" else P})
    return q


# --- counting -------------------------------------------------------------------------------
@dataclass
class Angka:
    """Residents split as the official forms split them: WNI/WNA × L/P (+ families)."""

    wni_l: int = 0
    wni_p: int = 0
    wna_l: int = 0
    wna_p: int = 0
    kk: int | None = None  # families (present residents' distinct KKs); states only
    anggota_kk: int | None = None  # present residents who are in a KK; states only

    @property
    def wni(self) -> int:
        return self.wni_l + self.wni_p

    @property
    def wna(self) -> int:
        return self.wna_l + self.wna_p

    @property
    def l(self) -> int:  # noqa: E743 - the official column name
        return self.wni_l + self.wna_l

    @property
    def p(self) -> int:
        return self.wni_p + self.wna_p

    @property
    def jumlah(self) -> int:
        return self.wni + self.wna

    def tambah(self, lain: Angka, tanda: int = 1) -> Angka:
        return Angka(
            self.wni_l + tanda * lain.wni_l,
            self.wni_p + tanda * lain.wni_p,
            self.wna_l + tanda * lain.wna_l,
            self.wna_p + tanda * lain.wna_p,
        )

    def sama(self, lain: Angka) -> bool:
        return (self.wni_l, self.wni_p, self.wna_l, self.wna_p) == (
            lain.wni_l,
            lain.wni_p,
            lain.wna_l,
            lain.wna_p,
        )


def _agregat(awalan: str = "") -> dict:
    def q(wna: bool, jk: int) -> Q:
        wn = Q(**{f"{awalan}warganegara": WNA})
        return (wn if wna else ~wn) & Q(**{f"{awalan}jenis_kelamin": jk})

    return {
        "wni_l": Count("pk", filter=q(False, L)),
        "wni_p": Count("pk", filter=q(False, P)),
        "wna_l": Count("pk", filter=q(True, L)),
        "wna_p": Count("pk", filter=q(True, P)),
    }


def penduduk_pada(
    tanggal: datetime.date, *, wilayah: Wilayah | None = None, per_dusun: bool = False
) -> dict[int | None, Angka]:
    """Residents present at the end of `tanggal` ({dusun id or None: Angka}, one query)."""
    qs = hadir_pada(tanggal, Penduduk.objects.filter(q_wilayah(wilayah)))
    kolom = {
        **_agregat(),
        "kk": Count("keluarga", distinct=True),
        "anggota_kk": Count("pk", filter=Q(keluarga__isnull=False)),
    }
    if not per_dusun:
        return {None: Angka(**qs.aggregate(**kolom))}
    rows = qs.order_by().values("wilayah__dusun_id").annotate(**kolom)
    return {r.pop("wilayah__dusun_id"): Angka(**r) for r in rows}


def jumlah_penduduk_pada(tanggal: datetime.date, *, wilayah: Wilayah | None = None) -> int:
    """How many people lived in the village (or wilayah) at the end of `tanggal`."""
    return penduduk_pada(tanggal, wilayah=wilayah)[None].jumlah


def peristiwa_dalam(
    awal: datetime.date,
    akhir: datetime.date,
    *,
    wilayah: Wilayah | None = None,
    per_dusun: bool = False,
) -> dict[tuple[int | None, str], Angka]:
    """Standing events dated in [awal, akhir] by report row ({(dusun, row): Angka}, 1 query)."""
    qs = Peristiwa.objects.filter(
        q_wilayah(wilayah, "penduduk__"),
        dibatalkan=False,
        tanggal_peristiwa__gte=awal,
        tanggal_peristiwa__lte=akhir,
    )
    grup = ["jenis", "penduduk__wilayah__dusun_id"] if per_dusun else ["jenis"]
    hasil: dict[tuple[int | None, str], Angka] = {}
    for r in qs.order_by().values(*grup).annotate(**_agregat("penduduk__")):
        kunci = (r.get("penduduk__wilayah__dusun_id"), JENIS_KE_BARIS[r["jenis"]])
        angka = Angka(r["wni_l"], r["wni_p"], r["wna_l"], r["wna_p"])
        hasil[kunci] = hasil.get(kunci, Angka()).tambah(angka)
    return hasil


# --- the monthly report -----------------------------------------------------------------------
def batas_bulan(tahun: int, bulan: int) -> tuple[datetime.date, datetime.date]:
    awal = datetime.date(tahun, bulan, 1)
    return awal, awal.replace(day=calendar.monthrange(tahun, bulan)[1])


@dataclass
class BarisLaporan:
    kunci: str
    label: str
    angka: Angka


@dataclass
class LaporanBulanan:
    tahun: int
    bulan: int
    awal: datetime.date  # first day of the month
    akhir: datetime.date  # last day of the month
    wilayah: Wilayah | None
    baris: list[BarisLaporan] = field(default_factory=list)

    def __getitem__(self, kunci: str) -> Angka:
        return next(b.angka for b in self.baris if b.kunci == kunci)

    @property
    def angka_awal(self) -> Angka:
        return self["awal"]

    @property
    def angka_akhir(self) -> Angka:
        return self["akhir"]

    @property
    def hitungan_akhir(self) -> Angka:
        """Start + entries - exits: equals the end figure when the events are consistent."""
        angka = self["awal"]
        for kunci, _label, _jenis, tanda in BARIS_MUTASI:
            angka = angka.tambah(self[kunci], tanda)
        return angka

    @property
    def seimbang(self) -> bool:
        return self.hitungan_akhir.sama(self["akhir"])


def laporan_bulanan(tahun: int, bulan: int, *, wilayah: Wilayah | None = None) -> LaporanBulanan:
    """The Laporan Bulanan Penduduk for a month (3 queries)."""
    awal, akhir = batas_bulan(tahun, bulan)
    mulai = penduduk_pada(awal - datetime.timedelta(days=1), wilayah=wilayah)[None]
    selesai = penduduk_pada(akhir, wilayah=wilayah)[None]
    gerak = peristiwa_dalam(awal, akhir, wilayah=wilayah)
    lap = LaporanBulanan(tahun, bulan, awal, akhir, wilayah)
    lap.baris.append(BarisLaporan("awal", LABEL_BARIS["awal"], mulai))
    for kunci, label, _jenis, _tanda in BARIS_MUTASI:
        lap.baris.append(BarisLaporan(kunci, label, gerak.get((None, kunci), Angka())))
    lap.baris.append(BarisLaporan("akhir", LABEL_BARIS["akhir"], selesai))
    return lap


@dataclass
class BarisRekap:
    dusun: Wilayah | None
    awal: Angka
    mutasi: dict[str, Angka]
    akhir: Angka


def rekapitulasi(tahun: int, bulan: int) -> tuple[list[BarisRekap], BarisRekap]:
    """Buku Rekapitulasi Jumlah Penduduk: the monthly report per dusun (5 queries)."""
    awal, akhir = batas_bulan(tahun, bulan)
    mulai = penduduk_pada(awal - datetime.timedelta(days=1), per_dusun=True)
    selesai = penduduk_pada(akhir, per_dusun=True)
    gerak = peristiwa_dalam(awal, akhir, per_dusun=True)
    dusun = list(Wilayah.objects.filter(tingkat=Wilayah.Tingkat.DUSUN).order_by("nama"))
    kunci_dusun = [d.pk for d in dusun]
    # Residents attached to no dusun cannot exist (every wilayah has one), but never hide them.
    lain = ({*mulai, *selesai, *(d for d, _ in gerak)} - set(kunci_dusun)) - {None}
    baris = []
    for d in [*dusun, *Wilayah.objects.filter(pk__in=lain)]:
        baris.append(
            BarisRekap(
                d,
                mulai.get(d.pk, Angka(kk=0, anggota_kk=0)),
                {k: gerak.get((d.pk, k), Angka()) for k, *_ in BARIS_MUTASI},
                selesai.get(d.pk, Angka(kk=0, anggota_kk=0)),
            )
        )
    total = BarisRekap(
        None, _jumlahkan([b.awal for b in baris]), {}, _jumlahkan([b.akhir for b in baris])
    )
    total.mutasi = {k: _jumlahkan([b.mutasi[k] for b in baris]) for k, *_ in BARIS_MUTASI}
    return baris, total


def _jumlahkan(daftar: list[Angka]) -> Angka:
    hasil = Angka(kk=0, anggota_kk=0)
    for a in daftar:
        kk, anggota = hasil.kk, hasil.anggota_kk
        hasil = hasil.tambah(a)
        hasil.kk = kk + (a.kk or 0)
        hasil.anggota_kk = anggota + (a.anggota_kk or 0)
    return hasil


# --- drill-down: the names behind a number --------------------------------------------------
def rincian(
    tahun: int,
    bulan: int,
    baris: str,
    *,
    wn: str | None = None,
    jk: str | None = None,
    wilayah: Wilayah | None = None,
) -> QuerySet:
    """Residents (awal/akhir) or events (the other rows) behind one cell of the report."""
    awal, akhir = batas_bulan(tahun, bulan)
    if baris in ("awal", "akhir"):
        tanggal = awal - datetime.timedelta(days=1) if baris == "awal" else akhir
        qs = Penduduk.objects.filter(q_wilayah(wilayah), _q_wn_jk(wn, jk))
        return (
            hadir_pada(tanggal, qs)
            .select_related("keluarga", "wilayah__dusun", "wilayah__rw")
            .order_by("nama", "pk")
        )
    jenis = next(j for k, _l, j, _s in BARIS_MUTASI if k == baris)
    return (
        Peristiwa.objects.filter(
            q_wilayah(wilayah, "penduduk__"),
            _q_wn_jk(wn, jk, "penduduk__"),
            dibatalkan=False,
            jenis__in=jenis,
            tanggal_peristiwa__gte=awal,
            tanggal_peristiwa__lte=akhir,
        )
        .select_related("penduduk__wilayah__dusun", "penduduk__wilayah__rw")
        .order_by("tanggal_peristiwa", "pk")
    )
