"""Editable age groups (RentangUmur): reading them, their birth-date bounds, and the writes.

Age is counted in whole years on a date ("pada", today by default), exactly as
`Penduduk.objects.umur_antara()` and the resident list's age filter count it, so a cell of the
age table and the list it links to always agree.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from penduduk.models import RentangUmur, _tahun_lalu
from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.ubah import terapkan

KOLOM = ["jenis", "label", "dari", "sampai", "urutan"]


def daftar_rentang(jenis: str | None = None) -> list[RentangUmur]:
    """Age groups in display order (one query): categories, then the 5-year bands; each by
    lower bound (`urutan` only breaks ties)."""
    qs = RentangUmur.objects.all()
    if jenis:
        qs = qs.filter(jenis=jenis)
    urut = {RentangUmur.Jenis.KATEGORI: 0, RentangUmur.Jenis.RENTANG: 1}
    return sorted(qs, key=lambda r: (urut.get(r.jenis, 9), r.dari, r.urutan, r.pk))


def q_umur(dari: int | None, sampai: int | None, pada: datetime.date) -> Q:
    """Q on `tanggal_lahir` for an age between `dari` and `sampai` (inclusive) on `pada`."""
    q = Q()
    if dari is not None:
        q &= Q(tanggal_lahir__lte=_tahun_lalu(pada, dari))
    if sampai is not None:
        q &= Q(tanggal_lahir__gt=_tahun_lalu(pada, sampai + 1))
    return q


def _label(label: str | None) -> str:
    return (label or "").strip().upper()


def _simpan(r: RentangUmur) -> None:
    # Serialise writes of one kind so two operators cannot create overlapping groups at once.
    list(RentangUmur.objects.select_for_update().filter(jenis=r.jenis).values_list("pk"))
    r.label = _label(r.label)
    r.full_clean()
    r.save()


@transaction.atomic
def rentang_umur_create(*, oleh: Any, data: dict[str, Any]) -> RentangUmur:
    asing = set(data) - set(KOLOM)
    if asing:
        raise ValidationError(f"Kolom {', '.join(sorted(asing))} tidak dikenal.")
    r = RentangUmur(**data)
    _simpan(r)
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=r,
        perubahan=selisih({}, potret(r, KOLOM)),
        keterangan="Rentang umur ditambahkan.",
    )
    return r


@transaction.atomic
def rentang_umur_update(*, oleh: Any, rentang: RentangUmur, data: dict[str, Any]) -> RentangUmur:
    r = RentangUmur.objects.select_for_update().get(pk=rentang.pk)
    if "label" in data:
        data = {**data, "label": _label(data["label"])}
    perubahan = terapkan(r, data, kolom=KOLOM)
    _simpan(r)
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=r, perubahan=perubahan)
    return r


@transaction.atomic
def rentang_umur_delete(*, oleh: Any, rentang: RentangUmur) -> None:
    r = RentangUmur.objects.select_for_update().get(pk=rentang.pk)
    catat_aktivitas(
        oleh=oleh,
        aksi="hapus",
        objek=r,
        perubahan={k: [v, None] for k, v in potret(r, KOLOM).items()},
        keterangan=f"Rentang umur {r} dihapus.",
    )
    r.delete()
