"""Celery tasks of the upward sync (scheduled by Celery beat, see the data migration)."""

from __future__ import annotations

import hashlib

from celery import shared_task

from sid.celery_app import app
from sid.models import IdentitasDesa
from sinkron.models import Hub
from sinkron.services.batch import sinkron_siapkan
from sinkron.services.kirim import sinkron_kirim

# Villages are spread over this many seconds after the hourly beat, by their village code,
# so a hub with thousands of villages does not receive them all in the same minute.
SEBARAN_DETIK = 40 * 60


def jeda_desa(kode_desa: str) -> int:
    if not kode_desa:
        return 0
    return int(hashlib.sha256(kode_desa.encode()).hexdigest()[:8], 16) % SEBARAN_DETIK


@shared_task(name="sinkron.siapkan")
def siapkan(tunda: bool = True) -> dict[str, int]:
    """Hourly: build the batches of every enrolled hub, then push them."""
    if not Hub.objects.filter(status=Hub.Status.AKTIF).exists():
        return {}
    jeda = jeda_desa(IdentitasDesa.ambil().kode_desa)
    if tunda and jeda and not app.conf.task_always_eager:
        siapkan.apply_async(kwargs={"tunda": False}, countdown=jeda)
        return {"ditunda_detik": jeda}
    hasil = {}
    for hub in Hub.objects.filter(status=Hub.Status.AKTIF):
        hasil[hub.nama] = len(sinkron_siapkan(hub=hub))
        sinkron_kirim(hub_id=hub.pk)
    return hasil


@shared_task(name="sinkron.kirim")
def kirim() -> dict[str, dict]:
    """Every few minutes: push what is due (retries after backoff) and pull notices."""
    return {
        hub.nama: sinkron_kirim(hub_id=hub.pk)
        for hub in Hub.objects.filter(status=Hub.Status.AKTIF)
    }


@shared_task(name="sinkron.kirim_hub")
def kirim_hub(hub_id: int, paksa: bool = False) -> dict[str, int]:
    """Push one hub's outbox now (queued after an operator action)."""
    return sinkron_kirim(hub_id=hub_id, paksa=paksa)


@shared_task(name="sinkron.siapkan_dan_kirim")
def siapkan_dan_kirim(hub_id: int) -> dict[str, int]:
    """ "Kirim sekarang": fresh batches for one hub, pushed at once, pulling notices too."""
    hub = Hub.objects.filter(pk=hub_id, status=Hub.Status.AKTIF).first()
    if hub is None:
        return {}
    sinkron_siapkan(hub=hub)
    return sinkron_kirim(hub_id=hub_id, paksa=True, tarik=True)
