"""Village finance: the APBDes budget year, the account template and the budget lines.

Money is `Decimal` rupiah with 2 decimals everywhere (DecimalField(15, 2)); no floats. Totals,
surplus/deficit and net financing are derived from the lines (keuangan.selectors), never stored.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

NOL = Decimal("0.00")

# Account codes end with a dot, as Siskeudes writes them: "4.", "4.2.", "4.2.1.".
POLA_AKUN = r"^[456][.]([0-9]+[.])*$"
# The expenditure classification: bidang "01.", sub-bidang "01.01.", kegiatan "01.01.01.".
POLA_BIDANG = r"^[0-9]{2}[.]([0-9]{2}[.]){0,2}$"
POLA_KEGIATAN = r"^[0-9]{2}[.][0-9]{2}[.][0-9]{2}[.]$"

validasi_kode_rekening = RegexValidator(
    rf"{POLA_AKUN}|{POLA_BIDANG}",
    "Kode rekening ditulis dengan angka dan diakhiri titik, mis. 4.2.1. atau 01.01.01.",
)


def kunci_urut(kode: str) -> str:
    """Sort key of a code: each segment zero-padded, so 4.1.10. sorts after 4.1.9."""
    return ".".join(f"{int(s):03d}" for s in kode.strip(".").split(".") if s.isdigit())


def kode_induk(kode: str) -> str:
    """The parent code by prefix: 4.2.1. → 4.2.; a first-level code has none ('')."""
    bagian = kode.strip(".").split(".")
    return ".".join(bagian[:-1]) + "." if len(bagian) > 1 else ""


def jumlah_segmen(kode: str) -> int:
    return len(kode.strip(".").split("."))


class Rekening(models.Model):
    """One code of the APBDes account template (Permendagri 20/2018 as Siskeudes/OpenSID use it).

    Seeded from keuangan/data/rekening_apbdes.csv by a data migration; an administrator may add
    codes deliberately (`rekening_create`). Codes are never deleted or re-coded, so every budget
    line's code keeps resolving.
    """

    class Jenis(models.TextChoices):
        PENDAPATAN = "pendapatan", "Pendapatan"
        BELANJA = "belanja", "Belanja"
        PEMBIAYAAN = "pembiayaan", "Pembiayaan"
        BIDANG = "bidang", "Bidang"
        SUB_BIDANG = "sub_bidang", "Sub bidang"
        KEGIATAN = "kegiatan", "Kegiatan"

    JENIS_AKUN = (Jenis.PENDAPATAN, Jenis.BELANJA, Jenis.PEMBIAYAAN)

    kode = models.CharField("kode", max_length=20, unique=True, validators=[validasi_kode_rekening])
    uraian = models.CharField("uraian", max_length=255)
    jenis = models.CharField("jenis", max_length=12, choices=Jenis.choices)
    induk = models.ForeignKey(
        "self",
        verbose_name="induk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anak",
        help_text="Diturunkan dari awalan kode (4.2.1. → 4.2.).",
    )
    kunci_urut = models.CharField("kunci urut", max_length=40, editable=False)
    bawaan = models.BooleanField(
        "dari templat", default=False, help_text="Kode dari templat resmi (tidak bisa diubah)."
    )
    dibuat = models.DateTimeField("dibuat", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "kode rekening"
        verbose_name_plural = "kode rekening APBDes"
        ordering = ["jenis", "kunci_urut"]
        permissions = [("kelola_rekening", "Boleh menambah kode rekening di luar templat")]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kode__regex=POLA_AKUN, jenis__in=["pendapatan", "belanja", "pembiayaan"]
                )
                | Q(kode__regex=POLA_BIDANG, jenis__in=["bidang", "sub_bidang", "kegiatan"]),
                name="rekening_kode_sesuai_jenis",
                violation_error_message="Kode rekening tidak sesuai dengan jenisnya.",
            ),
        ]
        indexes = [models.Index(fields=["jenis", "kunci_urut"], name="rekening_jenis_urut")]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"

    @property
    def tingkat(self) -> int:
        return jumlah_segmen(self.kode)

    @property
    def adalah_akun(self) -> bool:
        return self.jenis in self.JENIS_AKUN


class TahunAnggaranQuerySet(models.QuerySet):
    def ditetapkan(self):
        return self.filter(status=TahunAnggaran.Status.DITETAPKAN)


class TahunAnggaran(models.Model):
    """One version of a year's APBDes: the original (perubahan_ke = 0) or an APBDes Perubahan.

    Draft → ditetapkan (with the Perdes number and date). An adopted budget is never edited: a
    Perubahan copies it into the next version, which is edited and adopted in turn. Only the
    latest version of a year takes realisation entries.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Rancangan (draft)"
        DITETAPKAN = "ditetapkan", "Ditetapkan"

    tahun = models.PositiveSmallIntegerField(
        "tahun anggaran", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    perubahan_ke = models.PositiveSmallIntegerField(
        "perubahan ke", default=0, help_text="0 = APBDes (murni); 1, 2 … = APBDes Perubahan."
    )
    asal = models.ForeignKey(
        "self",
        verbose_name="APBDes yang diubah",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="perubahan_berikut",
    )
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DRAFT)
    nomor_perdes = models.CharField("nomor Perdes", max_length=100, blank=True)
    tanggal_perdes = models.DateField("tanggal Perdes", null=True, blank=True)
    ditetapkan_pada = models.DateTimeField("dicatat ditetapkan pada", null=True, blank=True)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat ditetapkan oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dibuat = models.DateTimeField("dibuat", default=timezone.now)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibuat oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = TahunAnggaranQuerySet.as_manager()

    class Meta:
        verbose_name = "APBDes"
        verbose_name_plural = "APBDes (tahun anggaran)"
        ordering = ["-tahun", "-perubahan_ke"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "perubahan_ke"],
                name="tahun_anggaran_unik",
                violation_error_message="APBDes untuk tahun ini sudah ada.",
            ),
            models.UniqueConstraint(
                fields=["tahun"],
                condition=Q(status="draft"),
                name="tahun_anggaran_satu_draft",
                violation_error_message="Sudah ada rancangan APBDes untuk tahun ini.",
            ),
            models.CheckConstraint(
                condition=Q(perubahan_ke=0, asal__isnull=True)
                | Q(perubahan_ke__gt=0, asal__isnull=False),
                name="tahun_anggaran_asal_perubahan",
                violation_error_message="APBDes Perubahan harus merujuk APBDes yang diubah.",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(tanggal_perdes__isnull=False) & ~Q(nomor_perdes="")),
                name="tahun_anggaran_perdes_saat_ditetapkan",
                violation_error_message="APBDes yang ditetapkan harus memiliki nomor dan tanggal Perdes.",
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=2000, tahun__lte=2100),
                name="tahun_anggaran_tahun_wajar",
                violation_error_message="Tahun anggaran harus antara 2000 dan 2100.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama_dokumen} {self.tahun}"

    def get_absolute_url(self) -> str:
        return reverse("admin:keuangan_tahunanggaran_change", args=[self.pk])

    @property
    def perubahan(self) -> bool:
        """True for an APBDes Perubahan (a revision of an adopted budget)."""
        return self.perubahan_ke > 0

    @property
    def ditetapkan(self) -> bool:
        return self.status == self.Status.DITETAPKAN

    @property
    def nama_dokumen(self) -> str:
        if not self.perubahan_ke:
            return "APBDes"
        if self.perubahan_ke == 1:
            return "APBDes Perubahan"
        return f"APBDes Perubahan ke-{self.perubahan_ke}"


