"""The weekly job with the real parts: Celery beat loads it from the database schedule, and a
real worker on Redis runs it against the real test database."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.integrasi import celery_nyata
from tests.integrasi.celery_nyata import REDIS_UJI


def _env(tmp_path: Path) -> dict[str, str]:
    return celery_nyata.env_uji(
        SID_BACKUP_ROOT=str(tmp_path / "cadangan"),
        SID_MEDIA_ROOT=str(tmp_path / "media"),
        SID_PRIVATE_ROOT=str(tmp_path / "privat"),
    )


def _pastikan_jadwal_mingguan() -> None:
    """The weekly job as the data migration creates it. Earlier transactional tests flush the
    database (data-migration rows included), so recreate it with the migration's own code."""
    import importlib

    from django.apps import apps

    importlib.import_module("sid.migrations.0005_jadwal_cadangan_mingguan").buat_jadwal(apps, None)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_beat_mengirim_tugas_cadangan_mingguan_ke_worker(tmp_path, desa):
    """Beat (DatabaseScheduler) → Redis → worker → a verified weekly backup.

    The job's schedule is switched to "every 2 seconds, once" the way an administrator edits
    it in the back office; the entry, its task name and everything downstream are the real ones.
    """
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    from sid.models import LogCadangan

    env = _env(tmp_path)
    _pastikan_jadwal_mingguan()
    tugas = PeriodicTask.objects.get(task="sid.cadangan_mingguan")
    tugas.interval = IntervalSchedule.objects.create(every=2, period=IntervalSchedule.SECONDS)
    tugas.crontab = None
    tugas.one_off = True
    tugas.save()
    worker = celery_nyata.worker(env, tmp_path / "worker.log", f"uji-beat-{os.getpid()}")
    beat = celery_nyata.celery(
        env,
        tmp_path / "beat.log",
        "beat",
        "--loglevel=INFO",
        "--scheduler",
        "django_celery_beat.schedulers:DatabaseScheduler",
        f"--schedule={tmp_path / 'beat-schedule'}",
    )
    log = None
    try:
        batas = time.monotonic() + 90
        while time.monotonic() < batas:
            log = LogCadangan.objects.filter(jenis="mingguan").exclude(status="berjalan").first()
            if log is not None:
                break
            time.sleep(1)
    finally:
        keluaran_beat = celery_nyata.hentikan(beat)
        keluaran_worker = celery_nyata.hentikan(worker)
    assert log is not None, keluaran_beat[-2000:] + keluaran_worker[-2000:]
    assert log.status == LogCadangan.Status.OK and log.terverifikasi, log.pesan_galat
    assert (tmp_path / "cadangan" / log.berkas).is_file()
    assert "Sending due task Cadangan mingguan (sid.cadangan_mingguan)" in keluaran_beat
    assert "Traceback" not in keluaran_beat + keluaran_worker


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_worker_nyata_menjalankan_cadangan_mingguan(tmp_path, desa):
    from sid.celery_app import app
    from sid.models import LogCadangan
    from sid.tasks import cadangan_mingguan

    env = _env(tmp_path)
    worker = celery_nyata.worker(env, tmp_path / "worker.log", f"uji-cadangan-{os.getpid()}")
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_UJI
    app.conf.result_backend = REDIS_UJI
    try:
        hasil = cadangan_mingguan.apply_async().get(timeout=120)
    finally:
        app.conf.task_always_eager = True
        keluaran = celery_nyata.hentikan(worker)
    assert hasil["status"] == "ok", (hasil, keluaran[-3000:])
    log = LogCadangan.objects.get(pk=hasil["id"])
    assert log.jenis == LogCadangan.Jenis.MINGGUAN and log.terverifikasi
    assert (tmp_path / "cadangan" / log.berkas).is_file()
    assert "Traceback" not in keluaran, keluaran
