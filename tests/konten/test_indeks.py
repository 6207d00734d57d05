"""The public search has its indexes on PostgreSQL (trigram, for `icontains`)."""

import pytest
from django.db import connection

from konten.models import Artikel

pytestmark = pytest.mark.django_db


def test_indeks_trigram_pencarian_artikel_ada():
    if connection.vendor != "postgresql":
        pytest.skip("indeks khusus PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'konten_artikel'")
        nama = {r[0] for r in cursor.fetchall()}
    assert {"konten_artikel_judul_trgm", "konten_artikel_teks_trgm", "artikel_terbit_idx"} <= nama


def test_pencarian_memakai_indeks_trigram():
    if connection.vendor != "postgresql":
        pytest.skip("rencana query PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        rencana = Artikel.objects.cari("panen").order_by().explain()
        cursor.execute("SET enable_seqscan = on")
    assert "konten_artikel_judul_trgm" in rencana and "konten_artikel_teks_trgm" in rencana
