"""Seed SID's built-in letter types (surat/bawaan.py). Only missing ones are added (by slug),
so a village's own edits are never overwritten; the original text is kept in `isi_asli` for
"Pulihkan teks asli"."""

from django.db import migrations


def isi_jenis_bawaan(apps, schema_editor):
    from surat.bawaan import pasang_jenis_bawaan

    pasang_jenis_bawaan(apps.get_model("surat", "JenisSurat"))


def hapus_jenis_bawaan(apps, schema_editor):
    from surat.bawaan import JENIS_BAWAAN

    JenisSurat = apps.get_model("surat", "JenisSurat")
    JenisSurat.objects.filter(
        slug__in=[j["slug"] for j in JENIS_BAWAAN], bawaan=True, surat__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("surat", "0002_indeks_pencarian")]

    operations = [migrations.RunPython(isi_jenis_bawaan, hapus_jenis_bawaan)]
