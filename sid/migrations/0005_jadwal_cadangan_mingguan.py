"""Data migration: the weekly backup job in Celery beat's schedule (django-celery-beat).

Sunday 02:00 Asia/Jakarta, task "sid.cadangan_mingguan". Administrators can change the time
or disable it in the back office (Pengaturan → Periodic tasks). Kept self-contained on purpose
(migrations must not import application code that may change later).
"""

from django.db import migrations
from django.utils import timezone

NAMA = "Cadangan mingguan"
TUGAS = "sid.cadangan_mingguan"


def buat_jadwal(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if PeriodicTask.objects.filter(task=TUGAS).exists():
        return
    jadwal, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="2",
        day_of_week="0",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Jakarta",
    )
    PeriodicTask.objects.create(
        name=NAMA,
        task=TUGAS,
        crontab=jadwal,
        enabled=True,
        description=(
            "Cadangan lengkap (basis data dan semua berkas) setiap minggu, diverifikasi, lalu "
            "cadangan lama dibersihkan sesuai retensi. Lihat Pengaturan → Cadangan data."
        ),
    )
    # Tell a running beat (DatabaseScheduler) that the schedule changed.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def hapus_jadwal(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NAMA, task=TUGAS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sid", "0004_log_cadangan"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
