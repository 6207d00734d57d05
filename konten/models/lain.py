"""Agenda, announcements, static pages, public documents and the navigation menu."""

from __future__ import annotations

import uuid

from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from konten.models.artikel import Kategori
from konten.models.umum import ukuran_kecil
from sid.lib.berkas import penyimpanan_privat

# --- Agenda, Pengumuman ------------------------------------------------------------------------


class AgendaQuerySet(models.QuerySet):
    def mendatang(self, pada=None):
        """Not over yet: ends (or, without an end, starts) now or later; soonest first."""
        pada = pada or timezone.now()
        return self.filter(
            Q(selesai__gte=pada) | Q(selesai__isnull=True, mulai__gte=pada)
        ).order_by("mulai", "pk")

    def lewat(self, pada=None):
        pada = pada or timezone.now()
        return self.filter(Q(selesai__lt=pada) | Q(selesai__isnull=True, mulai__lt=pada)).order_by(
            "-mulai", "-pk"
        )


class Agenda(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    judul = models.CharField("kegiatan", max_length=200)
    mulai = models.DateTimeField("mulai")
    selesai = models.DateTimeField("selesai", null=True, blank=True)
    tempat = models.CharField("tempat", max_length=200)
    koordinator = models.CharField("koordinator", max_length=150, blank=True)
    keterangan = models.TextField("keterangan", blank=True)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    objects = AgendaQuerySet.as_manager()

    class Meta:
        verbose_name = "agenda"
        verbose_name_plural = "agenda"
        ordering = ["-mulai", "-pk"]
        indexes = [models.Index(fields=["mulai"], name="agenda_mulai_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=F("mulai")),
                name="agenda_selesai_setelah_mulai",
                violation_error_message="Waktu selesai tidak boleh sebelum waktu mulai.",
            )
        ]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("konten:agenda_detail", args=[self.uuid])


class PengumumanQuerySet(models.QuerySet):
    def tayang(self, pada=None):
        pada = pada or timezone.now()
        return self.filter(
            Q(selesai__isnull=True) | Q(selesai__gt=pada), aktif=True, mulai__lte=pada
        ).order_by("urutan", "-mulai")


class Pengumuman(models.Model):
    """Running text in the announcements bar, shown between `mulai` and `selesai`."""

    teks = models.CharField("teks", max_length=300)
    tautan = models.URLField(
        "tautan",
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Opsional: alamat yang dibuka bila pengumuman diklik.",
    )
    mulai = models.DateTimeField("tayang mulai", default=timezone.now)
    selesai = models.DateTimeField(
        "tayang sampai", null=True, blank=True, help_text="Kosongkan bila tanpa batas."
    )
    aktif = models.BooleanField("aktif", default=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    objects = PengumumanQuerySet.as_manager()

    class Meta:
        verbose_name = "pengumuman"
        verbose_name_plural = "pengumuman"
        ordering = ["urutan", "-mulai"]
        indexes = [models.Index(fields=["aktif", "mulai"], name="pengumuman_tayang_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gt=F("mulai")),
                name="pengumuman_selesai_setelah_mulai",
                violation_error_message="Akhir penayangan harus setelah awalnya.",
            )
        ]

    def __str__(self) -> str:
        return self.teks[:80]


# --- Halaman statis, dokumen publik ------------------------------------------------------------


class Halaman(models.Model):
    """An editable static page (profil desa, sejarah, visi & misi, wilayah, struktur …)."""

    judul = models.CharField("judul", max_length=150)
    slug = models.SlugField("slug", max_length=150, unique=True)
    isi = models.TextField("isi", blank=True)
    gambar = models.ImageField("gambar", upload_to="konten/halaman/", blank=True)
    gambar_kecil = models.ImageField(upload_to="konten/halaman/", blank=True, editable=False)
    gambar_lebar = models.PositiveIntegerField(null=True, blank=True, editable=False)
    gambar_tinggi = models.PositiveIntegerField(null=True, blank=True, editable=False)
    gambar_alt = models.CharField("teks alternatif gambar", max_length=200, blank=True)
    terbit = models.BooleanField("tampil di website", default=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        verbose_name = "halaman statis"
        verbose_name_plural = "halaman statis"
        ordering = ["urutan", "judul"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gambar="") | ~Q(gambar_alt=""),
                name="halaman_gambar_ber_alt",
                violation_error_message="Teks alternatif (alt) wajib diisi untuk gambar.",
            )
        ]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("konten:halaman", args=[self.slug])

    @property
    def gambar_kecil_ukuran(self) -> tuple[int | None, int | None]:
        return ukuran_kecil(self.gambar_lebar, self.gambar_tinggi)


class DokumenPublik(models.Model):
    """A public information document (informasi publik, UU 14/2008): a title and a PDF."""

    class KategoriInformasi(models.TextChoices):
        BERKALA = "berkala", "Informasi berkala"
        SERTA_MERTA = "serta_merta", "Informasi serta-merta"
        SETIAP_SAAT = "setiap_saat", "Informasi tersedia setiap saat"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    judul = models.CharField("judul", max_length=200)
    kategori = models.CharField(
        "kategori",
        max_length=20,
        choices=KategoriInformasi.choices,
        default=KategoriInformasi.BERKALA,
    )
    tahun = models.PositiveSmallIntegerField("tahun", null=True, blank=True)
    keterangan = models.CharField("keterangan", max_length=300, blank=True)
    berkas = models.FileField(
        "berkas (PDF)",
        upload_to="konten/dokumen/%Y/",
        storage=penyimpanan_privat,
        help_text="PDF, maksimal 5 MB. Diunduh lewat website, bukan alamat berkas langsung.",
    )
    ukuran = models.PositiveIntegerField("ukuran (byte)", default=0, editable=False)
    terbit = models.BooleanField("tampil di website", default=True)
    diunggah = models.DateTimeField("diunggah", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "dokumen informasi publik"
        verbose_name_plural = "dokumen informasi publik"
        ordering = ["kategori", "-tahun", "judul"]
        indexes = [models.Index(fields=["terbit", "kategori"], name="dokumen_terbit_idx")]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("konten:dokumen_unduh", args=[self.uuid])


# --- Menu --------------------------------------------------------------------------------------


class ItemMenu(models.Model):
    """One entry of the public navigation menu; an entry with children becomes a dropdown."""

    class Jenis(models.TextChoices):
        HALAMAN = "halaman", "Halaman statis"
        KATEGORI = "kategori", "Kategori artikel"
        INTERNAL = "internal", "Halaman website"
        TAUTAN = "tautan", "Tautan lain"
        INDUK = "induk", "Judul menu (berisi sub-menu)"

    class Internal(models.TextChoices):
        BERANDA = "beranda", "Beranda"
        ARTIKEL = "artikel", "Semua berita"
        AGENDA = "agenda", "Agenda"
        APARATUR = "aparatur", "Aparatur desa"
        STATISTIK = "statistik", "Statistik penduduk"
        APBDES = "apbdes", "APBDes (anggaran desa)"
        DOKUMEN = "dokumen", "Informasi publik"

    judul = models.CharField("judul", max_length=60)
    induk = models.ForeignKey(
        "self",
        verbose_name="di bawah menu",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="anak",
        limit_choices_to={"induk__isnull": True},
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    halaman = models.ForeignKey(
        Halaman, verbose_name="halaman", on_delete=models.CASCADE, null=True, blank=True
    )
    kategori = models.ForeignKey(
        Kategori, verbose_name="kategori", on_delete=models.CASCADE, null=True, blank=True
    )
    internal = models.CharField(
        "halaman website", max_length=10, choices=Internal.choices, blank=True
    )
    url = models.URLField(
        "alamat tautan", blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "item menu"
        verbose_name_plural = "menu navigasi"
        ordering = ["urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(jenis="halaman", halaman__isnull=False)
                    | Q(jenis="kategori", kategori__isnull=False)
                    | (Q(jenis="internal") & ~Q(internal=""))
                    | (Q(jenis="tautan") & ~Q(url=""))
                    | Q(jenis="induk")
                ),
                name="item_menu_tujuan_sesuai_jenis",
                violation_error_message="Pilih tujuan yang sesuai dengan jenis menu.",
            ),
            models.CheckConstraint(
                condition=~Q(induk=F("pk")), name="item_menu_bukan_induk_sendiri"
            ),
        ]

    def __str__(self) -> str:
        return self.judul
