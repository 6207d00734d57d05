"""Reads of the letter services for pages and lists, each a fixed number of queries."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from sid.models import LogAktivitas
from surat.models import JenisSurat, Surat

S = Surat.Status


def surat_untuk_penduduk(penduduk, batas: int = 100) -> list[Surat]:
    """A resident's letters, newest first. For the resident page: only the columns its table
    shows (a letter row also carries the frozen text and data). One query when the resident
    has none (most residents), a second for the letter types otherwise: a join would cost
    planning and compiling on every resident page."""
    return list(
        Surat.objects.filter(penduduk=penduduk)
        .only("jenis", "nomor", "tanggal_surat", "dibuat", "status")
        .prefetch_related(Prefetch("jenis", queryset=JenisSurat.objects.only("nama")))
        .order_by("-dibuat", "-pk")[:batas]
    )


def riwayat_surat(surat: Surat) -> list[LogAktivitas]:
    """The letter's timeline: every audited step, oldest first (1 query + cached content type)."""
    ct = ContentType.objects.get_for_model(Surat)
    return list(
        LogAktivitas.objects.filter(content_type=ct, object_id=str(surat.pk))
        .select_related("pengguna")
        .order_by("waktu", "id")[:200]
    )


def jumlah_per_status() -> dict[str, int]:
    """Letters in each workflow queue, plus those issued this month and failed PDFs (1 query)."""
    hari_ini = timezone.localdate()
    awal_bulan = hari_ini.replace(day=1)
    return Surat.objects.aggregate(
        draf=Count("pk", filter=Q(status=S.DRAF)),
        dikembalikan=Count("pk", filter=Q(status=S.DIKEMBALIKAN)),
        verifikasi=Count("pk", filter=Q(status=S.VERIFIKASI)),
        tanda_tangan=Count("pk", filter=Q(status=S.TANDA_TANGAN)),
        terbit_bulan_ini=Count("pk", filter=Q(status=S.TERBIT, tanggal_surat__gte=awal_bulan)),
        pdf_gagal=Count("pk", filter=Q(status_pdf=Surat.StatusPdf.GAGAL)),
    )


def register_surat(dari: datetime.date, sampai: datetime.date, jenis=None):
    """Issued letters (cancelled ones included: they keep their number) in a date range."""
    qs = (
        Surat.objects.bernomor()
        .filter(tanggal_surat__gte=dari, tanggal_surat__lte=sampai)
        .select_related("jenis")
        .order_by("tanggal_surat", "tahun", "nomor_urut", "pk")
    )
    if jenis is not None:
        qs = qs.filter(jenis=jenis)
    return qs
