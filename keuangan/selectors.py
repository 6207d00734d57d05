"""Reads of the village budget: the year as a tree with subtotals, the derived totals, the public
transparency data, the home-page widget and the dataset for the upward sync.

Every total here is computed from the lines in Python with Decimal (the lines of one year are a
few hundred rows); nothing is stored twice. A tree costs two queries (template codes, lines).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from keuangan.models import (
    Rekening,
    RincianAnggaran,
    TahunAnggaran,
    jumlah_segmen,
    kode_induk,
    kunci_urut,
)
from keuangan.nilai import NOL, desimal_json, persen

KUNCI_VERSI_CACHE = "keuangan:versi"
DETIK_CACHE = 600


# --- sums --------------------------------------------------------------------------------------


@dataclass
class Jumlah:
    """Budget and realisation of one line, one subtotal or one derived figure."""

    anggaran: Decimal = NOL
    realisasi_semester_1: Decimal = NOL
    realisasi: Decimal = NOL

    def tambah(self, lain: Jumlah | RincianAnggaran) -> None:
        self.anggaran += lain.anggaran
        self.realisasi_semester_1 += lain.realisasi_semester_1
        self.realisasi += lain.realisasi

    def __add__(self, lain: Jumlah) -> Jumlah:
        return Jumlah(
            self.anggaran + lain.anggaran,
            self.realisasi_semester_1 + lain.realisasi_semester_1,
            self.realisasi + lain.realisasi,
        )

    def __sub__(self, lain: Jumlah) -> Jumlah:
        return Jumlah(
            self.anggaran - lain.anggaran,
            self.realisasi_semester_1 - lain.realisasi_semester_1,
            self.realisasi - lain.realisasi,
        )

    @property
    def selisih(self) -> Decimal:
        """Lebih/(kurang): realisation minus budget."""
        return self.realisasi - self.anggaran

    @property
    def selisih_semester_1(self) -> Decimal:
        return self.realisasi_semester_1 - self.anggaran

    @property
    def persen(self) -> Decimal | None:
        return persen(self.realisasi, self.anggaran) if self.anggaran > 0 else None

    @property
    def persen_semester_1(self) -> Decimal | None:
        return persen(self.realisasi_semester_1, self.anggaran) if self.anggaran > 0 else None

    def sebagai_dict(self) -> dict[str, str]:
        return {
            "anggaran": desimal_json(self.anggaran),
            "realisasi_semester_1": desimal_json(self.realisasi_semester_1),
            "realisasi": desimal_json(self.realisasi),
        }


# --- the tree ----------------------------------------------------------------------------------


def kunci_html(*bagian: str) -> str:
    """An HTML-id-safe key: ("b", "01.01.01.", "5.1.1.") → "b-01_01_01_-5_1_1_"."""
    return "-".join(b.replace(".", "_") for b in bagian if b)


@dataclass(eq=False)
class Simpul:
    """A row of the tree: a group (with subtotal) or a line slot (leaf account)."""

    kode: str
    uraian: str
    jenis: str
    kunci: str
    tingkat: int = 0  # depth inside its section (0 = PENDAPATAN / BELANJA / PEMBIAYAAN)
    kegiatan: str = ""  # for expenditure lines: their kegiatan code
    slot: bool = False  # a line slot: an account that takes amounts (may be empty yet)
    rincian: RincianAnggaran | None = None
    induk: Simpul | None = None
    anak: list[Simpul] = field(default_factory=list)
    jumlah: Jumlah = field(default_factory=Jumlah)
    dikenal: bool = True  # False when the code is not in the template (bad ORM data)

    @property
    def grup(self) -> bool:
        return bool(self.anak)

    @property
    def ada_isi(self) -> bool:
        return self.rincian is not None or any(a.ada_isi for a in self.anak)

    def jalan(self):
        """This node and all below it, depth-first in display order."""
        yield self
        for a in self.anak:
            yield from a.jalan()

    def leluhur(self):
        s = self.induk
        while s is not None:
            yield s
            s = s.induk

    def hitung(self) -> Jumlah:
        total = Jumlah()
        if self.rincian is not None:
            total.tambah(self.rincian)
        for a in self.anak:
            total.tambah(a.hitung())
        self.jumlah = total
        return total

    def pangkas(self) -> None:
        """Drop the branches that hold no line."""
        self.anak = [a for a in self.anak if a.ada_isi]
        for a in self.anak:
            a.pangkas()


@dataclass
class Pohon:
    """A budget year as the entry screen, the reports and the public page show it."""

    tahun_anggaran: TahunAnggaran
    pendapatan: Simpul
    belanja: Simpul
    pembiayaan: Simpul
    penerimaan_pembiayaan: Jumlah
    pengeluaran_pembiayaan: Jumlah
    belanja_per_jenis: list[tuple[Rekening, Jumlah]]
    jumlah_baris: int = 0

    @property
    def surplus_defisit(self) -> Jumlah:
        return self.pendapatan.jumlah - self.belanja.jumlah

    @property
    def pembiayaan_netto(self) -> Jumlah:
        return self.penerimaan_pembiayaan - self.pengeluaran_pembiayaan

    @property
    def silpa(self) -> Jumlah:
        """Sisa lebih/(kurang) pembiayaan anggaran tahun berjalan."""
        return self.surplus_defisit + self.pembiayaan_netto

    @property
    def bagian(self) -> list[Simpul]:
        return [self.pendapatan, self.belanja, self.pembiayaan]

    def ringkasan(self) -> list[tuple[str, str, Jumlah]]:
        """(key, label, sums) of the totals and derived figures, in report order."""
        return [
            ("pendapatan", "Jumlah Pendapatan", self.pendapatan.jumlah),
            ("belanja", "Jumlah Belanja", self.belanja.jumlah),
            ("surplus", "Surplus/(Defisit)", self.surplus_defisit),
            ("penerimaan", "Penerimaan Pembiayaan", self.penerimaan_pembiayaan),
            ("pengeluaran", "Pengeluaran Pembiayaan", self.pengeluaran_pembiayaan),
            ("netto", "Pembiayaan Netto", self.pembiayaan_netto),
            ("silpa", "Sisa Lebih/(Kurang) Pembiayaan Anggaran (SiLPA)", self.silpa),
        ]

    def simpul(self, kunci: str) -> Simpul | None:
        for bagian in self.bagian:
            for s in bagian.jalan():
                if s.kunci == kunci:
                    return s
        return None


def _rekening_semua() -> list[Rekening]:
    return list(Rekening.objects.order_by("kunci_urut", "kode"))


def _pohon_akun(
    akar_kode: str,
    huruf: str,
    rekening: list[Rekening],
    rincian: list[RincianAnggaran],
    *,
    semua: bool,
) -> Simpul:
    """Income or financing: the account tree with the lines on their leaf accounts."""
    simpul: dict[str, Simpul] = {}
    akun = [r for r in rekening if r.kode.startswith(akar_kode) and r.adalah_akun]
    berinduk = {r.induk_id for r in akun}
    for r in akun:
        simpul[r.kode] = Simpul(
            kode=r.kode,
            uraian=r.uraian,
            jenis=r.jenis,
            kunci=kunci_html(huruf, r.kode),
            tingkat=jumlah_segmen(r.kode) - 1,
            slot=r.pk not in berinduk,
        )
    akar = simpul.get(akar_kode) or Simpul(
        kode=akar_kode, uraian=akar_kode, jenis="", kunci=kunci_html(huruf, akar_kode)
    )
    simpul[akar_kode] = akar
    for r in akun:
        if r.kode != akar_kode:
            _gantung(simpul, simpul[r.kode], akar)
    for baris in rincian:
        s = simpul.get(baris.kode)
        if s is None:  # a code not in the template (only through direct database writes)
            s = simpul[baris.kode] = Simpul(
                kode=baris.kode,
                uraian="(kode tidak ada dalam templat)",
                jenis="",
                kunci=kunci_html(huruf, baris.kode),
                tingkat=jumlah_segmen(baris.kode) - 1,
                slot=True,
                dikenal=False,
            )
            _gantung(simpul, s, akar)
        s.rincian = baris
    if not semua:
        akar.pangkas()
    return akar


def _gantung(simpul: dict[str, Simpul], s: Simpul, akar: Simpul) -> None:
    """Attach `s` under its nearest existing ancestor by code prefix (else the section root)."""
    induk_kode = kode_induk(s.kode)
    while induk_kode and induk_kode not in simpul:
        induk_kode = kode_induk(induk_kode)
    induk = simpul.get(induk_kode, akar) if induk_kode else akar
    if induk is s:
        return
    s.induk = induk
    induk.anak.append(s)


def _pohon_belanja(
    rekening: list[Rekening], rincian: list[RincianAnggaran]
) -> tuple[Simpul, list[tuple[Rekening, Jumlah]]]:
    """Expenditure: bidang → sub-bidang → kegiatan → the account lines of that kegiatan."""
    per_kode = {r.kode: r for r in rekening}
    akar_rek = per_kode.get("5.")
    akar = Simpul(
        kode="5.",
        uraian=akar_rek.uraian if akar_rek else "BELANJA",
        jenis="belanja",
        kunci=kunci_html("b", "5."),
    )
    kelas: dict[str, Simpul] = {}
    for r in rekening:
        if r.jenis in (Rekening.Jenis.BIDANG, Rekening.Jenis.SUB_BIDANG, Rekening.Jenis.KEGIATAN):
            kelas[r.kode] = Simpul(
                kode=r.kode,
                uraian=r.uraian,
                jenis=r.jenis,
                kunci=kunci_html("b", r.kode),
                tingkat=jumlah_segmen(r.kode),
            )
    for s in list(kelas.values()):
        _gantung(kelas, s, akar)
    jenis_belanja: dict[str, Jumlah] = defaultdict(Jumlah)
    urut = sorted(rincian, key=lambda b: (kunci_urut(b.kegiatan or "99."), kunci_urut(b.kode)))
    for baris in urut:
        keg = kelas.get(baris.kegiatan)
        if keg is None:
            keg = kelas[baris.kegiatan or "?"] = Simpul(
                kode=baris.kegiatan or "-",
                uraian="(kegiatan tidak ada dalam templat)",
                jenis=Rekening.Jenis.KEGIATAN,
                kunci=kunci_html("b", baris.kegiatan or "x"),
                tingkat=3,
                dikenal=False,
            )
            _gantung(kelas, keg, akar)
        rek = per_kode.get(baris.kode)
        s = Simpul(
            kode=baris.kode,
            uraian=rek.uraian if rek else "(kode tidak ada dalam templat)",
            jenis=Rekening.Jenis.BELANJA,
            kunci=kunci_html("b", baris.kegiatan, baris.kode),
            tingkat=keg.tingkat + 1,
            kegiatan=baris.kegiatan,
            slot=True,
            rincian=baris,
            induk=keg,
            dikenal=rek is not None,
        )
        keg.anak.append(s)
        jenis_belanja[".".join(baris.kode.split(".")[:2]) + "."].tambah(baris)
    akar.pangkas()
    per_jenis = [
        (per_kode[k] if k in per_kode else Rekening(kode=k, uraian=k), j)
        for k, j in sorted(jenis_belanja.items(), key=lambda kv: kunci_urut(kv[0]))
    ]
    return akar, per_jenis


def pohon_tahun(
    tahun_anggaran: TahunAnggaran,
    *,
    semua_rekening: bool = False,
    rekening: list[Rekening] | None = None,
) -> Pohon:
    """The year as a tree (2 queries). `semua_rekening=True` (the draft entry screen) keeps every
    income and financing account of the template, lines or not; otherwise only used branches."""
    rekening = _rekening_semua() if rekening is None else rekening
    rincian = list(tahun_anggaran.rincian.all())
    pendapatan = _pohon_akun(
        "4.", "p", rekening, [b for b in rincian if b.kode.startswith("4.")], semua=semua_rekening
    )
    pembiayaan = _pohon_akun(
        "6.", "f", rekening, [b for b in rincian if b.kode.startswith("6.")], semua=semua_rekening
    )
    belanja, per_jenis = _pohon_belanja(rekening, [b for b in rincian if b.kode.startswith("5.")])
    for bagian in (pendapatan, belanja, pembiayaan):
        bagian.hitung()
    penerimaan, pengeluaran = Jumlah(), Jumlah()
    for b in rincian:
        if b.kode.startswith("6.1."):
            penerimaan.tambah(b)
        elif b.kode.startswith("6.2."):
            pengeluaran.tambah(b)
    return Pohon(
        tahun_anggaran=tahun_anggaran,
        pendapatan=pendapatan,
        belanja=belanja,
        pembiayaan=pembiayaan,
        penerimaan_pembiayaan=penerimaan,
        pengeluaran_pembiayaan=pengeluaran,
        belanja_per_jenis=per_jenis,
        jumlah_baris=len(rincian),
    )


# --- versions ----------------------------------------------------------------------------------


def versi_terbaru(tahun: int) -> TahunAnggaran | None:
    """The latest version of a year (draft or adopted): the one that takes entries."""
    return TahunAnggaran.objects.filter(tahun=tahun).order_by("-perubahan_ke").first()


def ada_versi_lebih_baru(tahun_anggaran: TahunAnggaran) -> bool:
    return TahunAnggaran.objects.filter(
        tahun=tahun_anggaran.tahun, perubahan_ke__gt=tahun_anggaran.perubahan_ke
    ).exists()


def versi_publik(tahun: int) -> TahunAnggaran | None:
    """The latest adopted version of a year: what the public sees (None when nothing adopted)."""
    return TahunAnggaran.objects.ditetapkan().filter(tahun=tahun).order_by("-perubahan_ke").first()


def tahun_publik() -> list[int]:
    """Years with an adopted budget, newest first."""
    return list(
        TahunAnggaran.objects.ditetapkan()
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .distinct()
    )


def tahun_publik_utama(tahun_tersedia: list[int] | None = None) -> int | None:
    """The year the public page opens with: the current year when adopted, else the latest
    adopted year not in the future, else the earliest adopted one."""
    tersedia = tahun_publik() if tahun_tersedia is None else tahun_tersedia
    if not tersedia:
        return None
    sekarang = timezone.localdate().year
    if sekarang in tersedia:
        return sekarang
    lalu = [t for t in tersedia if t < sekarang]
    return max(lalu) if lalu else min(tersedia)


# --- public data (cached; invalidated by every write) ---------------------------------------------


def lupakan_cache() -> None:
    """Invalidate the cached public data once the current transaction commits."""

    def _naik():
        try:
            cache.incr(KUNCI_VERSI_CACHE)
        except ValueError:
            cache.set(KUNCI_VERSI_CACHE, 1, None)

    transaction.on_commit(_naik)


def _kunci_cache(nama: str) -> str:
    return f"keuangan:{nama}:{cache.get(KUNCI_VERSI_CACHE, 0)}"


def label_pendek(uraian: str) -> str:
    """'BIDANG PELAKSANAAN PEMBANGUNAN DESA' → 'Pelaksanaan pembangunan desa'."""
    teks = uraian.removeprefix("BIDANG ").strip()
    return capfirst(teks.lower()) if teks.isupper() else teks


def _butir(s: Simpul) -> dict:
    return {
        "kode": s.kode,
        "uraian": s.uraian,
        "label": label_pendek(s.uraian),
        **s.jumlah.sebagai_dict(),
        "persen": None if s.jumlah.persen is None else f"{s.jumlah.persen:.2f}",
    }


def data_publik(tahun_anggaran: TahunAnggaran) -> dict:
    """What the transparency page and its charts show for one adopted version (exact strings)."""
    pohon = pohon_tahun(tahun_anggaran)
    sumber = [s for s in pohon.pendapatan.jalan() if s.tingkat == 2 and s.ada_isi]
    kelompok = [s for s in pohon.pendapatan.anak if s.ada_isi]
    bidang = [s for s in pohon.belanja.anak if s.ada_isi]
    pembiayaan = [s for s in pohon.pembiayaan.jalan() if s.tingkat == 2 and s.ada_isi]
    ringkasan = {
        kunci: {"label": label, **j.sebagai_dict(), "persen": _persen_teks(j)}
        for kunci, label, j in pohon.ringkasan()
    }
    return {
        "tahun": tahun_anggaran.tahun,
        "perubahan_ke": tahun_anggaran.perubahan_ke,
        "nama_dokumen": tahun_anggaran.nama_dokumen,
        "nomor_perdes": tahun_anggaran.nomor_perdes,
        "tanggal_perdes": tahun_anggaran.tanggal_perdes.isoformat()
        if tahun_anggaran.tanggal_perdes
        else None,
        "pendapatan_sumber": [_butir(s) for s in sumber],
        "pendapatan_kelompok": [_butir(s) for s in kelompok],
        "belanja_bidang": [_butir(s) for s in bidang],
        "belanja_jenis": [
            {
                "kode": r.kode,
                "uraian": r.uraian,
                "label": label_pendek(r.uraian),
                **j.sebagai_dict(),
                "persen": _persen_teks(j),
            }
            for r, j in pohon.belanja_per_jenis
        ],
        "pembiayaan": [_butir(s) for s in pembiayaan],
        "ringkasan": ringkasan,
    }


def _persen_teks(j: Jumlah) -> str | None:
    return None if j.persen is None else f"{j.persen:.2f}"


def apbdes_publik(tahun: int | None = None) -> dict | None:
    """The public page's data for `tahun` (default: `tahun_publik_utama`) with the list of
    adopted years; None when that year has no adopted budget. Cached until the next write."""
    kunci = _kunci_cache(f"publik:{tahun or 'utama'}")
    hasil = cache.get(kunci)
    if hasil is not None:
        return hasil or None
    tersedia = tahun_publik()
    tahun = tahun or tahun_publik_utama(tersedia)
    ta = versi_publik(tahun) if tahun else None
    hasil = {"data": data_publik(ta), "tahun_tersedia": tersedia} if ta else {}
    cache.set(kunci, hasil, DETIK_CACHE)
    return hasil or None


def widget_apbdes() -> dict | None:
    """The home-page widget: the main public year's totals (cached), or None."""
    isi = apbdes_publik()
    if not isi:
        return None
    r = isi["data"]["ringkasan"]
    return {
        "tahun": isi["data"]["tahun"],
        "nama_dokumen": isi["data"]["nama_dokumen"],
        "pendapatan": r["pendapatan"],
        "belanja": r["belanja"],
        "netto": r["netto"],
        "belanja_bidang": isi["data"]["belanja_bidang"],
    }


