"""django-import-export resource for residents: the 43 columns of the OpenSID import format.

Used for every export (xlsx with codes, xlsx with labels, CSV) and, through `nilai()`, by the
import to compare a row with the register: a column is "unchanged" exactly when the value
the export would write equals the row's value, so an exported file re-imports with no change.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from import_export import resources
from import_export.fields import Field

from penduduk.impor import kolom as K
from penduduk.impor.kolom import wilayah_kolom
from penduduk.models import Penduduk


class PendudukResource(resources.Resource):
    """Export rows in template order. `label=True` writes labels instead of codes."""

    class Meta:
        model = Penduduk
        export_order = tuple(K.NAMA_KOLOM)
        chunk_size = 2000

    def __init__(self, *, label: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.label = label
        self.fields = {k.nama: Field(column_name=k.nama) for k in K.KOLOM}

    @staticmethod
    def queryset(qs=None):
        """What the export reads: residents with their family and wilayah in the same query."""
        qs = Penduduk.objects.all() if qs is None else qs
        return qs.select_related("keluarga", "wilayah__dusun", "wilayah__rw")

    @staticmethod
    def nilai(p: Penduduk) -> dict[str, Any]:
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

    def sel(self, kolom: K.Kolom, v):
        """The cell written for a clean value."""
        if v is None:
            return None
        if kolom.jenis == K.KODE and self.label:
            return kolom.pilihan(v).label
        if isinstance(v, Decimal):
            return float(v)
        return v

    def export_resource(self, instance, selected_fields=None, **kwargs):
        nilai = self.nilai(instance)
        return [self.sel(k, nilai[k.nama]) for k in K.KOLOM]

    def get_export_headers(self, selected_fields=None):
        return list(K.NAMA_KOLOM)
