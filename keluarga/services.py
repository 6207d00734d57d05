"""Writes to families: create, edit/move, choose a new head, split (pecah KK), add a member."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk import kode, validasi
from penduduk.models import Penduduk
from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.ubah import terapkan
from sid.models import IdentitasDesa, LogAktivitas, Wilayah
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


def _no_kk(no_kk: str, *, kecuali: int | None = None) -> str:
    no_kk = (no_kk or "").strip()
    if no_kk == "0":
        desa = IdentitasDesa.objects.select_for_update().get(pk=IdentitasDesa.ambil().pk)
        return validasi.no_kk_sementara_berikutnya(desa.kode_desa)
    try:
        validasi.validasi_nomor_16(no_kk, "Nomor KK")
    except ValidationError as exc:
        raise ValidationError({"no_kk": exc.messages}) from None
    if Keluarga.objects.filter(no_kk=no_kk).exclude(pk=kecuali).exists():
        raise ValidationError({"no_kk": f"Nomor KK {no_kk} sudah terdaftar."})
    return no_kk


def _validasi_wilayah(wilayah: Wilayah | None) -> None:
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
    _validasi_wilayah(wilayah)
    k = Keluarga(
        no_kk=_no_kk(no_kk),
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


@transaction.atomic
def keluarga_update(*, oleh: Any, keluarga: Keluarga, data: dict[str, Any]) -> Keluarga:
    """Edit a family's details. A new RT moves every member with it (an address change, not
    a population event); each member's history records it."""
    k = Keluarga.objects.select_for_update().get(pk=keluarga.pk)
    wilayah_lama = k.wilayah_id
    data = dict(data)
    if "no_kk" in data and data["no_kk"] != k.no_kk:
        data["no_kk"] = _no_kk(data["no_kk"], kecuali=k.pk)
    perubahan = terapkan(k, data, kolom=KOLOM_KELUARGA | {"no_kk"})
    if k.wilayah_id != wilayah_lama:
        _validasi_wilayah(k.wilayah)
    k.full_clean()
    k.save()
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=k, perubahan=perubahan)
    if k.wilayah_id != wilayah_lama:
        _pindahkan_anggota(oleh=oleh, keluarga=k, wilayah_lama=Wilayah.objects.get(pk=wilayah_lama))
    return k


def _pindahkan_anggota(*, oleh: Any, keluarga: Keluarga, wilayah_lama: Wilayah) -> None:
    from django.contrib.contenttypes.models import ContentType

    from sid.lib import konteks
    from sid.lib.audit import nama_pelaku

    anggota = list(Penduduk.objects.filter(keluarga=keluarga).only("pk", "nama", "nik"))
    Penduduk.objects.filter(keluarga=keluarga).update(
        wilayah=keluarga.wilayah, diperbarui=timezone.now()
    )
    ct = ContentType.objects.get_for_model(Penduduk)
    user = oleh if getattr(oleh, "pk", None) else None
    LogAktivitas.objects.bulk_create(
        [
            LogAktivitas(
                pengguna=user,
                pelaku=nama_pelaku(oleh),
                ip=konteks.ip_sekarang(),
                aksi="ubah",
                content_type=ct,
                object_id=str(p.pk),
                objek=str(p)[:255],
                perubahan={"wilayah": [str(wilayah_lama), str(keluarga.wilayah)]},
                keterangan=f"Alamat keluarga {keluarga.no_kk} pindah RT.",
            )
            for p in anggota
        ]
    )


def _kunci_keluarga(keluarga: Keluarga) -> Keluarga:
    return Keluarga.objects.select_for_update().get(pk=keluarga.pk)


