"""Marriage and divorce (civil status events with no effect on residence)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from penduduk.models import Penduduk
from penduduk.services.biodata import _tanpa, simpan_penduduk
from penduduk.services.peristiwa.dasar import (
    SHDK,
    _kunci,
)
from sid import kode
from sid.lib.audit import catat_aktivitas, potret, selisih


@transaction.atomic
def perkawinan_catat(
    *, oleh: Any, penduduk: Penduduk, tanggal_perkawinan, akta_perkawinan: str = ""
) -> Penduduk:
    p = _kunci(penduduk)
    if not p.hidup:
        raise ValidationError(f"{p.nama} tidak berstatus HIDUP.")
    if p.status_kawin == kode.StatusKawin.KAWIN:
        raise ValidationError(f"{p.nama} sudah berstatus KAWIN.")
    sebelum = potret(p)
    p.status_kawin = kode.StatusKawin.KAWIN
    p.tanggal_perkawinan, p.akta_perkawinan = tanggal_perkawinan, (akta_perkawinan or "").strip()
    p.akta_perceraian, p.tanggal_perceraian = "", None
    if not tanggal_perkawinan:
        raise ValidationError({"tanggal_perkawinan": "Tanggal perkawinan wajib diisi."})
    simpan_penduduk(p, konfirmasi=True)
    catat_aktivitas(
        oleh=oleh, aksi="perkawinan", objek=p, perubahan=_tanpa(selisih(sebelum, potret(p)))
    )
    return p


@transaction.atomic
def perceraian_catat(
    *, oleh: Any, penduduk: Penduduk, tanggal_perceraian, akta_perceraian: str = ""
) -> Penduduk:
    p = _kunci(penduduk)
    if p.status_kawin != kode.StatusKawin.KAWIN:
        raise ValidationError(
            f"{p.nama} tidak berstatus KAWIN, sehingga perceraian tidak dapat dicatat."
        )
    if not tanggal_perceraian:
        raise ValidationError({"tanggal_perceraian": "Tanggal perceraian wajib diisi."})
    if (
        p.keluarga_id
        and p.shdk == SHDK.KEPALA_KELUARGA
        and Penduduk.objects.hidup()
        .filter(keluarga_id=p.keluarga_id, shdk__in=[SHDK.SUAMI, SHDK.ISTRI])
        .exists()
    ):
        raise ValidationError(
            f"Pasangan {p.nama} masih tercatat dalam KK yang sama. Pecah KK pasangan terlebih dahulu, "
            "baru catat perceraiannya."
        )
    if p.keluarga_id and p.shdk in (SHDK.SUAMI, SHDK.ISTRI):
        raise ValidationError(
            f"{p.nama} masih tercatat sebagai {kode.SHDK(p.shdk).label} dalam KK. Pecah KK atau ubah SHDK terlebih dahulu."
        )
    sebelum = potret(p)
    p.status_kawin = kode.StatusKawin.CERAI_HIDUP
    p.tanggal_perceraian, p.akta_perceraian = tanggal_perceraian, (akta_perceraian or "").strip()
    simpan_penduduk(p, konfirmasi=True)
    catat_aktivitas(
        oleh=oleh, aksi="perceraian", objek=p, perubahan=_tanpa(selisih(sebelum, potret(p)))
    )
    return p