class RincianAnggaran(models.Model):
    """One budget line: an account code (income, expenditure, financing) with its budget and
    realisation. Expenditure lines also carry their kegiatan (01.01.01.), which places them under
    a bidang and sub-bidang; income and financing lines have none.

    `realisasi` is the realisation of the whole year so far (at year end: the full year);
    `realisasi_semester_1` is the part realised January–June, printed by the semester report.
    """

    tahun_anggaran = models.ForeignKey(
        TahunAnggaran,
        verbose_name="tahun anggaran",
        on_delete=models.CASCADE,
        related_name="rincian",
    )
    kode = models.CharField(
        "kode rekening",
        max_length=20,
        help_text="Kode dari templat rekening APBDes, mis. 4.2.1. (Dana Desa).",
    )
    kegiatan = models.CharField(
        "kegiatan",
        max_length=20,
        blank=True,
        default="",
        help_text="Untuk belanja: kode kegiatan, mis. 01.01.01.; kosong untuk pendapatan/pembiayaan.",
    )
    anggaran = models.DecimalField("anggaran (Rp)", max_digits=15, decimal_places=2, default=NOL)
    realisasi_semester_1 = models.DecimalField(
        "realisasi semester I (Rp)", max_digits=15, decimal_places=2, default=NOL
    )
    realisasi = models.DecimalField(
        "realisasi s/d akhir tahun (Rp)", max_digits=15, decimal_places=2, default=NOL
    )
    keterangan = models.CharField("keterangan", max_length=255, blank=True)
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "rincian anggaran"
        verbose_name_plural = "rincian anggaran"
        ordering = ["tahun_anggaran", "kode", "kegiatan"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun_anggaran", "kode", "kegiatan"],
                name="rincian_anggaran_unik",
                violation_error_message="Baris dengan kode dan kegiatan ini sudah ada.",
            ),
            models.CheckConstraint(
                condition=Q(anggaran__gte=0) & Q(realisasi__gte=0) & Q(realisasi_semester_1__gte=0),
                name="rincian_anggaran_tidak_negatif",
                violation_error_message="Nilai anggaran dan realisasi tidak boleh negatif.",
            ),
            models.CheckConstraint(
                condition=Q(realisasi_semester_1__lte=F("realisasi")),
                name="rincian_semester_1_dalam_realisasi",
                violation_error_message="Realisasi semester I tidak boleh melebihi realisasi s/d akhir tahun.",
            ),
            models.CheckConstraint(
                condition=Q(kode__regex=POLA_AKUN),
                name="rincian_anggaran_kode_akun",
                violation_error_message="Kode rekening tidak sah.",
            ),
            models.CheckConstraint(
                condition=(Q(kode__startswith="5.") & Q(kegiatan__regex=POLA_KEGIATAN))
                | (~Q(kode__startswith="5.") & Q(kegiatan="")),
                name="rincian_anggaran_kegiatan_untuk_belanja",
                violation_error_message="Belanja wajib berkegiatan; pendapatan dan pembiayaan tidak.",
            ),
        ]

    def __str__(self) -> str:
        tempat = f"{self.kegiatan} / {self.kode}" if self.kegiatan else self.kode
        return f"{tempat} — {self.tahun_anggaran}"

    @property
    def selisih(self) -> Decimal:
        """Lebih/(kurang): realisation minus budget."""
        return self.realisasi - self.anggaran
