"""The weekly job with the real parts: Celery beat loads it from the database schedule, and a
real worker on Redis runs it against the real test database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import perlu_layanan
from tests.integrasi.test_celery_worker import REDIS_UJI, _redis_hidup, _url_database_uji

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    if not REDIS_UJI or not _redis_hidup(REDIS_UJI):
        perlu_layanan("Redis tidak tersedia (set REDIS_URL)")
    return {
        **os.environ,
        "REDIS_URL": REDIS_UJI,
        "DATABASE_URL": _url_database_uji(),
        "DEBUG": "1",
        "SID_BACKUP_ROOT": str(tmp_path / "cadangan"),
        "SID_MEDIA_ROOT": str(tmp_path / "media"),
        "SID_PRIVATE_ROOT": str(tmp_path / "privat"),
    }


def _hentikan(proses: subprocess.Popen) -> str:
    proses.terminate()
    try:
        proses.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proses.kill()
        proses.wait()
    log = Path(proses.berkas_log)  # type: ignore[attr-defined]
    return log.read_text(errors="replace") if log.exists() else ""


def _celery(env: dict, log: Path, *args: str) -> subprocess.Popen:
    """A celery process whose output goes to a file (a pipe nobody reads can fill and stall it)."""
    with log.open("w") as keluaran:
        proses = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "sid", *args],
            cwd=ROOT,
            env=env,
            stdout=keluaran,
            stderr=subprocess.STDOUT,
            text=True,
        )
    proses.berkas_log = log  # type: ignore[attr-defined]
    return proses


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
    worker = _celery(
        env,
        tmp_path / "worker.log",
        "worker",
        "--pool=solo",
        "--loglevel=WARNING",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-n",
        f"uji-beat-{os.getpid()}@%h",
    )
    beat = _celery(
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
        keluaran_beat = _hentikan(beat)
        keluaran_worker = _hentikan(worker)
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
    worker = _celery(
        env,
        tmp_path / "worker.log",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "--loglevel=WARNING",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-n",
        f"uji-cadangan-{os.getpid()}@%h",
    )
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_UJI
    app.conf.result_backend = REDIS_UJI
    try:
        hasil = cadangan_mingguan.apply_async().get(timeout=120)
    finally:
        app.conf.task_always_eager = True
        keluaran = _hentikan(worker)
    assert hasil["status"] == "ok", (hasil, keluaran[-3000:])
    log = LogCadangan.objects.get(pk=hasil["id"])
    assert log.jenis == LogCadangan.Jenis.MINGGUAN and log.terverifikasi
    assert (tmp_path / "cadangan" / log.berkas).is_file()
    assert "Traceback" not in keluaran, keluaran
