"""Layanan Mandiri: resident accounts (NIK + PIN), bulk PIN-slip jobs, letter requests with
their documents, and complaints/aspirations with replies. See docs/mandiri.md.

Residents are never staff `User`s: an `AkunMandiri` belongs to one `Penduduk` and holds only a
hash of the PIN (Django's password hashers). Every id in a portal URL is a UUID.
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sid import kode
from sid.lib.berkas import penyimpanan_privat
from sid.models import Jejak, KunciMasuk
from surat.models import Surat


class AkunMandiriQuerySet(models.QuerySet):
    def bisa_masuk(self):
        """Active accounts of living residents: the only ones that may log in."""

        return self.filter(aktif=True, penduduk__status_dasar=kode.StatusDasar.HIDUP)

    def dengan_kunci(self):
        """Annotate `terkunci_sampai` from the lockout table (NIK key of the Mandiri realm)."""

        kunci = KunciMasuk.objects.filter(
            ranah=KunciMasuk.Ranah.MANDIRI,
            jenis=KunciMasuk.Jenis.NIK,
            kunci=models.OuterRef("penduduk__nik"),
        )
        return self.annotate(
            terkunci_sampai=models.Subquery(kunci.values("terkunci_sampai")[:1]),
            gagal_masuk=models.Subquery(kunci.values("gagal")[:1]),
        )


class AkunMandiri(Jejak):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # An account means nothing without its resident: deleting a wrongly entered resident
    # (penduduk_delete) takes the account with it; the audit entries stay.
    penduduk = models.OneToOneField(
        "penduduk.Penduduk",
        verbose_name="penduduk",
        on_delete=models.CASCADE,
        related_name="akun_mandiri",
    )
    pin = models.CharField("PIN (hash)", max_length=128, editable=False)
    aktif = models.BooleanField("aktif", default=True)
    wajib_ganti_pin = models.BooleanField(
        "wajib ganti PIN",
        default=True,
        help_text="PIN dari petugas harus diganti warga saat pertama kali masuk.",
    )
    # Bumped whenever the PIN changes or the account is reset/deactivated: sessions carry the
    # number they were opened with and end when it no longer matches.
    sesi_versi = models.PositiveIntegerField("versi sesi", default=1, editable=False)
    terakhir_masuk = models.DateTimeField("terakhir masuk", null=True, blank=True)
    pin_diganti = models.DateTimeField("PIN terakhir diganti", null=True, blank=True)
    alasan_nonaktif = models.CharField("alasan dinonaktifkan", max_length=200, blank=True)

    objects = AkunMandiriQuerySet.as_manager()

    class Meta:
        verbose_name = "akun layanan mandiri"
        verbose_name_plural = "akun layanan mandiri"
        ordering = ["penduduk__nama", "pk"]
        indexes = [models.Index(fields=["aktif", "-terakhir_masuk"], name="akun_mandiri_aktif_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(pin=""), name="akun_mandiri_pin_terisi"),
        ]

    def __str__(self) -> str:
        return f"Akun mandiri {self.penduduk.nama}"

    def get_absolute_url(self) -> str:
        return reverse("admin:mandiri_akunmandiri_change", args=[self.pk])


class CetakPin(models.Model):
    """A bulk issue of accounts/PINs with one PDF of slips, built by a Celery task.

    The PDF is the only place the PINs exist in readable form: it is kept in private storage
    for the operator who asked for it, removed at its first download and at the latest after
    `SID_MANDIRI_SLIP_MENIT` minutes.
    """

    class Status(models.TextChoices):
        ANTRE = "antre", "Menunggu"
        BERJALAN = "berjalan", "Sedang dibuat"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    judul = models.CharField("judul", max_length=200)
    penduduk_ids = models.JSONField("penduduk", default=list, editable=False)
    termasuk_akun_lama = models.BooleanField(
        "termasuk yang sudah punya akun (PIN diganti baru)", default=False
    )
    url_masuk = models.CharField("alamat masuk", max_length=300, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default="antre")
    progres = models.PositiveSmallIntegerField("progres (%)", default=0)
    tahap = models.CharField("tahap", max_length=100, blank=True)
    jumlah_slip = models.PositiveIntegerField("jumlah slip", default=0)
    dilewati = models.PositiveIntegerField("dilewati", default=0)
    berkas = models.FileField(
        "berkas", storage=penyimpanan_privat, upload_to="mandiri/slip/", blank=True
    )
    diunduh_pada = models.DateTimeField("diunduh", null=True, blank=True)
    dihapus_pada = models.DateTimeField("berkas dihapus", null=True, blank=True)
    pesan_galat = models.TextField("pesan galat", blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diminta oleh",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    dibuat = models.DateTimeField("dibuat", default=timezone.now)
    selesai = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        verbose_name = "cetak PIN massal"
        verbose_name_plural = "cetak PIN massal"
        ordering = ["-dibuat", "-id"]
        indexes = [models.Index(fields=["oleh", "-dibuat"], name="cetak_pin_oleh_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(progres__lte=100), name="cetak_pin_progres_maks")
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.get_status_display()})"

    @property
    def berlangsung(self) -> bool:
        return self.status in (self.Status.ANTRE, self.Status.BERJALAN)

    @property
    def siap_diunduh(self) -> bool:
        return self.status == self.Status.SELESAI and bool(self.berkas)


# --- letter requests --------------------------------------------------------------------------


class PermohonanQuerySet(models.QuerySet):
    def dengan_status(self):
        """Annotate `status_efektif`: the stored status, except that a request in progress whose
        letter is issued reads "siap" (ready for collection). One join, no extra query."""
        S = Permohonan.Status
        return self.annotate(
            status_efektif=models.Case(
                models.When(
                    status=S.DIPROSES,
                    surat__status=Surat.Status.TERBIT,
                    then=models.Value(S.SIAP.value),
                ),
                default=models.F("status"),
                output_field=models.CharField(),
            )
        )

    def terbuka(self):
        """Not finished yet (waiting, to complete, in progress or ready)."""
        S = Permohonan.Status
        return self.filter(status__in=[S.MENUNGGU, S.DILENGKAPI, S.DIPROSES])


class Permohonan(models.Model):
    """A resident's request for a letter, followed from the portal until collection."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu Verifikasi"
        DILENGKAPI = "dilengkapi", "Perlu Dilengkapi"
        DIPROSES = "diproses", "Sedang Diproses"
        # Never stored: a request "diproses" whose letter is issued (see dengan_status()).
        SIAP = "siap", "Siap Diambil"
        SELESAI = "selesai", "Selesai"
        DITOLAK = "ditolak", "Ditolak"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    penduduk = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name="pemohon",
        on_delete=models.PROTECT,
        related_name="permohonan_mandiri",
    )
    jenis = models.ForeignKey(
        "surat.JenisSurat",
        verbose_name="jenis surat",
        on_delete=models.PROTECT,
        related_name="permohonan_mandiri",
    )
    isian = models.JSONField("isian", default=dict, blank=True)
    keterangan = models.TextField("catatan pemohon", blank=True)
    bawa_dokumen_fisik = models.BooleanField("dokumen fisik dibawa ke kantor desa", default=False)
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.MENUNGGU, editable=False
    )
    pesan_petugas = models.TextField("pesan petugas", blank=True, editable=False)
    surat = models.OneToOneField(
        "surat.Surat",
        verbose_name="surat",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="permohonan_mandiri",
        editable=False,
    )
    dibuat = models.DateTimeField("diajukan", default=timezone.now, editable=False)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)
    diproses_pada = models.DateTimeField("diproses", null=True, blank=True, editable=False)
    diproses_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diproses oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    diambil_pada = models.DateTimeField("diambil", null=True, blank=True, editable=False)
    ditutup_pada = models.DateTimeField("ditolak/dibatalkan", null=True, blank=True, editable=False)

    objects = PermohonanQuerySet.as_manager()

    class Meta:
        verbose_name = "permohonan surat"
        verbose_name_plural = "permohonan surat"
        ordering = ["-dibuat", "-id"]
        indexes = [
            models.Index(fields=["penduduk", "-dibuat"], name="permohonan_penduduk_idx"),
            models.Index(fields=["status", "dibuat"], name="permohonan_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="siap"),
                name="permohonan_siap_tidak_disimpan",
                violation_error_message="Status Siap Diambil mengikuti surat, tidak disimpan.",
            ),
        ]

    def __str__(self) -> str:
        return f"Permohonan {self.jenis.nama} — {self.penduduk.nama}"

    def get_absolute_url(self) -> str:
        return reverse("admin:mandiri_permohonan_change", args=[self.pk])

    @property
    def status_tampil(self) -> str:
        """The effective status (value): uses the annotation when present."""
        nilai = getattr(self, "status_efektif", None)
        if nilai:
            return nilai
        if (
            self.status == self.Status.DIPROSES
            and self.surat_id
            and self.surat.status == Surat.Status.TERBIT
        ):
            return self.Status.SIAP.value
        return self.status

    @property
    def status_tampil_label(self) -> str:
        return self.Status(self.status_tampil).label

    @property
    def bisa_dibatalkan(self) -> bool:
        return self.status in (self.Status.MENUNGGU, self.Status.DILENGKAPI)


