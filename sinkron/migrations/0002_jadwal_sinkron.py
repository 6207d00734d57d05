"""Data migration: the sync jobs in Celery beat's schedule (django-celery-beat).

- "Sinkron ke hub: siapkan data" — every hour at minute 17: build the batches of every
  enrolled hub (unchanged figures are skipped) and push them (task "sinkron.siapkan").
- "Sinkron ke hub: kirim antrean" — every 5 minutes: push what is due, retrying after the
  exponential backoff, and pull the hubs' notices and answers (task "sinkron.kirim").

Both do nothing until the village enrols at a hub. Administrators can change or disable them
in the back office (Pengaturan → Periodic tasks). Self-contained on purpose.
"""

from django.db import migrations
from django.utils import timezone

SIAPKAN = ("Sinkron ke hub: siapkan data", "sinkron.siapkan")
KIRIM = ("Sinkron ke hub: kirim antrean", "sinkron.kirim")


def buat_jadwal(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if not PeriodicTask.objects.filter(task=SIAPKAN[1]).exists():
        jam, _ = CrontabSchedule.objects.get_or_create(
            minute="17",
            hour="*",
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Jakarta",
        )
        PeriodicTask.objects.create(
            name=SIAPKAN[0],
            task=SIAPKAN[1],
            crontab=jam,
            enabled=True,
            description=(
                "Menyiapkan data yang dibagikan ke setiap hub (sesuai kebijakan per dataset) "
                "lalu mengirimnya. Lihat Sinkron ke Hub."
            ),
        )
    if not PeriodicTask.objects.filter(task=KIRIM[1]).exists():
        lima_menit, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
        PeriodicTask.objects.create(
            name=KIRIM[0],
            task=KIRIM[1],
            interval=lima_menit,
            enabled=True,
            description=(
                "Mengirim antrean yang sudah waktunya (mencoba ulang dengan jeda yang makin "
                "panjang setelah gagal) dan mengambil pengumuman serta jawaban dari hub."
            ),
        )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def hapus_jadwal(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__in=[SIAPKAN[1], KIRIM[1]]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sinkron", "0001_awal"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
