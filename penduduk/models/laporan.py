"""Age bands, the statistics and reports screens, register files and resident imports."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from penduduk.models.penduduk import Penduduk
from sid.lib.berkas import penyimpanan_privat


class RentangUmur(models.Model):
    """An age group used by the statistics and the resident list (editable by operators).

    Bounds are inclusive, in whole years; `sampai` empty = no upper bound. Groups of the same
    `jenis` must not overlap (checked in `clean()` and by the service; the database checks
    `dari <= sampai`). Defaults come from `sid/data/kode/rentang_umur.csv`.
    """

    class Jenis(models.TextChoices):
        RENTANG = "rentang", "Rentang umur (5 tahunan)"
        KATEGORI = "kategori", "Kategori umur"

    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    label = models.CharField("label", max_length=60)
    dari = models.PositiveSmallIntegerField("dari umur (tahun)")
    sampai = models.PositiveSmallIntegerField(
        "sampai umur (tahun)",
        null=True,
        blank=True,
        help_text="Termasuk batas ini. Kosongkan bila tanpa batas atas (mis. 75 tahun ke atas).",
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "rentang umur"
        verbose_name_plural = "rentang umur"
        ordering = ["jenis", "dari", "urutan"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sampai__isnull=True) | Q(sampai__gte=models.F("dari")),
                name="rentang_umur_dari_sampai",
                violation_error_message="Umur 'dari' tidak boleh lebih besar dari umur 'sampai'.",
            ),
            models.UniqueConstraint(
                fields=["jenis", "label"],
                name="rentang_umur_label_unik",
                violation_error_message="Label ini sudah dipakai pada jenis yang sama.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.rentang_teks})"

    @property
    def rentang_teks(self) -> str:
        return f"{self.dari}+ tahun" if self.sampai is None else f"{self.dari}–{self.sampai} tahun"

    @property
    def kunci(self) -> str:
        """The resident-list filter value: 'dari-sampai' ('75-' when open)."""
        return f"{self.dari}-{'' if self.sampai is None else self.sampai}"

    def clean(self) -> None:
        if self.dari is None or not self.jenis:
            return
        if self.sampai is not None and self.dari > self.sampai:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {"sampai": "Umur 'sampai' tidak boleh lebih kecil dari umur 'dari'."}
            )
        bentrok = self.bertumpang_tindih()
        if bentrok is not None:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                f'Rentang {self.rentang_teks} bertumpang tindih dengan "{bentrok.label}" '
                f"({bentrok.rentang_teks}) pada {self.get_jenis_display().lower()}. "
                "Ubah batasnya agar tidak ada umur yang masuk dua kelompok."
            )

    def bertumpang_tindih(self) -> RentangUmur | None:
        """Another group of the same kind sharing at least one age with this one."""
        atas = 10**4 if self.sampai is None else self.sampai
        lain = RentangUmur.objects.filter(jenis=self.jenis, dari__lte=atas).filter(
            Q(sampai__isnull=True) | Q(sampai__gte=self.dari)
        )
        if self.pk:
            lain = lain.exclude(pk=self.pk)
        return lain.order_by("dari").first()


class Statistik(Penduduk):
    """Admin entry for the population statistics page (no table of its own)."""

    class Meta:
        proxy = True
        verbose_name = "statistik kependudukan"
        verbose_name_plural = "statistik kependudukan"


class LaporanKependudukan(Penduduk):
    """Admin entry for the monthly report and the Bumindes registers (no table of its own)."""

    class Meta:
        proxy = True
        verbose_name = "laporan & buku kependudukan"
        verbose_name_plural = "laporan & buku kependudukan"


class LaporanBerkas(models.Model):
    """A register file (PDF/xlsx) generated in the background, with its progress.

    Stored in private storage; downloaded only by the user who asked for it, through a
    permission-checking view.
    """

    class Status(models.TextChoices):
        ANTRE = "antre", "Menunggu"
        BERJALAN = "berjalan", "Sedang dibuat"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel (.xlsx)"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    buku = models.CharField("buku", max_length=30)
    format = models.CharField("format", max_length=4, choices=Format.choices)
    parameter = models.JSONField("parameter", default=dict, blank=True)
    judul = models.CharField("judul", max_length=200)
    status = models.CharField("status", max_length=10, choices=Status.choices, default="antre")
    progres = models.PositiveSmallIntegerField("progres (%)", default=0)
    tahap = models.CharField("tahap", max_length=100, blank=True)
    jumlah_baris = models.PositiveIntegerField("jumlah baris", null=True, blank=True)
    berkas = models.FileField(
        "berkas", storage=penyimpanan_privat, upload_to="laporan/%Y/%m/", blank=True
    )
    nama_berkas = models.CharField("nama berkas", max_length=150, blank=True)
    pesan_galat = models.TextField("pesan galat", blank=True)
    dibuat = models.DateTimeField("dibuat", default=timezone.now)
    selesai = models.DateTimeField("selesai", null=True, blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diminta oleh",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "berkas laporan"
        verbose_name_plural = "berkas laporan"
        ordering = ["-dibuat", "-id"]
        indexes = [models.Index(fields=["oleh", "-dibuat"], name="laporan_berkas_oleh_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(progres__lte=100), name="laporan_berkas_progres_maks_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.get_format_display()}, {self.get_status_display()})"

    @property
    def siap(self) -> bool:
        return self.status == self.Status.SELESAI and bool(self.berkas)


# --- Import of residents (issue 4, docs/impor.md) ----------------------------------------------


def _jalur_berkas_impor(instance, filename: str) -> str:
    """Stored under the job's UUID, never under the uploaded name."""
    ekstensi = ".xls" if filename.lower().endswith(".xls") else ".xlsx"
    return f"impor/penduduk/{instance.uuid}{ekstensi}"


