"""Database helpers that are not queries of one app."""

from __future__ import annotations

import datetime
import operator

from django.db import connection, connections, models, router, transaction


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


# Field classes whose database value, for a Python value of exactly these types, is the value
# itself on PostgreSQL (get_db_prep_save would only check or copy it).
_TIPE_POLOS: dict[type, tuple[type, ...]] = {
    models.CharField: (str,),
    models.TextField: (str,),
    models.IntegerField: (int,),
    models.SmallIntegerField: (int,),
    models.BigIntegerField: (int,),
    models.PositiveIntegerField: (int,),
    models.PositiveSmallIntegerField: (int,),
    models.BooleanField: (bool,),
    models.DateField: (datetime.date,),
}
_KUNCI_BILANGAN = (models.AutoField, models.BigAutoField, models.IntegerField)


def _polos(f: models.Field) -> tuple[type, ...]:
    if type(f) in (models.ForeignKey, models.OneToOneField):
        return (int,) if type(f.target_field) in _KUNCI_BILANGAN else ()
    return _TIPE_POLOS.get(type(f), ())


class _Baris:
    """The database values of an object's fields, as bulk_create would send them.

    The values are read in one attrgetter call; which of them need the field's conversion
    (get_db_prep_save) is decided once per combination of value types, since most rows of an
    import share a few. Fields with their own pre_save (auto_now, files) always go through it.
    """

    BATAS_RENCANA = 1000

    def __init__(self, fields: list[models.Field], conn):
        self.fields = fields
        self.conn = conn
        self.ambil = operator.attrgetter(*(f.attname for f in fields))
        self.tunggal = len(fields) == 1
        self.polos = [_polos(f) for f in fields]
        self.pre_save = {
            i for i, f in enumerate(fields) if type(f).pre_save is not models.Field.pre_save
        }
        self.rencana: dict[tuple[type, ...], list[int]] = {}

    def _rencana(self, tipe: tuple[type, ...]) -> list[int]:
        ubah = [
            i
            for i, t in enumerate(tipe)
            if i in self.pre_save or (t is not type(None) and t not in self.polos[i])
        ]
        if len(self.rencana) < self.BATAS_RENCANA:
            self.rencana[tipe] = ubah
        return ubah

    def __call__(self, obj) -> list:
        baris = [self.ambil(obj)] if self.tunggal else list(self.ambil(obj))
        tipe = tuple(map(type, baris))
        ubah = self.rencana.get(tipe)
        if ubah is None:
            ubah = self._rencana(tipe)
        for i in ubah:
            f = self.fields[i]
            v = f.pre_save(obj, True) if i in self.pre_save else baris[i]
            if v is not None and type(v) not in self.polos[i]:
                v = f.get_db_prep_save(v, self.conn)
            baris[i] = v
        return baris


def sisip_massal(model, objs: list, *, batch_size: int = 1000) -> None:
    """`Model.objects.bulk_create(objs)` for many rows; on PostgreSQL through COPY.

    Same rows and the same state afterwards (primary keys set, objects saved), but no SQL text
    is built, quoted and parsed per batch: for 10,000 residents with their audit entries that
    took most of the import's write time (issue #21). The keys come from the table's sequence
    first, as RETURNING would give them. Models with a parent table (multi-table
    inheritance) or generated fields are not supported: they go through bulk_create.
    """
    if not objs:
        return
    opts = model._meta
    alias = router.db_for_write(model)
    conn = connections[alias]
    if (
        conn.vendor != "postgresql"
        or opts.parents
        or any(getattr(f, "generated", False) for f in opts.concrete_fields)
    ):
        model.objects.db_manager(alias).bulk_create(objs, batch_size=batch_size)
        return
    pk = opts.pk
    for obj in objs:
        if obj.pk is None:
            obj.pk = pk.get_pk_value_on_save(obj)
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    tanpa_pk = [obj for obj in objs if obj.pk is None]
    fields = list(opts.concrete_fields)
    nilai_baris = _Baris(fields, conn)
    tabel = conn.ops.quote_name(opts.db_table)
    kolom = ", ".join(conn.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {tabel} ({kolom}) FROM STDIN"
    with transaction.atomic(using=alias, savepoint=False), conn.cursor() as cursor:
        if tanpa_pk:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [tabel, pk.column, len(tanpa_pk)],
            )
            for obj, (nilai,) in zip(tanpa_pk, cursor.fetchall(), strict=True):
                obj.pk = nilai
        for i in range(0, len(objs), batch_size):
            # Errors as Django's (IntegrityError for a duplicate NIK written meanwhile).
            with conn.wrap_database_errors, cursor.cursor.copy(sql) as salin:
                for obj in objs[i : i + batch_size]:
                    salin.write_row(nilai_baris(obj))
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias
