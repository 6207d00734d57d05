"""A real Celery worker process, a real Redis broker, the real test database."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import perlu_layanan

ROOT = Path(__file__).resolve().parents[2]
REDIS_UJI = os.environ.get("REDIS_URL", "")


def _redis_hidup(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001
        return False


def _url_database_uji() -> str:
    d = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{d['NAME']}"
    return f"postgres://{d['USER']}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_worker_nyata_menjalankan_tugas_lewat_redis(desa, admin_desa):
    if not REDIS_UJI or not _redis_hidup(REDIS_UJI):
        perlu_layanan("Redis tidak tersedia (set REDIS_URL)")
    from sid import services
    from sid.celery_app import app
    from sid.models import Wilayah
    from sid.tasks import hitung_wilayah

    dusun = services.wilayah_create(oleh=admin_desa, tingkat=Wilayah.Tingkat.DUSUN, nama="Krajan")
    services.wilayah_create(oleh=admin_desa, tingkat=Wilayah.Tingkat.RW, nama="001", induk=dusun)

    env = {**os.environ, "REDIS_URL": REDIS_UJI, "DATABASE_URL": _url_database_uji(), "DEBUG": "1"}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sid",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"uji-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_UJI
    app.conf.result_backend = REDIS_UJI
    try:
        hasil = hitung_wilayah.apply_async()
        nilai = hasil.get(timeout=60)
        assert nilai == {"Dusun": 1, "RW": 1}
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        try:
            keluaran, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            keluaran, _ = worker.communicate()
        time.sleep(0.1)
    assert "Traceback" not in (keluaran or ""), keluaran
