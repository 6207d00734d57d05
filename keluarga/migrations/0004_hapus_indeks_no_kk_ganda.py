"""Drop `keluarga_no_kk_pola`: it duplicates the `..._like` index Django already builds for the
unique No. KK on PostgreSQL (same column, same varchar_pattern_ops). One index less to write on
every insert and import; No. KK prefix searches keep using Django's index.
The SQL is constant text (no values are interpolated).
"""

from django.db import migrations


def _jalankan(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("keluarga", "0003_indeks_pencarian")]

    operations = [
        migrations.RunPython(
            _jalankan("DROP INDEX IF EXISTS keluarga_no_kk_pola"),
            _jalankan(
                "CREATE INDEX IF NOT EXISTS keluarga_no_kk_pola ON keluarga_keluarga "
                "(no_kk varchar_pattern_ops)"
            ),
        )
    ]
