"""The database content in a portable form: one JSON Lines member per table.

Every concrete model of every installed app is included (contenttypes, auth, the beat schedule,
the audit log …) except the ones in `TIDAK_DICADANGKAN`. A row is a JSON array of the table's
columns (attnames, listed in the manifest) in primary-key order; dates are ISO 8601, decimals
and UUIDs strings, binary data base64. Nested JSON objects have sorted keys, so the same data
gives the same bytes on SQLite and PostgreSQL.

Each table also gets a fingerprint (`sidik`): the sum modulo 2^256 of the SHA-256 of every row
line. It does not depend on row order, so a restore can prove that the rows now in the
database are exactly the rows of the archive, on either database engine.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connections, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils.duration import duration_string

from sid.cadangan import ArsipDitolak

# Sessions are login tokens, not data (a restore ends every session instead); LogCadangan
# describes the archives on this server and must survive a restore.
TIDAK_DICADANGKAN = {"sessions.session", "sid.logcadangan"}
UKURAN_POTONGAN = 2000
MODULUS = 2**256
# Field types whose JSON form needs to_python() on the way back in.
_PERLU_KONVERSI = {
    "DateTimeField",
    "DateField",
    "TimeField",
    "DecimalField",
    "UUIDField",
    "DurationField",
    "BinaryField",
}


def _ke_json(nilai: Any) -> Any:
    if isinstance(nilai, datetime.datetime | datetime.date | datetime.time):
        return nilai.isoformat()
    if isinstance(nilai, decimal.Decimal | uuid.UUID):
        return str(nilai)
    if isinstance(nilai, datetime.timedelta):
        return duration_string(nilai)
    if isinstance(nilai, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(nilai)).decode("ascii")
    raise TypeError(f"nilai tidak dapat disimpan: {type(nilai).__name__}")


def baris_json(baris: Iterable[Any]) -> bytes:
    return (
        json.dumps(
            list(baris), default=_ke_json, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        + "\n"
    ).encode("utf-8")


def sidik_baris(data: bytes) -> int:
    return int.from_bytes(hashlib.sha256(data).digest(), "big")


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


# Tables of the scheduler and of Django's plumbing, named for the restore preview.
_NAMA_TABEL = {
    "django_celery_beat.periodictask": "jadwal tugas",
    "django_celery_beat.periodictasks": "tanda perubahan jadwal tugas",
    "django_celery_beat.crontabschedule": "jadwal: jam dan hari",
    "django_celery_beat.intervalschedule": "jadwal: selang waktu",
    "django_celery_beat.clockedschedule": "jadwal: sekali jalan",
    "django_celery_beat.solarschedule": "jadwal: waktu matahari",
    "contenttypes.contenttype": "jenis data",
    "auth.permission": "hak akses",
    "admin.logentry": "catatan perubahan bawaan Django",
    "sessions.session": "sesi masuk",
}
_NAMA_KELOMPOK = {"django_celery_beat": "Jadwal tugas", "contenttypes": "Sistem", "admin": "Sistem"}


def nama_tabel(model: type[models.Model]) -> str:
    """A table's name in plain Indonesian: its model's plural name, or for the tables linking
    two kinds of rows (e.g. an account and its roles) "kaitan akun staf – peran"."""
    if label(model) in _NAMA_TABEL:
        return _NAMA_TABEL[label(model)]
    if model._meta.auto_created:
        dari, ke = (f.related_model._meta.verbose_name for f in model._meta.fields if f.is_relation)
        return f"kaitan {dari} – {ke}"
    return str(model._meta.verbose_name_plural)


def nama_kelompok(model: type[models.Model]) -> str:
    app = model._meta.app_label
    return _NAMA_KELOMPOK.get(app) or str(apps.get_app_config(app).verbose_name)


def nama_anggota(model: type[models.Model]) -> str:
    return f"db/{label(model)}.jsonl"


def kolom(model: type[models.Model]) -> list[models.Field]:
    """The table's stored columns (generated columns are computed by the database)."""
    return [f for f in model._meta.local_concrete_fields if not getattr(f, "generated", False)]


