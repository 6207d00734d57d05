"""Population events, the deletion log and the change history of residents."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from penduduk.models.penduduk import Penduduk
from sid import kode
from sid.models import LogAktivitas


class PeristiwaQuerySet(models.QuerySet):
    def berlaku(self):
        """Events that still stand (not reverted)."""
        return self.filter(dibatalkan=False)


class Peristiwa(models.Model):
    """A population event. `status_dasar` changes only through these."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    penduduk = models.ForeignKey(
        Penduduk, verbose_name="penduduk", on_delete=models.PROTECT, related_name="peristiwa"
    )
    jenis = models.PositiveSmallIntegerField("peristiwa", choices=kode.JenisPeristiwa.choices)
    tanggal_peristiwa = models.DateField("tanggal peristiwa")
    tanggal_lapor = models.DateField("tanggal lapor")
    # The family at the time (kept even when the family changes later).
    keluarga = models.ForeignKey(
        "keluarga.Keluarga",
        verbose_name="keluarga saat itu",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    no_kk = models.CharField("No. KK saat itu", max_length=16, blank=True)
    nama_kepala_keluarga = models.CharField("kepala keluarga saat itu", max_length=100, blank=True)
    status_dasar_sebelum = models.PositiveSmallIntegerField(
        "status dasar sebelum", choices=kode.StatusDasar.choices, null=True, blank=True
    )
    shdk_sebelum = models.PositiveSmallIntegerField(
        "SHDK sebelum", choices=kode.SHDK.choices, null=True, blank=True
    )
    # MATI
    waktu_kematian = models.TimeField("jam kematian", null=True, blank=True)
    tempat_kematian = models.CharField("tempat kematian", max_length=100, blank=True)
    sebab_kematian = models.PositiveSmallIntegerField(
        "sebab kematian", choices=kode.SebabKematian.choices, null=True, blank=True
    )
    penerang_kematian = models.PositiveSmallIntegerField(
        "yang menerangkan", choices=kode.PenerangKematian.choices, null=True, blank=True
    )
    no_akta_kematian = models.CharField("nomor akta kematian", max_length=40, blank=True)
    # PINDAH KELUAR / PINDAH MASUK
    jenis_pindah = models.PositiveSmallIntegerField(
        "jenis pindah", choices=kode.JenisPindah.choices, null=True, blank=True
    )
    alamat_tujuan = models.CharField("alamat tujuan", max_length=255, blank=True)
    alamat_asal = models.CharField("alamat asal", max_length=255, blank=True)
    catatan = models.TextField("catatan", blank=True)
    # Correction: a reverted event stays in history.
    dibatalkan = models.BooleanField("dibatalkan", default=False)
    dibatalkan_pada = models.DateTimeField("dibatalkan pada", null=True, blank=True)
    alasan_batal = models.TextField("alasan pembatalan", blank=True)
    dibuat = models.DateTimeField("dicatat", default=timezone.now)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PeristiwaQuerySet.as_manager()

    class Meta:
        verbose_name = "peristiwa kependudukan"
        verbose_name_plural = "peristiwa kependudukan"
        ordering = ["-tanggal_peristiwa", "-id"]
        indexes = [
            models.Index(fields=["jenis", "tanggal_peristiwa"], name="peristiwa_jenis_tgl_idx"),
            models.Index(fields=["penduduk", "-tanggal_peristiwa"], name="peristiwa_penduduk_idx"),
            models.Index(fields=["tanggal_peristiwa"], name="peristiwa_tgl_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_lapor__gte=models.F("tanggal_peristiwa")),
                name="peristiwa_lapor_tidak_sebelum_kejadian",
                violation_error_message="Tanggal lapor tidak boleh sebelum tanggal peristiwa.",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_jenis_display()} — {self.penduduk.nama} ({self.tanggal_peristiwa:%d-%m-%Y})"
        )

    @property
    def keluar(self) -> bool:
        return self.jenis in kode.PERISTIWA_KELUAR


class PendudukHapus(models.Model):
    """Deletion log: a resident removed as wrong input or duplicate. Never deletable."""

    nik = models.CharField("NIK", max_length=16, db_index=True)
    nama = models.CharField("nama", max_length=100)
    alasan = models.TextField("alasan")
    data = models.JSONField("data saat dihapus", default=dict)
    waktu = models.DateTimeField("waktu", default=timezone.now, db_index=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    nama_pengguna = models.CharField("pengguna", max_length=150)

    class Meta:
        verbose_name = "log penduduk terhapus"
        verbose_name_plural = "log penduduk terhapus"
        ordering = ["-waktu"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.nik}) dihapus {self.waktu:%d-%m-%Y}"


class RiwayatPerubahan(LogAktivitas):
    """The audit log seen as the change history of residents and families (admin list)."""

    class Meta:
        proxy = True
        verbose_name = "riwayat perubahan data"
        verbose_name_plural = "riwayat perubahan data"


# --- Statistics and reports (issue 4) ---------------------------------------------------------
