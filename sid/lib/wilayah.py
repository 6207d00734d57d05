"""Cached list of the village's dusun/RW/RT for pickers and filters (read on every resident
list and statistics page; changes a few times a year)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

KUNCI_CACHE = "sid:wilayah:daftar:3"  # the token; :3 = token + list (KUNCI_ISI)
KUNCI_ISI = "sid:wilayah:daftar:3:isi"
DETIK_CACHE = 3600
_di_proses: dict = {}  # this process's copy: {"token": ..., "daftar": [...]}


@dataclass(frozen=True)
class PilihanWilayah:
    pk: int
    tingkat: int  # Wilayah.Tingkat: 1 dusun, 2 RW, 3 RT
    nama_lengkap: str  # "Dusun Krajan / RW 001 / RT 002"
    # Steps below the dusun, for the pickers' indent: 1 for an RW and for an RT of a dusun
    # without RW, 2 for an RT under an RW. Default: from the level.
    kedalaman: int = -1

    def __post_init__(self):
        if self.kedalaman < 0:
            object.__setattr__(self, "kedalaman", self.tingkat - 1)


def urutan_pohon() -> list:
    """Tree order: each dusun, then its RWs, then their RTs. A dusun has no RW (NULL) and must
    come before its RWs on every database (PostgreSQL sorts NULL last by default, SQLite first).
    """
    from django.db.models import F

    return ["dusun__nama", F("rw__nama").asc(nulls_first=True), "tingkat", "nama"]


def daftar_wilayah() -> list[PilihanWilayah]:
    """Every wilayah, tree order (dusun, its RWs, their RTs), from the cache when it can.

    The shared cache holds a small token under KUNCI_CACHE and the list beside it; each process
    keeps the list it last read with its token. Unpickling ~650 RTs on every request took
    ~5-10 ms (100,000 residents); reading the token is a fraction of a millisecond. Deleting
    KUNCI_CACHE (lupakan_daftar_wilayah) invalidates every process's copy."""
    token = cache.get(KUNCI_CACHE)
    if token is not None and _di_proses.get("token") == token:
        return _di_proses["daftar"]
    isi = cache.get(KUNCI_ISI) if token is not None else None
    if isi is None or isi[0] != token:
        from sid.models import Wilayah

        token = uuid.uuid4().hex
        daftar = [
            PilihanWilayah(w.pk, w.tingkat, w.nama_lengkap, _kedalaman(w))
            for w in Wilayah.objects.select_related("dusun", "rw").order_by(*urutan_pohon())
        ]
        cache.set(KUNCI_ISI, (token, daftar), DETIK_CACHE)
        cache.set(KUNCI_CACHE, token, DETIK_CACHE)
    else:
        daftar = isi[1]
    _di_proses.update(token=token, daftar=daftar)
    return daftar


def _kedalaman(w) -> int:
    if w.tingkat == 3 and w.rw_id is None:
        return 1  # an RT directly under its dusun (a dusun without RW)
    return w.tingkat - 1


def lupakan_daftar_wilayah(**_kwargs) -> None:
    """Signal receiver: drop the list now and again once the transaction commits (a reader in
    between may have cached the old rows)."""
    cache.delete(KUNCI_CACHE)
    transaction.on_commit(lambda: cache.delete(KUNCI_CACHE))
