"""Copy each area's head (sid.Wilayah.kepala, removed by sid 0006) into penduduk.KepalaWilayah."""

from django.db import migrations


def salin(apps, schema_editor):
    Wilayah = apps.get_model("sid", "Wilayah")
    KepalaWilayah = apps.get_model("penduduk", "KepalaWilayah")
    KepalaWilayah.objects.bulk_create(
        [
            KepalaWilayah(wilayah_id=w, penduduk_id=p)
            for w, p in Wilayah.objects.filter(kepala__isnull=False).values_list("pk", "kepala_id")
        ],
        batch_size=1000,
    )


def kembalikan(apps, schema_editor):
    Wilayah = apps.get_model("sid", "Wilayah")
    KepalaWilayah = apps.get_model("penduduk", "KepalaWilayah")
    for wilayah_id, penduduk_id in KepalaWilayah.objects.values_list("wilayah_id", "penduduk_id"):
        Wilayah.objects.filter(pk=wilayah_id).update(kepala_id=penduduk_id)


class Migration(migrations.Migration):
    dependencies = [("penduduk", "0009_kepala_wilayah")]
    # The field it reads is removed by sid 0006; sid itself must not depend on penduduk.
    run_before = [("sid", "0006_hapus_kepala_wilayah")]

    operations = [migrations.RunPython(salin, kembalikan)]
