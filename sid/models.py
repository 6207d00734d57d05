"""Core models: village identity (singleton), wilayah tree, audit log, login lockout; and the
abstract `JejakWaktu`/`Jejak` that give other apps' rows their created/changed stamps."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from sid.lib.riwayat import label_aksi

validasi_kode_desa = RegexValidator(
    r"^\d{10}$", "Kode desa harus tepat 10 digit angka (kode Kemendagri, mis. 3201012001)."
)
validasi_kode_pos = RegexValidator(r"^\d{5}$", "Kode pos harus 5 digit angka.")


class JejakWaktu(models.Model):
    """When a row was created and when it last changed (`diperbarui` moves on every save)."""

    dibuat = models.DateTimeField("dibuat", default=timezone.now, editable=False)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        abstract = True


class Jejak(JejakWaktu):
    """`JejakWaktu` and the staff user who created the row (kept as NULL once the user goes)."""

    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibuat oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True


class IdentitasDesa(models.Model):
    """The village itself: one row (pk=1), edited through `identitas_desa_update`."""

    nama_desa = models.CharField("nama desa", max_length=100)
    kode_desa = models.CharField(
        "kode desa",
        max_length=10,
        blank=True,
        validators=[validasi_kode_desa],
        help_text="10 digit kode wilayah Kemendagri, mis. 3201012001.",
    )
    kode_pos = models.CharField(
        "kode pos", max_length=5, blank=True, validators=[validasi_kode_pos]
    )
    nama_kecamatan = models.CharField("nama kecamatan", max_length=100, blank=True)
    kode_kecamatan = models.CharField("kode kecamatan", max_length=6, blank=True)
    nama_kabupaten = models.CharField("nama kabupaten/kota", max_length=100, blank=True)
    kode_kabupaten = models.CharField("kode kabupaten/kota", max_length=4, blank=True)
    nama_provinsi = models.CharField("nama provinsi", max_length=100, blank=True)
    kode_provinsi = models.CharField("kode provinsi", max_length=2, blank=True)
    alamat_kantor = models.CharField("alamat kantor", max_length=255, blank=True)
    email_desa = models.EmailField("email desa", blank=True)
    telepon = models.CharField("telepon", max_length=30, blank=True)
    website = models.URLField("website", blank=True)
    logo = models.ImageField("logo", upload_to="desa/", blank=True)
    kantor_desa = models.ImageField("foto kantor desa", upload_to="desa/", blank=True)
    lat = models.DecimalField("lintang", max_digits=10, decimal_places=7, null=True, blank=True)
    lng = models.DecimalField("bujur", max_digits=10, decimal_places=7, null=True, blank=True)
    # Local names ("sebutan") the village uses for its levels and offices.
    sebutan_desa = models.CharField("sebutan desa", max_length=30, default="Desa")
    sebutan_dusun = models.CharField("sebutan dusun", max_length=30, default="Dusun")
    sebutan_kecamatan = models.CharField("sebutan kecamatan", max_length=30, default="Kecamatan")
    sebutan_kabupaten = models.CharField("sebutan kabupaten", max_length=30, default="Kabupaten")
    sebutan_camat = models.CharField("sebutan camat", max_length=30, default="Camat")
    sebutan_kepala_desa = models.CharField(
        "sebutan kepala desa", max_length=30, default="Kepala Desa"
    )
    sebutan_nip_desa = models.CharField("sebutan NIP desa", max_length=10, default="NIPD")
    # Levels the village uses below the dusun.
    pakai_rw = models.BooleanField(
        "memakai RW", default=True, help_text="Matikan bila desa tidak memiliki tingkat RW."
    )
    pakai_rt = models.BooleanField(
        "memakai RT", default=True, help_text="Matikan bila desa tidak memiliki tingkat RT."
    )
    data_awal_selesai = models.DateField(
        "data awal selesai",
        null=True,
        blank=True,
        help_text=(
            "Setelah tanggal ini penduduk baru hanya masuk lewat peristiwa LAHIR atau PINDAH "
            "MASUK, dan penghapusan hanya oleh Administrator. Kosongkan selama data awal diisi."
        ),
    )
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        verbose_name = "identitas desa"
        verbose_name_plural = "identitas desa"
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="identitas_desa_satu_baris"),
            models.CheckConstraint(
                condition=Q(kode_desa="") | Q(kode_desa__regex=r"^[0-9]{10}$"),
                name="identitas_desa_kode_10_digit",
                violation_error_message="Kode desa harus tepat 10 digit angka.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sebutan_desa} {self.nama_desa}"

    @property
    def dalam_fase_data_awal(self) -> bool:
        from django.utils import timezone

        return self.data_awal_selesai is None or timezone.localdate() <= self.data_awal_selesai

    @property
    def lengkap(self) -> bool:
        """The back office needs at least a name and the official code to work."""
        return bool(self.nama_desa and self.kode_desa)

    @classmethod
    def ambil(cls) -> IdentitasDesa:
        """The village row, created empty on first use."""
        obj, _ = cls.objects.get_or_create(pk=1, defaults={"nama_desa": ""})
        return obj


class Wilayah(models.Model):
    """Dusun → RW → RT. One tree table so villages without RW or RT fit the same shape.

    `dusun` and `rw` are the row's own ancestors at those levels (or itself), so a filter
    "everyone in dusun X" is one indexed join whatever the depth.
    """

    class Tingkat(models.IntegerChoices):
        DUSUN = 1, "Dusun"
        RW = 2, "RW"
        RT = 3, "RT"

    tingkat = models.PositiveSmallIntegerField("tingkat", choices=Tingkat.choices)
    nama = models.CharField("nama / nomor", max_length=60)
    induk = models.ForeignKey(
        "self",
        verbose_name="induk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anak",
    )
    dusun = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    rw = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    # The head as a resident of the register is `penduduk.KepalaWilayah` (sid imports no domain
    # app); the name is kept here as text for printouts.
    kepala_nama = models.CharField(
        "nama kepala", max_length=100, blank=True, help_text="Kepala dusun / ketua RW / ketua RT."
    )

    class Meta:
        verbose_name = "wilayah"
        verbose_name_plural = "wilayah administratif"
        ordering = ["dusun__nama", "tingkat", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(tingkat=1, induk__isnull=True) | Q(tingkat__in=[2, 3], induk__isnull=False)
                ),
                name="wilayah_induk_sesuai_tingkat",
                violation_error_message="Dusun tidak berinduk; RW dan RT harus memiliki induk.",
            ),
            models.UniqueConstraint(
                fields=["nama"],
                condition=Q(induk__isnull=True),
                name="wilayah_dusun_unik",
                violation_error_message="Nama dusun sudah dipakai.",
            ),
            models.UniqueConstraint(
                fields=["induk", "nama"],
                name="wilayah_nama_unik_per_induk",
                violation_error_message="Nama sudah dipakai di bawah induk yang sama.",
            ),
        ]
        indexes = [models.Index(fields=["tingkat", "nama"])]

    def __str__(self) -> str:
        return self.nama_lengkap

    @property
    def nama_lengkap(self) -> str:
        """'Dusun Krajan / RW 001 / RT 002', reading the cached ancestors."""
        if self.tingkat == self.Tingkat.DUSUN:
            return f"Dusun {self.nama}"
        bagian = []
        if self.dusun_id and self.dusun_id != self.pk:
            bagian.append(f"Dusun {self.dusun.nama}")
        if self.rw_id and self.rw_id != self.pk:
            bagian.append(f"RW {self.rw.nama}")
        bagian.append(f"{self.get_tingkat_display()} {self.nama}")
        return " / ".join(bagian)


class LogAktivitas(models.Model):
    """Audit log. Written only by `catat_aktivitas()` from services; read-only in the UI."""

    waktu = models.DateTimeField("waktu", default=timezone.now, db_index=True)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    pelaku = models.CharField("pelaku", max_length=150, help_text="Nama pengguna saat itu.")
    ip = models.GenericIPAddressField("alamat IP", null=True, blank=True)
    aksi = models.CharField("aksi", max_length=40, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name="jenis objek", on_delete=models.PROTECT, null=True, blank=True
    )
    object_id = models.CharField("id objek", max_length=64, blank=True)
    objek = models.CharField("objek", max_length=255, blank=True)
    perubahan = models.JSONField("perubahan", default=dict, blank=True)
    keterangan = models.TextField("keterangan", blank=True)

    class Meta:
        verbose_name = "log aktivitas"
        verbose_name_plural = "log aktivitas"
        ordering = ["-waktu", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-waktu"])]

    def __str__(self) -> str:
        return f"{self.waktu:%d-%m-%Y %H.%M} {self.pelaku}: {label_aksi(self.aksi)} {self.objek}"


class KunciMasuk(models.Model):
    """Failed-login counter and lock for one key (a username, a NIK or an IP) in one realm.

    In the database, so a lock survives restarts and cookie clearing.
    """

    class Ranah(models.TextChoices):
        STAF = "staf", "Staf (back office)"
        MANDIRI = "mandiri", "Layanan Mandiri"

    class Jenis(models.TextChoices):
        PENGGUNA = "pengguna", "Nama pengguna"
        NIK = "nik", "NIK"
        IP = "ip", "Alamat IP"

    ranah = models.CharField("ranah", max_length=10, choices=Ranah.choices)
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    kunci = models.CharField("kunci", max_length=150)
    gagal = models.PositiveIntegerField("gagal berturut-turut", default=0)
    jumlah_terkunci = models.PositiveIntegerField("berapa kali terkunci", default=0)
    terkunci_sampai = models.DateTimeField("terkunci sampai", null=True, blank=True)
    terakhir_gagal = models.DateTimeField("terakhir gagal", null=True, blank=True)

    class Meta:
        verbose_name = "penguncian login"
        verbose_name_plural = "penguncian login"
        constraints = [
            models.UniqueConstraint(fields=["ranah", "jenis", "kunci"], name="kunci_masuk_unik")
        ]

    def __str__(self) -> str:
        return f"{self.get_ranah_display()} {self.get_jenis_display()} {self.kunci}"

    def terkunci(self, sekarang=None) -> bool:
        sekarang = sekarang or timezone.now()
        return bool(self.terkunci_sampai and self.terkunci_sampai > sekarang)


class LogCadangan(models.Model):
    """One backup (or restore) run: what was written, whether it was verified, what failed.

    Not part of the backups themselves: it describes the archives on this server, so a restore
    leaves it in place (see docs/backup.md). Written only by `sid.cadangan.services`.
    """

    class Jenis(models.TextChoices):
        MINGGUAN = "mingguan", "Mingguan (terjadwal)"
        MANUAL = "manual", "Manual"
        SEBELUM_PULIHKAN = "sebelum_pulihkan", "Otomatis sebelum pemulihan"
        PEMULIHAN = "pemulihan", "Pemulihan"

    class Status(models.TextChoices):
        ANTRE = "antre", "Menunggu"
        BERJALAN = "berjalan", "Berjalan"
        OK = "ok", "Berhasil"
        GAGAL = "gagal", "Gagal"

    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.ANTRE)
    dimulai = models.DateTimeField("dimulai", default=timezone.now, db_index=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)
    berkas = models.CharField(
        "berkas",
        max_length=500,
        blank=True,
        help_text="Relatif terhadap folder cadangan (SID_BACKUP_ROOT), atau jalur lengkap.",
    )
    ukuran = models.PositiveBigIntegerField("ukuran (byte)", null=True, blank=True)
    sha256 = models.CharField("SHA-256 berkas", max_length=64, blank=True)
    terverifikasi = models.BooleanField("terverifikasi", default=False)
    terenkripsi = models.BooleanField("terenkripsi", default=False)
    pesan_galat = models.TextField("pesan galat", blank=True)
    isi = models.JSONField("isi", default=dict, blank=True)
    disalin_ke = models.CharField("disalin ke", max_length=500, blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    pelaku = models.CharField("pelaku", max_length=150, blank=True)
    dihapus = models.DateTimeField("berkas dihapus", null=True, blank=True)

    class Meta:
        verbose_name = "cadangan"
        verbose_name_plural = "cadangan data"
        ordering = ["-dimulai", "-id"]
        indexes = [models.Index(fields=["jenis", "status", "-dimulai"])]

    def __str__(self) -> str:
        waktu = timezone.localtime(self.dimulai)
        return f"{self.get_jenis_display()} {waktu:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class JadwalTugas(PeriodicTask):
    """django-celery-beat's periodic tasks, seen by the Administrator as one plain screen
    (sid/admin_jadwal.py); beat's own admin screens are not shown."""

    class Meta:
        proxy = True
        verbose_name = "jadwal tugas"
        verbose_name_plural = "jadwal tugas"


