"""Reading OpenSID's values: one place for what every mapper needs (MySQL's zero dates and
blank strings are 'no value'; codes outside SID's list are 'unknown'; OpenSID writes its own
timestamps in the village's wall time)."""

from __future__ import annotations

import datetime

from django.utils import timezone


def nilai(v):
    """A value, or None for MySQL's zero dates and blank strings."""
    if isinstance(v, str):
        v = v.strip()
        if not v or v.startswith("0000-00-00"):
            return None
    return v


def teks(v) -> str:
    v = nilai(v)
    return "" if v is None else str(v)


def rapi(v) -> str:
    """Text with its runs of spaces collapsed."""
    return " ".join(teks(v).split())


def angka(v) -> int | None:
    v = nilai(v)
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def kode(v, pilihan) -> int | None:
    """A code of `pilihan` (IntegerChoices), or None when absent or unknown."""
    v = angka(v)
    return v if v in pilihan.values else None


def tanggal(v) -> datetime.date | None:
    v = nilai(v)
    if v is None:
        return None
    try:
        return datetime.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def waktu(v) -> datetime.time | None:
    v = teks(v)
    try:
        return datetime.time.fromisoformat(v) if v else None
    except ValueError:
        return None


def saat(v) -> datetime.datetime | None:
    """An OpenSID timestamp (village wall time) as an aware datetime."""
    v = teks(v)
    try:
        return timezone.make_aware(datetime.datetime.fromisoformat(v)) if v else None
    except ValueError:
        return None
