"""Formatting helpers shared by pages, letters and reports (Indonesian conventions)."""

from __future__ import annotations

import datetime

BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


def tanggal_indonesia(tanggal: datetime.date | None) -> str:
    """21 November 2026."""
    if not tanggal:
        return "-"
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


def samarkan_nik(nik: str | None) -> str:
    """The one masking rule for NIK / No. KK outside the back office: 3201********0003."""
    if not nik:
        return "-"
    nik = str(nik)
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]
