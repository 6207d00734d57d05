"""Writes of the core app: village identity and wilayah. Each records an audit entry."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.berkas import bersihkan_gambar
from sid.lib.desa import lupakan_identitas_desa
from sid.lib.ubah import terapkan
from sid.models import IdentitasDesa, Wilayah


@transaction.atomic
def identitas_desa_update(*, oleh: Any, data: dict[str, Any]) -> IdentitasDesa:
    """Change the village identity; the audit entry lists every changed field old → new."""
    desa = IdentitasDesa.objects.select_for_update().get(pk=IdentitasDesa.ambil().pk)
    sebelum = potret(desa)  # saving renames the uploaded images: diff after the save
    data = dict(data)
    for name in ("logo", "kantor_desa"):
        if data.get(name) and not getattr(data[name], "sudah_bersih", False):
            data[name] = bersihkan_gambar(data[name])
    terapkan(desa, data)
    validasi_tingkat_desa(pakai_rw=desa.pakai_rw, pakai_rt=desa.pakai_rt)
    desa.full_clean()
    desa.save()
    perubahan = selisih(sebelum, potret(desa))
    perubahan.pop("diperbarui", None)
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=desa, perubahan=perubahan)
    lupakan_identitas_desa()
    return desa


def validasi_tingkat_desa(*, pakai_rw: bool, pakai_rt: bool) -> None:
    """The RW/RT levels cannot be switched off while wilayah of that level exist."""
    if not pakai_rw and Wilayah.objects.filter(tingkat=Wilayah.Tingkat.RW).exists():
        raise ValidationError(
            {"pakai_rw": "Desa masih memiliki data RW; hapus atau gabungkan RW terlebih dahulu."}
        )
    if not pakai_rt and Wilayah.objects.filter(tingkat=Wilayah.Tingkat.RT).exists():
        raise ValidationError(
            {"pakai_rt": "Desa masih memiliki data RT; hapus atau gabungkan RT terlebih dahulu."}
        )


def tingkat_terendah() -> int:
    """The level residents and families are attached to (RT, or RW/dusun where absent)."""
    desa = IdentitasDesa.ambil()
    if desa.pakai_rt:
        return Wilayah.Tingkat.RT
    if desa.pakai_rw:
        return Wilayah.Tingkat.RW
    return Wilayah.Tingkat.DUSUN


def validasi_wilayah(wilayah: Wilayah) -> None:
    """The level rules of the village (which levels exist, which parent each level takes)."""
    desa = IdentitasDesa.ambil()
    T = Wilayah.Tingkat
    induk = wilayah.induk
    wilayah.nama = (wilayah.nama or "").strip()
    if wilayah.tingkat == T.DUSUN:
        wilayah.nama = wilayah.nama.upper()
        if induk is not None:
            raise ValidationError({"induk": "Dusun tidak memiliki induk."})
        return
    if induk is None:
        raise ValidationError(
            {"induk": f"{T(wilayah.tingkat).label} harus berada di bawah induknya."}
        )
    if wilayah.tingkat == T.RW:
        if not desa.pakai_rw:
            raise ValidationError(
                {"tingkat": "Desa ini tidak memakai tingkat RW (lihat Identitas Desa)."}
            )
        if induk.tingkat != T.DUSUN:
            raise ValidationError({"induk": "RW harus berada di bawah dusun."})
    if wilayah.tingkat == T.RT:
        if not desa.pakai_rt:
            raise ValidationError(
                {"tingkat": "Desa ini tidak memakai tingkat RT (lihat Identitas Desa)."}
            )
        if desa.pakai_rw and induk.tingkat != T.RW:
            raise ValidationError(
                {
                    "induk": "Desa ini memakai RW: RT harus dibuat di bawah sebuah RW, "
                    "bukan langsung di bawah dusun."
                }
            )
        if not desa.pakai_rw and induk.tingkat != T.DUSUN:
            raise ValidationError({"induk": "RT harus berada di bawah dusun."})


def _isi_leluhur(wilayah: Wilayah) -> None:
    T = Wilayah.Tingkat
    if wilayah.tingkat == T.DUSUN:
        wilayah.dusun_id, wilayah.rw_id = wilayah.pk, None
    elif wilayah.tingkat == T.RW:
        wilayah.dusun_id, wilayah.rw_id = wilayah.induk_id, wilayah.pk
    else:
        induk = wilayah.induk
        wilayah.dusun_id = induk.dusun_id
        wilayah.rw_id = induk.pk if induk.tingkat == T.RW else None


@transaction.atomic
def wilayah_create(
    *,
    oleh: Any,
    tingkat: int,
    nama: str,
    induk: Wilayah | None = None,
    kepala_nama: str = "",
    kepala=None,
) -> Wilayah:
    wilayah = Wilayah(
        tingkat=tingkat, nama=nama, induk=induk, kepala_nama=kepala_nama, kepala=kepala
    )
    if kepala is not None and not wilayah.kepala_nama:
        wilayah.kepala_nama = kepala.nama
    validasi_wilayah(wilayah)
    wilayah.full_clean()
    wilayah.save()
    _isi_leluhur(wilayah)
    wilayah.save(update_fields=["dusun", "rw"])
    catat_aktivitas(oleh=oleh, aksi="buat", objek=wilayah, perubahan=selisih({}, potret(wilayah)))
    return wilayah


@transaction.atomic
def wilayah_update(
    *, oleh: Any, wilayah: Wilayah, nama: str, kepala_nama: str = "", kepala=None
) -> Wilayah:
    """Rename or change the head. Links (residents, families, child wilayah) are by id."""
    wilayah = Wilayah.objects.select_for_update().get(pk=wilayah.pk)
    sebelum = potret(wilayah)
    wilayah.nama = nama
    wilayah.kepala = kepala
    wilayah.kepala_nama = kepala.nama if kepala is not None and not kepala_nama else kepala_nama
    validasi_wilayah(wilayah)
    wilayah.full_clean()
    wilayah.save()
    perubahan = selisih(sebelum, potret(wilayah))
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=wilayah, perubahan=perubahan)
    return wilayah


@transaction.atomic
def wilayah_delete(*, oleh: Any, wilayah: Wilayah) -> None:
    """Delete an unused wilayah; one that still holds residents, families or levels is refused."""
    wilayah = Wilayah.objects.select_for_update().get(pk=wilayah.pk)
    nama = str(wilayah)
    pk = wilayah.pk
    try:
        with transaction.atomic():
            # Clear the self-references first so only real dependants protect the row.
            Wilayah.objects.filter(pk=pk).update(dusun=None, rw=None)
            Wilayah.objects.filter(pk=pk).delete()
    except ProtectedError as exc:
        hitung = Counter(
            obj._meta.verbose_name_plural if not isinstance(obj, Wilayah) else "wilayah bawahan"
            for obj in set(exc.protected_objects)
        )
        rincian = ", ".join(f"{n} {label}" for label, n in sorted(hitung.items()))
        raise ValidationError(
            f"{nama} tidak dapat dihapus karena masih dipakai ({rincian}). "
            "Pindahkan atau hapus data tersebut terlebih dahulu."
        ) from None
    catat_aktivitas(
        oleh=oleh, aksi="hapus", objek=None, keterangan=f"Menghapus wilayah {nama} (id {pk})."
    )
