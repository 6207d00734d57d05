"""Who signs the village's reports on a date. The officials app registers the lookup from its
AppConfig.ready (`perangkat.laporan.penandatangan_laporan`), so the register's reports ask here
and never import the officials app (which itself reads the register):

    from sid import penandatangan
    penandatangan.daftar(penandatangan_laporan)   # perangkat/apps.py
    penandatangan.pada(tanggal)                   # the signatory, or None (a blank line)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

_cari: Callable[[datetime.date], Any] | None = None


def daftar(fungsi: Callable[[datetime.date], Any]) -> None:
    global _cari
    _cari = fungsi


def pada(tanggal: datetime.date) -> Any:
    return _cari(tanggal) if _cari is not None else None
