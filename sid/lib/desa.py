"""Cached access to the village identity (read on almost every page)."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction

KUNCI_CACHE = "sid:identitas_desa"


def identitas_desa():
    from sid.models import IdentitasDesa

    desa = cache.get(KUNCI_CACHE)
    if desa is None:
        desa = IdentitasDesa.ambil()
        cache.set(KUNCI_CACHE, desa, 300)
    return desa


def lupakan_identitas_desa() -> None:
    """Drop the cached copy once the current transaction commits."""
    transaction.on_commit(lambda: cache.delete(KUNCI_CACHE))
