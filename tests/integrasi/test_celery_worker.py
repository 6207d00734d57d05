"""A real Celery worker process, a real Redis broker, the real test database."""

import os

import pytest

from tests.integrasi import celery_nyata
from tests.integrasi.celery_nyata import REDIS_UJI


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_worker_nyata_menjalankan_tugas_lewat_redis(desa, admin_desa, tmp_path):
    env = celery_nyata.env_uji()
    from sid import services
    from sid.celery_app import app
    from sid.models import Wilayah
    from sid.tasks import hitung_wilayah

    dusun = services.wilayah_create(oleh=admin_desa, tingkat=Wilayah.Tingkat.DUSUN, nama="Krajan")
    services.wilayah_create(oleh=admin_desa, tingkat=Wilayah.Tingkat.RW, nama="001", induk=dusun)

    worker = celery_nyata.worker(env, tmp_path / "worker.log", f"uji-{os.getpid()}")
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_UJI
    app.conf.result_backend = REDIS_UJI
    try:
        hasil = hitung_wilayah.apply_async()
        nilai = hasil.get(timeout=60)
        assert nilai == {"Dusun": 1, "RW": 1}
    finally:
        app.conf.task_always_eager = True
        keluaran = celery_nyata.hentikan(worker)
    assert "Traceback" not in keluaran, keluaran
