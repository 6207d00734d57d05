"""Column widths and type size of a printed register, from what it will print.

Registers are long tables on landscape paper (table-layout: fixed, so a 400-row chunk lays out
fast and every chunk of a book has the same columns). Fixed widths chosen by hand broke words
and numbers mid-way ("Keteranga/n", "KATHOLI/K", a NIK or NIP in two lines). Here every
column gets at least the width of its longest word — header or cell, measured with the bundled
Liberation fonts that the PDF uses — and the type is made smaller, step by step, until all
columns fit the paper. What is left is shared out by the columns' intended proportions.

A word may still break after a hyphen or a slash before a letter ("Kewarga-/negaraan").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sid.lib.pdf import HURUF_LAPORAN

MM_KE_PT = 72 / 25.4
# Landscape paper width minus the page margins of static/sid/laporan.css (12 mm each side).
LEBAR_TABEL_MM = {"A4": 297 - 24, "F4": 330 - 24}
CADANGAN = 1.04  # the PDF shapes text with kerning; measured widths are a little generous
# Where a line may break inside a cell: at spaces, and after a hyphen or slash followed by a
# letter ("Kewarga-negaraan", "PANGKAT/GOLONGAN"); never inside a number or date ("01-05-2026",
# "141/02/KPTS/2017" keeps "2017" whole), as the PDF's line breaker (Unicode UAX #14) does.
_PECAH = re.compile(r"(?<=[-/])(?=[^\W\d_])|\s+")


@dataclass(frozen=True)
class Tata:
    lebar: list[str]  # CSS width of each column, "12.50%"
    ukuran_huruf: str  # "7.4pt", for header and cells alike


@lru_cache(maxsize=8)
def _huruf(keluarga: str, tebal: bool):
    from pathlib import Path

    from django.conf import settings
    from django.contrib.staticfiles import finders
    from PIL import ImageFont

    nama = HURUF_LAPORAN[keluarga][("normal", 700 if tebal else 400)]
    path = finders.find(nama)
    if not path and (Path(settings.STATIC_ROOT) / nama).is_file():  # collected, source absent
        path = Path(settings.STATIC_ROOT) / nama
    if not path:
        raise RuntimeError(f"Berkas huruf tidak ditemukan: static/{nama}")
    return ImageFont.truetype(str(path), 100)  # widths scale linearly with the size


def _kata(teks: str) -> list[str]:
    return [k for k in _PECAH.split(teks or "") if k]


def lebar_kata_terpanjang(teks: Iterable[str], *, keluarga: str, tebal: bool = False) -> float:
    """Width in pt, at 1 pt type, of the widest unbreakable piece of these texts."""
    huruf = _huruf(keluarga, tebal)
    dilihat: set[str] = set()
    terlebar = 0.0
    for t in teks:
        for k in _kata(t):
            if k in dilihat:
                continue
            dilihat.add(k)
            terlebar = max(terlebar, huruf.getlength(k) / 100)
    return terlebar


def atur_kolom(
    judul: list[str],
    baris: list[list[str]],
    *,
    kertas: str,
    bobot: list[float],
    ukuran_awal: float,
    ukuran_min: float = 5.0,
    padding_mm: float = 0.8,
    judul_kapital: bool = False,
    huruf_judul: str = "Liberation Sans",
    huruf_isi: str = "Liberation Serif",
) -> Tata:
    """Widths and type size for a table whose header and cells hold these texts."""
    n = len(judul)
    teks_judul = [(j.upper() if judul_kapital else j) for j in judul]
    per_em = []
    for i in range(n):
        isi = lebar_kata_terpanjang((b[i] for b in baris), keluarga=huruf_isi)
        kepala = lebar_kata_terpanjang([teks_judul[i]], keluarga=huruf_judul, tebal=True)
        per_em.append(max(isi, kepala) * CADANGAN)
    tersedia = LEBAR_TABEL_MM.get(kertas, LEBAR_TABEL_MM["A4"]) * MM_KE_PT
    tepi = (2 * padding_mm * MM_KE_PT + 0.6) * n  # padding and borders of every column
    ukuran = ukuran_awal
    while ukuran > ukuran_min and sum(per_em) * ukuran + tepi > tersedia:
        ukuran = round(ukuran - 0.1, 1)
    perlu = [w * ukuran + 2 * padding_mm * MM_KE_PT + 0.6 for w in per_em]
    sisa = max(0.0, tersedia - sum(perlu))
    total_bobot = sum(bobot) or n
    lebar = [p + sisa * (b or 1) / total_bobot for p, b in zip(perlu, bobot, strict=True)]
    jumlah = sum(lebar)
    return Tata([f"{100 * w / jumlah:.2f}%" for w in lebar], f"{ukuran:.1f}pt")


def bobot_dari_persen(lebar: Iterable[str]) -> list[float]:
    """A column's intended share from its CSS width ("12%"); 1 where none is given."""
    hasil = []
    for w in lebar:
        try:
            hasil.append(float(str(w).rstrip("%")) if w else 1.0)
        except ValueError:
            hasil.append(1.0)
    return hasil