def model_dicadangkan() -> list[type[models.Model]]:
    """Every table with data, in dependency order (referenced tables first)."""
    semua = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed
        and not m._meta.proxy
        and not m._meta.swapped
        and label(m) not in TIDAK_DICADANGKAN
    ]
    semua.sort(key=label)
    terpilih = set(semua)
    butuh = {
        m: {
            f.related_model._meta.concrete_model
            for f in kolom(m)
            if f.is_relation and f.related_model is not None
        }
        & terpilih - {m}
        for m in semua
    }
    urutan: list[type[models.Model]] = []
    selesai: set[type[models.Model]] = set()
    while len(urutan) < len(semua):
        siap = [m for m in semua if m not in selesai and butuh[m] <= selesai]
        if not siap:  # a cycle: take the first remaining model (FKs are checked at the end)
            siap = [next(m for m in semua if m not in selesai)]
        for m in siap:
            urutan.append(m)
            selesai.add(m)
    return urutan


def model_per_label() -> dict[str, type[models.Model]]:
    return {label(m): m for m in model_dicadangkan()}


def keadaan_migrasi(using: str = "default") -> dict[str, list[str]]:
    """Applied migrations per app, as recorded in django_migrations."""
    hasil: dict[str, list[str]] = {}
    for app, nama in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        hasil.setdefault(app, []).append(nama)
    return hasil


def versi_database(using: str = "default") -> dict[str, str]:
    conn = connections[using]
    conn.ensure_connection()
    if conn.vendor == "postgresql":
        versi = conn.pg_version
        teks = f"{versi // 10000}.{versi % 10000}"
    elif conn.vendor == "sqlite":
        import sqlite3

        teks = sqlite3.sqlite_version
    else:  # pragma: no cover
        teks = ""
    return {"vendor": conn.vendor, "versi": teks}


def _kustom(field: models.Field) -> bool:
    """A field class from a third-party package (e.g. django-celery-beat's TimeZoneField)."""
    return not type(field).__module__.startswith("django.")


def _baris(model: type[models.Model], nama_kolom: list[str], using: str) -> Iterator[bytes]:
    """The table's rows as JSON lines, in primary-key order, streamed in chunks."""
    medan = {f.attname: f for f in kolom(model)}
    # Third-party fields may return Python objects (ZoneInfo …): their own get_prep_value
    # gives the stored form, and to_python() turns it back on load.
    siapkan = [medan[k].get_prep_value if _kustom(medan[k]) else None for k in nama_kolom]
    ada_kustom = any(siapkan)
    qs = model._base_manager.using(using).order_by("pk").values_list(*nama_kolom)
    for baris in qs.iterator(chunk_size=UKURAN_POTONGAN):
        if ada_kustom:
            baris = [
                f(v) if f is not None and v is not None else v
                for f, v in zip(siapkan, baris, strict=True)
            ]
        yield baris_json(baris)


def tulis_tabel(model: type[models.Model], tujuan: IO[bytes], using: str) -> dict[str, Any]:
    """Stream the table into `tujuan` (JSON Lines). Returns its manifest entry (less sha)."""
    nama_kolom = [f.attname for f in kolom(model)]
    jumlah = 0
    sidik = 0
    for data in _baris(model, nama_kolom, using):
        tujuan.write(data)
        sidik = (sidik + sidik_baris(data)) % MODULUS
        jumlah += 1
    return {
        "model": label(model),
        "tabel": model._meta.db_table,
        "kolom": nama_kolom,
        "baris": jumlah,
        "sidik": f"{sidik:064x}",
        "berkas": nama_anggota(model),
    }


def sidik_tabel(model: type[models.Model], nama_kolom: list[str], using: str) -> tuple[int, str]:
    """(rows, fingerprint) of the table as it is now, serialised like `tulis_tabel`."""
    jumlah = 0
    sidik = 0
    for data in _baris(model, nama_kolom, using):
        sidik = (sidik + sidik_baris(data)) % MODULUS
        jumlah += 1
    return jumlah, f"{sidik:064x}"


def hitung_baris(models_: Iterable[type[models.Model]], using: str) -> dict[str, int]:
    return {label(m): m._base_manager.using(using).count() for m in models_}


