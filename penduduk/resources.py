"""django-import-export resource for residents: the 43 columns of the OpenSID import format.

The reference for the export's cells (`tests/impor/test_ekspor.py` checks that
`penduduk/ekspor.py` writes the same ones). Its values come from `penduduk/impor/register.py`,
which the import reads directly, so no running process loads django-import-export.
"""

from __future__ import annotations

from decimal import Decimal

from import_export import resources
from import_export.fields import Field

from penduduk.impor import kolom as K
from penduduk.impor.register import nilai_register, queryset_register
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

    queryset = staticmethod(queryset_register)
    nilai = staticmethod(nilai_register)

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
