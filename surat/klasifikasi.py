"""The official classification codes for letters (kode klasifikasi arsip), used as `kode_surat`.

Read from `surat/data/klasifikasi_surat.csv` (a copy of OpenSID's list, shipped with the app:
village installs have no shared reference folder). Loaded once per process.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

BERKAS = Path(__file__).resolve().parent / "data" / "klasifikasi_surat.csv"


@cache
def daftar_klasifikasi() -> dict[str, str]:
    """{kode: nama} in file order (the first entry wins when a code repeats)."""
    hasil: dict[str, str] = {}
    with open(BERKAS, newline="", encoding="utf-8") as f:
        for baris in csv.DictReader(f):
            kode = baris["kode"].strip()
            if kode and kode not in hasil:
                hasil[kode] = " ".join(baris["nama"].split())
    return hasil


def nama_klasifikasi(kode: str) -> str:
    """'KEPENDUDUKAN' for '470', '' when the code is not in the official list."""
    return daftar_klasifikasi().get((kode or "").strip(), "")


def cari_klasifikasi(teks: str, batas: int = 20) -> list[tuple[str, str]]:
    """Codes whose code starts with, or whose name contains, `teks` (for the editor's list)."""
    teks = (teks or "").strip().lower()
    if not teks:
        return []
    hasil = []
    for kode, nama in daftar_klasifikasi().items():
        if kode.startswith(teks) or teks in nama.lower():
            hasil.append((kode, nama))
            if len(hasil) >= batas:
                break
    return hasil
