"""Editing a row from a dict of field values: `terapkan()`.

A service that edits a row reads: validate → `perubahan = terapkan(obj, data, kolom=KOLOM)` →
`full_clean()`/`save()` → `catat_aktivitas(..., perubahan=perubahan)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from sid.lib.audit import potret, selisih


def terapkan(
    obj: models.Model, data: Mapping[str, Any], *, kolom: Iterable[str] | None = None
) -> dict[str, list[Any]]:
    """Copy `data` onto `obj`; return {field: [old, new]} for each field whose value changed.

    - Keys are field names (`wilayah`, not `wilayah_id`); a foreign key takes an instance.
    - `kolom` lists the fields the caller may change (default: every concrete field). Any other
      key is refused with a ValidationError naming it, before anything is set: an ignored key
      would be an edit silently lost.
    - A non-empty value is converted the way `full_clean()` converts it (`"5"` → 5,
      `"2024-01-31"` → a date); one that cannot be is refused under its field name.
    - Values are compared and returned the way the audit log shows them (`potret`): a foreign
      key by its text, a choice as "code label", a date in ISO form. A key whose value shows the
      same as before is left out; fields not in `data` are never reported.
    - The changes are those of this step. When a later step changes values again (normalising
      on the object, a file renamed by `save()`, `auto_now`), take `potret()` before and
      `selisih()` after the save instead, and use this only to copy.
    """
    bidang = {f.name: f for f in obj._meta.concrete_fields}
    boleh = bidang.keys() if kolom is None else bidang.keys() & set(kolom)
    asing = set(data) - boleh
    if asing:
        raise ValidationError(
            f"Kolom tidak dikenal atau tidak dapat diubah di sini: {', '.join(sorted(asing))}."
        )
    nilai_baru = {nama: _ubah_tipe(bidang[nama], nilai) for nama, nilai in data.items()}
    sebelum = potret(obj, data)
    for nama, nilai in nilai_baru.items():
        setattr(obj, nama, nilai)
    return selisih(sebelum, potret(obj, data))


def _ubah_tipe(field: models.Field, nilai: Any) -> Any:
    """`nilai` as `full_clean()` would store it; empty values and relations are left alone."""
    if field.is_relation or nilai in field.empty_values:
        return nilai
    try:
        return field.to_python(nilai)
    except ValidationError as exc:
        raise ValidationError({field.name: exc.messages}) from None
