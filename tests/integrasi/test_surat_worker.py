"""A real letter rendered by a real Celery worker process through a real Redis broker."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import perlu_layanan
from tests.integrasi.test_celery_worker import REDIS_UJI, _redis_hidup, _url_database_uji
from tests.surat import bantuan

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_worker_nyata_membuat_pdf_surat_lewat_redis(desa, buat_staf, admin_desa, settings):
    if not REDIS_UJI or not _redis_hidup(REDIS_UJI):
        perlu_layanan("Redis tidak tersedia (set REDIS_URL)")
    from sid.celery_app import app
    from surat import services
    from surat.models import Surat
    from surat.services.pdf import baca_pdf

    operator = buat_staf("Operator", username="operator")
    sekretaris = buat_staf("Sekretaris Desa", username="sekdes")
    kades = buat_staf("Kepala Desa", username="kades")
    bantuan.siapkan_perangkat(admin_desa)
    _k, kepala, _istri, _anak = bantuan.siapkan_keluarga()
    jenis = bantuan.jenis_bawaan()["sktm"]
    s = services.surat_create(
        oleh=operator, jenis=jenis, penduduk=kepala, isian={"form_keperluan": "Beasiswa"}
    )
    bantuan.sampai_tanda_tangan(s, operator=operator, sekretaris=sekretaris)

    antrean = f"uji-surat-{os.getpid()}"  # our own queue: other test runs' workers never take it
    privat = settings.STORAGES["privat"]["OPTIONS"]["location"]
    env = {
        **os.environ,
        "REDIS_URL": REDIS_UJI,
        "DATABASE_URL": _url_database_uji(),
        "DEBUG": "1",
        "SID_PRIVATE_ROOT": str(privat),
        "SID_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    worker = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "sid", "worker", "--pool=solo", "--concurrency=1",
            "--loglevel=WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle",
            "-Q", antrean, "-n", f"{antrean}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_UJI
    app.conf.result_backend = REDIS_UJI
    antrean_lama = app.conf.task_default_queue
    app.conf.task_default_queue = antrean
    try:
        # Signing commits (autocommit in this test), then on_commit sends the id to Redis.
        s = services.surat_tandatangani(oleh=kades, surat=s)
        batas = time.monotonic() + 90
        while time.monotonic() < batas:
            s.refresh_from_db()
            if s.status_pdf in (Surat.StatusPdf.SIAP, Surat.StatusPdf.GAGAL):
                break
            assert worker.poll() is None, "worker berhenti sebelum waktunya"
            time.sleep(0.3)
        assert s.status_pdf == Surat.StatusPdf.SIAP, s.galat_pdf or s.status_pdf
        teks = subprocess.run(
            ["pdftotext", "-", "-"], input=baca_pdf(s), capture_output=True, check=True
        ).stdout.decode()
        assert s.nomor in teks and "BUDI SANTOSO" in teks and bantuan.NAMA_KADES in teks
    finally:
        app.conf.task_always_eager = True
        app.conf.task_default_queue = antrean_lama
        worker.terminate()
        try:
            keluaran, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            keluaran, _ = worker.communicate()
    assert "Traceback" not in (keluaran or ""), keluaran
