"""Residents: the register's person record and its queries."""

from __future__ import annotations

import datetime
import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from keluarga.models import Keluarga
from sid import kode
from sid.lib.berkas import penyimpanan_privat
from sid.lib.format import tanggal_indonesia
from sid.models import Wilayah

NIK_REGEX = r"^[0-9]{16}$"


class PendudukQuerySet(models.QuerySet):
    def hidup(self):
        return self.filter(status_dasar=kode.StatusDasar.HIDUP)

    def tetap(self):
        return self.filter(status_penduduk=kode.StatusPenduduk.TETAP)

    def nik_sementara(self):
        return self.filter(nik__startswith="0")

    def di_wilayah(self, wilayah):
        """Residents anywhere under a dusun/RW/RT (one indexed join via cached ancestors)."""

        if wilayah.tingkat == Wilayah.Tingkat.DUSUN:
            return self.filter(wilayah__dusun=wilayah)
        if wilayah.tingkat == Wilayah.Tingkat.RW:
            return self.filter(wilayah__rw=wilayah)
        return self.filter(wilayah=wilayah)

    def umur_antara(self, dari: int | None, sampai: int | None, pada: datetime.date | None = None):
        """Age in whole years between `dari` and `sampai` (inclusive) on a date."""
        pada = pada or timezone.localdate()
        qs = self
        if dari is not None:
            qs = qs.filter(tanggal_lahir__lte=_tahun_lalu(pada, dari))
        if sampai is not None:
            batas = _tahun_lalu(pada, sampai + 1)
            qs = qs.filter(tanggal_lahir__gt=batas)
        return qs

    def cari(self, teks: str):
        """Search by name fragment, or by NIK / No. KK (prefix) when the text is digits."""
        teks = (teks or "").strip()
        if not teks:
            return self
        angka = "".join(c for c in teks if c.isdigit())
        if angka and len(angka) == len(teks.replace(" ", "")):
            # Families first (a small indexed lookup), so the resident filter is one OR over
            # two indexed columns of one table instead of an OR across a join.
            if len(angka) == 16:
                nik, no_kk = Q(nik=angka), Q(no_kk=angka)
            else:
                nik, no_kk = Q(nik__startswith=angka), Q(no_kk__startswith=angka)
            id_kk = list(Keluarga.objects.filter(no_kk).values_list("pk", flat=True)[:2000])
            return self.filter(nik | Q(keluarga_id__in=id_kk))
        return self.filter(nama__icontains=teks)


def _tahun_lalu(pada: datetime.date, tahun: int) -> datetime.date:
    try:
        return pada.replace(year=pada.year - tahun)
    except ValueError:  # 29 February
        return pada.replace(year=pada.year - tahun, day=28)


