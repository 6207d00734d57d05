"""Rows of the OpenSID resident format → clean values keyed by column name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from penduduk.impor import kolom as K
from penduduk.impor.formats import BarisMentah
from penduduk.impor.nilai import bersihkan


@dataclass
class Baris:
    """One data row: clean values (empty cells left out) and what is wrong with it."""

    nomor: int
    nilai: dict[str, Any]
    galat: list[tuple[str, str]] = field(default_factory=list)
    penduduk: Any = None  # the existing resident this row updates
    nik_asli: str = ""  # a TIDAK VALID row's NIK when it is kept under a temporary NIK
    tak_terbaca: set[str] = field(default_factory=set)  # columns whose cell was refused

    @property
    def ditolak(self) -> bool:
        return bool(self.galat)

    def tolak(self, kolom: str, pesan: str) -> None:
        if (kolom, pesan) not in self.galat:
            self.galat.append((kolom, pesan))


def bersihkan_baris(
    nomor: int,
    mentah: dict[str, Any],
    galat: list[tuple[str, str]],
    nama_tampil: dict[str, str] | None = None,
) -> Baris:
    """Clean every known column of a row (keyed by OpenSID column names)."""
    nama_tampil = nama_tampil or {}
    baris = Baris(nomor=nomor, nilai={})
    for kolom, pesan in galat:  # cells refused while reading (formulas, Excel errors)
        baris.tolak(nama_tampil.get(kolom, kolom), pesan)
        baris.tak_terbaca.add(kolom)
    for kunci, v in mentah.items():
        if v is None:  # an empty cell: every column cleans it to None
            continue
        kol = K.PER_NAMA.get(kunci)
        if kol is None or kunci in baris.tak_terbaca:
            continue
        try:
            bersih = bersihkan(kol, v)
        except ValueError as exc:
            baris.tolak(nama_tampil.get(kol.nama, kol.nama), str(exc))
            baris.tak_terbaca.add(kol.nama)
            continue
        if bersih is not None:
            baris.nilai[kol.nama] = bersih
    return baris


def baca(mentah: BarisMentah) -> Baris:
    return bersihkan_baris(mentah.nomor, mentah.nilai, mentah.galat)
