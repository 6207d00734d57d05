"""Families (Kartu Keluarga) and their events."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sid import kode

NO_KK_REGEX = r"^[0-9]{16}$"


class KeluargaQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(aktif=True)


class Keluarga(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    no_kk = models.CharField("No. KK", max_length=16, unique=True)
    alamat = models.CharField("alamat", max_length=255, blank=True)
    wilayah = models.ForeignKey(
        "sid.Wilayah",
        verbose_name="wilayah (RT)",
        on_delete=models.PROTECT,
        related_name="keluarga",
    )
    kelas_sosial = models.PositiveSmallIntegerField(
        "kelas sosial", choices=kode.KelasSosial.choices, null=True, blank=True
    )
    tanggal_cetak_kk = models.DateField("tanggal cetak KK", null=True, blank=True)
    tanggal_terdaftar = models.DateField("tanggal terdaftar", default=timezone.localdate)
    aktif = models.BooleanField(
        "aktif",
        default=True,
        help_text="Tidak aktif bila seluruh anggota telah keluar atau KK dihapus.",
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    objects = KeluargaQuerySet.as_manager()

    class Meta:
        verbose_name = "keluarga"
        verbose_name_plural = "keluarga"
        ordering = ["no_kk"]
        indexes = [models.Index(fields=["wilayah", "aktif"], name="keluarga_wilayah_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(no_kk__regex=NO_KK_REGEX),
                name="keluarga_no_kk_16_digit",
                violation_error_message="Nomor KK harus tepat 16 digit angka.",
            ),
        ]

    def __str__(self) -> str:
        return f"KK {self.no_kk}"

    def get_absolute_url(self) -> str:
        return reverse("admin:keluarga_keluarga_change", args=[self.pk])

    @property
    def no_kk_sementara(self) -> bool:
        return self.no_kk.startswith("0")

    def kepala(self):
        return self.anggota.filter(
            shdk=kode.SHDK.KEPALA_KELUARGA, status_dasar=kode.StatusDasar.HIDUP
        ).first()


class PeristiwaKeluarga(models.Model):
    """Family events: new family, head died/moved/lost, member split off, family deleted…"""

    keluarga = models.ForeignKey(
        Keluarga, verbose_name="keluarga", on_delete=models.PROTECT, related_name="peristiwa"
    )
    jenis = models.PositiveSmallIntegerField(
        "peristiwa", choices=kode.JenisPeristiwaKeluarga.choices
    )
    tanggal = models.DateField("tanggal")
    penduduk = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name="penduduk terkait",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    catatan = models.TextField("catatan", blank=True)
    dibuat = models.DateTimeField("dicatat", default=timezone.now)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "peristiwa keluarga"
        verbose_name_plural = "peristiwa keluarga"
        ordering = ["-tanggal", "-id"]
        indexes = [models.Index(fields=["keluarga", "-tanggal"], name="peristiwa_keluarga_idx")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} — {self.keluarga.no_kk}"
