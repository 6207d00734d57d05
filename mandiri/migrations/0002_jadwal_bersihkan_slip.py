"""Data migration: Celery beat removes bulk PIN-slip PDFs that were never downloaded.

Every 10 minutes, task "mandiri.bersihkan_slip" (PDFs older than SID_MANDIRI_SLIP_MENIT, 60
minutes by default, hold PINs and must not stay on the server). Self-contained on purpose.
"""

from django.db import migrations
from django.utils import timezone

NAMA = "Hapus slip PIN Layanan Mandiri yang kedaluwarsa"
TUGAS = "mandiri.bersihkan_slip"


def buat_jadwal(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if PeriodicTask.objects.filter(task=TUGAS).exists():
        return
    jadwal, _ = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
    PeriodicTask.objects.create(
        name=NAMA,
        task=TUGAS,
        interval=jadwal,
        enabled=True,
        description="Berkas PDF slip PIN massal dihapus paling lambat 60 menit setelah selesai.",
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def hapus_jadwal(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NAMA, task=TUGAS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mandiri", "0001_awal"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