class Pemuat:
    """Loads one table's JSON Lines into the (emptied) table, in batches, keeping the ids."""

    def __init__(self, model: type[models.Model], nama_kolom: list[str], using: str) -> None:
        self.model = model
        self.using = using
        medan = {f.attname: f for f in kolom(model)}
        tak_dikenal = [k for k in nama_kolom if k not in medan]
        if tak_dikenal:
            raise ArsipDitolak(
                f"Kolom {', '.join(tak_dikenal)} pada tabel {label(model)} di arsip tidak dikenal "
                "versi SID ini; arsip ini tidak dapat dipulihkan di sini."
            )
        self.kolom_arsip = nama_kolom
        self.konversi = [
            medan[k].to_python if _perlu_konversi(medan[k]) else None for k in nama_kolom
        ]
        # Columns added after the archive was made get their model default.
        self.bawaan = {
            f.attname: f.get_default() for f in kolom(model) if f.attname not in nama_kolom
        }
        self.fields = kolom(model)
        batas = _batas_parameter(connections[using])
        self.ukuran = max(1, min(UKURAN_POTONGAN, batas // len(self.fields)))
        self.jumlah = 0

    def _objek(self, nilai: list[Any]) -> models.Model:
        if len(nilai) != len(self.kolom_arsip):
            raise ArsipDitolak(f"Baris tabel {label(self.model)} di arsip rusak.")
        data = dict(self.bawaan)
        for nama, ubah, v in zip(self.kolom_arsip, self.konversi, nilai, strict=True):
            data[nama] = ubah(v) if ubah is not None and v is not None else v
        return self.model(**data)

    def muat(self, baris: Iterator[bytes]) -> int:
        kumpulan: list[models.Model] = []
        for data in baris:
            kumpulan.append(self._objek(json.loads(data)))
            if len(kumpulan) >= self.ukuran:
                self._simpan(kumpulan)
                kumpulan = []
        if kumpulan:
            self._simpan(kumpulan)
        return self.jumlah

    def _simpan(self, kumpulan: list[models.Model]) -> None:
        # raw=True: values exactly as archived (auto_now fields are not overwritten), the way
        # loaddata saves; one INSERT per batch.
        self.model._base_manager.using(self.using)._insert(
            kumpulan, fields=self.fields, raw=True, using=self.using
        )
        self.jumlah += len(kumpulan)


def _batas_parameter(conn) -> int:
    """Bind parameters one INSERT may carry on this connection."""
    if conn.vendor == "sqlite":
        import sqlite3

        conn.ensure_connection()
        try:
            return conn.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except (AttributeError, sqlite3.Error):  # pragma: no cover - old Python/SQLite
            return 999
    return 65535


def _perlu_konversi(field: models.Field) -> bool:
    target = field.target_field if field.is_relation else field
    return _kustom(target) or target.get_internal_type() in _PERLU_KONVERSI


def kosongkan(models_: Iterable[type[models.Model]], using: str) -> None:
    """DELETE every row of these tables (children first; FKs are deferred anyway)."""
    for model in reversed(list(models_)):
        model._base_manager.using(using).all()._raw_delete(using)


def periksa_relasi(models_: Iterable[type[models.Model]], using: str) -> None:
    """Check every (deferred) foreign key now, inside the transaction, with a clear message."""
    from django.db import IntegrityError

    conn = connections[using]
    try:
        if conn.vendor == "postgresql":
            with conn.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            conn.check_constraints(table_names=[m._meta.db_table for m in models_])
    except IntegrityError as exc:
        raise ArsipDitolak(
            f"Data arsip tidak konsisten (relasi antartabel rusak): {exc}. Pemulihan dibatalkan."
        ) from exc


def atur_ulang_urutan(models_: Iterable[type[models.Model]], using: str) -> None:
    """PostgreSQL: move id sequences past the restored ids."""
    conn = connections[using]
    perintah = conn.ops.sequence_reset_sql(no_style(), list(models_))
    if perintah:
        with conn.cursor() as cursor:
            for sql in perintah:
                cursor.execute(sql)
