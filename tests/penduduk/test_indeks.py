"""Search indexes exist where the searches need them (PostgreSQL)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_indeks_trigram_dan_pola_ada_di_postgresql():
    """Trigram for names; exactly one prefix (varchar_pattern_ops) index on NIK and on No. KK."""
    if connection.vendor != "postgresql":
        pytest.skip("indeks khusus PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE tablename IN ('penduduk_penduduk', 'keluarga_keluarga')"
        )
        indeks = dict(cursor.fetchall())
    assert "penduduk_nama_trgm" in indeks
    pola = [d for d in indeks.values() if "varchar_pattern_ops" in d]
    assert len([d for d in pola if "(nik varchar_pattern_ops)" in d]) == 1
    assert len([d for d in pola if "(no_kk varchar_pattern_ops)" in d]) == 1


def test_awalan_nik_memakai_indeks():
    if connection.vendor != "postgresql":
        pytest.skip("rencana query PostgreSQL")
    from penduduk.models import Penduduk

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        rencana = Penduduk.objects.filter(nik__startswith="320101").order_by().explain()
        cursor.execute("SET enable_seqscan = on")
    assert "penduduk_penduduk_nik" in rencana and "_like" in rencana


def test_pencarian_nama_memakai_indeks_trigram():
    if connection.vendor != "postgresql":
        pytest.skip("rencana query PostgreSQL")
    from penduduk.models import Penduduk

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        rencana = Penduduk.objects.cari("wati").order_by().explain()
        cursor.execute("SET enable_seqscan = on")
    assert "penduduk_nama_trgm" in rencana


@pytest.mark.parametrize(
    ("kunci", "kolom"),
    [("pendidikan-kk", "pendidikan_kk"), ("umur-rentang", "tanggal_lahir")],
)
def test_statistik_cukup_dari_indeks(kunci, kolom):
    """The grouped COUNT(*) of a statistics table reads no column outside its partial index
    (value, jenis_kelamin) WHERE status_dasar = HIDUP, so PostgreSQL can answer it with an
    index-only scan (issue #21: 100,000 residents)."""
    import re

    from django.test.utils import CaptureQueriesContext

    from penduduk.models import Penduduk
    from penduduk.statistik import hitung

    indeks = {
        tuple(i.fields): i.condition for i in Penduduk._meta.indexes if i.condition is not None
    }
    assert (kolom, "jenis_kelamin") in indeks
    with CaptureQueriesContext(connection) as q:
        hitung(kunci)
    sql = next(x["sql"] for x in q.captured_queries if "GROUP BY" in x["sql"])
    dibaca = set(re.findall(r'"penduduk_penduduk"\."(\w+)"', sql))
    assert dibaca == {kolom, "jenis_kelamin", "status_dasar"}
    assert "COUNT(*)" in sql
