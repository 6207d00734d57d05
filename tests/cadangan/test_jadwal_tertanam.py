"""The embedded default (`make run`: no Redis, no beat) runs the weekly backup on schedule:
the web process checks after a request and queues it through the in-process runner, once
even when several processes check at the same moment."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sid import tugas_latar
from sid.cadangan import tertanam
from sid.cadangan.jadwal import pastikan_jadwal_mingguan
from sid.models import LogCadangan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tanpa_broker(settings):
    """As `make run`: no Redis, so queued tasks go to the background thread."""
    from sid.celery_app import app

    settings.SID_TUGAS_DALAM_PROSES = True
    settings.SID_CADANGAN_JADWAL_TERTANAM = True
    app.conf.task_always_eager = False
    # The weekly job as the data migration creates it: an earlier transactional test may have
    # flushed the table.
    pastikan_jadwal_mingguan()
    tertanam.lupakan_pemeriksaan()
    yield
    tugas_latar.tunggu_selesai(180)
    app.conf.task_always_eager = True
    tertanam.lupakan_pemeriksaan()


def _kartu(client):
    respons = client.get(reverse("admin:index"))
    assert respons.status_code == 200
    return next(k for k in respons.context["kartu"] if k.judul == "Cadangan data")


def test_instalasi_baru_tanpa_worker_membuat_cadangan_mingguan_sendiri(
    desa, admin_desa, tanpa_broker
):
    assert not LogCadangan.objects.exists()
    klien = Client()
    klien.force_login(admin_desa)
    # Any request: the check runs after it (request_finished), the backup in the background.
    assert klien.get(reverse("admin:index")).status_code == 200
    tugas_latar.tunggu_selesai(180)
    log = LogCadangan.objects.get()
    assert log.jenis == LogCadangan.Jenis.MINGGUAN
    assert log.status == LogCadangan.Status.OK, log.pesan_galat
    assert log.terverifikasi and log.pelaku == tertanam.PELAKU
    # The dashboard shows a recent backup, not the 8-day warning.
    kartu = _kartu(klien)
    assert not any("8 hari" in p for p in kartu.peringatan)
    # Within the week nothing more is queued, however many requests come.
    tertanam.lupakan_pemeriksaan()
    klien.get(reverse("admin:index"))
    tugas_latar.tunggu_selesai(60)
    assert LogCadangan.objects.count() == 1


def test_cadangan_jatuh_tempo_setelah_tujuh_hari_dan_tidak_saat_jadwal_dimatikan(
    desa, tanpa_broker
):
    from django_celery_beat.models import PeriodicTask

    lama = timezone.now() - datetime.timedelta(days=8)
    LogCadangan.objects.create(
        jenis=LogCadangan.Jenis.MINGGUAN, status=LogCadangan.Status.OK, dimulai=lama
    )
    assert tertanam.jatuh_tempo()
    PeriodicTask.objects.filter(task="sid.cadangan_mingguan").update(enabled=False)
    assert tertanam.klaim() is None  # the administrator switched the weekly job off
    PeriodicTask.objects.filter(task="sid.cadangan_mingguan").update(enabled=True)
    LogCadangan.objects.create(
        jenis=LogCadangan.Jenis.MANUAL,
        status=LogCadangan.Status.OK,
        dimulai=timezone.now() - datetime.timedelta(days=2),
    )
    assert not tertanam.jatuh_tempo()  # a manual backup two days ago counts


def test_percobaan_gagal_diulang_sehari_kemudian_bukan_setiap_permintaan(desa, tanpa_broker):
    sekarang = timezone.now()
    LogCadangan.objects.create(
        jenis=LogCadangan.Jenis.MINGGUAN,
        status=LogCadangan.Status.GAGAL,
        dimulai=sekarang - datetime.timedelta(hours=3),
    )
    assert not tertanam.jatuh_tempo(sekarang)
    assert tertanam.jatuh_tempo(sekarang + datetime.timedelta(days=1))


def test_beberapa_proses_memeriksa_bersamaan_hanya_satu_cadangan(desa, tanpa_broker, monkeypatch):
    antre = []
    import sys

    modul = sys.modules["sid.celery_app"]
    monkeypatch.setattr(modul, "antrekan", lambda nama, *a: antre.append((nama, a)))
    hasil, galat = [], []
    mulai = threading.Barrier(4)

    def periksa():
        try:
            mulai.wait()
            hasil.append(tertanam.klaim())
        except Exception as exc:  # noqa: BLE001
            galat.append(exc)
        finally:
            connections.close_all()

    utas = [threading.Thread(target=periksa) for _ in range(4)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(60)
    assert not galat
    assert len([h for h in hasil if h is not None]) == 1
    assert LogCadangan.objects.filter(status=LogCadangan.Status.ANTRE).count() == 1
    assert [n for n, _ in antre] == ["sid.cadangan_mingguan_antrean"]


def test_tidak_berjalan_dengan_broker_atau_saat_uji_eager(desa, settings):
    settings.SID_TUGAS_DALAM_PROSES = False  # REDIS_URL set: Celery beat keeps the schedule
    assert not tertanam.aktif()
    settings.SID_TUGAS_DALAM_PROSES = True  # tests: eager mode, nothing in the background
    assert not tertanam.aktif()
