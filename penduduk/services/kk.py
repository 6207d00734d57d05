"""Family operations that move residents: edit a KK (a new RT moves its members), choose a
new head, split a KK (pecah KK), add a member, a whole family moving in.

Population events and these operations are orchestrated here, in penduduk, and call the KK
register's own writes in `keluarga.services`; the keluarga app never calls back.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from keluarga.models import Keluarga
from keluarga.services import (
    KOLOM_KELUARGA,
    keluarga_create,
    keluarga_kunci,
    keluarga_no_kk_periksa,
    keluarga_peristiwa_catat,
    keluarga_wilayah_periksa,
)
from penduduk import validasi
from penduduk.models import Penduduk
from penduduk.services.biodata import simpan_penduduk
from penduduk.services.peristiwa import peristiwa_pindah_masuk_catat
from sid import kode
from sid.lib import konteks
from sid.lib.audit import catat_aktivitas, nama_pelaku, potret, selisih
from sid.lib.ubah import terapkan
from sid.models import LogAktivitas, Wilayah

SHDK = kode.SHDK
JK = kode.JenisPeristiwaKeluarga


@transaction.atomic
def keluarga_update(*, oleh: Any, keluarga: Keluarga, data: dict[str, Any]) -> Keluarga:
    """Edit a family's details. A new RT moves every member with it (an address change, not
    a population event); each member's history records it."""
    k = Keluarga.objects.select_for_update().get(pk=keluarga.pk)
    wilayah_lama = k.wilayah_id
    data = dict(data)
    if "no_kk" in data and data["no_kk"] != k.no_kk:
        data["no_kk"] = keluarga_no_kk_periksa(data["no_kk"], kecuali=k.pk)
    perubahan = terapkan(k, data, kolom=KOLOM_KELUARGA | {"no_kk"})
    if k.wilayah_id != wilayah_lama:
        keluarga_wilayah_periksa(k.wilayah)
    k.full_clean()
    k.save()
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=k, perubahan=perubahan)
    if k.wilayah_id != wilayah_lama:
        _pindahkan_anggota(oleh=oleh, keluarga=k, wilayah_lama=Wilayah.objects.get(pk=wilayah_lama))
    return k


def _pindahkan_anggota(*, oleh: Any, keluarga: Keluarga, wilayah_lama: Wilayah) -> None:
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
    k = keluarga_kunci(keluarga)
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
    lama = keluarga_kunci(keluarga)
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
    k = keluarga_kunci(keluarga)
    p = Penduduk.objects.select_for_update().get(pk=penduduk.pk)
    if p.keluarga_id:
        raise ValidationError(
            f"{p.nama} sudah menjadi anggota KK {p.keluarga.no_kk}; gunakan pecah KK untuk memindahkannya."
        )
    if not p.hidup:
        raise ValidationError(f"{p.nama} tidak berstatus HIDUP.")
    sebelum = potret(p, ["keluarga", "shdk", "wilayah"])
    p.keluarga, p.shdk, p.wilayah_id = k, shdk, k.wilayah_id
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


class GalatAnggota(ValidationError):
    """A member's data was refused while a family was recorded: `baris` is the member's index
    in the `anggota` list given, `galat` the original error (maybe a PerluKonfirmasi)."""

    def __init__(self, baris: int, galat: ValidationError):
        super().__init__(galat.error_dict if hasattr(galat, "error_dict") else galat.error_list)
        self.baris = baris
        self.galat = galat


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
    kelas_sosial: int | None = None,
) -> Keluarga:
    """A whole family moves in, in one transaction: a new KK (event KELUARGA BARU DATANG) and
    a PINDAH MASUK event for each member, so the monthly report counts every arrival.

    `anggota` is a list of {"data": {...biodata...}, "shdk": int, "konfirmasi": bool}; exactly one
    member has SHDK KEPALA KELUARGA (it is saved first, so the others are checked against it).
    A member's refused data raises GalatAnggota naming the member's row; nothing is written.
    """
    if not anggota:
        raise ValidationError("Isi minimal satu anggota keluarga (kepala keluarga).")
    kepala = [a for a in anggota if a.get("shdk") == SHDK.KEPALA_KELUARGA]
    if len(kepala) != 1:
        raise ValidationError("Keluarga yang datang harus memiliki tepat satu kepala keluarga.")
    nik = [str(a["data"].get("nik") or "").strip() for a in anggota]
    for i, n in enumerate(nik):
        if n and n != "0" and nik.index(n) != i:
            raise GalatAnggota(
                i,
                ValidationError({"nik": f"NIK {n} sama dengan anggota baris {nik.index(n) + 1}."}),
            )
    k = keluarga_create(
        oleh=oleh,
        no_kk=no_kk,
        wilayah=wilayah,
        alamat=alamat,
        kelas_sosial=kelas_sosial,
        tanggal=tanggal_peristiwa,
        jenis=JK.KELUARGA_BARU_DATANG,
    )
    urutan = sorted(enumerate(anggota), key=lambda ia: ia[1].get("shdk") != SHDK.KEPALA_KELUARGA)
    for i, a in urutan:
        try:
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
        except ValidationError as exc:
            raise GalatAnggota(i, exc) from exc
    return k