# --- the upward sync -----------------------------------------------------------------------------


def data_sinkron(tahun: int) -> dict | None:
    """Budget and realisation of a year's latest adopted version as plain JSON-ready data for
    the upward sync (shape documented in docs/keuangan.md). Amounts are strings with 2
    decimals, exact. None when the year has no adopted budget. 3 queries."""
    ta = versi_publik(tahun)
    if ta is None:
        return None
    rekening = _rekening_semua()
    per_kode = {r.kode: r for r in rekening}
    rincian = list(ta.rincian.all())
    per_akun: dict[str, Jumlah] = defaultdict(Jumlah)
    per_bidang: dict[str, Jumlah] = defaultdict(Jumlah)
    for b in rincian:
        kode = b.kode
        while kode:
            per_akun[kode].tambah(b)
            kode = kode_induk(kode)
        kode = b.kegiatan
        while kode:
            per_bidang[kode].tambah(b)
            kode = kode_induk(kode)
    pendapatan, belanja = per_akun.get("4.", Jumlah()), per_akun.get("5.", Jumlah())
    penerimaan, pengeluaran = per_akun.get("6.1.", Jumlah()), per_akun.get("6.2.", Jumlah())
    surplus = pendapatan - belanja
    netto = penerimaan - pengeluaran
    ringkasan = {
        "pendapatan": pendapatan,
        "belanja": belanja,
        "surplus": surplus,
        "penerimaan": penerimaan,
        "pengeluaran": pengeluaran,
        "netto": netto,
        "silpa": surplus + netto,
    }

    def _baris(kode: str, j: Jumlah) -> dict:
        r = per_kode.get(kode)
        return {
            "kode": kode,
            "uraian": r.uraian if r else "",
            "jenis": r.jenis if r else "",
            "tingkat": jumlah_segmen(kode),
            **j.sebagai_dict(),
        }

    return {
        "tahun": ta.tahun,
        "perubahan_ke": ta.perubahan_ke,
        "status": ta.status,
        "nomor_perdes": ta.nomor_perdes,
        "tanggal_perdes": ta.tanggal_perdes.isoformat() if ta.tanggal_perdes else None,
        "diperbarui": max((b.diubah for b in rincian), default=ta.dibuat).isoformat(),
        "rekening": [_baris(k, per_akun[k]) for k in sorted(per_akun, key=kunci_urut)],
        "bidang": [_baris(k, per_bidang[k]) for k in sorted(per_bidang, key=kunci_urut)],
        "rincian": [
            {"kode": b.kode, "kegiatan": b.kegiatan, **_j(b).sebagai_dict()}
            for b in sorted(
                rincian, key=lambda b: (kunci_urut(b.kode), kunci_urut(b.kegiatan or "0"))
            )
        ],
        "ringkasan": {k: j.sebagai_dict() for k, j in ringkasan.items()},
    }


def _j(b: RincianAnggaran) -> Jumlah:
    return Jumlah(b.anggaran, b.realisasi_semester_1, b.realisasi)
