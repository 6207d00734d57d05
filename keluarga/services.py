"""Writes to the KK register itself: number, create, record a family event, close.

The keluarga app sits below penduduk: it never imports the resident app. Operations that
move residents between families (split, new head, add a member, a family moving in, a new
RT for the whole family) are orchestrated by `penduduk.services.kk`, which calls these.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from keluarga.models import Keluarga, PeristiwaKeluarga
from sid import kode
from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.nomor import nomor_sementara_berikutnya, validasi_nomor_16
from sid.models import IdentitasDesa, Wilayah
from sid.services import tingkat_terendah

SHDK = kode.SHDK
JK = kode.JenisPeristiwaKeluarga
KOLOM_KELUARGA = {"alamat", "wilayah", "kelas_sosial", "tanggal_cetak_kk"}


def keluarga_peristiwa_catat(
    *,
    oleh: Any,
    keluarga: Keluarga,
    jenis: int,
    tanggal: datetime.date,
    penduduk=None,
    catatan: str = "",
) -> PeristiwaKeluarga:
    return PeristiwaKeluarga.objects.create(
        keluarga=keluarga,
        jenis=jenis,
        tanggal=tanggal,
        penduduk=penduduk,
        catatan=catatan,
        dibuat_oleh=oleh if getattr(oleh, "pk", None) else None,
    )


def no_kk_sementara_berikutnya(kode_desa: str) -> str:
    """0 + 10-digit kode desa + 5-digit sequence. Call inside a transaction holding a lock."""
    return nomor_sementara_berikutnya(Keluarga.objects.all(), "no_kk", kode_desa, "KK")


def keluarga_no_kk_periksa(no_kk: str, *, kecuali: int | None = None) -> str:
    no_kk = (no_kk or "").strip()
    if no_kk == "0":
        desa = IdentitasDesa.objects.select_for_update().get(pk=IdentitasDesa.ambil().pk)
        return no_kk_sementara_berikutnya(desa.kode_desa)
    try:
        validasi_nomor_16(no_kk, "Nomor KK")
    except ValidationError as exc:
        raise ValidationError({"no_kk": exc.messages}) from None
    if Keluarga.objects.filter(no_kk=no_kk).exclude(pk=kecuali).exists():
        raise ValidationError({"no_kk": f"Nomor KK {no_kk} sudah terdaftar."})
    return no_kk


def keluarga_wilayah_periksa(wilayah: Wilayah | None) -> None:
    if wilayah is None:
        raise ValidationError({"wilayah": "Pilih wilayah (RT) keluarga."})
    if wilayah.tingkat != tingkat_terendah():
        raise ValidationError({"wilayah": "Pilih wilayah pada tingkat terendah desa (RT)."})


@transaction.atomic
def keluarga_create(
    *,
    oleh: Any,
    no_kk: str,
    wilayah: Wilayah,
    alamat: str = "",
    kelas_sosial: int | None = None,
    tanggal_cetak_kk=None,
    tanggal: datetime.date | None = None,
    jenis: int = JK.KELUARGA_BARU,
) -> Keluarga:
    """A new KK (no members yet: add the head with a resident service). No. KK "0" = temporary."""
    keluarga_wilayah_periksa(wilayah)
    k = Keluarga(
        no_kk=keluarga_no_kk_periksa(no_kk),
        wilayah=wilayah,
        alamat=(alamat or "").strip(),
        kelas_sosial=kelas_sosial,
        tanggal_cetak_kk=tanggal_cetak_kk,
        tanggal_terdaftar=tanggal or timezone.localdate(),
    )
    k.full_clean()
    k.save()
    keluarga_peristiwa_catat(oleh=oleh, keluarga=k, jenis=jenis, tanggal=k.tanggal_terdaftar)
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=k,
        perubahan=selisih({}, potret(k, KOLOM_KELUARGA | {"no_kk"})),
    )
    return k


def keluarga_kunci(keluarga: Keluarga) -> Keluarga:
    return Keluarga.objects.select_for_update().get(pk=keluarga.pk)


@transaction.atomic
def keluarga_hapus(*, oleh: Any, keluarga: Keluarga, alasan: str) -> Keluarga:
    """Close a KK entered by mistake or left empty: it stays in history as KELUARGA DIHAPUS.

    Only a KK without living members; the row is kept (events and former members refer to it).
    """
    if not (oleh and oleh.has_perm("keluarga.delete_keluarga")):
        raise ValidationError("Hanya Administrator yang boleh menghapus KK.")
    alasan = (alasan or "").strip()
    if len(alasan) < 10:
        raise ValidationError({"alasan": "Tulis alasan penghapusan KK (minimal 10 karakter)."})
    k = keluarga_kunci(keluarga)
    if k.anggota.filter(status_dasar=kode.StatusDasar.HIDUP).exists():
        raise ValidationError(
            "KK ini masih memiliki anggota yang hidup; pindahkan atau pecah anggotanya dulu."
        )
    if not k.aktif and k.peristiwa.filter(jenis=JK.KELUARGA_DIHAPUS).exists():
        raise ValidationError("KK ini sudah dihapus.")
    k.aktif = False
    k.save(update_fields=["aktif", "diperbarui"])
    keluarga_peristiwa_catat(
        oleh=oleh,
        keluarga=k,
        jenis=JK.KELUARGA_DIHAPUS,
        tanggal=timezone.localdate(),
        catatan=alasan,
    )
    catat_aktivitas(oleh=oleh, aksi="hapus", objek=k, keterangan=f"KK dihapus: {alasan}")
    return k
