"""Seed the standard posts of a village government (Permendagri 84/2015 structure).

Operators may rename, reorder or add posts afterwards; this only fills an empty table.
"""

from django.db import migrations

# nama, urutan, kepala_desa, sekretaris, tunggal, per_dusun
JABATAN = [
    ("Kepala Desa", 10, True, False, True, False),
    ("Sekretaris Desa", 20, False, True, True, False),
    ("Kaur Keuangan", 30, False, False, True, False),
    ("Kaur Umum dan Perencanaan", 40, False, False, True, False),
    ("Kasi Pemerintahan", 50, False, False, True, False),
    ("Kasi Kesejahteraan", 60, False, False, True, False),
    ("Kasi Pelayanan", 70, False, False, True, False),
    ("Kepala Dusun", 80, False, False, False, True),
    ("Staf", 90, False, False, False, False),
]


def isi_jabatan(apps, schema_editor):
    Jabatan = apps.get_model("perangkat", "Jabatan")
    if Jabatan.objects.exists():
        return
    for nama, urutan, kades, sekdes, tunggal, per_dusun in JABATAN:
        Jabatan.objects.create(
            nama=nama,
            urutan=urutan,
            kepala_desa=kades,
            sekretaris=sekdes,
            tunggal=tunggal,
            per_dusun=per_dusun,
        )


def hapus_jabatan(apps, schema_editor):
    Jabatan = apps.get_model("perangkat", "Jabatan")
    Jabatan.objects.filter(nama__in=[j[0] for j in JABATAN], pengangkatan__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("perangkat", "0001_awal")]

    operations = [migrations.RunPython(isi_jabatan, hapus_jabatan)]
