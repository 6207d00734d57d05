"""The version of the public population figures.

Public figures (the /statistik/ tables, the home page's summary) are cached under keys that
carry this version. Every population event and every change of a resident or family record
(post_save/post_delete, connected in penduduk.apps) gives a new version once the transaction
commits, so the public pages show a birth or a death at once instead of up to 10 minutes
later. Several changes in one transaction give one new version.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

KUNCI = "sid:statistik:versi"
MODEL_PENDUDUK = ("penduduk.Peristiwa", "penduduk.Penduduk", "keluarga.Keluarga")


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
