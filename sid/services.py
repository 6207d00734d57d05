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

# The pixel limit of each image of the village identity (sid.lib.berkas.JENIS_GAMBAR).
JENIS_GAMBAR_DESA = {"logo": "logo", "kantor_desa": "foto"}


@transaction.atomic
def identitas_desa_update(*, oleh: Any, data: dict[str, Any]) -> IdentitasDesa:
    """Change the village identity; the audit entry lists every changed field old → new."""
    desa = IdentitasDesa.objects.select_for_update().get(pk=IdentitasDesa.ambil().pk)
    sebelum = potret(desa)  # saving renames the uploaded images: diff after the save
    data = dict(data)
    for name, jenis in JENIS_GAMBAR_DESA.items():
        if data.get(name) and not getattr(data[name], "sudah_bersih", False):
            data[name] = bersihkan_gambar(data[name], jenis=jenis)
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
    """The level rules of the village (which levels exist, which parent each level takes).

    In a village with RW, each dusun is either "with RW" (its RTs sit under its RWs) or
    "without RW" (its RTs sit directly under it), never both: a rule across rows, which no
    CHECK or UNIQUE constraint can state, so it lives here (a new RW/RT only: the parent of an
    existing wilayah never changes) and in the import writer (`periksa_susunan_dusun`).
    """
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
    baru = wilayah.pk is None
    if wilayah.tingkat == T.RW:
        if not desa.pakai_rw:
            raise ValidationError(
                {"tingkat": "Desa ini tidak memakai tingkat RW (lihat Identitas Desa)."}
            )
        if induk.tingkat != T.DUSUN:
            raise ValidationError({"induk": "RW harus berada di bawah dusun."})
        rt_langsung = _jumlah_anak(induk, T.RT) if baru else 0
        if rt_langsung:
            raise ValidationError(
                {
                    "induk": f"{induk.nama_lengkap} tidak memakai RW: {rt_langsung} RT berada "
                    "langsung di bawah dusun ini. Satu dusun memakai RW untuk semua RT-nya "
                    "atau tidak sama sekali."
                }
            )
    if wilayah.tingkat == T.RT:
        if not desa.pakai_rt:
            raise ValidationError(
                {"tingkat": "Desa ini tidak memakai tingkat RT (lihat Identitas Desa)."}
            )
        if induk.tingkat == T.RW and not desa.pakai_rw:
            raise ValidationError({"induk": "RT harus berada di bawah dusun."})
        if induk.tingkat not in (T.DUSUN, T.RW):
            tempat = "dusun atau RW" if desa.pakai_rw else "dusun"
            raise ValidationError({"induk": f"RT harus berada di bawah {tempat}."})
        if induk.tingkat == T.DUSUN and baru and _jumlah_anak(induk, T.RW):
            raise ValidationError(
                {
                    "induk": f"{induk.nama_lengkap} memakai RW: RT harus dibuat di bawah sebuah "
                    "RW dusun itu, bukan langsung di bawah dusun. (RT langsung di bawah dusun "
                    "hanya untuk dusun yang tidak memiliki RW.)"
                }
            )


def _jumlah_anak(induk: Wilayah, tingkat: int) -> int:
    return Wilayah.objects.filter(induk=induk, tingkat=tingkat).count()


def periksa_susunan_dusun(dusun_ids) -> None:
    """Refuse (ValidationError) when one of these dusun has both RWs and RTs directly under it.

    Writers that go around `wilayah_create` (the import) call it after writing, inside their
    transaction, holding the lock of `kunci_dusun`.
    """
    T = Wilayah.Tingkat
    ganda = (
        Wilayah.objects.filter(pk__in=list(dusun_ids), tingkat=T.DUSUN)
        .filter(anak__tingkat=T.RW)
        .filter(anak__tingkat=T.RT)
        .distinct()
        .order_by("nama")
    )
    nama = [w.nama_lengkap for w in ganda]
    if nama:
        raise ValidationError(
            f"{', '.join(nama)} memiliki RW dan juga RT langsung di bawah dusun. Satu dusun "
            "memakai RW untuk semua RT-nya atau tidak sama sekali."
        )


def kunci_dusun(dusun_ids) -> None:
    """Lock the dusun rows whose RW/RT children are about to be created, so two writers (an RW
    and an RT directly under the same dusun) cannot both pass the check above. (SQLite:
    transactions are already serialised.)"""
    baris = Wilayah.objects.select_for_update().filter(pk__in=list(dusun_ids)).order_by("pk")
    list(baris.values_list("pk", flat=True))


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
) -> Wilayah:
    """A new dusun/RW/RT. The head as a resident is set by penduduk.services.wilayah_kepala_atur."""
    wilayah = Wilayah(tingkat=tingkat, nama=nama, induk=induk, kepala_nama=kepala_nama)
    if induk is not None:
        kunci_dusun([induk.dusun_id or induk.pk])
    validasi_wilayah(wilayah)
    wilayah.full_clean()
    wilayah.save()
    _isi_leluhur(wilayah)
    wilayah.save(update_fields=["dusun", "rw"])
    catat_aktivitas(oleh=oleh, aksi="buat", objek=wilayah, perubahan=selisih({}, potret(wilayah)))
    return wilayah


@transaction.atomic
def wilayah_update(*, oleh: Any, wilayah: Wilayah, nama: str, kepala_nama: str = "") -> Wilayah:
    """Rename or change the head's name. Links (residents, families, child wilayah) are by id."""
    wilayah = Wilayah.objects.select_for_update().get(pk=wilayah.pk)
    sebelum = potret(wilayah)
    wilayah.nama = nama
    wilayah.kepala_nama = kepala_nama
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
