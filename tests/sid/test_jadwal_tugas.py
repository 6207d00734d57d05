"""*Jadwal tugas*: one plain screen of the scheduled jobs, for the Administrator only; beat's
own English screens are gone from the back office."""

import pytest
from django.urls import NoReverseMatch, reverse
from django_celery_beat.models import PeriodicTask

from sid.models import LogAktivitas, LogCadangan

pytestmark = pytest.mark.django_db

URL = "admin:sid_jadwaltugas_changelist"


def test_administrator_melihat_jadwal_dalam_bahasa_indonesia(klien_admin, desa):
    LogCadangan.objects.create(
        jenis=LogCadangan.Jenis.MINGGUAN, status=LogCadangan.Status.GAGAL, pesan_galat="Disk penuh."
    )
    html = klien_admin.get(reverse(URL)).content.decode()
    assert "Cadangan mingguan" in html
    assert "setiap Minggu pukul 02:00" in html  # when, in words
    assert "Gagal" in html and "Disk penuh." in html  # the last result of the weekly backup
    assert "setiap 10 menit" in html  # the PIN-slip clean-up (an interval)
    for kata in ("Periodic", "Crontab", "Interval", "Solar", "Clocked", "sid.cadangan_mingguan"):
        assert kata not in html


def test_beranda_tidak_menampilkan_layar_penjadwal_bawaan(klien_admin, desa):
    html = klien_admin.get(reverse("admin:index")).content.decode()
    assert "Jadwal tugas" in html
    for kata in ("Periodic tasks", "Crontabs", "Solar events", "Clocked", "Intervals"):
        assert kata not in html
    with pytest.raises(NoReverseMatch):
        reverse("admin:django_celery_beat_periodictask_changelist")


@pytest.mark.parametrize("peran", ["Operator", "Sekretaris Desa", "Kepala Desa", "Redaksi"])
def test_selain_administrator_ditolak(client, buat_staf, desa, peran):
    client.force_login(buat_staf(peran))
    assert client.get(reverse(URL)).status_code == 403


def test_administrator_mematikan_dan_mengaktifkan_jadwal(klien_admin, desa):
    tugas = PeriodicTask.objects.get(task="sid.cadangan_mingguan")
    data = {"action": "matikan", "_selected_action": [tugas.pk]}
    assert klien_admin.post(reverse(URL), data).status_code == 302
    tugas.refresh_from_db()
    assert not tugas.enabled
    assert LogAktivitas.objects.filter(aksi="jadwal_matikan", object_id=str(tugas.pk)).exists()
    klien_admin.post(reverse(URL), {**data, "action": "aktifkan"})
    tugas.refresh_from_db()
    assert tugas.enabled


def test_administrator_mengubah_hari_dan_jam_cadangan(klien_admin, desa):
    tugas = PeriodicTask.objects.get(task="sid.cadangan_mingguan")
    url = reverse("admin:sid_jadwaltugas_change", args=[tugas.pk])
    html = klien_admin.get(url).content.decode()
    assert "Cadangan mingguan" in html and 'name="name"' not in html  # the name is not edited
    r = klien_admin.post(url, {"enabled": "on", "hari": "6", "jam": "03:30"})
    assert r.status_code == 302
    tugas.refresh_from_db()
    c = tugas.crontab
    assert (c.minute, c.hour, c.day_of_week, str(c.timezone)) == ("30", "3", "6", "Asia/Jakarta")
    assert "setiap Sabtu pukul 03:30" in klien_admin.get(reverse(URL)).content.decode()
    log = LogAktivitas.objects.filter(aksi="ubah", object_id=str(tugas.pk)).get()
    assert "setiap Sabtu pukul 03:30" in log.keterangan


def test_jam_salah_ditolak_dan_tidak_ada_yang_berubah(klien_admin, desa):
    tugas = PeriodicTask.objects.get(task="sid.cadangan_mingguan")
    url = reverse("admin:sid_jadwaltugas_change", args=[tugas.pk])
    r = klien_admin.post(url, {"enabled": "on", "hari": "6", "jam": "25:99"})
    assert r.status_code == 200 and "Tulis jam seperti 02:00." in r.content.decode()
    tugas.refresh_from_db()
    assert (tugas.crontab.hour, tugas.crontab.day_of_week) == ("2", "0")
    assert not LogAktivitas.objects.filter(object_id=str(tugas.pk), aksi="ubah").exists()