class ImporPenduduk(models.Model):
    """One uploaded resident file: its dry run, confirmation, background run and result."""

    class Status(models.TextChoices):
        DIUNGGAH = "diunggah", "Diunggah (sedang diperiksa)"
        DIPERIKSA = "diperiksa", "Diperiksa (menunggu konfirmasi)"
        BERJALAN = "berjalan", "Berjalan"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    class Format(models.TextChoices):
        OPENSID = "opensid", "OpenSID (.xlsx)"
        SIAK = "siak", "Ekspor SIAK"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    berkas = models.FileField(
        "berkas", storage=penyimpanan_privat, upload_to=_jalur_berkas_impor, max_length=200
    )
    nama_berkas = models.CharField("nama berkas", max_length=255)
    format = models.CharField("format", max_length=10, choices=Format.choices, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.DIUNGGAH
    )
    tahap = models.CharField("tahap", max_length=100, blank=True)
    diproses = models.PositiveIntegerField("baris diproses", default=0)
    total_baris = models.PositiveIntegerField("jumlah baris", default=0)
    baru = models.PositiveIntegerField("baru", default=0)
    diubah = models.PositiveIntegerField("diubah", default=0)
    tidak_berubah = models.PositiveIntegerField("tidak berubah", default=0)
    ditolak = models.PositiveIntegerField("ditolak", default=0)
    galat = models.JSONField("baris ditolak", default=list, blank=True)
    rincian = models.JSONField("rincian", default=dict, blank=True)
    pesan = models.TextField("pesan", blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diunggah oleh",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    dibuat = models.DateTimeField("diunggah", default=timezone.now, db_index=True)
    diperiksa_pada = models.DateTimeField("diperiksa", null=True, blank=True)
    dimulai = models.DateTimeField("dimulai", null=True, blank=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        verbose_name = "impor penduduk"
        verbose_name_plural = "impor penduduk"
        ordering = ["-dibuat", "-id"]
        indexes = [models.Index(fields=["status", "-dibuat"], name="impor_penduduk_status_idx")]

    def __str__(self) -> str:
        return f"{self.nama_berkas} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("admin:penduduk_imporpenduduk_change", args=[self.pk])

    @property
    def persen(self) -> int:
        if not self.total_baris:
            return 0
        return min(100, round(100 * self.diproses / self.total_baris))

    @property
    def berlangsung(self) -> bool:
        return self.status in (self.Status.DIUNGGAH, self.Status.BERJALAN)

    @property
    def disimpan(self) -> int:
        return self.baru + self.diubah
