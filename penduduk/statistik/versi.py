"""The version of the population figures, and the statistics tables cached under it.

Figures (the /statistik/ tables, the back-office statistics page, the home page's summary) are
cached under keys that carry this version. Every population event and every change of a
resident, family, wilayah or age-group record (post_save/post_delete, connected in
penduduk.apps) gives a new version once the transaction commits, so a birth or a death shows at
once. Several changes in one transaction give one new version. Writes that bypass the signals
(bulk import, move from OpenSID, demo data, restore) call `statistik_berubah()` themselves.
"""

from __future__ import annotations

import datetime
import time

from django.core.cache import cache
from django.db import transaction

KUNCI = "sid:statistik:versi"
MODEL_PENDUDUK = (
    "penduduk.Peristiwa",
    "penduduk.Penduduk",
    "keluarga.Keluarga",
    "penduduk.RentangUmur",  # the age tables' rows
    "sid.Wilayah",  # an RT moved to another RW/dusun changes the per-area tables
)
DETIK_CACHE = 600


def _baru() -> str:
    versi = f"{time.time_ns():x}"
    cache.set(KUNCI, versi, None)
    return versi


def versi_statistik() -> str:
    return cache.get(KUNCI) or _baru()


def setelah_commit_sekali(fungsi) -> None:
    """`transaction.on_commit(fungsi)`, unless `fungsi` already waits, registered in the same
    savepoint (Django keeps pending callbacks as (savepoints, function, robust) and drops the
    ones of a savepoint that rolls back): many saves in one service call, one callback."""
    koneksi = transaction.get_connection()
    sekarang = set(koneksi.savepoint_ids)
    if any(antre[1] is fungsi and antre[0] == sekarang for antre in koneksi.run_on_commit):
        return
    transaction.on_commit(fungsi)


def statistik_berubah(sender=None, **kwargs) -> None:
    """Signal receiver: the population figures changed."""
    setelah_commit_sekali(_baru)


def cache_bersama() -> bool:
    """Whether the cache (and so the version) is one for every process: Redis. The local-memory
    cache is per process: a change made through one gunicorn worker would not reach another
    worker's copy of the version."""
    from django.conf import settings

    return bool(getattr(settings, "REDIS_URL", ""))


def hitung_tersimpan(
    kunci: str,
    *,
    wilayah=None,
    pada: datetime.date | None = None,
    hanya_cache_bersama: bool = False,
):
    """`hitung(kunci, wilayah=..., pada=...)` from the cache while the figures' version and the
    day are the same (one entry per category, wilayah and day; shared by the public pages and
    the back office). `hanya_cache_bersama`: the back office, where an operator must see the
    death they just recorded, counts afresh unless the cache is shared by every process (with
    a per-process cache the public pages may lag up to DETIK_CACHE, as documented)."""
    from django.utils import timezone

    from penduduk.statistik.hitung import hitung

    pada = pada or timezone.localdate()
    if hanya_cache_bersama and not cache_bersama():
        return hitung(kunci, wilayah=wilayah, pada=pada)
    kunci_cache = (
        f"sid:statistik:{versi_statistik()}:{kunci}:{wilayah.pk if wilayah else 0}:"
        f"{pada.isoformat()}"
    )
    tabel = cache.get(kunci_cache)
    if tabel is None:
        tabel = hitung(kunci, wilayah=wilayah, pada=pada)
        cache.set(kunci_cache, tabel, DETIK_CACHE)
    return tabel
