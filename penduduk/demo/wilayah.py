"""The wilayah tree of the demo village, and addresses outside it."""

from __future__ import annotations

import math
from dataclasses import dataclass

from penduduk.demo import data
from penduduk.demo.orang import Konteks, Orang


@dataclass(slots=True, eq=False)
class Wil:
    tingkat: int
    nama: str
    induk: Wil | None = None
    dusun_nama: str = ""
    kepala: Orang | None = None
    kepala_nama: str = ""
    pk: int | None = None


def rencana_wilayah(
    ctx: Konteks, n: int, pakai_rw: bool, pakai_rt: bool, terpakai: frozenset[str]
) -> tuple[list[Wil], list[Wil]]:
    r = ctx.rng
    n_dusun = max(2, min(12, round(4 + 8 * math.log(max(n, 1) / 2000) / math.log(50))))
    per_dusun = max(1.0, n / 3.5 / 40) / n_dusun
    bebas = [d for d in data.DUSUN if d not in terpakai]
    nama = bebas[:1] + r.sample(bebas[1:], n_dusun - 1)
    semua, terendah = [], []
    for nama_dusun in nama:
        dusun = Wil(1, nama_dusun, dusun_nama=nama_dusun)
        semua.append(dusun)
        induk_rt = [dusun]
        if pakai_rw:
            n_rw = max(2, min(6, round(per_dusun / 5.5) + r.randint(-1, 1)))
            induk_rt = [Wil(2, f"{i:03d}", dusun, nama_dusun) for i in range(1, n_rw + 1)]
            semua += induk_rt
        if not pakai_rt:
            terendah += induk_rt if pakai_rw else [dusun]
            continue
        for induk in induk_rt:
            n_rt = max(3, min(8, round(per_dusun / len(induk_rt)) + r.randint(-1, 1)))
            rt = [Wil(3, f"{i:03d}", induk, nama_dusun) for i in range(1, n_rt + 1)]
            semua += rt
            terendah += rt
    return semua, terendah


def alamat_luar(ctx: Konteks, jenis: int, kecamatan: str, kabupaten: str) -> str:
    r = ctx.rng
    jalan = f"{r.choice(data.JALAN)} No. {r.randint(1, 150)}"
    rt_rw = f"RT {r.randint(1, 9):03d}/RW {r.randint(1, 6):03d}"
    if jenis == 1:
        desa = r.choice(data.DESA_TETANGGA)
        return f"Kp. {r.choice(data.DUSUN).title()} {rt_rw}, Desa {desa}, Kec. {kecamatan}, Kab. {kabupaten}"
    if jenis == 2:
        return f"{jalan} {rt_rw}, Kec. {r.choice(data.KECAMATAN_TETANGGA)}, Kab. {kabupaten}"
    if jenis == 3:
        return f"{jalan} {rt_rw}, {r.choice(data.KOTA_JABAR)}, Jawa Barat"
    kota, provinsi = r.choice(data.KOTA_LUAR)
    return f"{jalan} {rt_rw}, {kota}, {provinsi}"
