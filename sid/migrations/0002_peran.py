"""Create the staff roles (Groups). Their permissions are synced after every migrate
from `sid.peran.ATURAN` (post_migrate), so later apps' models are covered too."""

from django.db import migrations

PERAN = ["Administrator", "Operator", "Sekretaris Desa", "Kepala Desa", "Redaksi", "Kontributor"]


def buat_peran(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for nama in PERAN:
        Group.objects.get_or_create(name=nama)


def hapus_peran(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=PERAN, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("sid", "0001_awal"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(buat_peran, hapus_peran)]
