"""Search indexes exist where the searches need them (PostgreSQL)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_indeks_trigram_dan_pola_ada_di_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("indeks khusus PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename IN ('penduduk_penduduk', 'keluarga_keluarga')"
        )
        nama = {r[0] for r in cursor.fetchall()}
    assert {"penduduk_nama_trgm", "penduduk_nik_pola", "keluarga_no_kk_pola"} <= nama


def test_pencarian_nama_memakai_indeks_trigram():
    if connection.vendor != "postgresql":
        pytest.skip("rencana query PostgreSQL")
    from penduduk.models import Penduduk

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        rencana = Penduduk.objects.cari("wati").order_by().explain()
        cursor.execute("SET enable_seqscan = on")
    assert "penduduk_nama_trgm" in rencana
