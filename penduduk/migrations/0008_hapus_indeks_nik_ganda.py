"""Drop `penduduk_nik_pola` and `keluarga_no_kk_pola`: they duplicate the `..._like` indexes
Django already builds on PostgreSQL for the unique NIK and No. KK (same column, same
varchar_pattern_ops). One index less to write per insert and import; prefix searches keep using
Django's indexes. The SQL is constant text (no values are interpolated).
"""

from django.db import migrations

HAPUS = [
    "DROP INDEX IF EXISTS penduduk_nik_pola",
    "DROP INDEX IF EXISTS keluarga_no_kk_pola",
]
BUAT_LAGI = [
    "CREATE INDEX IF NOT EXISTS penduduk_nik_pola ON penduduk_penduduk (nik varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS keluarga_no_kk_pola ON keluarga_keluarga "
    "(no_kk varchar_pattern_ops)",
]


def _jalankan(perintah):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in perintah:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("penduduk", "0007_impor_penduduk"),
        ("keluarga", "0003_indeks_pencarian"),
    ]

    operations = [migrations.RunPython(_jalankan(HAPUS), _jalankan(BUAT_LAGI))]
