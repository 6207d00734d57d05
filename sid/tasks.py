"""Celery tasks of the core app."""

from celery import shared_task
from django.db.models import Count

from sid.cadangan.pemulihan import cadangan_pulihkan_antrean
from sid.cadangan.services import cadangan_jalankan
from sid.cadangan.services import cadangan_mingguan as jalankan
from sid.cadangan.tertanam import cadangan_mingguan_antrean
from sid.models import Wilayah


@shared_task(name="sid.hitung_wilayah")
def hitung_wilayah() -> dict[str, int]:
    """Counts of wilayah per level: a cheap real task that proves worker ↔ broker ↔ database."""
    rows = Wilayah.objects.values("tingkat").annotate(n=Count("id")).order_by("tingkat")
    return {Wilayah.Tingkat(r["tingkat"]).label: r["n"] for r in rows}


@shared_task(name="sid.cadangan_mingguan")
def cadangan_mingguan() -> dict | None:
    """The weekly backup (scheduled by Celery beat, see sid.cadangan.jadwal) and retention.

    A failure is recorded in LogCadangan and shown on the dashboard; the task itself returns
    normally so the record, not the broker, is the one place to look.
    """
    log = jalankan()
    if log is None:
        return None  # another weekly backup is still running
    return {"id": log.pk, "status": log.status, "berkas": log.berkas, "galat": log.pesan_galat}


@shared_task(name="sid.cadangan_buat")
def cadangan_buat_task(log_id: int) -> dict | None:
    """A manual backup queued from the back office (LogCadangan row in status 'antre')."""
    log = cadangan_jalankan(log_id=log_id)
    return None if log is None else {"id": log.pk, "status": log.status, "berkas": log.berkas}


@shared_task(name="sid.cadangan_pulihkan")
def cadangan_pulihkan_task(log_id: int) -> dict | None:
    """A restore confirmed in the back office (runs in the worker: it may take minutes)."""
    log = cadangan_pulihkan_antrean(log_id=log_id)
    return None if log is None else {"id": log.pk, "status": log.status, "galat": log.pesan_galat}


@shared_task(name="sid.cadangan_mingguan_antrean")
def cadangan_mingguan_antrean_task(log_id: int) -> dict | None:
    """The weekly backup queued by the web process itself (embedded default, no beat)."""
    log = cadangan_mingguan_antrean(log_id=log_id)
    return None if log is None else {"id": log.pk, "status": log.status, "berkas": log.berkas}
