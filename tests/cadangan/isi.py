"""Content fingerprints for the backup tests: every table's rows and every file, as hashes.

Independent of sid.cadangan's own serialisation: rows are read with values_list() in primary
key order and normalised here, so a test compares what the database holds, not what the
backup code thinks it wrote.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import hashlib
import json
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings

DIKECUALIKAN = {"sessions.session", "sid.logcadangan"}


def _normal(nilai):
    if isinstance(nilai, datetime.datetime):
        return ["dt", nilai.astimezone(datetime.UTC).isoformat()]
    if isinstance(nilai, datetime.date | datetime.time):
        return nilai.isoformat()
    if isinstance(nilai, decimal.Decimal):
        return ["dec", str(nilai.normalize())]
    if isinstance(nilai, uuid.UUID):
        return str(nilai)
    if isinstance(nilai, datetime.timedelta):
        return ["td", nilai.total_seconds()]
    if isinstance(nilai, bytes | memoryview):
        return base64.b64encode(bytes(nilai)).decode()
    if isinstance(nilai, dict):
        return {k: _normal(v) for k, v in nilai.items()}
    if isinstance(nilai, list | tuple):
        return [_normal(v) for v in nilai]
    if hasattr(nilai, "key"):  # ZoneInfo
        return str(nilai.key)
    return nilai


def model_data():
    return sorted(
        (
            m
            for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in DIKECUALIKAN
        ),
        key=lambda m: m._meta.label_lower,
    )


def potret_database(*, setelah_pulih: bool = False) -> dict[str, tuple[int, str]]:
    """{table: (rows, sha256 of all rows)} for every table a backup holds.

    `setelah_pulih`: leave out what a restore itself adds: its audit entry, and the beat
    schedule's change marker it bumps so a running beat reloads the restored schedule.
    """
    hasil = {}
    for model in model_data():
        label = model._meta.label_lower
        if setelah_pulih and label == "django_celery_beat.periodictasks":
            continue
        qs = model._base_manager.order_by("pk")
        if setelah_pulih and label == "sid.logaktivitas":
            qs = qs.exclude(aksi="cadangan_pulihkan")
        kolom = [f.attname for f in model._meta.local_concrete_fields]
        sha = hashlib.sha256()
        jumlah = 0
        for baris in qs.values_list(*kolom):
            sha.update(json.dumps(_normal(list(baris)), sort_keys=True).encode())
            sha.update(b"\n")
            jumlah += 1
        hasil[label] = (jumlah, sha.hexdigest())
    return hasil


def potret_berkas() -> dict[str, str]:
    """{"media/…" or "privat/…": sha256} of every file in MEDIA_ROOT and PRIVATE_ROOT."""
    hasil = {}
    for kunci, akar in (("media", settings.MEDIA_ROOT), ("privat", settings.PRIVATE_ROOT)):
        akar = Path(akar)
        if not akar.exists():
            continue
        for path in sorted(akar.rglob("*")):
            if path.is_file():
                hasil[f"{kunci}/{path.relative_to(akar).as_posix()}"] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return hasil


def potret(*, setelah_pulih: bool = False) -> dict:
    return {"database": potret_database(setelah_pulih=setelah_pulih), "berkas": potret_berkas()}


def tanpa_penanda_jadwal(isi: dict) -> dict:
    """A potret() taken before a restore, comparable with potret(setelah_pulih=True)."""
    db = {k: v for k, v in isi["database"].items() if k != "django_celery_beat.periodictasks"}
    return {"database": db, "berkas": isi["berkas"]}


def selisih(a: dict, b: dict) -> dict[str, list[str]]:
    """Names of the tables and files that differ (empty lists: identical)."""
    return {
        bagian: sorted(
            k for k in set(a[bagian]) | set(b[bagian]) if a[bagian].get(k) != b[bagian].get(k)
        )
        for bagian in ("database", "berkas")
    }


SAMA = {"database": [], "berkas": []}
