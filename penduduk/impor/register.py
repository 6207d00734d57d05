"""A resident's 43 column values as the register holds them, for the import's comparison and
the export (`penduduk/resources.py`, `penduduk/ekspor.py`).

A column is "unchanged" exactly when the value the export would write equals the row's value,
so an exported file re-imports with no change. Kept apart from the django-import-export
resource so that the import (and every process that loads its modules: the web workers, the
Celery worker) does not load django-import-export and tablib.
"""

from __future__ import annotations

from typing import Any

from penduduk.impor import kolom as K
from penduduk.impor.kolom import wilayah_kolom
from penduduk.models import Penduduk


def queryset_register(qs=None):
    """What the export reads: residents with their family and wilayah in the same query."""
    qs = Penduduk.objects.all() if qs is None else qs
    return qs.select_related("keluarga", "wilayah__dusun", "wilayah__rw")


def nilai_register(p: Penduduk) -> dict[str, Any]:
    """Column → clean value (None = empty), from the register."""
    hasil: dict[str, Any] = {}
    keluarga = p.keluarga if p.keluarga_id else None
    hasil["alamat"] = (keluarga.alamat or None) if keluarga else None
    hasil["no_kk"] = keluarga.no_kk if keluarga else None
    hasil["kk_level"] = p.shdk
    hasil["status_dasar"] = p.status_dasar
    hasil.update(wilayah_kolom(p.wilayah))
    for k in K.KOLOM:
        if k.atribut:
            v = getattr(p, k.atribut)
            hasil[k.nama] = None if v in ("", None) else v
    return hasil
