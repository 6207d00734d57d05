"""Seed the default age groups from sid/data/kode/rentang_umur.csv (editable afterwards)."""

import csv
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parents[2] / "sid" / "data" / "kode" / "rentang_umur.csv"


def isi(apps, schema_editor):
    RentangUmur = apps.get_model("penduduk", "RentangUmur")
    if RentangUmur.objects.exists():
        return
    with open(CSV, newline="", encoding="utf-8") as f:
        baris = list(csv.DictReader(f))
    urutan = {}
    objek = []
    for r in baris:
        urutan[r["jenis"]] = urutan.get(r["jenis"], 0) + 1
        objek.append(
            RentangUmur(
                jenis=r["jenis"],
                label=r["label"],
                dari=int(r["dari"]),
                sampai=int(r["sampai"]) if r["sampai"] else None,
                urutan=urutan[r["jenis"]],
            )
        )
    RentangUmur.objects.bulk_create(objek)


def hapus(apps, schema_editor):
    apps.get_model("penduduk", "RentangUmur").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("penduduk", "0004_rentang_umur"),
    ]

    operations = [migrations.RunPython(isi, hapus)]
