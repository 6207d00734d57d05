"""No. KK prefix search index (PostgreSQL only; SQLite searches without it)."""

from django.db import migrations


def maju(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS keluarga_no_kk_pola ON keluarga_keluarga "
            "(no_kk varchar_pattern_ops)"
        )


def mundur(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS keluarga_no_kk_pola")


class Migration(migrations.Migration):
    dependencies = [("keluarga", "0002_awal_relasi")]

    operations = [migrations.RunPython(maju, mundur)]
