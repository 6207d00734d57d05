"""The hub side (kecamatan/kabupaten): enrolled villages and their credentials, the signed
requests' nonces and refusals, batches and the figures they carry, officials' records, and the
conversation with villages. Tables exist on every instance; they fill only when SID_HUB=1.

Every table holding a village's data has `desa` (and through it the village code): the key the
tables are partitioned/distributed by when a hub grows (docs/sinkron.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from sid.lib.berkas import penyimpanan_privat
from sid.models import validasi_kode_desa


class DesaHub(models.Model):
    """A village registered at this hub."""

    kode = models.CharField(
        "kode desa", max_length=10, unique=True, validators=[validasi_kode_desa]
    )
    nama = models.CharField("nama desa", max_length=100)
    kode_kecamatan = models.CharField("kode kecamatan", max_length=6, db_index=True)
    nama_kecamatan = models.CharField("nama kecamatan", max_length=100, blank=True)
    kode_kabupaten = models.CharField("kode kabupaten", max_length=4, db_index=True)
    identitas = models.JSONField("identitas terkirim", default=dict, blank=True)
    didaftarkan = models.DateTimeField("didaftarkan", default=timezone.now)
    terakhir_diterima = models.DateTimeField("data terakhir diterima", null=True, blank=True)

    class Meta:
        verbose_name = "desa"
        verbose_name_plural = "desa"
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.kode})"


class KodePendaftaran(models.Model):
    """A one-time enrolment code for one village code. Only its hash is stored."""

    desa = models.ForeignKey(DesaHub, on_delete=models.CASCADE, related_name="kode_pendaftaran")
    kode_hash = models.CharField(max_length=64, unique=True)
    berlaku_sampai = models.DateTimeField("berlaku sampai")
    dipakai_pada = models.DateTimeField("dipakai pada", null=True, blank=True)
    dibuat = models.DateTimeField("dibuat", default=timezone.now)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "kode pendaftaran"
        verbose_name_plural = "kode pendaftaran"
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"Kode pendaftaran {self.desa.kode}"


class Kredensial(models.Model):
    """A village's signing key registered at enrolment or rotation (Ed25519 public key)."""

    class Status(models.TextChoices):
        AKTIF = "aktif", "Aktif"
        DICABUT = "dicabut", "Dicabut"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    desa = models.ForeignKey(DesaHub, on_delete=models.CASCADE, related_name="kredensial")
    kunci_publik = models.TextField("kunci publik")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AKTIF)
    dibuat = models.DateTimeField("dibuat", default=timezone.now)
    pertama_dipakai = models.DateTimeField("pertama dipakai", null=True, blank=True)
    terakhir_dipakai = models.DateTimeField("terakhir dipakai", null=True, blank=True)
    dicabut_pada = models.DateTimeField("dicabut pada", null=True, blank=True)
    alasan_cabut = models.CharField("alasan dicabut", max_length=200, blank=True)

    class Meta:
        verbose_name = "kredensial"
        verbose_name_plural = "kredensial"
        ordering = ["-dibuat"]
        indexes = [models.Index(fields=["desa", "status"], name="hub_kredensial_desa_idx")]

    def __str__(self) -> str:
        return f"{self.desa.kode} · {self.uuid}"


