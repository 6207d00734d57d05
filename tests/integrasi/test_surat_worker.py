"""A real letter rendered by a real Celery worker process through a real Redis broker."""

import os
import subprocess
import time

import pytest

from tests.integrasi import celery_nyata
from tests.integrasi.celery_nyata import REDIS_UJI
from tests.surat import siapan


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_worker_nyata_membuat_pdf_surat_lewat_redis(
    desa, buat_staf, admin_desa, settings, tmp_path, monkeypatch
):
    privat = settings.STORAGES["privat"]["OPTIONS"]["location"]
    env = celery_nyata.env_uji(
        SID_PRIVATE_ROOT=str(privat), SID_MEDIA_ROOT=str(settings.MEDIA_ROOT)
    )
    from sid.celery_app import app
    from sid.lib import kabar
    from surat import services
    from surat.models import Surat
    from surat.services.pdf import baca_pdf
    from surat.services.surat import tunggu_pdf

    operator = buat_staf("Operator", username="operator")
    sekretaris = buat_staf("Sekretaris Desa", username="sekdes")
    kades = buat_staf("Kepala Desa", username="kades")
    siapan.siapkan_perangkat(admin_desa)
    _k, kepala, _istri, _anak = siapan.siapkan_keluarga()
    jenis = siapan.jenis_bawaan()["sktm"]
    s = services.surat_create(
        oleh=operator, jenis=jenis, penduduk=kepala, isian={"form_keperluan": "Beasiswa"}
    )
    siapan.sampai_tanda_tangan(s, operator=operator, sekretaris=sekretaris)

    antrean = f"uji-surat-{os.getpid()}"  # our own queue: other test runs' workers never take it
    worker = celery_nyata.worker(env, tmp_path / "worker.log", antrean, "-Q", antrean)
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_UJI
    app.conf.result_backend = REDIS_UJI
    antrean_lama = app.conf.task_default_queue
    app.conf.task_default_queue = antrean
    try:
        # Signing commits (autocommit in this test), then on_commit sends the id to Redis.
        s = services.surat_tandatangani(oleh=kades, surat=s)
        # The page's wait (tunggu_pdf) hears the worker's announcement over Redis: with the
        # fallback re-read pushed to 300 s, only the announcement can end it before then.
        settings.REDIS_URL = REDIS_UJI
        monkeypatch.setattr(kabar, "SELANG_CADANGAN", 300)
        mulai = time.monotonic()
        status = tunggu_pdf(s.pk, batas_detik=90)
        assert worker.poll() is None, "worker berhenti sebelum waktunya"
        s.refresh_from_db()
        assert status == s.status_pdf == Surat.StatusPdf.SIAP, s.galat_pdf or s.status_pdf
        assert time.monotonic() - mulai < 90
        teks = subprocess.run(
            ["pdftotext", "-", "-"], input=baca_pdf(s), capture_output=True, check=True
        ).stdout.decode()
        assert s.nomor in teks and "BUDI SANTOSO" in teks and siapan.NAMA_KADES in teks
    finally:
        app.conf.task_always_eager = True
        app.conf.task_default_queue = antrean_lama
        keluaran = celery_nyata.hentikan(worker)
    assert "Traceback" not in keluaran, keluaran
