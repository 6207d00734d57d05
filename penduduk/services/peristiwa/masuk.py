"""Arriving: birth into a family, moving in, coming back after leaving."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from keluarga.models import Keluarga
from penduduk.models import Penduduk, Peristiwa
from penduduk.services.biodata import _isi, _tanpa, simpan_penduduk
from penduduk.services.peristiwa.dasar import (
    SHDK,
    J,
    S,
    _buat_peristiwa,
    _kunci,
    _validasi_tanggal,
)
from sid import kode
from sid.lib.audit import catat_aktivitas, potret, selisih


def _orang_tua_dari_keluarga(keluarga) -> dict[str, str]:
    """Parents of a newborn, prefilled from the family's head and spouse."""
    anggota = list(
        Penduduk.objects.hidup().filter(
            keluarga=keluarga, shdk__in=[SHDK.KEPALA_KELUARGA, SHDK.SUAMI, SHDK.ISTRI]
        )
    )
    ayah = next(
        (
            a
            for a in anggota
            if a.jenis_kelamin == kode.JenisKelamin.LAKI_LAKI
            and a.shdk in (SHDK.KEPALA_KELUARGA, SHDK.SUAMI)
        ),
        None,
    )
    ibu = next(
        (
            a
            for a in anggota
            if a.jenis_kelamin == kode.JenisKelamin.PEREMPUAN
            and a.shdk in (SHDK.KEPALA_KELUARGA, SHDK.ISTRI)
        ),
        None,
    )
    hasil = {}
    if ayah:
        hasil.update(nama_ayah=ayah.nama, nik_ayah=ayah.nik if not ayah.nik_sementara else "")
    if ibu:
        hasil.update(nama_ibu=ibu.nama, nik_ibu=ibu.nik if not ibu.nik_sementara else "")
    kepala = next((a for a in anggota if a.shdk == SHDK.KEPALA_KELUARGA), None)
    if kepala:
        hasil["agama"] = kepala.agama
    return hasil


def bawaan_bayi(keluarga) -> dict[str, Any]:
    """Defaults for a newborn registered into `keluarga` (for the LAHIR form)."""
    return {
        "nik": "0",
        "status_kawin": kode.StatusKawin.BELUM_KAWIN,
        "pendidikan_kk": kode.PendidikanKK.TIDAK_BELUM_SEKOLAH,
        "pendidikan_sedang": kode.PendidikanSedang.BELUM_MASUK_TK_KELOMPOK_BERMAIN,
        "pekerjaan": kode.Pekerjaan.BELUM_TIDAK_BEKERJA,
        "warganegara": kode.WargaNegara.WNI,
        "status_penduduk": kode.StatusPenduduk.TETAP,
        "ktp_el": kode.KtpEl.BELUM,
        "status_rekam": kode.StatusRekam.BELUM_WAJIB,
        "jenis_kelahiran": kode.JenisKelahiran.TUNGGAL,
        "shdk": SHDK.ANAK,
        **_orang_tua_dari_keluarga(keluarga),
    }


@transaction.atomic
def peristiwa_kelahiran_catat(
    *,
    oleh: Any,
    keluarga,
    data: dict[str, Any],
    shdk: int = SHDK.ANAK,
    tanggal_lapor,
    konfirmasi: bool = False,
) -> Penduduk:
    """Register a newborn into a family. NIK "0" gives a temporary NIK until Dukcapil issues one."""
    keluarga = Keluarga.objects.select_for_update().get(pk=keluarga.pk)
    if not keluarga.aktif:
        raise ValidationError("Keluarga ini tidak aktif lagi; pilih keluarga lain.")
    bawaan = bawaan_bayi(keluarga)
    bawaan.pop("shdk")
    p = Penduduk(keluarga=keluarga, shdk=shdk, wilayah_id=keluarga.wilayah_id)
    _isi(p, {**bawaan, **{k: v for k, v in data.items() if v not in (None, "")}})
    if shdk == SHDK.KEPALA_KELUARGA:
        raise ValidationError({"shdk": "Bayi tidak dapat menjadi kepala keluarga."})
    tanggal_lahir = p.tanggal_lahir
    _validasi_tanggal(
        p, tanggal_lahir, tanggal_lapor, "kelahiran", kolom="tanggal_lahir", label="Tanggal lahir"
    )
    simpan_penduduk(p, konfirmasi=konfirmasi)
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=p,
        perubahan=_tanpa(selisih({}, potret(p))),
        keterangan="Kelahiran.",
    )
    _buat_peristiwa(
        oleh=oleh,
        p=p,
        jenis=J.LAHIR,
        tanggal_peristiwa=tanggal_lahir,
        tanggal_lapor=tanggal_lapor,
        detail={},
    )
    return p


