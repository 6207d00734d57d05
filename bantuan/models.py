"""Social-assistance programmes (bantuan) and their recipients (peserta).

A programme targets residents or families (OpenSID's `sasaran` codes 1 and 2; households and
groups, codes 3 and 4, have no register in SID). A recipient is one resident or one family,
with the identity printed on the programme's card (`kartu_*`, which may differ from the
register, e.g. the card holder of a family).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from sid.lib.format import tanggal_indonesia
from sid.models import Jejak, JejakWaktu


class Sasaran(models.IntegerChoices):
    """OpenSID's codes (format_impor_program_bantuan.xlsx, sheet Program)."""

    PENDUDUK = 1, "Penduduk"
    KELUARGA = 2, "Keluarga"


class SumberDana(models.IntegerChoices):
    """OpenSID's `asal dana` codes."""

    PUSAT = 1, "Pusat"
    PROVINSI = 2, "Provinsi"
    KABUPATEN = 3, "Kab/Kota"
    DANA_DESA = 4, "Dana Desa"
    LAIN = 5, "Lain-lain (Hibah)"


class ProgramQuerySet(models.QuerySet):
    def berjalan(self, pada=None):
        pada = pada or timezone.localdate()
        return self.filter(
            Q(tanggal_mulai__isnull=True) | Q(tanggal_mulai__lte=pada),
            Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=pada),
        )

    def dengan_jumlah_peserta(self):
        jumlah = (
            Peserta.objects.filter(program=models.OuterRef("pk"))
            .order_by()
            .values("program")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(jumlah_peserta=models.functions.Coalesce(models.Subquery(jumlah), 0))

    def untuk_penduduk(self, penduduk):
        """Programmes in which the resident, or the resident's family, is a recipient."""
        q = Q(sasaran=Sasaran.PENDUDUK, peserta__penduduk=penduduk)
        if penduduk.keluarga_id:
            q |= Q(sasaran=Sasaran.KELUARGA, peserta__keluarga_id=penduduk.keluarga_id)
        return self.filter(q)


class Program(JejakWaktu):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nama = models.CharField("nama program", max_length=150)
    sasaran = models.PositiveSmallIntegerField(
        "sasaran",
        choices=Sasaran.choices,
        default=Sasaran.PENDUDUK,
        help_text="Penerima bantuan: perorangan (penduduk) atau keluarga (KK).",
    )
    sumber_dana = models.PositiveSmallIntegerField(
        "sumber dana", choices=SumberDana.choices, default=SumberDana.PUSAT
    )
    tanggal_mulai = models.DateField("periode mulai", null=True, blank=True)
    tanggal_selesai = models.DateField("periode selesai", null=True, blank=True)
    keterangan = models.TextField("keterangan", blank=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = "program bantuan"
        verbose_name_plural = "program bantuan"
        ordering = ["-tanggal_mulai", "nama", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("nama"),
                name="program_bantuan_nama_unik",
                violation_error_message="Nama program ini sudah dipakai.",
            ),
            models.CheckConstraint(
                condition=Q(tanggal_mulai__isnull=True)
                | Q(tanggal_selesai__isnull=True)
                | Q(tanggal_selesai__gte=F("tanggal_mulai")),
                name="program_bantuan_periode_urut",
                violation_error_message="Tanggal selesai tidak boleh sebelum tanggal mulai.",
            ),
            models.CheckConstraint(
                condition=Q(sasaran__in=[1, 2]),
                name="program_bantuan_sasaran_sah",
                violation_error_message="Sasaran harus penduduk atau keluarga.",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("admin:bantuan_program_change", args=[self.pk])

    @property
    def periode(self) -> str:

        if not self.tanggal_mulai and not self.tanggal_selesai:
            return "-"
        mulai = tanggal_indonesia(self.tanggal_mulai) if self.tanggal_mulai else "…"
        selesai = tanggal_indonesia(self.tanggal_selesai) if self.tanggal_selesai else "sekarang"
        return f"{mulai} s.d. {selesai}"


class Peserta(Jejak):
    """One recipient of a programme: a resident (sasaran penduduk) or a family (keluarga)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        Program, verbose_name="program", on_delete=models.PROTECT, related_name="peserta"
    )
    penduduk = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name="penduduk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bantuan_diterima",
    )
    keluarga = models.ForeignKey(
        "keluarga.Keluarga",
        verbose_name="keluarga (KK)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bantuan_diterima",
    )
    nomor_kartu = models.CharField("nomor kartu peserta", max_length=50, blank=True)
    # Identity printed on the programme's card (defaults from the register).
    kartu_nik = models.CharField("NIK pada kartu", max_length=16, blank=True)
    kartu_nama = models.CharField("nama pada kartu", max_length=100, blank=True)
    kartu_tempat_lahir = models.CharField("tempat lahir pada kartu", max_length=100, blank=True)
    kartu_tanggal_lahir = models.DateField("tanggal lahir pada kartu", null=True, blank=True)
    kartu_alamat = models.CharField("alamat pada kartu", max_length=255, blank=True)

    class Meta:
        verbose_name = "peserta bantuan"
        verbose_name_plural = "peserta bantuan"
        ordering = ["program", "kartu_nama", "pk"]
        indexes = [
            models.Index(fields=["penduduk"], name="peserta_bantuan_penduduk_idx"),
            models.Index(fields=["keluarga"], name="peserta_bantuan_keluarga_idx"),
            models.Index(fields=["program", "kartu_nama"], name="peserta_bantuan_program_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(penduduk__isnull=False, keluarga__isnull=True)
                | Q(penduduk__isnull=True, keluarga__isnull=False),
                name="peserta_bantuan_satu_penerima",
                violation_error_message="Peserta adalah satu penduduk atau satu keluarga.",
            ),
            models.UniqueConstraint(
                fields=["program", "penduduk"],
                condition=Q(penduduk__isnull=False),
                name="peserta_bantuan_penduduk_unik",
                violation_error_message="Penduduk ini sudah menjadi peserta program tersebut.",
            ),
            models.UniqueConstraint(
                fields=["program", "keluarga"],
                condition=Q(keluarga__isnull=False),
                name="peserta_bantuan_keluarga_unik",
                violation_error_message="Keluarga ini sudah menjadi peserta program tersebut.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kartu_nama or self.penerima} — {self.program.nama}"

    def get_absolute_url(self) -> str:
        return reverse("admin:bantuan_peserta_change", args=[self.pk])

    @property
    def penerima(self):
        return self.penduduk if self.penduduk_id else self.keluarga
