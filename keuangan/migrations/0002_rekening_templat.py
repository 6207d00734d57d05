"""Seed the APBDes account template (Permendagri 20/2018 codes as Siskeudes/OpenSID use them)
from keuangan/data/rekening_apbdes.csv. Only codes not yet present are added; labels are kept
exactly as seeded (typos included), because imported Siskeudes data carries the same strings.
"""

import csv
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parent.parent / "data" / "rekening_apbdes.csv"


def _kunci_urut(kode):
    return ".".join(f"{int(s):03d}" for s in kode.strip(".").split("."))


def _induk(kode):
    bagian = kode.strip(".").split(".")
    return ".".join(bagian[:-1]) + "." if len(bagian) > 1 else ""


def isi_rekening(apps, schema_editor):
    Rekening = apps.get_model("keuangan", "Rekening")
    with open(CSV, newline="", encoding="utf-8") as f:
        baris = list(csv.DictReader(f))
    ada = dict(Rekening.objects.values_list("kode", "pk"))
    # Parents first: a code's parent is its prefix, so shorter codes go in before longer ones.
    for r in sorted(baris, key=lambda r: (len(r["kode"].strip(".").split(".")), r["kode"])):
        if r["kode"] in ada:
            continue
        obj = Rekening.objects.create(
            kode=r["kode"],
            uraian=r["uraian"],
            jenis=r["jenis"],
            induk_id=ada.get(_induk(r["kode"])),
            kunci_urut=_kunci_urut(r["kode"]),
            bawaan=True,
        )
        ada[obj.kode] = obj.pk


def hapus_rekening(apps, schema_editor):
    Rekening = apps.get_model("keuangan", "Rekening")
    # Children before parents (induk is PROTECT): deepest codes first.
    per_tingkat = {}
    for pk, kode in Rekening.objects.filter(bawaan=True).values_list("pk", "kode"):
        per_tingkat.setdefault(len(kode.strip(".").split(".")), []).append(pk)
    for tingkat in sorted(per_tingkat, reverse=True):
        Rekening.objects.filter(pk__in=per_tingkat[tingkat]).delete()


class Migration(migrations.Migration):
    dependencies = [("keuangan", "0001_awal")]

    operations = [migrations.RunPython(isi_rekening, hapus_rekening)]
