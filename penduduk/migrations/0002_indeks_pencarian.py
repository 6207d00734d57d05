"""Search indexes that only PostgreSQL has: trigram (name fragments) and pattern (NIK prefix).

On SQLite this migration does nothing; the same searches still work, without these indexes.
The SQL is constant text (no values are interpolated).
"""

from django.db import migrations

POSTGRES_MAJU = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS penduduk_nama_trgm ON penduduk_penduduk "
    "USING gin (UPPER(nama) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS penduduk_nik_pola ON penduduk_penduduk (nik varchar_pattern_ops)",
]
POSTGRES_MUNDUR = [
    "DROP INDEX IF EXISTS penduduk_nama_trgm",
    "DROP INDEX IF EXISTS penduduk_nik_pola",
]


def _jalankan(perintah):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in perintah:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("penduduk", "0001_awal")]

    operations = [migrations.RunPython(_jalankan(POSTGRES_MAJU), _jalankan(POSTGRES_MUNDUR))]
