"""Demo-data registry: each app adds its part of the demo village from AppConfig.ready(),
so `isi_desa_demo` (in penduduk) never imports the other domain apps.

    from sid import demo
    demo.daftar(isi_demo, urutan=20)

A filler is called after the population exists: `fungsi(rng=random.Random, tanggal_mulai=date,
hari_ini=date) -> str | None` (a one-line Indonesian summary) and must do nothing when its
data already exists.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

Pengisi = Callable[..., str | None]
_PENGISI: list[tuple[int, str, Pengisi]] = []


def daftar(fungsi: Pengisi, urutan: int = 50) -> None:
    nama = f"{fungsi.__module__}.{fungsi.__qualname__}"
    if all(n != nama for _, n, _ in _PENGISI):
        _PENGISI.append((urutan, nama, fungsi))
        _PENGISI.sort(key=lambda item: item[0])


def jalankan_semua(
    *, seed: int, tanggal_mulai: datetime.date, hari_ini: datetime.date
) -> list[str]:
    hasil = []
    for urutan, _nama, fungsi in _PENGISI:
        ringkasan = fungsi(
            rng=random.Random(seed * 1000 + urutan), tanggal_mulai=tanggal_mulai, hari_ini=hari_ini
        )
        if ringkasan:
            hasil.append(ringkasan)
    return hasil