class Penduduk(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # --- identitas
    nik = models.CharField("NIK", max_length=16, unique=True)
    nama = models.CharField("nama lengkap", max_length=100)
    jenis_kelamin = models.PositiveSmallIntegerField(
        "jenis kelamin", choices=kode.JenisKelamin.choices
    )
    tempat_lahir = models.CharField("tempat lahir", max_length=100)
    tanggal_lahir = models.DateField("tanggal lahir")
    agama = models.PositiveSmallIntegerField("agama", choices=kode.Agama.choices)
    suku = models.CharField("suku/etnis", max_length=100, blank=True)
    # --- keluarga dan alamat
    keluarga = models.ForeignKey(
        "keluarga.Keluarga",
        verbose_name="keluarga (KK)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anggota",
    )
    shdk = models.PositiveSmallIntegerField(
        "hubungan dalam keluarga", choices=kode.SHDK.choices, null=True, blank=True
    )
    no_kk_sebelumnya = models.CharField("No. KK sebelumnya", max_length=16, blank=True)
    wilayah = models.ForeignKey(
        "sid.Wilayah",
        verbose_name="wilayah (RT)",
        on_delete=models.PROTECT,
        related_name="penduduk",
    )
    alamat_sebelumnya = models.CharField("alamat sebelumnya", max_length=255, blank=True)
    alamat_sekarang = models.CharField("alamat sekarang", max_length=255, blank=True)
    status_dasar = models.PositiveSmallIntegerField(
        "status dasar",
        choices=kode.StatusDasar.choices,
        default=kode.StatusDasar.HIDUP,
        editable=False,
    )
    status_penduduk = models.PositiveSmallIntegerField(
        "status penduduk", choices=kode.StatusPenduduk.choices, default=kode.StatusPenduduk.TETAP
    )
    # --- kelahiran
    waktu_lahir = models.TimeField("waktu lahir", null=True, blank=True)
    tempat_dilahirkan = models.PositiveSmallIntegerField(
        "tempat dilahirkan", choices=kode.TempatDilahirkan.choices, null=True, blank=True
    )
    jenis_kelahiran = models.PositiveSmallIntegerField(
        "jenis kelahiran", choices=kode.JenisKelahiran.choices, null=True, blank=True
    )
    kelahiran_anak_ke = models.PositiveSmallIntegerField(
        "kelahiran anak ke-", null=True, blank=True
    )
    penolong_kelahiran = models.PositiveSmallIntegerField(
        "penolong kelahiran", choices=kode.PenolongKelahiran.choices, null=True, blank=True
    )
    berat_lahir = models.PositiveIntegerField("berat lahir (gram)", null=True, blank=True)
    panjang_lahir = models.DecimalField(
        "panjang lahir (cm)", max_digits=4, decimal_places=1, null=True, blank=True
    )
    akta_lahir = models.CharField("nomor akta kelahiran", max_length=40, blank=True)
    # --- pendidikan dan pekerjaan
    pendidikan_kk = models.PositiveSmallIntegerField(
        "pendidikan dalam KK", choices=kode.PendidikanKK.choices
    )
    pendidikan_sedang = models.PositiveSmallIntegerField(
        "pendidikan sedang ditempuh", choices=kode.PendidikanSedang.choices, null=True, blank=True
    )
    pekerjaan = models.PositiveSmallIntegerField("pekerjaan", choices=kode.Pekerjaan.choices)
    dapat_membaca_huruf = models.PositiveSmallIntegerField(
        "dapat membaca huruf", choices=kode.DapatMembacaHuruf.choices, null=True, blank=True
    )
    # --- kewarganegaraan
    warganegara = models.PositiveSmallIntegerField(
        "kewarganegaraan", choices=kode.WargaNegara.choices, default=kode.WargaNegara.WNI
    )
    negara_asal = models.CharField("negara asal", max_length=60, blank=True)
    dokumen_pasport = models.CharField("nomor paspor", max_length=45, blank=True)
    tanggal_akhir_paspor = models.DateField("tanggal berakhir paspor", null=True, blank=True)
    dokumen_kitas = models.CharField("nomor KITAS/KITAP", max_length=45, blank=True)
    # --- orang tua
    nik_ayah = models.CharField("NIK ayah", max_length=16, blank=True)
    nama_ayah = models.CharField("nama ayah", max_length=100, blank=True)
    nik_ibu = models.CharField("NIK ibu", max_length=16, blank=True)
    nama_ibu = models.CharField("nama ibu", max_length=100, blank=True)
    # --- perkawinan
    status_kawin = models.PositiveSmallIntegerField(
        "status perkawinan", choices=kode.StatusKawin.choices
    )
    akta_perkawinan = models.CharField("nomor akta perkawinan", max_length=40, blank=True)
    tanggal_perkawinan = models.DateField("tanggal perkawinan", null=True, blank=True)
    akta_perceraian = models.CharField("nomor akta perceraian", max_length=40, blank=True)
    tanggal_perceraian = models.DateField("tanggal perceraian", null=True, blank=True)
    # --- kesehatan
    golongan_darah = models.PositiveSmallIntegerField(
        "golongan darah", choices=kode.GolonganDarah.choices, null=True, blank=True
    )
    cacat = models.PositiveSmallIntegerField(
        "cacat", choices=kode.Cacat.choices, null=True, blank=True
    )
    sakit_menahun = models.PositiveSmallIntegerField(
        "sakit menahun", choices=kode.SakitMenahun.choices, null=True, blank=True
    )
    cara_kb = models.PositiveSmallIntegerField(
        "akseptor KB", choices=kode.CaraKB.choices, null=True, blank=True
    )
    hamil = models.PositiveSmallIntegerField(
        "status kehamilan", choices=kode.Hamil.choices, null=True, blank=True
    )
    asuransi = models.PositiveSmallIntegerField(
        "asuransi kesehatan", choices=kode.Asuransi.choices, null=True, blank=True
    )
    no_asuransi = models.CharField("nomor asuransi", max_length=50, blank=True)
    bpjs_ketenagakerjaan = models.CharField("nomor BPJS Ketenagakerjaan", max_length=50, blank=True)
    # --- KTP
    ktp_el = models.PositiveSmallIntegerField(
        "jenis identitas", choices=kode.KtpEl.choices, null=True, blank=True
    )
    status_rekam = models.PositiveSmallIntegerField(
        "status rekam KTP-el", choices=kode.StatusRekam.choices, null=True, blank=True
    )
    tempat_cetak_ktp = models.CharField("tempat cetak KTP", max_length=100, blank=True)
    tanggal_cetak_ktp = models.DateField("tanggal cetak KTP", null=True, blank=True)
    tag_id_card = models.CharField("tag ID card", max_length=20, blank=True)
    # --- kontak dan lain-lain
    telepon = models.CharField("telepon", max_length=20, blank=True)
    email = models.EmailField("email", blank=True)
    foto = models.ImageField(
        "foto", storage=penyimpanan_privat, upload_to="penduduk/foto/", blank=True
    )
    lat = models.DecimalField("lintang", max_digits=10, decimal_places=7, null=True, blank=True)
    lng = models.DecimalField("bujur", max_digits=10, decimal_places=7, null=True, blank=True)
    catatan = models.TextField("catatan", blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    objects = PendudukQuerySet.as_manager()

    class Meta:
        verbose_name = "penduduk"
        verbose_name_plural = "penduduk"
        ordering = ["nama", "id"]
        permissions = [
            ("hapus_penduduk_salah_input", "Menghapus penduduk karena salah input/duplikat")
        ]
        indexes = [
            models.Index(fields=["nama", "id"], name="penduduk_nama_idx"),
            # The resident list: living residents by name (LIMIT 50 walks this index).
            models.Index(fields=["status_dasar", "nama", "id"], name="penduduk_status_nama_idx"),
            models.Index(fields=["tanggal_lahir"], name="penduduk_tgl_lahir_idx"),
            models.Index(fields=["wilayah", "status_dasar"], name="penduduk_wilayah_idx"),
            models.Index(fields=["keluarga", "shdk"], name="penduduk_keluarga_shdk_idx"),
            # Statistics of living residents by education and by age (penduduk.statistik):
            # the grouped COUNT(*) reads these small indexes only (index-only scan), not the
            # wide rows: 100,000 residents, ~60 -> ~25 ms and ~100 -> ~50 ms (issue #21).
            models.Index(
                fields=["pendidikan_kk", "jenis_kelamin"],
                condition=Q(status_dasar=kode.StatusDasar.HIDUP),
                name="penduduk_stat_pendidikan_idx",
            ),
            models.Index(
                fields=["tanggal_lahir", "jenis_kelamin"],
                condition=Q(status_dasar=kode.StatusDasar.HIDUP),
                name="penduduk_stat_umur_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(nik__regex=NIK_REGEX),
                name="penduduk_nik_16_digit",
                violation_error_message="NIK harus tepat 16 digit angka.",
            ),
            models.CheckConstraint(
                condition=Q(keluarga__isnull=True) | Q(shdk__isnull=False),
                name="penduduk_anggota_kk_ber_shdk",
                violation_error_message="Anggota keluarga wajib memiliki hubungan dalam keluarga (SHDK).",
            ),
            models.CheckConstraint(
                condition=Q(keluarga__isnull=True) | Q(status_penduduk=kode.StatusPenduduk.TETAP),
                name="penduduk_anggota_kk_tetap",
                violation_error_message="Hanya penduduk TETAP yang dapat menjadi anggota KK.",
            ),
            models.UniqueConstraint(
                fields=["keluarga"],
                condition=Q(shdk=kode.SHDK.KEPALA_KELUARGA, status_dasar=kode.StatusDasar.HIDUP),
                name="keluarga_satu_kepala_hidup",
                violation_error_message="Keluarga ini sudah memiliki kepala keluarga.",
            ),
            models.CheckConstraint(
                condition=Q(hamil__isnull=True)
                | Q(hamil=kode.Hamil.TIDAK_HAMIL)
                | Q(jenis_kelamin=kode.JenisKelamin.PEREMPUAN),
                name="penduduk_hamil_hanya_perempuan",
                violation_error_message="Status hamil hanya untuk perempuan.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.nik})"

    def get_absolute_url(self) -> str:
        return reverse("admin:penduduk_penduduk_change", args=[self.pk])

    def umur(self, pada: datetime.date | None = None) -> int:
        pada = pada or timezone.localdate()
        lahir = self.tanggal_lahir
        return pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day))

    @property
    def hidup(self) -> bool:
        return self.status_dasar == kode.StatusDasar.HIDUP

    @property
    def nik_sementara(self) -> bool:
        return self.nik.startswith("0")

    @property
    def kepala_keluarga(self) -> bool:
        return self.shdk == kode.SHDK.KEPALA_KELUARGA

    @property
    def tempat_tanggal_lahir(self) -> str:

        return f"{self.tempat_lahir}, {tanggal_indonesia(self.tanggal_lahir)}"
