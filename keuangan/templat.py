"""The APBDes account template (keuangan/data/rekening_apbdes.csv, a copy of
shared/reference/kode/rekening_apbdes.csv; a test asserts they are equal)."""

from __future__ import annotations

import csv
from pathlib import Path

CSV_TEMPLAT = Path(__file__).resolve().parent / "data" / "rekening_apbdes.csv"


def baca_templat() -> list[dict[str, str]]:
    """The template rows: [{"kode": "4.", "uraian": "PENDAPATAN", "jenis": "pendapatan"}, …]."""
    with open(CSV_TEMPLAT, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def pastikan_templat() -> int:
    """Insert the template codes that are missing (after a test flush, or on an old database).

    The data migration 0002 does the same on `migrate`; this is for transactional tests and the
    demo generator. Returns the number of codes added.
    """
    from keuangan.models import Rekening, jumlah_segmen, kode_induk, kunci_urut

    ada = dict(Rekening.objects.values_list("kode", "pk"))
    baru = 0
    for r in sorted(baca_templat(), key=lambda r: (jumlah_segmen(r["kode"]), r["kode"])):
        if r["kode"] in ada:
            continue
        obj = Rekening.objects.create(
            kode=r["kode"],
            uraian=r["uraian"],
            jenis=r["jenis"],
            induk_id=ada.get(kode_induk(r["kode"])),
            kunci_urut=kunci_urut(r["kode"]),
            bawaan=True,
        )
        ada[obj.kode] = obj.pk
        baru += 1
    return baru
