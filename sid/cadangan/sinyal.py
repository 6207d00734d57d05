"""Keeping other processes right after a restore.

A restore may bring content types with other ids (an archive from another installation).
Django caches content types per process, so web and worker processes other than the one that
restored would keep using the old ids. The restoring process bumps a generation number in the
shared cache; every process checks it (at most every few seconds, on request or task start)
and clears its content-type cache when it changed.
"""

from __future__ import annotations

import logging
import time
import uuid

from django.dispatch import Signal

# Sent in the restoring process once a restore has committed: apps that cache figures derived
# from the restored rows drop them (penduduk: the statistics version). sid imports no domain
# app, so they connect to it from their AppConfig.ready().
pemulihan_selesai = Signal()

KUNCI = "sid:cadangan:generasi"
JEDA_DETIK = 5.0
_BELUM = object()
_keadaan = {"generasi": _BELUM, "diperiksa": 0.0}

logger = logging.getLogger("sid.cadangan")


def umumkan_pemulihan() -> None:
    """Called after a restore has committed."""
    from django.core.cache import cache

    pemulihan_selesai.send(sender=None)
    try:
        cache.set(KUNCI, uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001 - a cache outage must not fail a finished restore
        logger.warning("Generasi pemulihan tidak dapat diumumkan lewat cache", exc_info=True)


def periksa_generasi(**kwargs) -> None:
    sekarang = time.monotonic()
    if sekarang - _keadaan["diperiksa"] < JEDA_DETIK:
        return
    _keadaan["diperiksa"] = sekarang
    from django.core.cache import cache

    try:
        generasi = cache.get(KUNCI)
    except Exception:  # noqa: BLE001 - never break a request over this
        return
    if _keadaan["generasi"] is not _BELUM and generasi != _keadaan["generasi"]:
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
    _keadaan["generasi"] = generasi


def pasang() -> None:
    """Connect the check to request and Celery task start (from SidConfig.ready)."""
    from celery.signals import task_prerun
    from django.core.signals import request_started

    request_started.connect(periksa_generasi, dispatch_uid="sid.cadangan.generasi")
    task_prerun.connect(periksa_generasi, dispatch_uid="sid.cadangan.generasi", weak=False)
