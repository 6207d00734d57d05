"""SIPKATDES step 7: the printed officials report is handed to the Kepala Desa, who records
that it was received (with the date). Until then the dashboard lists it."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from perangkat import laporan
from perangkat.models import PenyerahanLaporan
from sid.lib.audit import catat_aktivitas


@transaction.atomic
def laporan_serahkan(*, oleh: Any, tanggal: datetime.date, kertas: str = "A4") -> PenyerahanLaporan:
    """Print the *Laporan Data Perangkat Desa* as of `tanggal` and hand it over (the PDF is
    kept exactly as printed)."""
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": "Keadaan per tanggal tidak boleh di masa depan."})
    isi = laporan.laporan_data_perangkat(tanggal)
    pdf = laporan.sebagai_pdf(isi, kertas=kertas, dicetak=timezone.localdate())
    p = PenyerahanLaporan(
        tanggal_keadaan=tanggal, jumlah_pengangkatan=len(isi.baris), diserahkan_oleh=oleh
    )
    p.berkas.save(f"{isi.nama_berkas}.pdf", ContentFile(pdf), save=False)
    p.save()
    catat_aktivitas(
        oleh=oleh,
        aksi="serahkan_laporan_perangkat",
        objek=p,
        keterangan=f"{len(isi.baris)} pengangkatan, keadaan per {tanggal:%d-%m-%Y}.",
    )
    return p


@transaction.atomic
def laporan_terima(
    *, oleh: Any, penyerahan: PenyerahanLaporan, tanggal: datetime.date, catatan: str = ""
) -> PenyerahanLaporan:
    """The Kepala Desa records receipt of a handed-over report, with the date received."""
    p = PenyerahanLaporan.objects.select_for_update().get(pk=penyerahan.pk)
    if not oleh.has_perm("perangkat.terima_laporan_perangkat"):
        raise ValidationError("Hanya Kepala Desa yang dapat mencatat penerimaan laporan.")
    if p.diterima:
        raise ValidationError(
            f"Laporan ini sudah dicatat diterima pada {p.tanggal_terima:%d-%m-%Y}."
        )
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": "Tanggal diterima tidak boleh di masa depan."})
    if tanggal < timezone.localdate(p.diserahkan_pada):
        raise ValidationError(
            {"tanggal": "Tanggal diterima tidak boleh sebelum laporan diserahkan."}
        )
    p.diterima_oleh = oleh
    p.tanggal_terima = tanggal
    p.diterima_dicatat = timezone.now()
    p.catatan = catatan
    p.save(update_fields=["diterima_oleh", "tanggal_terima", "diterima_dicatat", "catatan"])
    catat_aktivitas(
        oleh=oleh,
        aksi="terima_laporan_perangkat",
        objek=p,
        keterangan=f"Diterima {tanggal:%d-%m-%Y}." + (f" {catatan}" if catatan else ""),
    )
    return p
