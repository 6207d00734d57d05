"""Officials as people: identity (own, or from the population register), numbers, photo."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile

from perangkat.models import Perangkat
from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.berkas import bersihkan_gambar
from sid.lib.ubah import terapkan

KOLOM_PERANGKAT = {
    "penduduk",
    "nama",
    "nik",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "agama",
    "pendidikan",
    "gelar_depan",
    "gelar_belakang",
    "nip",
    "nipd",
    "pangkat_golongan",
    "foto",
    "telepon",
    "aktif",
    "urutan",
}
KOLOM_AUDIT_ABAIKAN = {"dibuat", "diperbarui"}


def _rapikan(teks: str | None) -> str:
    return " ".join((teks or "").split())


def isi_perangkat(p: Perangkat, data: dict[str, Any]) -> None:
    """Put `data` on `p`, normalised; identity is copied from the register when linked.

    Used by the services and by the admin form (so the form shows the same errors).
    """
    data = dict(data)
    if "foto" in data:
        foto = data["foto"]
        if foto is False or foto is None:  # "clear" on the form
            data["foto"] = ""
        elif foto and not isinstance(foto, FieldFile) and not getattr(foto, "sudah_bersih", False):
            data["foto"] = bersihkan_gambar(foto, jenis="pasfoto")
    terapkan(p, data, kolom=KOLOM_PERANGKAT)
    for nama in ("nama", "tempat_lahir", "gelar_depan", "gelar_belakang", "pangkat_golongan"):
        setattr(p, nama, _rapikan(getattr(p, nama)))
    for nama in ("nik", "nip"):
        setattr(p, nama, "".join((getattr(p, nama) or "").split()))
    p.nipd = _rapikan(p.nipd)
    p.telepon = _rapikan(p.telepon)
    if p.penduduk_id:
        r = p.penduduk
        p.nama, p.nik, p.jenis_kelamin = r.nama, r.nik, r.jenis_kelamin
        p.tempat_lahir, p.tanggal_lahir, p.agama = r.tempat_lahir, r.tanggal_lahir, r.agama
        p.pendidikan = r.pendidikan_kk
        if r.nik.startswith("0"):  # a temporary register number is not an identity number
            p.nik = ""
    p.__dict__.pop("identitas", None)
    if not p.nama:
        raise ValidationError({"nama": "Isi nama, atau pilih penduduk dari register."})


def _simpan(p: Perangkat) -> None:
    p.full_clean(validate_constraints=True)
    try:
        with transaction.atomic():
            p.save()
    except IntegrityError as exc:  # a concurrent writer took the same NIK/NIP/resident
        raise ValidationError(
            "Data bentrok dengan perubahan lain (NIK, NIP, NIPD atau penduduk ganda). Muat ulang "
            "dan coba lagi."
        ) from exc


def _tanpa(perubahan: dict) -> dict:
    return {k: v for k, v in perubahan.items() if k not in KOLOM_AUDIT_ABAIKAN}


@transaction.atomic
def perangkat_create(*, oleh: Any, data: dict[str, Any]) -> Perangkat:
    p = Perangkat()
    isi_perangkat(p, data)
    _simpan(p)
    awal = {k: v for k, v in _tanpa(selisih({}, potret(p))).items() if v[1] not in (None, "")}
    catat_aktivitas(oleh=oleh, aksi="buat", objek=p, perubahan=awal)
    return p


@transaction.atomic
def perangkat_update(*, oleh: Any, perangkat: Perangkat, data: dict[str, Any]) -> Perangkat:
    p = Perangkat.objects.select_for_update().get(pk=perangkat.pk)
    sebelum = potret(p)  # the identity is tidied and the photo renamed on save: diff after
    isi_perangkat(p, data)
    _simpan(p)
    perubahan = _tanpa(selisih(sebelum, potret(p)))
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=p, perubahan=perubahan)
    return p