def _jalur_dokumen(instance, filename: str) -> str:
    """Stored under a random name, never the uploaded one."""
    ekstensi = os.path.splitext(filename)[1].lower() or ".bin"
    return f"mandiri/permohonan/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ekstensi}"


class DokumenPermohonan(models.Model):
    """A requirement document uploaded with a request (checked by content, stored privately)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    permohonan = models.ForeignKey(
        Permohonan, verbose_name="permohonan", on_delete=models.CASCADE, related_name="dokumen"
    )
    nama = models.CharField("dokumen", max_length=150)
    berkas = models.FileField(
        "berkas", storage=penyimpanan_privat, upload_to=_jalur_dokumen, max_length=200
    )
    jenis_berkas = models.CharField("jenis berkas", max_length=10)  # pdf / jpg / png
    ukuran = models.PositiveIntegerField("ukuran (byte)", default=0)
    # A copy of one of the resident's stored documents ("pakai dokumen tersimpan"): the request
    # keeps its own copy, so it reads the same if the stored document is later removed.
    sumber = models.ForeignKey(
        "penduduk.DokumenPenduduk",
        verbose_name="dari dokumen tersimpan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dibuat = models.DateTimeField("diunggah", default=timezone.now)

    class Meta:
        verbose_name = "dokumen permohonan"
        verbose_name_plural = "dokumen permohonan"
        ordering = ["permohonan", "dibuat", "pk"]

    def __str__(self) -> str:
        return self.nama

    @property
    def gambar(self) -> bool:
        return self.jenis_berkas in ("jpg", "png")


# --- complaints and aspirations -------------------------------------------------------------


class Pengaduan(models.Model):
    class Jenis(models.TextChoices):
        PENGADUAN = "pengaduan", "Pengaduan"
        ASPIRASI = "aspirasi", "Aspirasi"

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu"
        DIPROSES = "diproses", "Diproses"
        SELESAI = "selesai", "Selesai"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    penduduk = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name="pengirim",
        on_delete=models.PROTECT,
        related_name="pengaduan_mandiri",
    )
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    judul = models.CharField("judul", max_length=150)
    isi = models.TextField("isi")
    foto = models.FileField(
        "foto", storage=penyimpanan_privat, upload_to="mandiri/pengaduan/%Y/%m/", blank=True
    )
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.MENUNGGU, editable=False
    )
    dibuat = models.DateTimeField("dikirim", default=timezone.now, editable=False)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)
    diselesaikan_pada = models.DateTimeField("selesai", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "pengaduan & aspirasi"
        verbose_name_plural = "pengaduan & aspirasi"
        ordering = ["-dibuat", "-id"]
        indexes = [
            models.Index(fields=["penduduk", "-dibuat"], name="pengaduan_penduduk_idx"),
            models.Index(fields=["status", "-dibuat"], name="pengaduan_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.judul}"

    def get_absolute_url(self) -> str:
        return reverse("admin:mandiri_pengaduan_change", args=[self.pk])


class BalasanPengaduan(models.Model):
    """One message in a complaint's thread: from the village (staff) or from the resident."""

    pengaduan = models.ForeignKey(
        Pengaduan, verbose_name="pengaduan", on_delete=models.CASCADE, related_name="balasan"
    )
    isi = models.TextField("isi")
    dari_warga = models.BooleanField("dari warga", default=False)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="petugas",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    nama_pengirim = models.CharField("pengirim", max_length=150)
    dibuat = models.DateTimeField("dikirim", default=timezone.now)

    class Meta:
        verbose_name = "balasan pengaduan"
        verbose_name_plural = "balasan pengaduan"
        ordering = ["dibuat", "pk"]
        indexes = [models.Index(fields=["pengaduan", "dibuat"], name="balasan_pengaduan_idx")]

    def __str__(self) -> str:
        return f"{self.nama_pengirim}: {self.isi[:40]}"