class NonceHub(models.Model):
    """Nonces seen within the time window: a second request with the same nonce is a replay."""

    kredensial = models.ForeignKey(Kredensial, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64)
    waktu = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "nonce permintaan"
        verbose_name_plural = "nonce permintaan"
        constraints = [
            models.UniqueConstraint(fields=["kredensial", "nonce"], name="hub_nonce_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kredensial_id}:{self.nonce}"


class PenolakanHub(models.Model):
    """Refused API requests: who claimed to be who, and why it was refused.

    Repeats (same IP, reason, claimed credential and village within SID_HUB_TOLAK_JENDELA_MENIT)
    share one row: `jumlah` counts them, `waktu` is the first and `terakhir` the latest. After
    SID_HUB_TOLAK_BATAS_IP refusals in the window an address is answered 429 and nothing more is
    written (hub.verifikasi), so junk cannot fill the disk.
    """

    waktu = models.DateTimeField("waktu", default=timezone.now, db_index=True)
    terakhir = models.DateTimeField("terakhir", default=timezone.now)
    jumlah = models.PositiveIntegerField("jumlah", default=1)
    ip = models.GenericIPAddressField("alamat IP", null=True, blank=True)
    path = models.CharField("alamat", max_length=200)
    alasan = models.CharField("alasan", max_length=40, db_index=True)
    pesan = models.CharField("pesan", max_length=300)
    kredensial = models.CharField("kredensial (diakui)", max_length=64, blank=True)
    kode_desa = models.CharField("kode desa (diakui)", max_length=20, blank=True, db_index=True)

    class Meta:
        verbose_name = "penolakan"
        verbose_name_plural = "penolakan API"
        ordering = ["-waktu", "-pk"]
        indexes = [models.Index(fields=["ip", "terakhir"], name="penolakan_ip_terakhir")]
        constraints = [
            models.CheckConstraint(condition=Q(jumlah__gte=1), name="penolakan_jumlah_positif"),
            models.CheckConstraint(
                condition=Q(terakhir__gte=F("waktu")), name="penolakan_terakhir_setelah_waktu"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.alasan}"


class KunciHub(models.Model):
    """The hub's own Ed25519 key (one row) that signs every answer; villages get the public
    key at enrolment."""

    kunci_privat = models.TextField()
    kunci_publik = models.TextField()
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "kunci hub"
        verbose_name_plural = "kunci hub"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="kunci_hub_satu_baris")]

    def __str__(self) -> str:
        return "Kunci hub"


class BatchHub(models.Model):
    """(village, dataset, batch UUID) → outcome and receipt: a replayed batch gets the same
    receipt back and changes nothing."""

    class Hasil(models.TextChoices):
        DITERAPKAN = "diterapkan", "Diterapkan"
        USANG = "usang", "Diabaikan: hub sudah memegang data yang lebih baru"

    desa = models.ForeignKey(DesaHub, on_delete=models.CASCADE, related_name="batch")
    dataset = models.CharField(max_length=40)
    uuid = models.UUIDField()
    urutan = models.PositiveBigIntegerField()
    periode = models.CharField(max_length=10, blank=True)
    versi_skema = models.PositiveSmallIntegerField()
    tingkat = models.CharField(max_length=10)
    hasil = models.CharField(max_length=12, choices=Hasil.choices)
    tanda_terima = models.JSONField(default=dict)
    diterima = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "batch"
        verbose_name_plural = "batch diterima"
        ordering = ["-diterima", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["desa", "dataset", "uuid"], name="hub_batch_unik")
        ]
        indexes = [models.Index(fields=["desa", "-diterima"], name="hub_batch_desa_idx")]

    def __str__(self) -> str:
        return f"{self.desa.kode} {self.dataset} #{self.urutan}"


class StatusDataset(models.Model):
    """One village's dataset at this hub: the newest sequence, freshness and reconciliation."""

    desa = models.ForeignKey(DesaHub, on_delete=models.CASCADE, related_name="status_dataset")
    dataset = models.CharField(max_length=40)
    tingkat = models.CharField(max_length=10, default="agregat")
    urutan_terakhir = models.PositiveBigIntegerField(default=0)
    # Batches numbered below the last purge are stale (queued before the policy was lowered).
    urutan_purge = models.PositiveBigIntegerField(default=0)
    periode_terakhir = models.CharField(max_length=10, blank=True)
    terakhir_diterima = models.DateTimeField(null=True, blank=True)
    ringkasan_desa = models.JSONField(default=dict, blank=True)
    ringkasan_hub = models.JSONField(default=dict, blank=True)
    cocok = models.BooleanField(default=True)

    class Meta:
        verbose_name = "status dataset"
        verbose_name_plural = "status dataset"
        constraints = [
            models.UniqueConstraint(fields=["desa", "dataset"], name="hub_status_dataset_unik")
        ]
        indexes = [models.Index(fields=["dataset", "cocok"], name="hub_status_cocok_idx")]

    def __str__(self) -> str:
        return f"{self.desa.kode} {self.dataset}"