@transaction.atomic
def peristiwa_pindah_masuk_catat(
    *,
    oleh: Any,
    data: dict[str, Any],
    alamat_asal: str,
    tanggal_peristiwa,
    tanggal_lapor,
    keluarga=None,
    shdk: int | None = None,
    konfirmasi: bool = False,
    catatan: str = "",
) -> Penduduk:
    """A person arrives: into an existing family, or without a KK (then `data['wilayah']`)."""
    if not (alamat_asal or "").strip():
        raise ValidationError({"alamat_asal": "Alamat asal (alamat sebelumnya) wajib diisi."})
    p = Penduduk(keluarga=keluarga, shdk=shdk)
    if keluarga is not None:
        p.wilayah_id = keluarga.wilayah_id
    _isi(p, {**data, "alamat_sebelumnya": alamat_asal.strip()})
    _validasi_tanggal(p, tanggal_peristiwa, tanggal_lapor, "pindah masuk")
    simpan_penduduk(p, konfirmasi=konfirmasi)
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=p,
        perubahan=_tanpa(selisih({}, potret(p))),
        keterangan="Pindah masuk.",
    )
    _buat_peristiwa(
        oleh=oleh,
        p=p,
        jenis=J.PINDAH_MASUK,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail={"alamat_asal": alamat_asal.strip(), "catatan": catatan},
    )
    return p


@transaction.atomic
def peristiwa_kembali_catat(
    *,
    oleh: Any,
    penduduk: Penduduk,
    tanggal_peristiwa,
    tanggal_lapor,
    alamat_asal: str = "",
    keluarga=None,
    shdk: int | None = None,
    wilayah=None,
    catatan: str = "",
) -> Peristiwa:
    """A resident who had moved out, left or gone missing comes back and is HIDUP again."""
    p = _kunci(penduduk)
    if p.status_dasar not in (S.PINDAH, S.PERGI, S.HILANG):
        raise ValidationError(
            f"KEMBALI DATANG hanya untuk penduduk berstatus PINDAH, PERGI atau HILANG; {p.nama} berstatus "
            f"{kode.StatusDasar(p.status_dasar).label}."
        )
    status_sebelum = p.status_dasar
    tujuan = keluarga
    if tujuan is None and p.keluarga_id and p.keluarga.aktif:
        tujuan = p.keluarga
    if tujuan is not None:
        tujuan = Keluarga.objects.select_for_update().get(pk=tujuan.pk)
        if not tujuan.aktif:
            tujuan.aktif = True
            tujuan.save(update_fields=["aktif", "diperbarui"])
    sebelum = potret(p)
    if tujuan is None:
        if wilayah is None:
            raise ValidationError(
                {"wilayah": "Pilih keluarga tujuan, atau wilayah (RT) bila kembali tanpa KK."}
            )
        p.keluarga, p.shdk, p.wilayah = None, None, wilayah
    else:
        if tujuan.pk != p.keluarga_id and p.keluarga_id:
            p.no_kk_sebelumnya = p.keluarga.no_kk
        p.keluarga, p.wilayah_id = tujuan, tujuan.wilayah_id
        p.shdk = shdk or p.shdk
        if p.status_penduduk != kode.StatusPenduduk.TETAP:
            p.status_penduduk = kode.StatusPenduduk.TETAP
    p.status_dasar = S.HIDUP
    simpan_penduduk(p, konfirmasi=True)
    e = _buat_peristiwa(
        oleh=oleh,
        p=p,
        jenis=J.KEMBALI_DATANG,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail={"alamat_asal": alamat_asal, "catatan": catatan},
        status_sebelum=status_sebelum,
    )
    perubahan = _tanpa(selisih(sebelum, potret(p)))
    if perubahan:
        catat_aktivitas(
            oleh=oleh, aksi="ubah", objek=p, perubahan=perubahan, keterangan="Kembali datang."
        )
    return e
