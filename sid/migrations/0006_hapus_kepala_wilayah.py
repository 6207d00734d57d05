"""The head as a resident moved to penduduk.KepalaWilayah (copied by penduduk 0010, which runs
before this): sid no longer points at a domain app."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('sid', '0005_jadwal_cadangan_mingguan'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='wilayah',
            name='kepala',
        ),
    ]
