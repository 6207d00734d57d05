"""The weekly backup on the embedded default (`make run`: no Redis, no Celery beat).

Without beat nothing ran the weekly job, so a fresh install showed "no backup for 8 days" as
its normal state. Here the web process itself keeps the schedule: after a request (at most once
per `JEDA_PERIKSA` seconds per process) it checks whether a weekly backup is due — the weekly
schedule is enabled, no backup succeeded in the last 7 days, no scheduled attempt in the last
day, none queued or running — and queues it through the same in-process runner as every other
task (sid.tugas_latar). Several web processes may check at once: the claim is one transaction
that first writes the schedule's row (a row lock on PostgreSQL, the write lock on SQLite), so
only one of them queues the backup. With a broker (REDIS_URL) Celery beat keeps the schedule and
none of this runs.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from sid.models import LogCadangan

log = logging.getLogger("sid.cadangan")

JEDA_PERIKSA = 300  # seconds between two checks in one process
SELANG = datetime.timedelta(days=7)  # a successful backup at least this often
JEDA_ULANG = datetime.timedelta(days=1)  # after a failed scheduled attempt, retry a day later
PELAKU = "sistem (jadwal mingguan, tanpa worker)"

_kunci = threading.Lock()
_terakhir_periksa = 0.0

Jenis, Status = LogCadangan.Jenis, LogCadangan.Status


def aktif() -> bool:
    """The web process keeps the schedule: embedded tasks, not Celery's eager test mode."""
    from sid.celery_app import app

    return (
        bool(getattr(settings, "SID_TUGAS_DALAM_PROSES", False))
        and bool(getattr(settings, "SID_CADANGAN_JADWAL_TERTANAM", True))
        and not app.conf.task_always_eager
    )


def jatuh_tempo(sekarang: datetime.datetime | None = None) -> bool:
    """Is a scheduled weekly backup due now? (3 queries)"""
    sekarang = sekarang or timezone.now()
    cadangan = LogCadangan.objects.exclude(jenis=Jenis.PEMULIHAN)
    if LogCadangan.objects.filter(status__in=[Status.ANTRE, Status.BERJALAN]).exists():
        return False
    if cadangan.filter(status=Status.OK, dimulai__gte=sekarang - SELANG).exists():
        return False
    return not cadangan.filter(jenis=Jenis.MINGGUAN, dimulai__gte=sekarang - JEDA_ULANG).exists()


def klaim(sekarang: datetime.datetime | None = None) -> LogCadangan | None:
    """Queue the weekly backup if it is due and no other process did: returns the queued
    `LogCadangan` (status 'antre'), or None."""
    from django_celery_beat.models import PeriodicTask

    from sid.cadangan.jadwal import TUGAS
    from sid.cadangan.services import tandai_macet
    from sid.celery_app import antrekan

    sekarang = sekarang or timezone.now()
    tandai_macet()
    try:
        with transaction.atomic():
            # The first statement writes: every other claimer waits here until this one
            # commits, then sees its queued run.
            kena = PeriodicTask.objects.filter(task=TUGAS, enabled=True).update(
                total_run_count=F("total_run_count")
            )
            if not kena or not jatuh_tempo(sekarang):
                return None
            baru = LogCadangan.objects.create(
                jenis=Jenis.MINGGUAN, status=Status.ANTRE, dimulai=sekarang, pelaku=PELAKU
            )
            PeriodicTask.objects.filter(task=TUGAS).update(last_run_at=sekarang)
            transaction.on_commit(lambda: antrekan("sid.cadangan_mingguan_antrean", baru.pk))
    except DatabaseError:  # another process holds the lock longer than the busy timeout
        log.warning("Pemeriksaan jadwal cadangan dilewati: basis data sedang sibuk.")
        return None
    log.info("Cadangan mingguan dijadwalkan oleh proses web (log %s).", baru.pk)
    return baru


def periksa_setelah_permintaan(sender=None, **kwargs) -> None:
    """`request_finished` receiver: check the schedule at most every JEDA_PERIKSA seconds."""
    global _terakhir_periksa
    if not aktif():
        return
    with _kunci:
        if time.monotonic() - _terakhir_periksa < JEDA_PERIKSA:
            return
        _terakhir_periksa = time.monotonic()
    try:
        klaim()
    except Exception:  # noqa: BLE001 - a schedule check must never break a request
        log.exception("Pemeriksaan jadwal cadangan mingguan gagal.")


def lupakan_pemeriksaan() -> None:
    """Check again at the next request (tests)."""
    global _terakhir_periksa
    _terakhir_periksa = 0.0


def cadangan_mingguan_antrean(*, log_id: int) -> LogCadangan | None:
    """Run a weekly backup queued by `klaim` (the task's body); retention after a success."""
    from sid.cadangan.services import _ambil_antrean, cadangan_bersihkan, cadangan_buat

    hasil = _ambil_antrean(log_id)
    if hasil is None:
        return None
    hasil = cadangan_buat(log=hasil, pelaku=hasil.pelaku)
    if hasil.status == Status.OK:
        cadangan_bersihkan()
    return hasil
