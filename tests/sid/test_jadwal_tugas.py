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


def test_halaman_satu_jadwal_hanya_dibaca(klien_admin, desa):
    tugas = PeriodicTask.objects.get(task="sid.cadangan_mingguan")
    url = reverse("admin:sid_jadwaltugas_change", args=[tugas.pk])
    html = klien_admin.get(url).content.decode()
    assert "Cadangan mingguan" in html and 'name="name"' not in html
    klien_admin.post(url, {"name": "Diganti", "enabled": ""})
    tugas.refresh_from_db()
    assert tugas.name == "Cadangan mingguan" and tugas.enabled
