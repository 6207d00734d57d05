"""Letter services: letter types as data, letters and their workflow, numbering counters.

A `Surat` is edited while it is a draft; at signing its number is allocated and everything it
prints (the filled body, the input values, the village letterhead and the signatory) is frozen
on the row, so later edits to residents, officials or templates never change an issued letter.
The PDF is rendered once from the frozen data and stored privately. See docs/surat.md.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from sid.lib.berkas import penyimpanan_privat
from sid.models import Jejak

FORMAT_NOMOR_BAWAAN = "[kode_surat]/[nomor_surat, 3]/[kode_desa]/[bulan_romawi]/[tahun]"


class PengaturanSurat(models.Model):
    """The village's letter settings: one row (pk=1), edited through `pengaturan_surat_update`."""

    class Penomoran(models.TextChoices):
        GLOBAL = "global", "Satu urutan nomor untuk semua jenis surat"
        PER_JENIS = "per_jenis", "Urutan nomor sendiri untuk tiap jenis surat"

    verifikasi_sekretaris = models.BooleanField(
        "verifikasi oleh sekretaris desa",
        default=True,
        help_text="Surat yang diajukan operator diperiksa dulu oleh Sekretaris Desa.",
    )
    tanda_tangan_kepala_desa = models.BooleanField(
        "persetujuan tanda tangan kepala desa",
        default=True,
        help_text="Surat diterbitkan (diberi nomor) oleh Kepala Desa atau pejabat a.n./u.b. "
        "di aplikasi. Bila dimatikan, operator menerbitkan sendiri surat yang siap.",
    )
    penomoran = models.CharField(
        "penomoran", max_length=10, choices=Penomoran.choices, default=Penomoran.GLOBAL
    )
    format_nomor = models.CharField(
        "format nomor surat",
        max_length=120,
        default=FORMAT_NOMOR_BAWAAN,
        help_text="Kode: [kode_surat], [nomor_surat] atau [nomor_surat, 3] (diisi nol di depan), "
        "[kode_desa], [bulan_romawi], [bulan], [tahun].",
    )
    url_publik = models.URLField(
        "alamat website desa untuk kode QR",
        blank=True,
        help_text="Mis. https://sukamaju.desa.id. Kosong: memakai website di Identitas Desa, "
        "atau alamat yang sedang dipakai saat surat ditandatangani.",
    )
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        verbose_name = "pengaturan surat"
        verbose_name_plural = "pengaturan surat"
        # Turning the approval steps off lets whoever issues letters skip the sekretaris and
        # the kepala desa: a separate right, held by the Administrator role only.
        permissions = [("atur_pengaturan_surat", "Mengatur alur persetujuan dan penomoran surat")]
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="pengaturan_surat_satu_baris"),
        ]

    def __str__(self) -> str:
        return "Pengaturan layanan surat"

    @classmethod
    def ambil(cls) -> PengaturanSurat:
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class JenisSurat(models.Model):
    """A letter type: its printed title, classification code, body template and rules."""

    class SyaratPenduduk(models.TextChoices):
        HIDUP = "hidup", "Penduduk yang masih hidup"
        KEPALA_KELUARGA = "kepala_keluarga", "Kepala keluarga (masih hidup)"
        MATI = "mati", "Penduduk yang sudah meninggal"
        SEMUA = "semua", "Semua penduduk"

    class Satuan(models.TextChoices):
        HARI = "hari", "hari"
        MINGGU = "minggu", "minggu"
        BULAN = "bulan", "bulan"
        TAHUN = "tahun", "tahun"

    class Kertas(models.TextChoices):
        F4 = "F4", "F4 / Folio (215 × 330 mm)"
        A4 = "A4", "A4 (210 × 297 mm)"

    class Orientasi(models.TextChoices):
        TEGAK = "tegak", "Tegak (portrait)"
        MENDATAR = "mendatar", "Mendatar (landscape)"

    class Huruf(models.TextChoices):
        TIMES = "times", "Liberation Serif (setara Times New Roman)"
        ARIAL = "arial", "Liberation Sans (setara Arial)"
        BOOKMAN = "bookman", "TeX Gyre Bonum (setara Bookman)"

    nama = models.CharField("nama jenis surat", max_length=100, unique=True)
    slug = models.SlugField(
        "kode jenis",
        max_length=60,
        unique=True,
        help_text="Pengenal singkat untuk alamat halaman, mis. keterangan-usaha.",
    )
    judul = models.CharField(
        "judul tercetak", max_length=150, help_text="Mis. SURAT KETERANGAN USAHA."
    )
    kode_surat = models.CharField(
        "kode klasifikasi surat",
        max_length=20,
        help_text="Kode klasifikasi arsip untuk nomor surat, mis. 470 (Kependudukan).",
    )
    isi = models.TextField(
        "isi surat", help_text="Teks surat dengan kode isian dalam kurung siku, mis. [Nama]."
    )
    isi_asli = models.TextField("isi asli (bawaan)", blank=True, editable=False)
    bawaan = models.BooleanField("bawaan SID", default=False, editable=False)
    isian = models.JSONField(
        "isian tambahan",
        default=list,
        blank=True,
        help_text="Daftar isian yang diisi operator: kode (form_…), label, jenis, wajib.",
    )
    syarat = models.TextField(
        "persyaratan", blank=True, help_text="Dokumen yang perlu dibawa, satu per baris."
    )
    masa_berlaku = models.PositiveSmallIntegerField(
        "masa berlaku", default=0, help_text="0 = tidak dibatasi."
    )
    satuan_masa_berlaku = models.CharField(
        "satuan masa berlaku", max_length=10, choices=Satuan.choices, default=Satuan.BULAN
    )
    online = models.BooleanField(
        "dapat diminta lewat Layanan Mandiri",
        default=False,
        help_text="Penduduk dapat mengajukan permohonan surat ini dari Layanan Mandiri.",
    )
    pakai_qr = models.BooleanField(
        "cetak kode QR", default=True, help_text="Kode QR menuju halaman cek keaslian surat."
    )
    syarat_penduduk = models.CharField(
        "untuk penduduk",
        max_length=20,
        choices=SyaratPenduduk.choices,
        default=SyaratPenduduk.HIDUP,
    )
    kertas = models.CharField("ukuran kertas", max_length=2, choices=Kertas.choices, default="F4")
    orientasi = models.CharField(
        "orientasi", max_length=10, choices=Orientasi.choices, default=Orientasi.TEGAK
    )
    margin_atas = models.DecimalField(
        "margin atas (cm)", max_digits=3, decimal_places=1, default=Decimal("1.5")
    )
    margin_kanan = models.DecimalField(
        "margin kanan (cm)", max_digits=3, decimal_places=1, default=Decimal("2.0")
    )
    margin_bawah = models.DecimalField(
        "margin bawah (cm)", max_digits=3, decimal_places=1, default=Decimal("1.5")
    )
    margin_kiri = models.DecimalField(
        "margin kiri (cm)", max_digits=3, decimal_places=1, default=Decimal("2.5")
    )
    huruf = models.CharField("huruf", max_length=10, choices=Huruf.choices, default=Huruf.TIMES)
    ukuran_huruf = models.PositiveSmallIntegerField(
        "ukuran huruf (pt)",
        default=12,
        validators=[MinValueValidator(8), MaxValueValidator(16)],
    )
    format_nomor = models.CharField(
        "format nomor khusus",
        max_length=120,
        blank=True,
        help_text="Kosongkan untuk memakai format nomor di Pengaturan Surat.",
    )
    aktif = models.BooleanField(
        "dipakai", default=True, help_text="Jenis yang tidak dipakai tidak bisa dipilih."
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=100)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        verbose_name = "jenis surat"
        verbose_name_plural = "jenis surat"
        ordering = ["urutan", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kode_surat=""),
                name="jenis_surat_kode_terisi",
                violation_error_message="Kode klasifikasi surat wajib diisi.",
            ),
            models.CheckConstraint(
                condition=Q(margin_atas__gte=0, margin_atas__lte=5)
                & Q(margin_kanan__gte=0, margin_kanan__lte=5)
                & Q(margin_bawah__gte=0, margin_bawah__lte=5)
                & Q(margin_kiri__gte=0, margin_kiri__lte=5),
                name="jenis_surat_margin_wajar",
                violation_error_message="Margin antara 0 dan 5 cm.",
            ),
            models.CheckConstraint(
                condition=Q(ukuran_huruf__gte=8, ukuran_huruf__lte=16),
                name="jenis_surat_ukuran_huruf_wajar",
                violation_error_message="Ukuran huruf antara 8 dan 16 pt.",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("admin:surat_jenissurat_change", args=[self.pk])

    @property
    def diubah_dari_asli(self) -> bool:
        """A built-in type whose text the village has changed."""
        return self.bawaan and bool(self.isi_asli) and self.isi != self.isi_asli

    @property
    def daftar_syarat(self) -> list[str]:
        return [b.strip() for b in (self.syarat or "").splitlines() if b.strip()]

    @property
    def teks_masa_berlaku(self) -> str:
        if not self.masa_berlaku:
            return "tidak dibatasi"
        return f"{self.masa_berlaku} {self.get_satuan_masa_berlaku_display()}"


class SuratQuerySet(models.QuerySet):
    def terbit(self):
        return self.filter(status=Surat.Status.TERBIT)

    def bernomor(self):
        """Issued letters, including the cancelled ones that keep their number."""
        return self.exclude(nomor="")

    def menunggu_verifikasi(self):
        return self.filter(status=Surat.Status.VERIFIKASI)

    def menunggu_tanda_tangan(self):
        return self.filter(status=Surat.Status.TANDA_TANGAN)

    def cari(self, teks: str):
        """Archive search: number fragment, resident name fragment, or NIK prefix."""
        teks = (teks or "").strip()
        if not teks:
            return self
        if teks.isdigit() and len(teks) >= 6:
            return self.filter(Q(nik_penduduk__startswith=teks) | Q(nomor__contains=teks))
        return self.filter(Q(nomor__icontains=teks) | Q(nama_penduduk__icontains=teks))


class Surat(Jejak):
    """One letter, from draft to issued (or cancelled)."""

    class Status(models.TextChoices):
        DRAF = "draf", "Draf"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan ke operator"
        VERIFIKASI = "verifikasi", "Menunggu verifikasi"
        TANDA_TANGAN = "tanda_tangan", "Menunggu tanda tangan"
        TERBIT = "terbit", "Terbit"
        BATAL = "batal", "Dibatalkan"

    class StatusPdf(models.TextChoices):
        BELUM = "belum", "Belum dibuat"
        MENUNGGU = "menunggu", "Menunggu antrean"
        DIPROSES = "diproses", "Sedang dibuat"
        SIAP = "siap", "Siap"
        GAGAL = "gagal", "Gagal"

    class JenisTtd(models.TextChoices):
        KEPALA_DESA = "kepala_desa", "Kepala Desa"
        AN = "an", "a.n. Kepala Desa"
        UB = "ub", "u.b."

    kode = models.UUIDField("kode verifikasi", default=uuid.uuid4, unique=True, editable=False)
    jenis = models.ForeignKey(
        JenisSurat, verbose_name="jenis surat", on_delete=models.PROTECT, related_name="surat"
    )
    penduduk = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name="penduduk",
        on_delete=models.PROTECT,
        related_name="surat",
    )
    # Copies for the archive search and the public check (frozen at signing).
    nama_penduduk = models.CharField("nama penduduk", max_length=100)
    nik_penduduk = models.CharField("NIK penduduk", max_length=16)
    isian = models.JSONField("isian", default=dict, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.DRAF, editable=False
    )
    # --- number (allocated at signing, kept when cancelled)
    tanggal_surat = models.DateField("tanggal surat", null=True, blank=True, editable=False)
    berlaku_sampai = models.DateField("berlaku sampai", null=True, blank=True, editable=False)
    tahun = models.PositiveSmallIntegerField("tahun", null=True, blank=True, editable=False)
    nomor_urut = models.PositiveIntegerField("nomor urut", null=True, blank=True, editable=False)
    nomor = models.CharField("nomor surat", max_length=120, blank=True, editable=False)
    # --- frozen at signing
    isi_terbit = models.TextField("isi surat terbit", blank=True, editable=False)
    nilai_terbit = models.JSONField("data surat terbit", default=dict, blank=True, editable=False)
    penandatangan_jenis = models.CharField(
        "cara tanda tangan", max_length=12, choices=JenisTtd.choices, blank=True, editable=False
    )
    penandatangan_nama = models.CharField(
        "penanda tangan", max_length=150, blank=True, editable=False
    )
    penandatangan_jabatan = models.CharField(
        "jabatan penanda tangan", max_length=150, blank=True, editable=False
    )
    pengangkatan = models.ForeignKey(
        "perangkat.Pengangkatan",
        verbose_name="pengangkatan penanda tangan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    url_cek = models.CharField("alamat cek keaslian", max_length=300, blank=True, editable=False)
    # --- PDF (rendered once by the Celery task, stored privately)
    status_pdf = models.CharField(
        "status PDF",
        max_length=10,
        choices=StatusPdf.choices,
        default=StatusPdf.BELUM,
        editable=False,
    )
    galat_pdf = models.TextField("galat PDF", blank=True, editable=False)
    berkas_pdf = models.FileField(
        "berkas PDF",
        storage=penyimpanan_privat,
        upload_to="surat/",
        max_length=200,
        blank=True,
        editable=False,
    )
    sha256_pdf = models.CharField("SHA-256 PDF", max_length=64, blank=True, editable=False)
    pdf_dibuat = models.DateTimeField("PDF dibuat", null=True, blank=True, editable=False)
    # --- workflow (created and last changed: `Jejak`)
    catatan_pengembalian = models.TextField("alasan dikembalikan", blank=True, editable=False)
    alasan_batal = models.TextField("alasan pembatalan", blank=True, editable=False)
    diajukan_pada = models.DateTimeField("diajukan", null=True, blank=True, editable=False)
    diverifikasi_pada = models.DateTimeField("diverifikasi", null=True, blank=True, editable=False)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diverifikasi oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    ditandatangani_pada = models.DateTimeField(
        "ditandatangani", null=True, blank=True, editable=False
    )
    ditandatangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ditandatangani oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    dibatalkan_pada = models.DateTimeField("dibatalkan", null=True, blank=True, editable=False)
    dibatalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibatalkan oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = SuratQuerySet.as_manager()

    class Meta:
        verbose_name = "surat"
        verbose_name_plural = "arsip surat keluar"
        ordering = ["-dibuat", "-id"]
        permissions = [
            ("verifikasi_surat", "Memverifikasi surat"),
            ("tandatangani_surat", "Menandatangani surat"),
        ]
        indexes = [
            models.Index(fields=["status", "-dibuat"], name="surat_status_idx"),
            models.Index(fields=["penduduk", "-dibuat"], name="surat_penduduk_idx"),
            models.Index(fields=["jenis", "-dibuat"], name="surat_jenis_idx"),
            models.Index(fields=["tanggal_surat"], name="surat_tanggal_idx"),
            models.Index(fields=["status_pdf"], name="surat_status_pdf_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "nomor"],
                condition=~Q(nomor=""),
                name="surat_nomor_unik_per_tahun",
                violation_error_message="Nomor surat ini sudah dipakai pada tahun yang sama.",
            ),
            models.CheckConstraint(
                condition=Q(nomor="", nomor_urut__isnull=True, tahun__isnull=True)
                | (~Q(nomor="") & Q(nomor_urut__isnull=False, tahun__isnull=False)),
                name="surat_nomor_lengkap",
                violation_error_message="Nomor surat, nomor urut dan tahun diisi bersamaan.",
            ),
            models.CheckConstraint(
                condition=~Q(status="terbit") | (~Q(nomor="") & Q(tanggal_surat__isnull=False)),
                name="surat_terbit_bernomor",
                violation_error_message="Surat yang terbit harus bernomor dan bertanggal.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jenis.nama} {self.label_nomor} — {self.nama_penduduk}"

    def get_absolute_url(self) -> str:
        return reverse("admin:surat_surat_change", args=[self.pk])

    @property
    def label_nomor(self) -> str:
        """The letter's number, or where a letter without one stands: "(draf)", "(menunggu
        verifikasi)", "(menunggu tanda tangan)" …"""
        return self.nomor or f"({self.get_status_display().lower()})"

    @property
    def bisa_diubah(self) -> bool:
        return self.status in (self.Status.DRAF, self.Status.DIKEMBALIKAN)

    @property
    def sudah_terbit(self) -> bool:
        """Issued (a number was allocated), whether or not it was cancelled later."""
        return bool(self.nomor)


class PenghitungNomor(models.Model):
    """The last number given out, per calendar year and scope ("semua" or one letter type).

    Allocation happens inside the signing transaction with the row locked (select_for_update),
    so two letters can never receive the same number. See surat/penomoran.py.
    """

    tahun = models.PositiveSmallIntegerField("tahun")
    lingkup = models.CharField(
        "lingkup", max_length=30, help_text="'semua' atau 'jenis-<id>' (per jenis surat)."
    )
    nomor_terakhir = models.PositiveIntegerField("nomor terakhir", default=0)

    class Meta:
        verbose_name = "penghitung nomor surat"
        verbose_name_plural = "penghitung nomor surat"
        constraints = [
            models.UniqueConstraint(fields=["tahun", "lingkup"], name="penghitung_nomor_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.tahun} {self.lingkup}: {self.nomor_terakhir}"
