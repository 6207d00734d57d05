"""The sync runs by itself: beat entries from the data migration, tasks that build and push,
and villages spread over the hour."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps

from hub.models import BatchHub
from sinkron import tasks
from sinkron.models import Kiriman

pytestmark = pytest.mark.django_db


def test_migrasi_membuat_jadwal_sinkron_dan_bersihkan_nonce():
    from django_celery_beat.models import PeriodicTask

    for modul in (
        "sinkron.migrations.0002_jadwal_sinkron",
        "hub.migrations.0002_jadwal_bersihkan_nonce",
    ):
        importlib.import_module(modul).buat_jadwal(django_apps, None)
    jadwal = {t.task: t for t in PeriodicTask.objects.filter(enabled=True)}
    assert jadwal["sinkron.siapkan"].crontab.minute == "17"
    assert jadwal["sinkron.kirim"].interval.every == 5
    assert "hub.bersihkan_nonce" in jadwal


def test_tugas_terjadwal_menyiapkan_dan_mengirim(terdaftar, warga):
    tasks.siapkan.delay()
    assert Kiriman.objects.filter(status=Kiriman.Status.SELESAI).exists()
    assert not Kiriman.objects.filter(status=Kiriman.Status.MENUNGGU).exists()
    assert BatchHub.objects.filter(dataset="penduduk").count() == 1
    assert tasks.kirim.delay().get()


def test_desa_disebar_dalam_satu_jam():
    jeda = {tasks.jeda_desa(f"32010120{i:02d}") for i in range(50)}
    assert len(jeda) > 40 and all(0 <= j < tasks.SEBARAN_DETIK for j in jeda)


def test_nonce_lama_dibersihkan(terdaftar):
    import datetime

    from django.utils import timezone

    from hub.models import Kredensial, NonceHub

    k = Kredensial.objects.get()
    NonceHub.objects.create(
        kredensial=k, nonce="a" * 32, waktu=timezone.now() - datetime.timedelta(hours=1)
    )
    NonceHub.objects.create(kredensial=k, nonce="b" * 32)
    assert __import__("hub.tasks").tasks.bersihkan_nonce() == 1
    assert list(
        NonceHub.objects.filter(nonce__in=["a" * 32, "b" * 32]).values_list("nonce", flat=True)
    ) == ["b" * 32]


def test_jadwal_tugas_menampilkan_hasil_kiriman_terakhir(terdaftar, warga, klien_admin):
    from django.urls import reverse

    tasks.siapkan.delay()
    html = klien_admin.get(reverse("admin:sid_jadwaltugas_changelist")).content.decode()
    assert "Sinkron ke hub: siapkan data" in html
    assert "Diterima hub (" in html  # the last request sent, in words
