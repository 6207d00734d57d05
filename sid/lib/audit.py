"""The audit log: `catat_aktivitas()` is the one way to write `LogAktivitas`.

Services call it inside their transaction, so an entry exists exactly when the change does.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from sid.lib import konteks


def _nilai(value: Any) -> Any:
    """A JSON-safe, human-readable form of a field value."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def potret(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """Field values of `obj` (FKs by display text), to diff before and after a change. The
    primary key and UUIDs are left out: they identify the row, the entry already does."""
    hasil = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.primary_key or isinstance(field, models.UUIDField):
            continue
        if field.is_relation:
            # An unset FK is None, also a required one on a row not filled in yet.
            kosong = getattr(obj, field.attname) is None and not field.is_cached(obj)
            value = None if kosong else getattr(obj, field.name)
            hasil[field.name] = str(value) if value is not None else None
        else:
            value = getattr(obj, field.attname)
            if field.choices and value not in (None, ""):
                value = f"{value} {dict(field.flatchoices).get(value, '')}".strip()
            hasil[field.name] = _nilai(value)
    return hasil


def selisih(sebelum: dict[str, Any], sesudah: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        name: [sebelum.get(name), sesudah.get(name)]
        for name in sesudah
        if sebelum.get(name) != sesudah.get(name)
    }


def nama_pelaku(oleh: Any) -> str:
    if oleh is None:
        return "sistem"
    if hasattr(oleh, "get_username"):
        return oleh.get_username()
    return str(oleh)


def catat_aktivitas(
    *,
    oleh: Any,
    aksi: str,
    objek: models.Model | None = None,
    perubahan: dict[str, list[Any]] | None = None,
    keterangan: str = "",
    pelaku: str | None = None,
):
    """Write one audit entry. `oleh` is a staff User, or None for the system."""
    from sid.models import LogAktivitas

    user = oleh if getattr(oleh, "is_authenticated", False) and hasattr(oleh, "pk") else None
    entri = LogAktivitas(
        pengguna=user,
        pelaku=(pelaku or nama_pelaku(oleh))[:150],
        ip=konteks.ip_sekarang(),
        aksi=aksi,
        perubahan={k: [_nilai(a), _nilai(b)] for k, (a, b) in (perubahan or {}).items()},
        keterangan=keterangan,
    )
    if objek is not None:
        entri.content_type = ContentType.objects.get_for_model(objek, for_concrete_model=True)
        entri.object_id = str(objek.pk)
        entri.objek = str(objek)[:255]
    entri.save()
    return entri
