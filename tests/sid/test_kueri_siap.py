"""PostgreSQL prepares a statement the second time a connection runs it (SID_DB_PREPARE,
docs/produksi.md), and the setting turns it off for a transaction-pooling PgBouncer."""

import pytest
from django.db import connection

from sid.models import Wilayah
from tests.sid.test_pengaturan import jalankan

TAMPILKAN_OPSI = [
    "shell",
    "-c",
    "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS'];"
    "print(o.get('server_side_binding'), o.get('prepare_threshold'))",
]
URL = "postgres://postgres@127.0.0.1:5432/tidak_dihubungi"


@pytest.mark.django_db
def test_kueri_berulang_disiapkan_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statement PostgreSQL")
    for nama in ("Krajan", "Sukasari", "Cibodas"):  # one statement, three values
        list(Wilayah.objects.filter(nama=nama))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        disiapkan = [baris[0] for baris in cursor.fetchall()]
    assert any('FROM "sid_wilayah"' in s and "$1" in s for s in disiapkan), disiapkan


def test_bawaan_menyiapkan_dan_sid_db_prepare_0_mematikannya():
    bawaan = jalankan(TAMPILKAN_OPSI, DEBUG="1", DATABASE_URL=URL)
    assert bawaan.stdout.splitlines()[-1].split() == ["True", "2"], bawaan.stderr
    mati = jalankan(TAMPILKAN_OPSI, DEBUG="1", DATABASE_URL=URL, SID_DB_PREPARE="0")
    assert mati.stdout.splitlines()[-1].split() == ["None", "None"], mati.stderr
