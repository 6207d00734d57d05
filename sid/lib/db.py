"""Database helpers that are not queries of one app."""

from __future__ import annotations

from django.db import connection


def perbarui_statistik_planner(*models) -> None:
    """Refresh PostgreSQL planner statistics after a bulk load (ANALYZE).

    Right after tens of thousands of rows arrive by bulk insert, autovacuum has not yet
    analysed the tables and the planner picks plans for an empty table. Table names come from
    model metadata (never from user input) and are quoted by the backend.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
