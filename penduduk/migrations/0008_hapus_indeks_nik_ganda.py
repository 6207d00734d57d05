"""Drop `penduduk_nik_pola`: it duplicates the `..._like` index Django already builds for the
unique NIK on PostgreSQL (same column, same varchar_pattern_ops). One index less to write on
every insert and import; NIK prefix searches keep using Django's index.
The SQL is constant text (no values are interpolated).
"""

from django.db import migrations


def _jalankan(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("penduduk", "0007_impor_penduduk")]

    operations = [
        migrations.RunPython(
            _jalankan("DROP INDEX IF EXISTS penduduk_nik_pola"),
            _jalankan(
                "CREATE INDEX IF NOT EXISTS penduduk_nik_pola ON penduduk_penduduk "
                "(nik varchar_pattern_ops)"
            ),
        )
    ]
