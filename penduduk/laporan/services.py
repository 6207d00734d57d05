"""Register files made in the background: queue one (service), then build it (the task)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from penduduk.laporan.buku import BUKU, Parameter, buat_buku
from penduduk.models import LaporanBerkas
from sid.celery_app import antrekan
from sid.lib.audit import catat_aktivitas

log = logging.getLogger(__name__)


@transaction.atomic
def laporan_berkas_create(
    *, oleh: Any, buku: str, format: str, parameter: Parameter
) -> LaporanBerkas:
    """Queue a register file (PDF/xlsx) for `oleh`; the Celery task builds it."""
    if buku not in BUKU:
        raise ValidationError(f"Buku '{buku}' tidak dikenal.")
    if format not in LaporanBerkas.Format.values:
        raise ValidationError("Pilih format PDF atau Excel.")
    if not getattr(oleh, "pk", None):
        raise ValidationError("Berkas laporan hanya dapat diminta oleh pengguna yang masuk.")
    judul_buku = BUKU[buku][0]
    contoh = buat_buku(buku, parameter)  # validates the parameters; no rows are read
    b = LaporanBerkas.objects.create(
        buku=buku,
        format=format,
        parameter=parameter.sebagai_dict(),
        judul=f"{judul_buku} — {contoh.subjudul}"[:200],
        nama_berkas=f"{contoh.nama_berkas}.{format}",
        oleh=oleh,
    )
    catat_aktivitas(
        oleh=oleh,
        aksi="cetak_laporan",
        objek=b,
        keterangan=(
            f"Membuat {b.judul} ({b.get_format_display()})"
            + ("; NIK/No. KK disamarkan." if parameter.samarkan else ".")
        ),
    )
    transaction.on_commit(lambda: antrekan("penduduk.laporan_berkas_buat", b.pk))
    return b


def _progres(b: LaporanBerkas):
    def lapor(persen: int, tahap: str) -> None:
        LaporanBerkas.objects.filter(pk=b.pk).update(
            progres=max(0, min(persen, 100)), tahap=tahap[:100]
        )

    return lapor


def laporan_berkas_jalankan(*, berkas_id: int) -> LaporanBerkas | None:
    """Build a queued register file (runs in the worker). Progress is written as it goes."""
    from penduduk.laporan.keluaran import sebagai_pdf, sebagai_xlsx

    diambil = LaporanBerkas.objects.filter(pk=berkas_id, status=LaporanBerkas.Status.ANTRE).update(
        status=LaporanBerkas.Status.BERJALAN, tahap="Dimulai"
    )
    b = LaporanBerkas.objects.filter(pk=berkas_id).first()
    if not diambil or b is None:
        return b  # already taken by another worker, or gone
    lapor = _progres(b)
    try:
        p = Parameter.dari_dict(b.parameter)
        buku = buat_buku(b.buku, p)
        LaporanBerkas.objects.filter(pk=b.pk).update(jumlah_baris=buku.jumlah())
        if b.format == LaporanBerkas.Format.PDF:
            isi = sebagai_pdf(buku, kertas=p.kertas, dicetak=timezone.localdate(), progres=lapor)
        else:
            isi = sebagai_xlsx(buku, progres=lapor)
        b.refresh_from_db()
        b.berkas.save(b.nama_berkas, ContentFile(isi), save=False)
        b.status, b.progres, b.tahap, b.selesai = (
            LaporanBerkas.Status.SELESAI,
            100,
            "Selesai",
            timezone.now(),
        )
        b.save(update_fields=["berkas", "status", "progres", "tahap", "selesai"])
    except Exception as exc:
        log.exception("Gagal membuat berkas laporan %s", berkas_id)
        LaporanBerkas.objects.filter(pk=berkas_id).update(
            status=LaporanBerkas.Status.GAGAL,
            selesai=timezone.now(),
            pesan_galat=f"Berkas gagal dibuat ({exc.__class__.__name__}). Coba lagi, atau pilih per dusun.",
        )
        b.refresh_from_db()
    return b
