"""The registry of datasets a village can report upward.

An app (or `sinkron` itself, for apps that don't register their own) adds a dataset at start-up:

    from sinkron.dataset import daftar, periode_bulanan
    daftar("surat", 1, bangun_surat, jenis={"agregat"}, judul="Surat keluar",
           periode=periode_bulanan)

`fungsi_bangun(periode, tingkat)` returns the JSON-ready content for one period at the policy
level ("agregat" or "rekaman"), or None when there is nothing to send for that period (e.g. a
year without an adopted budget). Aggregate content is {"angka": [rows], ...}; a records dataset
returns {"agregat": {...}, "rekaman": [{"kunci", "data", "berkas"}]} and sinkron turns it into
deltas with tombstones. `periode(penuh)` lists the periods a routine run sends (penuh=False) or
a full snapshot sends (penuh=True). Schemas are documented in docs/sinkron.md.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone

AGREGAT, REKAMAN = "agregat", "rekaman"


@dataclass(frozen=True)
class Dataset:
    kode: str
    versi_skema: int
    bangun: Callable[[str, str], dict | None]
    jenis: frozenset[str]
    judul: str
    periode: Callable[[bool], list[str]]
    urutan: int = 50
    keterangan: str = ""
    bawaan: str = AGREGAT  # policy level at enrolment
    sumber: str = ""
    label_total: str = ""  # what the headline total counts, e.g. "penduduk akhir bulan"
    uraian: str = ""  # what each level sends, in words (the enrolment screen lists it)

    @property
    def bisa_rekaman(self) -> bool:
        return REKAMAN in self.jenis


_DATASET: dict[str, Dataset] = {}


def daftar(
    kode: str,
    versi_skema: int,
    fungsi_bangun: Callable[[str, str], dict | None],
    jenis: Iterable[str] = (AGREGAT,),
    *,
    judul: str,
    periode: Callable[[bool], list[str]] | None = None,
    urutan: int = 50,
    keterangan: str = "",
    bawaan: str = AGREGAT,
    sumber: str = "",
    label_total: str = "",
    uraian: str = "",
) -> Dataset:
    """Register (or replace) a dataset. Idempotent, so `ready()` may run more than once."""
    jenis = frozenset(jenis)
    if not jenis or not jenis <= {AGREGAT, REKAMAN}:
        raise ValueError(f"jenis dataset {kode!r} harus bagian dari {{agregat, rekaman}}")
    if bawaan not in (*jenis, "mati"):
        raise ValueError(f"tingkat bawaan dataset {kode!r} tidak didukung: {bawaan}")
    ds = Dataset(
        kode=kode,
        versi_skema=versi_skema,
        bangun=fungsi_bangun,
        jenis=jenis,
        judul=judul,
        periode=periode or periode_tunggal,
        urutan=urutan,
        keterangan=keterangan,
        bawaan=bawaan,
        sumber=sumber,
        label_total=label_total,
        uraian=uraian,
    )
    _DATASET[kode] = ds
    return ds


def semua() -> list[Dataset]:
    return sorted(_DATASET.values(), key=lambda d: (d.urutan, d.kode))


def ambil(kode: str) -> Dataset | None:
    return _DATASET.get(kode)


def hapus(kode: str) -> None:
    """Unregister (tests only)."""
    _DATASET.pop(kode, None)


# --- periods ---------------------------------------------------------------------------------
def _bulan(tanggal: datetime.date, mundur: int) -> str:
    indeks = tanggal.year * 12 + tanggal.month - 1 - mundur
    return f"{indeks // 12:04d}-{indeks % 12 + 1:02d}"


def periode_tunggal(penuh: bool) -> list[str]:
    """One snapshot with no period (identity, officials)."""
    return [""]


def periode_bulan_ini(penuh: bool) -> list[str]:
    """A monthly snapshot of the current state ("YYYY-MM")."""
    return [_bulan(timezone.localdate(), 0)]


def periode_bulanan(penuh: bool) -> list[str]:
    """Figures per month: last and this month routinely (late entries still change last
    month), the last 12 months in a full snapshot."""
    hari_ini = timezone.localdate()
    return [_bulan(hari_ini, m) for m in range(11 if penuh else 1, -1, -1)]


def periode_tahunan(penuh: bool) -> list[str]:
    """Figures per year: this year, plus last year in a full snapshot or in the first quarter
    (when last year's realisation is still being completed)."""
    tahun = timezone.localdate().year
    if penuh or timezone.localdate().month <= 3:
        return [str(tahun - 1), str(tahun)]
    return [str(tahun)]
