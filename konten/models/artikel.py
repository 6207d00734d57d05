"""Articles, their categories, extra photos and comments."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from konten.models.umum import PANJANG_CUPLIKAN, ukuran_kecil
from sid.lib.berkas import penyimpanan_privat
from sid.models import JejakWaktu

# --- Kategori ----------------------------------------------------------------------------------


class Kategori(models.Model):
    """Article category; nested one level (a category may have a parent that has none)."""

    nama = models.CharField("nama", max_length=100)
    slug = models.SlugField("slug", max_length=100, unique=True, help_text="Bagian alamat web.")
    induk = models.ForeignKey(
        "self",
        verbose_name="induk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anak",
        help_text="Kosongkan untuk kategori utama. Hanya satu tingkat di bawah kategori utama.",
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    keterangan = models.CharField("keterangan", max_length=255, blank=True)

    class Meta:
        verbose_name = "kategori"
        verbose_name_plural = "kategori artikel"
        ordering = ["urutan", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(induk=F("pk")),
                name="kategori_bukan_induk_sendiri",
                violation_error_message="Kategori tidak boleh menjadi induk dirinya sendiri.",
            )
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("konten:kategori", args=[self.slug])


# --- Artikel -----------------------------------------------------------------------------------


class ArtikelQuerySet(models.QuerySet):
    def terbit(self, pada=None):
        """Public: published and its publication time has come."""
        return self.filter(status=Artikel.Status.TERBIT, terbit_pada__lte=pada or timezone.now())

    def terjadwal(self, pada=None):
        return self.filter(status=Artikel.Status.TERBIT, terbit_pada__gt=pada or timezone.now())

    def draf(self):
        return self.filter(status=Artikel.Status.DRAF)

    def di_kategori(self, kategori: Kategori):
        """The category's articles, its sub-categories' included."""
        return self.filter(Q(kategori=kategori) | Q(kategori__induk=kategori))

    def cari(self, teks: str):
        """Title or body text containing every word of `teks` (trigram indexes on PostgreSQL)."""
        qs = self
        for kata in (teks or "").split()[:8]:
            qs = qs.filter(Q(judul__icontains=kata) | Q(teks__icontains=kata))
        return qs


class Artikel(JejakWaktu):
    class Status(models.TextChoices):
        DRAF = "draf", "Draf"
        TERBIT = "terbit", "Terbit"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    judul = models.CharField("judul", max_length=200)
    slug = models.SlugField(
        "slug",
        max_length=220,
        unique=True,
        blank=True,
        help_text="Bagian alamat web; dibuat dari judul bila dikosongkan.",
    )
    ringkasan = models.CharField(
        "ringkasan",
        max_length=300,
        blank=True,
        help_text="Teks singkat untuk daftar artikel dan media sosial; diambil dari isi bila kosong.",
    )
    isi = models.TextField("isi", blank=True)
    teks = models.TextField("teks polos", blank=True, editable=False)  # for search and excerpts
    kategori = models.ForeignKey(
        Kategori,
        verbose_name="kategori",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="artikel",
    )
    gambar = models.ImageField("gambar utama", upload_to="konten/artikel/%Y/%m/", blank=True)
    gambar_kecil = models.ImageField(upload_to="konten/artikel/%Y/%m/", blank=True, editable=False)
    gambar_lebar = models.PositiveIntegerField(null=True, blank=True, editable=False)
    gambar_tinggi = models.PositiveIntegerField(null=True, blank=True, editable=False)
    gambar_alt = models.CharField(
        "teks alternatif gambar",
        max_length=200,
        blank=True,
        help_text="Wajib bila ada gambar: gambarkan isi foto untuk pembaca tunanetra.",
    )
    gambar_keterangan = models.CharField("keterangan gambar", max_length=255, blank=True)
    lampiran = models.FileField(
        "lampiran (PDF)",
        upload_to="konten/lampiran/%Y/",
        storage=penyimpanan_privat,
        blank=True,
        help_text="Dokumen PDF, maksimal 5 MB.",
    )
    lampiran_judul = models.CharField("judul lampiran", max_length=150, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.DRAF, db_index=True
    )
    terbit_pada = models.DateTimeField(
        "terbit pada",
        null=True,
        blank=True,
        help_text="Isi waktu yang akan datang untuk menjadwalkan; kosong = saat diterbitkan.",
    )
    headline = models.BooleanField(
        "headline", default=False, help_text="Ditampilkan besar di beranda (yang terbaru)."
    )
    komentar_aktif = models.BooleanField(
        "komentar dibuka", default=False, help_text="Pengunjung boleh mengirim komentar."
    )
    dibaca = models.PositiveIntegerField("dibaca", default=0, editable=False)
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="penulis",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="artikel_konten",
    )

    objects = ArtikelQuerySet.as_manager()

    class Meta:
        verbose_name = "artikel"
        verbose_name_plural = "artikel"
        ordering = ["-terbit_pada", "-pk"]
        permissions = [("terbitkan_artikel", "Dapat menerbitkan dan menjadwalkan artikel")]
        indexes = [
            models.Index(fields=["status", "-terbit_pada"], name="artikel_terbit_idx"),
            models.Index(
                fields=["kategori", "status", "-terbit_pada"], name="artikel_kategori_idx"
            ),
            models.Index(
                fields=["headline", "status", "-terbit_pada"], name="artikel_headline_idx"
            ),
            models.Index(fields=["penulis", "status"], name="artikel_penulis_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draf", "terbit"]), name="artikel_status_sah"
            ),
            models.CheckConstraint(
                condition=Q(status="draf") | Q(terbit_pada__isnull=False),
                name="artikel_terbit_punya_waktu",
                violation_error_message="Artikel terbit harus punya waktu terbit.",
            ),
            models.CheckConstraint(
                condition=Q(gambar="") | ~Q(gambar_alt=""),
                name="artikel_gambar_ber_alt",
                violation_error_message="Teks alternatif (alt) wajib diisi untuk gambar utama.",
            ),
        ]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        if self.terbit_pada is None:
            return reverse("konten:pratinjau", args=[self.uuid])
        t = timezone.localtime(self.terbit_pada)
        return reverse(
            "konten:artikel", args=[f"{t.year:04d}", f"{t.month:02d}", f"{t.day:02d}", self.slug]
        )

    @property
    def jalur(self) -> str:
        """'2026/11/21/slug': the part of the public URL after /artikel/ (used by the bench)."""
        return self.get_absolute_url().removeprefix("/artikel/").rstrip("/")

    @property
    def publik(self) -> bool:
        return (
            self.status == self.Status.TERBIT
            and self.terbit_pada is not None
            and self.terbit_pada <= timezone.now()
        )

    @property
    def terjadwal(self) -> bool:
        return (
            self.status == self.Status.TERBIT
            and self.terbit_pada is not None
            and self.terbit_pada > timezone.now()
        )

    @property
    def status_tampil(self) -> str:
        if self.status == self.Status.DRAF:
            return "Draf"
        return "Terjadwal" if self.terjadwal else "Terbit"

    @property
    def gambar_kecil_ukuran(self) -> tuple[int | None, int | None]:
        return ukuran_kecil(self.gambar_lebar, self.gambar_tinggi)

    @property
    def cuplikan(self) -> str:
        """The summary, or the start of the body text."""
        if self.ringkasan:
            return self.ringkasan
        # Lists load only the start of the text (annotation `teks_awal`), not the whole body.
        teks = getattr(self, "teks_awal", None)
        if teks is None:
            teks = self.teks or ""
        if len(teks) <= PANJANG_CUPLIKAN:
            return teks
        return teks[:PANJANG_CUPLIKAN].rsplit(" ", 1)[0].rstrip(".,;:") + "…"


class GambarArtikel(models.Model):
    """Up to three more photos of an article (slots 1–3; the main image lives on Artikel)."""

    artikel = models.ForeignKey(
        Artikel, verbose_name="artikel", on_delete=models.CASCADE, related_name="galeri"
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=1)
    berkas = models.ImageField("gambar", upload_to="konten/artikel/%Y/%m/")
    kecil = models.ImageField(upload_to="konten/artikel/%Y/%m/", blank=True, editable=False)
    lebar = models.PositiveIntegerField(null=True, blank=True, editable=False)
    tinggi = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt = models.CharField(
        "teks alternatif",
        max_length=200,
        help_text="Wajib: gambarkan isi foto untuk pembaca tunanetra.",
    )
    keterangan = models.CharField("keterangan", max_length=255, blank=True)

    class Meta:
        verbose_name = "gambar tambahan"
        verbose_name_plural = "gambar tambahan (maksimal 3)"
        ordering = ["urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["artikel", "urutan"], name="gambar_artikel_urutan_unik"
            ),
            models.CheckConstraint(
                condition=Q(urutan__gte=1, urutan__lte=3),
                name="gambar_artikel_maksimal_tiga",
                violation_error_message="Paling banyak 3 gambar tambahan per artikel.",
            ),
            models.CheckConstraint(condition=~Q(alt=""), name="gambar_artikel_ber_alt"),
        ]

    def __str__(self) -> str:
        return self.alt

    @property
    def kecil_ukuran(self) -> tuple[int | None, int | None]:
        return ukuran_kecil(self.lebar, self.tinggi)


# --- Komentar ----------------------------------------------------------------------------------


class KomentarQuerySet(models.QuerySet):
    def disetujui(self):
        return self.filter(status=Komentar.Status.DISETUJUI)

    def menunggu(self):
        return self.filter(status=Komentar.Status.MENUNGGU)


class Komentar(models.Model):
    """A visitor's comment: plain text, shown only after a moderator approves it."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu moderasi"
        DISETUJUI = "disetujui", "Disetujui"
        DITOLAK = "ditolak", "Ditolak"

    artikel = models.ForeignKey(
        Artikel, verbose_name="artikel", on_delete=models.CASCADE, related_name="komentar"
    )
    nama = models.CharField("nama", max_length=80)
    email = models.EmailField("email", blank=True, help_text="Tidak pernah ditampilkan.")
    isi = models.TextField("komentar", max_length=2000)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.MENUNGGU
    )
    ip = models.GenericIPAddressField("alamat IP", null=True, blank=True)
    dibuat = models.DateTimeField("dikirim", default=timezone.now)
    dimoderasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dimoderasi oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dimoderasi_pada = models.DateTimeField("dimoderasi pada", null=True, blank=True)

    objects = KomentarQuerySet.as_manager()

    class Meta:
        verbose_name = "komentar"
        verbose_name_plural = "komentar"
        ordering = ["-dibuat", "-pk"]
        indexes = [
            models.Index(fields=["artikel", "status", "dibuat"], name="komentar_artikel_idx"),
            models.Index(fields=["status", "-dibuat"], name="komentar_status_idx"),
            models.Index(fields=["ip", "dibuat"], name="komentar_ip_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["menunggu", "disetujui", "ditolak"]),
                name="komentar_status_sah",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama} tentang {self.artikel}"
