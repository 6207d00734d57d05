"""Posts (jabatan): the editable list of positions and their holder rules."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from perangkat.models import Jabatan, JenisPengangkatan, Pengangkatan
from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.ubah import terapkan

KOLOM_JABATAN = {"nama", "urutan", "kepala_desa", "sekretaris", "tunggal", "per_dusun", "aktif"}


def _isi(jabatan: Jabatan, data: dict[str, Any]) -> dict[str, list[Any]]:
    """Apply `data` (the name tidied first); return the changes."""
    if "nama" in data:
        data = {**data, "nama": " ".join((data["nama"] or "").split())}
    perubahan = terapkan(jabatan, data, kolom=KOLOM_JABATAN)
    if not jabatan.nama:
        raise ValidationError({"nama": "Nama jabatan wajib diisi."})
    lain = Jabatan.objects.filter(nama__iexact=jabatan.nama).exclude(pk=jabatan.pk).first()
    if lain:
        raise ValidationError({"nama": f"Jabatan {lain.nama} sudah ada."})
    return perubahan


@transaction.atomic
def jabatan_create(*, oleh: Any, data: dict[str, Any]) -> Jabatan:
    jabatan = Jabatan()
    _isi(jabatan, data)
    jabatan.full_clean()
    jabatan.save()
    catat_aktivitas(oleh=oleh, aksi="buat", objek=jabatan, perubahan=selisih({}, potret(jabatan)))
    return jabatan


@transaction.atomic
def jabatan_update(*, oleh: Any, jabatan: Jabatan, data: dict[str, Any]) -> Jabatan:
    """Rename, reorder or change the holder rules of a post.

    Turning "one holder" on is refused while several definitive holders overlap; the rule is
    copied onto the post's appointments (`jabatan_tunggal`) so the database keeps enforcing it.
    """
    jabatan = Jabatan.objects.select_for_update().get(pk=jabatan.pk)
    tunggal_lama, per_dusun_lama = jabatan.tunggal, jabatan.per_dusun
    perubahan = _isi(jabatan, data)
    jabatan.full_clean()
    if jabatan.tunggal and not tunggal_lama:
        _periksa_boleh_tunggal(jabatan)
    if (
        per_dusun_lama
        and not jabatan.per_dusun
        and Pengangkatan.objects.filter(jabatan=jabatan, dusun__isnull=False).exists()
    ):
        raise ValidationError(
            {
                "per_dusun": "Masih ada pengangkatan pada jabatan ini yang tercatat per dusun; "
                "tanda ini tidak bisa dimatikan."
            }
        )
    jabatan.save()
    if jabatan.tunggal != tunggal_lama:
        Pengangkatan.objects.filter(jabatan=jabatan).update(jabatan_tunggal=jabatan.tunggal)
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=jabatan, perubahan=perubahan)
    return jabatan


def _periksa_boleh_tunggal(jabatan: Jabatan) -> None:
    definitif = list(
        Pengangkatan.objects.filter(jabatan=jabatan, jenis=JenisPengangkatan.DEFINITIF)
        .select_related("perangkat__penduduk")
        .order_by("tmt")[:500]
    )
    for i, a in enumerate(definitif):
        for b in definitif[i + 1 :]:
            if a.tanggal_berhenti is None or a.tanggal_berhenti > b.tmt:
                raise ValidationError(
                    {
                        "tunggal": f"Jabatan ini pernah dipegang bersamaan oleh {a.perangkat} dan "
                        f"{b.perangkat}; tidak bisa dijadikan jabatan berpemegang satu."
                    }
                )