class BawaanPeran(models.Model):
    """A default right (sid.peran.ATURAN) already offered to a built-in role. `migrate` offers
    a role only the defaults not listed here, so a right the Administrator removed stays
    removed; "Kembalikan ke bawaan" rewrites the list. See docs/peran.md."""

    peran = models.ForeignKey(
        "auth.Group", verbose_name="peran", on_delete=models.CASCADE, related_name="+"
    )
    izin = models.ForeignKey(
        "auth.Permission", verbose_name="hak", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = "hak bawaan peran"
        verbose_name_plural = "hak bawaan peran"
        constraints = [
            models.UniqueConstraint(fields=["peran", "izin"], name="sid_bawaan_peran_unik")
        ]

    def __str__(self) -> str:
        return f"{self.peran_id}:{self.izin_id}"


class BukuHarian(models.Model):
    """The operator's daily work journal (SOP Operator §7): one per user per day. What was done
    is read from the audit log of that day; the row holds the operator's own notes and the
    Sekretaris Desa's check (SOP §8). Written only by `sid.buku_harian`."""

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="operator",
        on_delete=models.PROTECT,
        related_name="buku_harian",
    )
    tanggal = models.DateField("tanggal")
    catatan = models.TextField(
        "catatan operator",
        blank=True,
        help_text="Pekerjaan yang tidak tercatat otomatis: tamu dilayani, kendala, rencana besok.",
    )
    diperiksa_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diperiksa oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    diperiksa_pada = models.DateTimeField("diperiksa pada", null=True, blank=True)
    catatan_pemeriksa = models.TextField("catatan pemeriksa", blank=True)
    dibuat = models.DateTimeField("dibuat", default=timezone.now, editable=False)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    class Meta:
        verbose_name = "buku harian kerja"
        verbose_name_plural = "buku harian kerja"
        ordering = ["-tanggal", "pengguna__username"]
        permissions = [("periksa_buku_harian", "Memeriksa buku harian kerja operator")]
        constraints = [
            models.UniqueConstraint(
                fields=["pengguna", "tanggal"],
                name="sid_buku_harian_satu_per_hari",
                violation_error_message="Buku harian untuk pengguna dan tanggal ini sudah ada.",
            ),
            models.CheckConstraint(
                condition=Q(diperiksa_pada__isnull=False) | Q(diperiksa_oleh__isnull=True),
                name="sid_buku_harian_pemeriksa_bertanggal",
            ),
        ]

    def __str__(self) -> str:
        return f"Buku harian {self.pengguna} {self.tanggal:%d-%m-%Y}"

    @property
    def diperiksa(self) -> bool:
        return self.diperiksa_pada is not None
