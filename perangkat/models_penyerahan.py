"""The handover of the printed officials report to the Kepala Desa (SIPKATDES step 7).

Kept beside `perangkat.models` (which imports it) so that module stays readable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from sid.lib.berkas import penyimpanan_privat


class PenyerahanLaporan(models.Model):
    """One printed *Laporan Data Perangkat Desa* handed to the Kepala Desa: the PDF as printed
    (private file), who handed it over and when, and the Kepala Desa's receipt (date)."""

    tanggal_keadaan = models.DateField("keadaan per")
    berkas = models.FileField(
        "laporan (PDF)",
        storage=penyimpanan_privat,
        upload_to="perangkat/laporan/%Y/",
        max_length=200,
    )
    jumlah_pengangkatan = models.PositiveIntegerField("jumlah pengangkatan", default=0)
    diserahkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diserahkan oleh",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    diserahkan_pada = models.DateTimeField("diserahkan pada", default=timezone.now)
    diterima_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diterima oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    tanggal_terima = models.DateField("tanggal diterima", null=True, blank=True)
    diterima_dicatat = models.DateTimeField("penerimaan dicatat", null=True, blank=True)
    catatan = models.TextField("catatan Kepala Desa", blank=True)

    class Meta:
        verbose_name = "penyerahan laporan perangkat"
        verbose_name_plural = "penyerahan laporan perangkat"
        ordering = ["-diserahkan_pada", "-id"]
        permissions = [
            ("terima_laporan_perangkat", "Menerima laporan data perangkat (Kepala Desa)")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_terima__isnull=True, diterima_dicatat__isnull=True)
                | Q(tanggal_terima__isnull=False, diterima_dicatat__isnull=False),
                name="perangkat_penyerahan_terima_lengkap",
                violation_error_message="Tanggal terima dan waktu pencatatannya harus lengkap.",
            )
        ]

    def __str__(self) -> str:
        return f"Laporan data perangkat per {self.tanggal_keadaan:%d-%m-%Y}"

    @property
    def diterima(self) -> bool:
        return self.tanggal_terima is not None
