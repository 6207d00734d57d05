"""Database helpers that are not queries of one app."""

from __future__ import annotations

from django.db import connection


def perbarui_statistik_planner(*models) -> None:
    """Refresh PostgreSQL planner statistics after a bulk load (VACUUM ANALYZE).

    Right after tens of thousands of rows arrive by bulk insert, autovacuum has not yet
    analysed the tables and the planner picks plans for an empty table; until a VACUUM sets
    the visibility map, index-only scans (counts, the one-head index) still read every row.
    VACUUM cannot run inside a transaction, so there it is ANALYZE alone. Table names come from
    model metadata (never from user input) and are quoted by the backend.
    """
    if connection.vendor != "postgresql":
        return
    di_luar_transaksi = connection.get_autocommit() and not connection.in_atomic_block
    perintah = "VACUUM ANALYZE" if di_luar_transaksi else "ANALYZE"
    with connection.cursor() as cursor:
        for model in models:
            tabel = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"{perintah} {tabel}")  # noqa: S608
