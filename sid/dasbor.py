"""Dashboard registry: apps add cards to the back-office home without `sid` importing them.

An app registers in its AppConfig.ready():

    from sid import dasbor
    dasbor.daftar(kartu_penduduk, urutan=10)

A card function takes the request and returns a `Kartu`, or None when the user may not see it.
Card functions must run a bounded number of queries (they render on every dashboard view).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass
class Angka:
    label: str
    nilai: int | str
    url: str = ""


@dataclass
class Kartu:
    judul: str
    angka: list[Angka] = field(default_factory=list)
    pintasan: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    peringatan: list[str] = field(default_factory=list)
    ikon: str = "bi-grid"


_KARTU: list[tuple[int, Callable[[HttpRequest], Kartu | None]]] = []


def daftar(fungsi: Callable[[HttpRequest], Kartu | None], urutan: int = 50) -> None:
    if all(f is not fungsi for _, f in _KARTU):
        _KARTU.append((urutan, fungsi))
        _KARTU.sort(key=lambda item: item[0])


def kartu_untuk(request: HttpRequest) -> list[Kartu]:
    hasil = []
    for _, fungsi in _KARTU:
        kartu = fungsi(request)
        if kartu is not None:
            hasil.append(kartu)
    return hasil
