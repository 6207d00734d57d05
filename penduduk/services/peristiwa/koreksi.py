"""Correcting the record: an event's details changed, an event cancelled."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from keluarga.models import Keluarga
from keluarga.services import keluarga_peristiwa_catat
from penduduk.models import Peristiwa
from penduduk.services.biodata import _tanpa, simpan_penduduk
from penduduk.services.peristiwa.dasar import (
    KOLOM_DETAIL,
    SHDK,
    J,
    S,
    _kunci,
    _validasi_tanggal,
)
from sid import kode
from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.ubah import terapkan


@transaction.atomic
def peristiwa_update(*, oleh: Any, peristiwa: Peristiwa, data: dict[str, Any]) -> Peristiwa:
    """Correct an event's details (dates, cause, destination …). The kind cannot change."""
    e = (
        Peristiwa.objects.select_for_update(of=("self",))
        .select_related("penduduk")
        .get(pk=peristiwa.pk)
    )
    if e.dibatalkan:
        raise ValidationError("Peristiwa yang sudah dibatalkan tidak dapat diubah.")
    izin = KOLOM_DETAIL.get(e.jenis, set()) | {"catatan", "tanggal_peristiwa", "tanggal_lapor"}
    asing = set(data) - izin
    if asing:
        raise ValidationError(
            f"Kolom {', '.join(sorted(asing))} tidak dapat diubah pada peristiwa ini."
        )
    perubahan = terapkan(e, data, kolom=izin)
    if e.jenis == J.LAHIR and e.tanggal_peristiwa != e.penduduk.tanggal_lahir:
        raise ValidationError(
            {
                "tanggal_peristiwa": "Tanggal kelahiran mengikuti tanggal lahir; ubah tanggal lahir pada biodata."
            }
        )
    _validasi_tanggal(
        e.penduduk, e.tanggal_peristiwa, e.tanggal_lapor, e.get_jenis_display().lower(), kecuali=e
    )
    e.full_clean()
    e.save()
    if perubahan:
        catat_aktivitas(
            oleh=oleh,
            aksi="ubah_peristiwa",
            objek=e.penduduk,
            perubahan=perubahan,
            keterangan=f"Koreksi peristiwa {e.get_jenis_display()} tanggal {e.tanggal_peristiwa:%d-%m-%Y}.",
        )
    return e


@transaction.atomic
def peristiwa_batalkan(
    *, oleh: Any, peristiwa: Peristiwa, alasan: str, shdk_baru: int | None = None
) -> Peristiwa:
    """Revert the latest exit event: the person is HIDUP again; the event stays, marked reverted."""
    e = Peristiwa.objects.select_for_update().get(pk=peristiwa.pk)
    p = _kunci(e.penduduk)
    if not (alasan or "").strip():
        raise ValidationError({"alasan": "Tulis alasan pembatalan."})
    if e.dibatalkan:
        raise ValidationError("Peristiwa ini sudah dibatalkan.")
    if not e.keluar:
        raise ValidationError(
            "Hanya peristiwa keluar (mati, pindah keluar, hilang, pergi) yang dapat dibatalkan."
        )
    terakhir = (
        Peristiwa.objects.berlaku().filter(penduduk=p).order_by("-tanggal_peristiwa", "-id").first()
    )
    if terakhir is None or terakhir.pk != e.pk or p.status_dasar != kode.PERISTIWA_KELUAR[e.jenis]:
        raise ValidationError("Hanya peristiwa terakhir penduduk ini yang dapat dibatalkan.")
    sebelum = potret(p)
    if p.keluarga_id:
        keluarga = Keluarga.objects.select_for_update().get(pk=p.keluarga_id)
        if not keluarga.aktif:
            keluarga.aktif = True
            keluarga.save(update_fields=["aktif", "diperbarui"])
        if p.shdk == SHDK.KEPALA_KELUARGA:
            kepala_baru = keluarga.kepala()
            if kepala_baru is not None:
                if not shdk_baru or shdk_baru == SHDK.KEPALA_KELUARGA:
                    raise ValidationError(
                        {
                            "shdk_baru": f"Keluarga ini sudah memiliki kepala baru ({kepala_baru.nama}). "
                            f"Pilih hubungan dalam keluarga untuk {p.nama}."
                        }
                    )
                p.shdk = shdk_baru
            elif e.jenis == J.MATI:
                keluarga_peristiwa_catat(
                    oleh=oleh,
                    keluarga=keluarga,
                    jenis=kode.JenisPeristiwaKeluarga.KEPALA_KELUARGA_KEMBALI_HIDUP,
                    tanggal=timezone.localdate(),
                    penduduk=p,
                )
    p.status_dasar = S.HIDUP
    simpan_penduduk(p, konfirmasi=True)
    e.dibatalkan = True
    e.dibatalkan_pada = timezone.now()
    e.alasan_batal = alasan.strip()
    e.save(update_fields=["dibatalkan", "dibatalkan_pada", "alasan_batal"])
    catat_aktivitas(
        oleh=oleh,
        aksi="batal_peristiwa",
        objek=p,
        perubahan=_tanpa(selisih(sebelum, potret(p))),
        keterangan=f"Peristiwa {e.get_jenis_display()} {e.tanggal_peristiwa:%d-%m-%Y} dibatalkan: {alasan.strip()}",
    )
    return e
