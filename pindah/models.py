"""One move from OpenSID: the uploaded backup, its preview (a dry run), the run and its report."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sid.lib.berkas import penyimpanan_privat


def _jalur(instance, nama: str) -> str:
    return f"pindah/{timezone.localdate():%Y}/{uuid.uuid4().hex}-{nama[-80:]}"


class PindahOpenSID(models.Model):
    class Status(models.TextChoices):
        DIUNGGAH = "diunggah", "Diunggah (sedang diperiksa)"
        DIPERIKSA = "diperiksa", "Diperiksa (menunggu konfirmasi)"
        BERJALAN = "berjalan", "Sedang diimpor"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    berkas = models.FileField(
        "cadangan database", storage=penyimpanan_privat, upload_to=_jalur, max_length=200
    )
    nama_berkas = models.CharField("nama berkas", max_length=255)
    berkas_desa = models.FileField(
        "cadangan folder desa",
        storage=penyimpanan_privat,
        upload_to=_jalur,
        max_length=200,
        blank=True,
    )
    sha256 = models.CharField("sidik SHA-256", max_length=64, db_index=True)
    versi = models.CharField("versi OpenSID", max_length=30, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.DIUNGGAH
    )
    tahap = models.CharField("tahap", max_length=120, blank=True)
    kemajuan = models.PositiveSmallIntegerField("kemajuan (%)", default=0)
    pratinjau = models.JSONField("pratinjau", default=dict, blank=True)
    laporan = models.JSONField("laporan", default=dict, blank=True)
    pesan = models.TextField("pesan", blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diunggah oleh",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    dibuat = models.DateTimeField("diunggah", default=timezone.now, db_index=True)
    dimulai = models.DateTimeField("dimulai", null=True, blank=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        verbose_name = "pindah dari OpenSID"
        verbose_name_plural = "pindah dari OpenSID"
        ordering = ["-dibuat", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kemajuan__lte=100), name="pindah_kemajuan_sampai_100"
            ),
            # One finished move per backup: importing the same file again changes nothing.
            models.UniqueConstraint(
                fields=["sha256"],
                condition=Q(status="selesai"),
                name="pindah_satu_selesai_per_berkas",
                violation_error_message="Cadangan ini sudah pernah diimpor.",
            ),
        ]

    def __str__(self) -> str:
        return f"Pindah dari OpenSID: {self.nama_berkas}"

    def get_absolute_url(self) -> str:
        return reverse("admin:pindah_pindahopensid_change", args=[self.pk])
