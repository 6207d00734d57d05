"""The kinds of document a village starts with; it may add more in the back office."""

from django.db import migrations

JENIS = [
    # (nama, untuk_keluarga)
    ("Kartu Keluarga (KK)", True),
    ("KTP", False),
    ("Akta Kelahiran", False),
    ("Akta Kematian", False),
    ("Surat Pindah", False),
    ("Buku Nikah / Akta Perkawinan", False),
    ("Lainnya", False),
]


def isi(apps, schema_editor):
    JenisDokumen = apps.get_model("penduduk", "JenisDokumen")
    for i, (nama, keluarga) in enumerate(JENIS, start=1):
        JenisDokumen.objects.get_or_create(
            nama=nama, defaults={"untuk_keluarga": keluarga, "urutan": i * 10}
        )


def kosongkan(apps, schema_editor):
    JenisDokumen = apps.get_model("penduduk", "JenisDokumen")
    DokumenPenduduk = apps.get_model("penduduk", "DokumenPenduduk")
    dipakai = DokumenPenduduk.objects.values("jenis_id")
    JenisDokumen.objects.filter(nama__in=[n for n, _k in JENIS]).exclude(pk__in=dipakai).delete()


class Migration(migrations.Migration):
    dependencies = [("penduduk", "0011_dokumen_penduduk")]

    operations = [migrations.RunPython(isi, kosongkan)]
