"""Archive search indexes that only PostgreSQL has: trigram (number and name fragments) and
pattern (NIK prefix). On SQLite this does nothing; the same searches work without them.
The SQL is constant text (no values are interpolated)."""

from django.db import migrations

POSTGRES_MAJU = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS surat_nama_penduduk_trgm ON surat_surat "
    "USING gin (UPPER(nama_penduduk) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS surat_nomor_trgm ON surat_surat USING gin (UPPER(nomor) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS surat_nik_pola ON surat_surat (nik_penduduk varchar_pattern_ops)",
]
POSTGRES_MUNDUR = [
    "DROP INDEX IF EXISTS surat_nama_penduduk_trgm",
    "DROP INDEX IF EXISTS surat_nomor_trgm",
    "DROP INDEX IF EXISTS surat_nik_pola",
]


def _jalankan(perintah):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in perintah:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("surat", "0001_awal")]

    operations = [migrations.RunPython(_jalankan(POSTGRES_MAJU), _jalankan(POSTGRES_MUNDUR))]
