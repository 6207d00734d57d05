"""The weekly job is in beat's schedule; the dashboard tells the administrator the truth."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sid.celery_app import app
from sid.models import LogCadangan

pytestmark = pytest.mark.django_db


def test_jadwal_beat_berisi_cadangan_mingguan_minggu_pukul_dua():
    from django_celery_beat.models import PeriodicTask

    tugas = PeriodicTask.objects.select_related("crontab").get(task="sid.cadangan_mingguan")
    assert tugas.enabled
    assert tugas.name == "Cadangan mingguan"
    c = tugas.crontab
    assert (c.minute, c.hour, c.day_of_week, c.day_of_month, c.month_of_year) == (
        "0",
        "2",
        "0",
        "*",
        "*",
    )
    assert str(c.timezone) == "Asia/Jakarta"
    # Beat would fire it next on a Sunday at 02:00 local time.
    jadwal = c.schedule
    sekarang = timezone.now()
    berikut = sekarang + jadwal.remaining_estimate(sekarang) + datetime.timedelta(seconds=30)
    lokal = berikut.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert (lokal.weekday(), lokal.hour, lokal.minute) == (6, 2, 0)
    from sid.cadangan.jadwal import uraian_jadwal

    assert uraian_jadwal(tugas) == "setiap Minggu pukul 02:00 (Asia/Jakarta)"
    app.loader.import_default_modules()  # what a worker does at start (autodiscovery)
    assert "sid.cadangan_mingguan" in app.tasks


def test_tugas_mingguan_membuat_cadangan_dan_menjalankan_retensi(desa_demo, settings):
    from sid.tasks import cadangan_mingguan

    settings.SID_CADANGAN_SIMPAN_MINGGUAN = 1
    settings.SID_CADANGAN_SIMPAN_BULANAN = 0
    pertama = cadangan_mingguan.delay().get()
    kedua = cadangan_mingguan.delay().get()
    assert pertama["status"] == kedua["status"] == "ok"
    log1 = LogCadangan.objects.get(pk=pertama["id"])
    log2 = LogCadangan.objects.get(pk=kedua["id"])
    assert log1.jenis == log2.jenis == LogCadangan.Jenis.MINGGUAN
    assert log1.dihapus is not None and log2.dihapus is None  # only the newest is kept


def test_tugas_mingguan_yang_gagal_tidak_menghapus_cadangan_lama(desa_demo, settings, tmp_path):
    from sid.tasks import cadangan_mingguan

    settings.SID_CADANGAN_SIMPAN_MINGGUAN = 1
    lama = cadangan_mingguan.delay().get()
    penghalang = tmp_path / "penuh"
    penghalang.write_text("x")
    folder_asli = settings.BACKUP_ROOT
    settings.BACKUP_ROOT = penghalang
    hasil = cadangan_mingguan.delay().get()
    settings.BACKUP_ROOT = folder_asli
    assert hasil["status"] == "gagal" and hasil["galat"]
    assert LogCadangan.objects.get(pk=lama["id"]).dihapus is None


def _kartu(client):
    respons = client.get(reverse("admin:index"))
    assert respons.status_code == 200
    return next((k for k in respons.context["kartu"] if k.judul == "Cadangan data"), None)


def test_dasbor_memperingatkan_cadangan_gagal(desa, klien_admin, settings, tmp_path):
    from sid.cadangan.services import cadangan_buat

    penghalang = tmp_path / "penuh"
    penghalang.write_text("x")
    settings.BACKUP_ROOT = penghalang
    cadangan_buat(jenis=LogCadangan.Jenis.MINGGUAN, pelaku="jadwal")

    kartu = _kartu(klien_admin)

    assert any("GAGAL" in p for p in kartu.peringatan)
    assert any("8 hari" in p for p in kartu.peringatan)
    respons = klien_admin.get(reverse("admin:index"))
    assert "GAGAL" in respons.content.decode()


def test_dasbor_memperingatkan_bila_tidak_ada_cadangan_minggu_ini(desa, klien_admin):
    lama = timezone.now() - datetime.timedelta(days=9)
    LogCadangan.objects.create(jenis="mingguan", status="ok", dimulai=lama, selesai=lama, ukuran=10)
    kartu = _kartu(klien_admin)
    assert any("8 hari" in p for p in kartu.peringatan)


def test_dasbor_tenang_setelah_cadangan_berhasil(desa_demo, klien_admin):
    from sid.cadangan.services import cadangan_buat

    log = cadangan_buat(jenis=LogCadangan.Jenis.MINGGUAN, pelaku="jadwal")
    kartu = _kartu(klien_admin)
    assert kartu.peringatan == []
    assert kartu.angka[0].nilai == f"{timezone.localtime(log.dimulai):%d-%m-%Y %H:%M}"


def test_dasbor_memperingatkan_bila_jadwal_dimatikan(desa, klien_admin):
    from django_celery_beat.models import PeriodicTask

    PeriodicTask.objects.filter(task="sid.cadangan_mingguan").update(enabled=False)
    kartu = _kartu(klien_admin)
    assert any("tidak aktif" in p for p in kartu.peringatan)


def test_kartu_cadangan_tidak_tampil_untuk_operator(desa, client, buat_staf):
    client.force_login(buat_staf("Operator"))
    assert _kartu(client) is None


def test_tugas_mingguan_tidak_berjalan_dua_kali_bersamaan(desa):
    """A redelivered weekly task does not start a second backup beside a running one."""
    from sid.tasks import cadangan_mingguan

    LogCadangan.objects.create(jenis="mingguan", status="berjalan")
    assert cadangan_mingguan.delay().get() is None
    assert LogCadangan.objects.count() == 1
