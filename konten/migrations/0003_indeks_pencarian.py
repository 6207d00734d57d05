"""Trigram indexes for the public search (title and body text, `icontains`) on PostgreSQL.

On SQLite this migration does nothing; the search still works, without these indexes.
The SQL is constant text (no values are interpolated).
"""

from django.db import migrations

POSTGRES_MAJU = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS konten_artikel_judul_trgm ON konten_artikel "
    "USING gin (UPPER(judul) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS konten_artikel_teks_trgm ON konten_artikel "
    "USING gin (UPPER(teks) gin_trgm_ops)",
]
POSTGRES_MUNDUR = [
    "DROP INDEX IF EXISTS konten_artikel_judul_trgm",
    "DROP INDEX IF EXISTS konten_artikel_teks_trgm",
]


def _jalankan(perintah):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in perintah:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("konten", "0002_halaman_menu_bawaan")]

    operations = [migrations.RunPython(_jalankan(POSTGRES_MAJU), _jalankan(POSTGRES_MUNDUR))]
