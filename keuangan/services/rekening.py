"""The account template: codes an administrator adds deliberately."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from keuangan.models import (
    POLA_KEGIATAN,
    Rekening,
    RincianAnggaran,
    jumlah_segmen,
    kode_induk,
    kunci_urut,
)
from keuangan.selectors import lupakan_cache
from keuangan.services.kode import rapikan_kode
from sid.lib.audit import catat_aktivitas


@transaction.atomic
def rekening_create(*, oleh: Any, kode: str, uraian: str) -> Rekening:
    """Add a code to the template deliberately (Administrator): below an existing code, with the
    type of its parent's branch. A parent that already carries budget lines cannot get children
    (its lines would no longer sit on a leaf)."""
    kode = rapikan_kode(kode)
    uraian = " ".join((uraian or "").split())
    galat: dict[str, str] = {}
    if not uraian:
        galat["uraian"] = "Uraian wajib diisi."
    induk_kode = kode_induk(kode) if kode else ""
    induk = Rekening.objects.filter(kode=induk_kode).first() if induk_kode else None
    if not kode:
        galat["kode"] = "Kode wajib diisi."
    elif Rekening.objects.filter(kode=kode).exists():
        galat["kode"] = f"Kode {kode} sudah ada dalam templat."
    elif induk is None:
        galat["kode"] = (
            f"Kode {kode} harus berada di bawah kode yang sudah ada (induknya {induk_kode or '-'} "
            "tidak ada). Kode tingkat pertama tidak bisa ditambahkan."
        )
    elif induk.jenis == Rekening.Jenis.KEGIATAN:
        galat["kode"] = (
            "Kegiatan tidak bisa memiliki sub-kode; tambahkan kegiatan di sub bidangnya."
        )
    if galat:
        raise ValidationError(galat)
    jenis = {
        Rekening.Jenis.BIDANG: Rekening.Jenis.SUB_BIDANG,
        Rekening.Jenis.SUB_BIDANG: Rekening.Jenis.KEGIATAN,
    }.get(induk.jenis, induk.jenis)
    if jenis == Rekening.Jenis.KEGIATAN and not _cocok(POLA_KEGIATAN, kode):
        raise ValidationError({"kode": "Kode kegiatan ditulis dua angka per bagian: 01.01.93."})
    if induk.adalah_akun and RincianAnggaran.objects.filter(kode=induk.kode).exists():
        raise ValidationError(
            {
                "kode": f"Rekening {induk.kode} sudah dipakai dalam rincian anggaran; sub-rekening "
                "di bawahnya tidak bisa ditambahkan."
            }
        )
    if jenis == Rekening.Jenis.SUB_BIDANG and jumlah_segmen(kode) != 2:
        raise ValidationError({"kode": "Kode sub bidang ditulis dua bagian: 01.06."})
    rek = Rekening(kode=kode, uraian=uraian, jenis=jenis, induk=induk, kunci_urut=kunci_urut(kode))
    rek.full_clean()
    rek.save()
    catat_aktivitas(
        oleh=oleh,
        aksi="tambah_kode_rekening",
        objek=rek,
        perubahan={"kode": [None, kode], "uraian": [None, uraian], "jenis": [None, jenis]},
    )
    lupakan_cache()
    return rek


@transaction.atomic
def rekening_update(*, oleh: Any, rekening: Rekening, uraian: str) -> Rekening:
    """Rename a code an administrator added. Template codes keep their official labels."""
    rek = Rekening.objects.select_for_update().get(pk=rekening.pk)
    if rek.bawaan:
        raise ValidationError("Uraian kode dari templat resmi tidak bisa diubah.")
    uraian = " ".join((uraian or "").split())
    if not uraian:
        raise ValidationError({"uraian": "Uraian wajib diisi."})
    if uraian != rek.uraian:
        lama, rek.uraian = rek.uraian, uraian
        rek.save(update_fields=["uraian"])
        catat_aktivitas(
            oleh=oleh, aksi="ubah_kode_rekening", objek=rek, perubahan={"uraian": [lama, uraian]}
        )
        lupakan_cache()
    return rek


def _cocok(pola: str, teks: str) -> bool:
    return re.match(pola, teks) is not None
