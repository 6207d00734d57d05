"""Data migration: the hub's hourly job that forgets expired request nonces (task
"hub.bersihkan_nonce"). On a village the table is empty and the job does nothing."""

from django.db import migrations
from django.utils import timezone

NAMA, TUGAS = "Hub: bersihkan nonce kedaluwarsa", "hub.bersihkan_nonce"


def buat_jadwal(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if PeriodicTask.objects.filter(task=TUGAS).exists():
        return
    jam, _ = IntervalSchedule.objects.get_or_create(every=1, period="hours")
    PeriodicTask.objects.create(
        name=NAMA,
        task=TUGAS,
        interval=jam,
        enabled=True,
        description="Menghapus nonce permintaan sinkron yang sudah lewat jendela waktu.",
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def hapus_jadwal(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TUGAS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0001_awal"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
