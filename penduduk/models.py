"""The population register: residents, their population events and the deletion log."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from penduduk import kode
from sid.lib.berkas import penyimpanan_privat
from sid.models import LogAktivitas

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
        from sid.models import Wilayah

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
            from keluarga.models import Keluarga

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
        from sid.lib.format import tanggal_indonesia

        return f"{self.tempat_lahir}, {tanggal_indonesia(self.tanggal_lahir)}"


class PeristiwaQuerySet(models.QuerySet):
    def berlaku(self):
        """Events that still stand (not reverted)."""
        return self.filter(dibatalkan=False)


class Peristiwa(models.Model):
    """A population event. `status_dasar` changes only through these."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    penduduk = models.ForeignKey(
        Penduduk, verbose_name="penduduk", on_delete=models.PROTECT, related_name="peristiwa"
    )
    jenis = models.PositiveSmallIntegerField("peristiwa", choices=kode.JenisPeristiwa.choices)
    tanggal_peristiwa = models.DateField("tanggal peristiwa")
    tanggal_lapor = models.DateField("tanggal lapor")
    # The family at the time (kept even when the family changes later).
    keluarga = models.ForeignKey(
        "keluarga.Keluarga",
        verbose_name="keluarga saat itu",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    no_kk = models.CharField("No. KK saat itu", max_length=16, blank=True)
    nama_kepala_keluarga = models.CharField("kepala keluarga saat itu", max_length=100, blank=True)
    status_dasar_sebelum = models.PositiveSmallIntegerField(
        "status dasar sebelum", choices=kode.StatusDasar.choices, null=True, blank=True
    )
    shdk_sebelum = models.PositiveSmallIntegerField(
        "SHDK sebelum", choices=kode.SHDK.choices, null=True, blank=True
    )
    # MATI
    waktu_kematian = models.TimeField("jam kematian", null=True, blank=True)
    tempat_kematian = models.CharField("tempat kematian", max_length=100, blank=True)
    sebab_kematian = models.PositiveSmallIntegerField(
        "sebab kematian", choices=kode.SebabKematian.choices, null=True, blank=True
    )
    penerang_kematian = models.PositiveSmallIntegerField(
        "yang menerangkan", choices=kode.PenerangKematian.choices, null=True, blank=True
    )
    no_akta_kematian = models.CharField("nomor akta kematian", max_length=40, blank=True)
    # PINDAH KELUAR / PINDAH MASUK
    jenis_pindah = models.PositiveSmallIntegerField(
        "jenis pindah", choices=kode.JenisPindah.choices, null=True, blank=True
    )
    alamat_tujuan = models.CharField("alamat tujuan", max_length=255, blank=True)
    alamat_asal = models.CharField("alamat asal", max_length=255, blank=True)
    catatan = models.TextField("catatan", blank=True)
    # Correction: a reverted event stays in history.
    dibatalkan = models.BooleanField("dibatalkan", default=False)
    dibatalkan_pada = models.DateTimeField("dibatalkan pada", null=True, blank=True)
    alasan_batal = models.TextField("alasan pembatalan", blank=True)
    dibuat = models.DateTimeField("dicatat", default=timezone.now)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PeristiwaQuerySet.as_manager()

    class Meta:
        verbose_name = "peristiwa kependudukan"
        verbose_name_plural = "peristiwa kependudukan"
        ordering = ["-tanggal_peristiwa", "-id"]
        indexes = [
            models.Index(fields=["jenis", "tanggal_peristiwa"], name="peristiwa_jenis_tgl_idx"),
            models.Index(fields=["penduduk", "-tanggal_peristiwa"], name="peristiwa_penduduk_idx"),
            models.Index(fields=["tanggal_peristiwa"], name="peristiwa_tgl_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_lapor__gte=models.F("tanggal_peristiwa")),
                name="peristiwa_lapor_tidak_sebelum_kejadian",
                violation_error_message="Tanggal lapor tidak boleh sebelum tanggal peristiwa.",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_jenis_display()} — {self.penduduk.nama} ({self.tanggal_peristiwa:%d-%m-%Y})"
        )

    @property
    def keluar(self) -> bool:
        return self.jenis in kode.PERISTIWA_KELUAR


class PendudukHapus(models.Model):
    """Deletion log: a resident removed as wrong input or duplicate. Never deletable."""

    nik = models.CharField("NIK", max_length=16, db_index=True)
    nama = models.CharField("nama", max_length=100)
    alasan = models.TextField("alasan")
    data = models.JSONField("data saat dihapus", default=dict)
    waktu = models.DateTimeField("waktu", default=timezone.now, db_index=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    nama_pengguna = models.CharField("pengguna", max_length=150)

    class Meta:
        verbose_name = "log penduduk terhapus"
        verbose_name_plural = "log penduduk terhapus"
        ordering = ["-waktu"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.nik}) dihapus {self.waktu:%d-%m-%Y}"


class RiwayatPerubahan(LogAktivitas):
    """The audit log seen as the change history of residents and families (admin list)."""

    class Meta:
        proxy = True
        verbose_name = "riwayat perubahan data"
        verbose_name_plural = "riwayat perubahan data"


# --- Statistics and reports (issue 4) ---------------------------------------------------------


class RentangUmur(models.Model):
    """An age group used by the statistics and the resident list (editable by operators).

    Bounds are inclusive, in whole years; `sampai` empty = no upper bound. Groups of the same
    `jenis` must not overlap (checked in `clean()` and by the service; the database checks
    `dari <= sampai`). Defaults come from `penduduk/data/kode/rentang_umur.csv`.
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