class DataPeriode(models.Model):
    """The applied content of one dataset for one period (its sequence and hash), plus the
    small datasets' content itself (identity, officials' aggregate)."""

    desa = models.ForeignKey(DesaHub, on_delete=models.CASCADE, related_name="data_periode")
    dataset = models.CharField(max_length=40)
    periode = models.CharField(max_length=10, blank=True)
    urutan = models.PositiveBigIntegerField()
    batch = models.UUIDField()
    sha = models.CharField(max_length=64)
    isi = models.JSONField(default=dict, blank=True)
    terkini = models.BooleanField(default=True)
    diterima = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "data per periode"
        verbose_name_plural = "data per periode"
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "dataset", "periode"], name="hub_data_periode_unik"
            )
        ]
        indexes = [models.Index(fields=["dataset", "terkini"], name="hub_data_periode_idx")]

    def __str__(self) -> str:
        return f"{self.desa_id} {self.dataset} {self.periode}"


class Angka(models.Model):
    """One village-level count of an aggregate dataset for one period (the per-dusun detail
    of the newest snapshot is kept compactly in DataPeriode.isi["dusun"])."""

    desa = models.ForeignKey(DesaHub, on_delete=models.CASCADE, related_name="+")
    dataset = models.CharField(max_length=40)
    periode = models.CharField(max_length=10)
    kategori = models.CharField(max_length=40)
    kunci = models.CharField(max_length=60)
    label = models.CharField(max_length=200)
    jenis = models.CharField(max_length=10, default="data")
    jumlah = models.IntegerField(default=0)
    l = models.IntegerField(default=0)  # noqa: E741 - the official column name
    p = models.IntegerField(default=0)
    terkini = models.BooleanField(default=True)

    class Meta:
        verbose_name = "angka statistik"
        verbose_name_plural = "angka statistik"
        indexes = [
            models.Index(fields=["dataset", "kategori", "terkini"], name="hub_angka_kategori_idx"),
            models.Index(fields=["desa", "dataset", "periode"], name="hub_angka_desa_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset} {self.kategori} {self.kunci}: {self.jumlah}"


class Anggaran(models.Model):
    """APBDes of one village and year: budget and realisation per account code and bidang."""

    class Jenis(models.TextChoices):
        REKENING = "rekening", "Rekening"
        BIDANG = "bidang", "Bidang/kegiatan"

    desa = models.ForeignKey(DesaHub, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    kode = models.CharField(max_length=40)
    uraian = models.CharField(max_length=255, blank=True)
    tingkat = models.PositiveSmallIntegerField(default=1)
    anggaran = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    realisasi_semester_1 = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    realisasi = models.DecimalField(max_digits=18, decimal_places=2, default=0)

    class Meta:
        verbose_name = "anggaran desa"
        verbose_name_plural = "anggaran desa"
        indexes = [
            models.Index(fields=["tahun", "jenis", "kode"], name="hub_anggaran_kode_idx"),
            models.Index(fields=["desa", "tahun"], name="hub_anggaran_desa_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.tahun} {self.kode}"


class RekamanHub(models.Model):
    """A record the village chose to share (e.g. an official's appointment with its SK scan)."""

    desa = models.ForeignKey(DesaHub, on_delete=models.CASCADE, related_name="rekaman")
    dataset = models.CharField(max_length=40)
    kunci = models.CharField(max_length=64)
    sha = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    berkas = models.FileField(
        storage=penyimpanan_privat, upload_to="hub/berkas/", blank=True, max_length=200
    )
    berkas_sha = models.CharField(max_length=64, blank=True)
    berkas_jenis = models.CharField(max_length=60, blank=True)
    diperbarui = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "rekaman"
        verbose_name_plural = "rekaman"
        constraints = [
            models.UniqueConstraint(fields=["desa", "dataset", "kunci"], name="hub_rekaman_unik")
        ]
        indexes = [models.Index(fields=["dataset", "desa"], name="hub_rekaman_dataset_idx")]

    def __str__(self) -> str:
        return f"{self.dataset}:{self.kunci}"


class PurgeHub(models.Model):
    """A purge after a village lowered its policy, with the receipt returned to it."""

    uuid = models.UUIDField(unique=True)
    desa = models.ForeignKey(DesaHub, on_delete=models.CASCADE, related_name="+")
    dataset = models.CharField(max_length=40)
    tingkat_baru = models.CharField(max_length=10)
    dihapus = models.JSONField(default=dict)
    tanda_terima = models.JSONField(default=dict)
    waktu = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "penghapusan data"
        verbose_name_plural = "penghapusan data"
        ordering = ["-waktu"]

    # --- people and access ------------------------------------------------------------------------

    def __str__(self) -> str:
        return f"Purge {self.dataset} → {self.tingkat_baru}"


class PenggunaHub(models.Model):
    """A hub staff user's scope: a kabupaten (4 digits) or a kecamatan (6 digits). Every hub
    query and export is filtered by it; a user without one sees nothing."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="akun staf",
        on_delete=models.CASCADE,
        related_name="pengguna_hub",
    )
    lingkup = models.CharField(
        "kode wilayah lingkup",
        max_length=6,
        help_text="4 digit kode kabupaten (mis. 3201) atau 6 digit kode kecamatan (mis. 320101).",
    )
    nama_lingkup = models.CharField("nama wilayah", max_length=100, blank=True)

    class Meta:
        verbose_name = "pengguna hub"
        verbose_name_plural = "pengguna hub"
        constraints = [
            models.CheckConstraint(
                condition=Q(lingkup__regex=r"^([0-9]{2}|[0-9]{4}|[0-9]{6})$"),
                name="pengguna_hub_lingkup_sah",
                violation_error_message="Lingkup harus 2, 4 atau 6 digit kode wilayah.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.lingkup})"


class AksesRekaman(models.Model):
    """Every view or export of officials' records at the hub (who, when, which village)."""

    class Jenis(models.TextChoices):
        PERANGKAT_DAFTAR = "perangkat_daftar", "Daftar perangkat semua desa dilihat"
        PERANGKAT_DESA = "perangkat_desa", "Perangkat satu desa dilihat"
        PERANGKAT_EKSPOR = "perangkat_ekspor", "Data perangkat diekspor"
        PERANGKAT_SK = "perangkat_sk", "SK perangkat diunduh"

    waktu = models.DateTimeField("waktu", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="akun staf",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    pelaku = models.CharField("pelaku", max_length=150)
    ip = models.GenericIPAddressField("alamat IP", null=True, blank=True)
    desa = models.ForeignKey(
        DesaHub, verbose_name="desa", on_delete=models.SET_NULL, null=True, blank=True
    )
    jenis = models.CharField("jenis akses", max_length=40, choices=Jenis.choices)
    keterangan = models.CharField("keterangan", max_length=255, blank=True)

    class Meta:
        verbose_name = "akses rekaman"
        verbose_name_plural = "log akses rekaman"
        ordering = ["-waktu", "-pk"]

    # --- conversation -------------------------------------------------------------------------------

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.pelaku} {self.jenis}"


class PengumumanHub(models.Model):
    """A notice to one village or to every village in the sender's scope."""

    judul = models.CharField("judul", max_length=200)
    isi = models.TextField("isi")
    lingkup = models.CharField("untuk wilayah", max_length=6)
    desa = models.ForeignKey(
        DesaHub,
        verbose_name="untuk desa",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    lampiran = models.FileField(
        "lampiran",
        storage=penyimpanan_privat,
        upload_to="hub/pengumuman/%Y/",
        blank=True,
        max_length=200,
    )
    lampiran_nama = models.CharField(max_length=150, blank=True)
    lampiran_jenis = models.CharField(max_length=60, blank=True)
    lampiran_sha = models.CharField(max_length=64, blank=True)
    dibuat = models.DateTimeField("dibuat", default=timezone.now)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    pengirim = models.CharField("pengirim", max_length=150)

    class Meta:
        verbose_name = "pengumuman"
        verbose_name_plural = "pengumuman"
        ordering = ["-dibuat", "-pk"]

    def __str__(self) -> str:
        return self.judul


class PengumumanDibaca(models.Model):
    pengumuman = models.ForeignKey(PengumumanHub, on_delete=models.CASCADE, related_name="dibaca")
    desa = models.ForeignKey(DesaHub, on_delete=models.CASCADE, related_name="+")
    dibaca_oleh = models.CharField(max_length=150)
    dibaca_pada = models.DateTimeField()
    diterima = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "tanda pengumuman dibaca"
        verbose_name_plural = "tanda pengumuman dibaca"
        constraints = [
            models.UniqueConstraint(
                fields=["pengumuman", "desa"], name="hub_pengumuman_dibaca_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pengumuman_id} dibaca {self.desa_id}"


class Tiket(models.Model):
    """A village's request for assistance or problem report, answered by hub staff."""

    class Kategori(models.TextChoices):
        BANTUAN = "bantuan", "Permohonan bantuan/pendampingan"
        MASALAH = "masalah", "Laporan masalah"
        LAINNYA = "lainnya", "Lainnya"

    class Status(models.TextChoices):
        DITERIMA = "diterima", "Diterima"
        DIPROSES = "diproses", "Diproses"
        SELESAI = "selesai", "Selesai"

    uuid = models.UUIDField(unique=True)
    desa = models.ForeignKey(DesaHub, on_delete=models.CASCADE, related_name="tiket")
    kategori = models.CharField("kategori", max_length=10, choices=Kategori.choices)
    judul = models.CharField("judul", max_length=200)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.DITERIMA
    )
    dibuat = models.DateTimeField("dibuat", default=timezone.now)
    diperbarui = models.DateTimeField("diperbarui", default=timezone.now)

    class Meta:
        verbose_name = "laporan desa"
        verbose_name_plural = "laporan desa"
        ordering = ["-diperbarui", "-pk"]
        indexes = [models.Index(fields=["status", "-diperbarui"], name="hub_tiket_status_idx")]

    def __str__(self) -> str:
        return self.judul


class PesanTiket(models.Model):
    class Dari(models.TextChoices):
        DESA = "desa", "Desa"
        HUB = "hub", "Hub"

    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    tiket = models.ForeignKey(Tiket, on_delete=models.CASCADE, related_name="pesan")
    dari = models.CharField(max_length=5, choices=Dari.choices)
    nama = models.CharField(max_length=150)
    isi = models.TextField(blank=True)
    status_baru = models.CharField(max_length=10, blank=True)
    lampiran = models.FileField(
        storage=penyimpanan_privat, upload_to="hub/tiket/%Y/", blank=True, max_length=200
    )
    lampiran_nama = models.CharField(max_length=150, blank=True)
    lampiran_jenis = models.CharField(max_length=60, blank=True)
    waktu = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "pesan laporan"
        verbose_name_plural = "pesan laporan"
        ordering = ["waktu", "pk"]
        indexes = [models.Index(fields=["dari", "id"], name="hub_pesan_tiket_dari_idx")]

    def __str__(self) -> str:
        return f"{self.nama}: {self.isi[:40]}"


class TopikForum(models.Model):
    """A discussion thread on the hub's board, visible within its area (`lingkup`)."""

    judul = models.CharField("judul", max_length=200)
    lingkup = models.CharField("wilayah", max_length=6)
    desa = models.ForeignKey(
        DesaHub, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nama = models.CharField("dibuka oleh", max_length=150)
    dibuat = models.DateTimeField(default=timezone.now)
    diperbarui = models.DateTimeField(default=timezone.now, db_index=True)
    jumlah_balasan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "topik forum"
        verbose_name_plural = "forum"
        ordering = ["-diperbarui", "-pk"]

    def __str__(self) -> str:
        return self.judul


class BalasanForum(models.Model):
    topik = models.ForeignKey(TopikForum, on_delete=models.CASCADE, related_name="balasan")
    desa = models.ForeignKey(
        DesaHub, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nama = models.CharField(max_length=150)
    isi = models.TextField()
    waktu = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.nama}: {self.isi[:40]}"
