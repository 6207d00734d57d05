"""Complaints and aspirations: written by residents (optional photo), answered by the village."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mandiri.models import BalasanPengaduan, Pengaduan
from mandiri.services.akun import pelaku_warga
from mandiri.services.berkas import bersihkan_foto
from sid.lib.audit import catat_aktivitas

S = Pengaduan.Status
BATAS_PER_HARI = 5


def _teks(nilai: str, *, field: str, label: str, minimal: int, maksimal: int) -> str:
    teks = (nilai or "").strip()
    if len(teks) < minimal:
        raise ValidationError({field: f"{label} minimal {minimal} karakter."})
    if len(teks) > maksimal:
        raise ValidationError({field: f"{label} maksimal {maksimal} karakter."})
    return teks


def pengaduan_create(*, penduduk, jenis: str, judul: str, isi: str, foto=None) -> Pengaduan:
    if jenis not in Pengaduan.Jenis.values:
        raise ValidationError({"jenis": "Pilih pengaduan atau aspirasi."})
    judul = " ".join(_teks(judul, field="judul", label="Judul", minimal=5, maksimal=150).split())
    isi = _teks(isi, field="isi", label="Isi", minimal=10, maksimal=3000)
    bersih = bersihkan_foto(foto) if foto else None
    with transaction.atomic():
        sejak = timezone.now() - datetime.timedelta(days=1)
        if Pengaduan.objects.filter(penduduk=penduduk, dibuat__gte=sejak).count() >= BATAS_PER_HARI:
            raise ValidationError(
                f"Anda sudah mengirim {BATAS_PER_HARI} pengaduan/aspirasi dalam 24 jam terakhir; "
                "coba lagi besok."
            )
        p = Pengaduan(penduduk=penduduk, jenis=jenis, judul=judul, isi=isi)
        if bersih is not None:
            p.foto.save(bersih.name, bersih, save=False)
        try:
            p.save()
            catat_aktivitas(
                oleh=None,
                aksi="mandiri_pengaduan",
                objek=p,
                pelaku=pelaku_warga(penduduk.nik),
                keterangan=f"{p.get_jenis_display()} dikirim dari Layanan Mandiri"
                + (" dengan foto." if bersih is not None else "."),
            )
        except BaseException:
            if p.foto:
                p.foto.storage.delete(p.foto.name)
            raise
    return p


@transaction.atomic
def pengaduan_balas_warga(*, penduduk, pengaduan: Pengaduan, isi: str) -> BalasanPengaduan:
    """The resident adds to their own complaint while it is not finished."""
    if pengaduan.penduduk_id != penduduk.pk:
        raise PermissionDenied("Pengaduan ini bukan milik Anda.")
    isi = _teks(isi, field="isi", label="Balasan", minimal=2, maksimal=2000)
    p = Pengaduan.objects.select_for_update().get(pk=pengaduan.pk)
    if p.status == S.SELESAI:
        raise ValidationError("Pengaduan ini sudah selesai; kirim pengaduan baru bila perlu.")
    b = BalasanPengaduan.objects.create(
        pengaduan=p, isi=isi, dari_warga=True, nama_pengirim=penduduk.nama[:150]
    )
    Pengaduan.objects.filter(pk=p.pk).update(diperbarui=timezone.now())
    catat_aktivitas(
        oleh=None,
        aksi="mandiri_balas_pengaduan",
        objek=p,
        pelaku=pelaku_warga(penduduk.nik),
        keterangan="Pelapor menambahkan balasan.",
    )
    return b


@transaction.atomic
def pengaduan_balas(
    *, oleh: Any, pengaduan: Pengaduan, isi: str = "", status: str | None = None
) -> Pengaduan:
    """The village answers and/or sets the status (Menunggu, Diproses, Selesai)."""
    isi = (isi or "").strip()
    if len(isi) > 3000:
        raise ValidationError({"isi": "Balasan maksimal 3000 karakter."})
    p = Pengaduan.objects.select_for_update().get(pk=pengaduan.pk)
    status = status or p.status
    if status not in S.values:
        raise ValidationError({"status": "Status tidak dikenal."})
    if not isi and status == p.status:
        raise ValidationError({"isi": "Tulis balasan atau ubah statusnya."})
    if isi:
        BalasanPengaduan.objects.create(
            pengaduan=p,
            isi=isi,
            dari_warga=False,
            oleh=oleh if getattr(oleh, "is_authenticated", False) else None,
            nama_pengirim="Pemerintah Desa",
        )
    lama = p.status
    perubahan = {}
    if status != lama:
        perubahan["status"] = [lama, status]
        p.status = status
        p.diselesaikan_pada = timezone.now() if status == S.SELESAI else None
    p.save(update_fields=["status", "diselesaikan_pada", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="balas" if isi else "ubah_status",
        objek=p,
        perubahan=perubahan,
        keterangan=("Dibalas. " if isi else "") + f"Status {p.get_status_display()}.",
    )
    return p