@transaction.atomic
def keluarga_kepala_ganti(
    *,
    oleh: Any,
    keluarga: Keluarga,
    kepala_baru: Penduduk,
    shdk_kepala_lama: int | None = None,
    tanggal: datetime.date | None = None,
) -> Keluarga:
    """Choose a new head among the living members (after the head died or left, or by choice)."""
    k = _kunci_keluarga(keluarga)
    baru = Penduduk.objects.select_for_update().get(pk=kepala_baru.pk)
    if baru.keluarga_id != k.pk or not baru.hidup:
        raise ValidationError(
            {"kepala_baru": "Kepala keluarga baru harus anggota keluarga ini yang masih HIDUP."}
        )
    if baru.shdk == SHDK.KEPALA_KELUARGA:
        raise ValidationError({"kepala_baru": f"{baru.nama} sudah menjadi kepala keluarga."})
    lama = k.kepala()
    if lama is not None:
        if not shdk_kepala_lama or shdk_kepala_lama == SHDK.KEPALA_KELUARGA:
            raise ValidationError(
                {"shdk_kepala_lama": f"Pilih hubungan dalam keluarga yang baru untuk {lama.nama}."}
            )
        sebelum = potret(lama, ["shdk"])
        lama.shdk = shdk_kepala_lama
        lama.save(update_fields=["shdk", "diperbarui"])
        catat_aktivitas(
            oleh=oleh, aksi="ubah", objek=lama, perubahan=selisih(sebelum, potret(lama, ["shdk"]))
        )
    sebelum = potret(baru, ["shdk"])
    baru.shdk = SHDK.KEPALA_KELUARGA
    baru.save(update_fields=["shdk", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="ubah",
        objek=baru,
        perubahan=selisih(sebelum, potret(baru, ["shdk"])),
        keterangan=f"Menjadi kepala keluarga KK {k.no_kk}.",
    )
    # Spouses that no longer fit the new head become FAMILI LAIN, with a visible history entry.
    for q in (
        Penduduk.objects.hidup()
        .filter(keluarga=k, shdk__in=[SHDK.SUAMI, SHDK.ISTRI])
        .exclude(pk=baru.pk)
    ):
        try:
            validasi.validasi_shdk(q, baru)
        except ValidationError:
            sebelum = potret(q, ["shdk"])
            q.shdk = SHDK.FAMILI_LAIN
            q.save(update_fields=["shdk", "diperbarui"])
            catat_aktivitas(
                oleh=oleh,
                aksi="ubah",
                objek=q,
                perubahan=selisih(sebelum, potret(q, ["shdk"])),
                keterangan="SHDK disesuaikan dengan kepala keluarga baru; periksa kembali.",
            )
    catat_aktivitas(
        oleh=oleh, aksi="ganti_kepala", objek=k, keterangan=f"Kepala keluarga baru: {baru.nama}."
    )
    return k


@transaction.atomic
def keluarga_pecah(
    *,
    oleh: Any,
    keluarga: Keluarga,
    anggota: list[Penduduk],
    kepala: Penduduk,
    no_kk_baru: str = "0",
    alamat: str | None = None,
    wilayah: Wilayah | None = None,
    shdk: dict[int, int] | None = None,
    tanggal: datetime.date | None = None,
) -> Keluarga:
    """Split members into a new KK (new number; each member keeps the previous number)."""
    lama = _kunci_keluarga(keluarga)
    tanggal = tanggal or timezone.localdate()
    ids = {p.pk for p in anggota} | {kepala.pk}
    pindah = list(Penduduk.objects.select_for_update().filter(pk__in=ids))
    if len(pindah) != len(ids) or any(p.keluarga_id != lama.pk or not p.hidup for p in pindah):
        raise ValidationError("Anggota yang dipecah harus anggota keluarga ini yang masih HIDUP.")
    sisa_hidup = Penduduk.objects.hidup().filter(keluarga=lama).exclude(pk__in=ids)
    kepala_lama = lama.kepala()
    if kepala_lama is not None and kepala_lama.pk in ids and sisa_hidup.exists():
        raise ValidationError(
            f"{kepala_lama.nama} adalah kepala KK lama yang masih memiliki anggota. Pilih kepala baru untuk KK lama dulu, "
            "atau jangan ikutkan kepala KK lama."
        )
    baru = keluarga_create(
        oleh=oleh,
        no_kk=no_kk_baru,
        wilayah=wilayah or lama.wilayah,
        alamat=lama.alamat if alamat is None else alamat,
        kelas_sosial=lama.kelas_sosial,
        tanggal=tanggal,
    )
    shdk = shdk or {}
    # Head first, so the other members' SHDK can be checked against it.
    for p in sorted(pindah, key=lambda q: q.pk != kepala.pk):
        sebelum = potret(p, ["keluarga", "shdk", "no_kk_sebelumnya", "wilayah"])
        p.no_kk_sebelumnya = lama.no_kk
        p.keluarga = baru
        p.wilayah_id = baru.wilayah_id
        p.shdk = (
            SHDK.KEPALA_KELUARGA
            if p.pk == kepala.pk
            else shdk.get(p.pk, p.shdk if p.shdk != SHDK.KEPALA_KELUARGA else SHDK.FAMILI_LAIN)
        )
        from penduduk.services import simpan_penduduk

        simpan_penduduk(p, konfirmasi=True)
        catat_aktivitas(
            oleh=oleh,
            aksi="pecah_kk",
            objek=p,
            perubahan=selisih(
                sebelum, potret(p, ["keluarga", "shdk", "no_kk_sebelumnya", "wilayah"])
            ),
        )
        keluarga_peristiwa_catat(
            oleh=oleh,
            keluarga=lama,
            jenis=JK.ANGGOTA_KELUARGA_KELUAR_PECAH,
            tanggal=tanggal,
            penduduk=p,
            catatan=f"Pindah ke KK {baru.no_kk}.",
        )
    if not sisa_hidup.exists() and lama.aktif:
        lama.aktif = False
        lama.save(update_fields=["aktif", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="pecah_kk",
        objek=lama,
        keterangan=f"{len(pindah)} anggota dipecah ke KK baru {baru.no_kk}.",
    )
    return baru


@transaction.atomic
def keluarga_anggota_tambah(
    *, oleh: Any, keluarga: Keluarga, penduduk: Penduduk, shdk: int
) -> Penduduk:
    """Put a living resident who has no KK into a family (e.g. after returning, or new head)."""
    k = _kunci_keluarga(keluarga)
    p = Penduduk.objects.select_for_update().get(pk=penduduk.pk)
    if p.keluarga_id:
        raise ValidationError(
            f"{p.nama} sudah menjadi anggota KK {p.keluarga.no_kk}; gunakan pecah KK untuk memindahkannya."
        )
    if not p.hidup:
        raise ValidationError(f"{p.nama} tidak berstatus HIDUP.")
    sebelum = potret(p, ["keluarga", "shdk", "wilayah"])
    p.keluarga, p.shdk, p.wilayah_id = k, shdk, k.wilayah_id
    from penduduk.services import simpan_penduduk

    simpan_penduduk(p, konfirmasi=True)
    if not k.aktif:
        k.aktif = True
        k.save(update_fields=["aktif", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="ubah",
        objek=p,
        perubahan=selisih(sebelum, potret(p, ["keluarga", "shdk", "wilayah"])),
        keterangan=f"Masuk ke KK {k.no_kk}.",
    )
    return p


@transaction.atomic
def keluarga_baru_datang(
    *,
    oleh: Any,
    no_kk: str,
    wilayah: Wilayah,
    alamat: str,
    alamat_asal: str,
    anggota: list[dict[str, Any]],
    tanggal_peristiwa,
    tanggal_lapor,
) -> Keluarga:
    """A whole family moves in: a new KK and a PINDAH MASUK event for each member.

    `anggota` is a list of {"data": {...biodata...}, "shdk": int, "konfirmasi": bool}; exactly one
    member has SHDK KEPALA KELUARGA (it is saved first).
    """
    from penduduk.services import peristiwa_pindah_masuk_catat

    kepala = [a for a in anggota if a.get("shdk") == SHDK.KEPALA_KELUARGA]
    if len(kepala) != 1:
        raise ValidationError("Keluarga yang datang harus memiliki tepat satu kepala keluarga.")
    k = keluarga_create(
        oleh=oleh,
        no_kk=no_kk,
        wilayah=wilayah,
        alamat=alamat,
        tanggal=tanggal_peristiwa,
        jenis=JK.KELUARGA_BARU_DATANG,
    )
    for a in sorted(anggota, key=lambda a: a.get("shdk") != SHDK.KEPALA_KELUARGA):
        peristiwa_pindah_masuk_catat(
            oleh=oleh,
            data=a["data"],
            alamat_asal=alamat_asal,
            tanggal_peristiwa=tanggal_peristiwa,
            tanggal_lapor=tanggal_lapor,
            keluarga=k,
            shdk=a["shdk"],
            konfirmasi=a.get("konfirmasi", False),
        )
    return k


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
    k = _kunci_keluarga(keluarga)
    if Penduduk.objects.hidup().filter(keluarga=k).exists():
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
