"""Coded columns: the numeric code, or its label / an alias, case-insensitive.

Labels are compared after upper-casing, collapsing whitespace and dropping the spaces around
"/" ("Tidak/Belum Sekolah" = "TIDAK / BELUM SEKOLAH"), as the README specifies.
"""

from __future__ import annotations

import re
from functools import cache

from penduduk.impor.kolom import Kolom

BATAS_DAFTAR_PILIHAN = 20


def kunci(teks: str) -> str:
    teks = " ".join(str(teks).upper().split())
    return re.sub(r"\s*/\s*", "/", teks)


@cache
def _peta(kolom: Kolom) -> dict[str, int]:
    peta = {kunci(label): int(kode) for kode, label in kolom.pilihan.choices}
    peta.update({kunci(alias): kode for alias, kode in kolom.alias.items()})
    return peta


@cache
def _kode_sah(kolom: Kolom) -> frozenset[int]:
    return frozenset(int(k) for k, _ in kolom.pilihan.choices)


def pesan_tidak_dikenal(kolom: Kolom, nilai) -> str:
    pilihan = kolom.pilihan.choices
    if len(pilihan) <= BATAS_DAFTAR_PILIHAN:
        daftar = ", ".join(f"{k} {label}" for k, label in pilihan)
        saran = f"Pilihan: {daftar}."
    else:
        saran = "Lihat lembar 'Kode Data' pada templat impor."
    return f"Kode atau label '{nilai}' tidak dikenal untuk kolom {kolom.nama}. {saran}"


def cari_kode(kolom: Kolom, nilai) -> int:
    """The code for a cell value (int, integral float, digits or a label). ValueError if none."""
    if isinstance(nilai, bool):
        raise ValueError(pesan_tidak_dikenal(kolom, nilai))
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    teks = str(nilai).strip()
    if teks.isdigit() and int(teks) in _kode_sah(kolom):
        return int(teks)
    kode = _peta(kolom).get(kunci(teks))
    if kode is None:
        raise ValueError(pesan_tidak_dikenal(kolom, teks))
    return kode
