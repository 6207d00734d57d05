"""Leaving the village: death, moving out (a person or a whole family), lost, gone."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from keluarga.services import keluarga_peristiwa_catat
from penduduk.models import Penduduk, Peristiwa
from penduduk.services.peristiwa.dasar import (
    KELUARGA_SAAT_KEPALA_KELUAR,
    SHDK,
    J,
    S,
    _buat_peristiwa,
    _kunci,
)
from sid import kode
from sid.lib.audit import catat_aktivitas, potret, selisih


def _keluarga_setelah_keluar(*, oleh, p: Penduduk, jenis: int, tanggal) -> None:
    """Family bookkeeping after a member left: head gone → family event; none left → inactive."""
    if not p.keluarga_id:
        return
    keluarga = p.keluarga
    if p.shdk == SHDK.KEPALA_KELUARGA:
        keluarga_peristiwa_catat(
            oleh=oleh,
            keluarga=keluarga,
            jenis=KELUARGA_SAAT_KEPALA_KELUAR[jenis],
            tanggal=tanggal,
            penduduk=p,
        )
    if not Penduduk.objects.hidup().filter(keluarga=keluarga).exists() and keluarga.aktif:
        keluarga.aktif = False
        keluarga.save(update_fields=["aktif", "diperbarui"])


def _pasangan_menjadi_cerai_mati(*, oleh, p: Penduduk) -> None:
    """A married spouse in the same KK of a deceased head/spouse becomes CERAI MATI."""
    if not p.keluarga_id or p.status_kawin != kode.StatusKawin.KAWIN:
        return
    hidup = Penduduk.objects.hidup().filter(
        keluarga_id=p.keluarga_id, status_kawin=kode.StatusKawin.KAWIN
    )
    if p.shdk == SHDK.KEPALA_KELUARGA:
        pasangan = list(hidup.filter(shdk__in=[SHDK.SUAMI, SHDK.ISTRI]))
    elif p.shdk in (SHDK.SUAMI, SHDK.ISTRI):
        if hidup.filter(shdk=p.shdk).exclude(pk=p.pk).exists():
            return  # the head still has another living spouse
        pasangan = list(hidup.filter(shdk=SHDK.KEPALA_KELUARGA))
    else:
        return
    for q in pasangan:
        sebelum = potret(q, ["status_kawin"])
        q.status_kawin = kode.StatusKawin.CERAI_MATI
        q.save(update_fields=["status_kawin", "diperbarui"])
        catat_aktivitas(
            oleh=oleh,
            aksi="ubah",
            objek=q,
            perubahan=selisih(sebelum, potret(q, ["status_kawin"])),
            keterangan=f"Pasangan ({p.nama}) meninggal dunia.",
        )


def _keluar(
    *, oleh, penduduk: Penduduk, jenis: int, tanggal_peristiwa, tanggal_lapor, detail
) -> Peristiwa:
    p = _kunci(penduduk)
    status_baru = kode.PERISTIWA_KELUAR[jenis]
    nama = kode.JenisPeristiwa(jenis).label
    if p.status_dasar != S.HIDUP:
        raise ValidationError(
            f"{p.nama} berstatus {kode.StatusDasar(p.status_dasar).label}, bukan HIDUP: peristiwa {nama} tidak dapat dicatat."
        )
    if jenis == J.PERGI and p.status_penduduk != kode.StatusPenduduk.TIDAK_TETAP:
        raise ValidationError(
            f"Peristiwa PERGI hanya untuk penduduk TIDAK TETAP; {p.nama} penduduk TETAP (gunakan PINDAH KELUAR)."
        )
    e = _buat_peristiwa(
        oleh=oleh,
        p=p,
        jenis=jenis,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail=detail,
        status_sebelum=p.status_dasar,
    )
    if jenis == J.MATI:
        _pasangan_menjadi_cerai_mati(oleh=oleh, p=p)
    p.status_dasar = status_baru
    p.save(update_fields=["status_dasar", "diperbarui"])
    _keluarga_setelah_keluar(oleh=oleh, p=p, jenis=jenis, tanggal=tanggal_peristiwa)
    return e


@transaction.atomic
def peristiwa_kematian_catat(
    *,
    oleh: Any,
    penduduk: Penduduk,
    tanggal_peristiwa,
    tanggal_lapor,
    waktu_kematian=None,
    tempat_kematian: str = "",
    sebab_kematian: int | None = None,
    penerang_kematian: int | None = None,
    no_akta_kematian: str = "",
    catatan: str = "",
) -> Peristiwa:
    return _keluar(
        oleh=oleh,
        penduduk=penduduk,
        jenis=J.MATI,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail={
            "waktu_kematian": waktu_kematian,
            "tempat_kematian": tempat_kematian,
            "sebab_kematian": sebab_kematian,
            "penerang_kematian": penerang_kematian,
            "no_akta_kematian": no_akta_kematian,
            "catatan": catatan,
        },
    )


@transaction.atomic
def peristiwa_pindah_keluar_catat(
    *,
    oleh: Any,
    penduduk: Penduduk,
    tanggal_peristiwa,
    tanggal_lapor,
    jenis_pindah: int,
    alamat_tujuan: str,
    catatan: str = "",
) -> Peristiwa:
    if not (alamat_tujuan or "").strip():
        raise ValidationError({"alamat_tujuan": "Alamat tujuan pindah wajib diisi."})
    if not jenis_pindah:
        raise ValidationError({"jenis_pindah": "Pilih jenis pindah."})
    return _keluar(
        oleh=oleh,
        penduduk=penduduk,
        jenis=J.PINDAH_KELUAR,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail={
            "jenis_pindah": jenis_pindah,
            "alamat_tujuan": alamat_tujuan.strip(),
            "catatan": catatan,
        },
    )


@transaction.atomic
def peristiwa_pindah_keluar_keluarga_catat(
    *,
    oleh: Any,
    keluarga,
    tanggal_peristiwa,
    tanggal_lapor,
    jenis_pindah: int,
    alamat_tujuan: str,
    catatan: str = "",
) -> list[Peristiwa]:
    """The whole family moves out in one action: one event per living member, head last."""
    anggota = list(
        Penduduk.objects.hidup().filter(keluarga=keluarga).order_by("-shdk")  # head (1) last
    )
    if not anggota:
        raise ValidationError("Keluarga ini tidak memiliki anggota yang masih HIDUP.")
    return [
        peristiwa_pindah_keluar_catat(
            oleh=oleh,
            penduduk=p,
            tanggal_peristiwa=tanggal_peristiwa,
            tanggal_lapor=tanggal_lapor,
            jenis_pindah=jenis_pindah,
            alamat_tujuan=alamat_tujuan,
            catatan=catatan,
        )
        for p in anggota
    ]


@transaction.atomic
def peristiwa_hilang_catat(
    *, oleh: Any, penduduk: Penduduk, tanggal_peristiwa, tanggal_lapor, catatan: str = ""
) -> Peristiwa:
    return _keluar(
        oleh=oleh,
        penduduk=penduduk,
        jenis=J.HILANG,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail={"catatan": catatan},
    )


@transaction.atomic
def peristiwa_pergi_catat(
    *, oleh: Any, penduduk: Penduduk, tanggal_peristiwa, tanggal_lapor, catatan: str = ""
) -> Peristiwa:
    return _keluar(
        oleh=oleh,
        penduduk=penduduk,
        jenis=J.PERGI,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail={"catatan": catatan},
    )
