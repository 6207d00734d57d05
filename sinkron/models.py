"""The village side of reporting upward: the hubs this village is enrolled at, what it shares
with each (per dataset), the outbox of signed batches, and what comes back (notices, answers).
See docs/sinkron.md."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from sid.lib.berkas import penyimpanan_privat
from sid.models import Jejak


class Tingkat(models.TextChoices):
    """What a hub may receive of one dataset (the village's policy)."""

    MATI = "mati", "Tidak dikirim"
    AGREGAT = "agregat", "Angka agregat saja"
    REKAMAN = "rekaman", "Rekaman rinci (data minimal)"


URUTAN_TINGKAT = {Tingkat.MATI: 0, Tingkat.AGREGAT: 1, Tingkat.REKAMAN: 2}


class Hub(models.Model):
    """A kecamatan or kabupaten hub this village is enrolled at, with its credential."""

    class Status(models.TextChoices):
        AKTIF = "aktif", "Terdaftar"
        DICABUT = "dicabut", "Kredensial dicabut oleh hub"
        KELUAR = "keluar", "Sudah keluar dari hub"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nama = models.CharField("nama hub", max_length=150)
    url = models.URLField("alamat hub", max_length=300, help_text="Mis. https://sid.bogorkab.go.id")
    kode_desa = models.CharField("kode desa terdaftar", max_length=10)
    kredensial = models.UUIDField("ID kredensial", null=True, blank=True, editable=False)
    # Ed25519 key pair (base64 of raw bytes). The private key never leaves this server.
    kunci_privat = models.TextField(editable=False)
    kunci_publik = models.TextField("kunci publik desa", editable=False)
    kunci_publik_hub = models.TextField("kunci publik hub", blank=True, editable=False)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.AKTIF, editable=False
    )
    didaftarkan = models.DateTimeField("didaftarkan", default=timezone.now, editable=False)
    didaftarkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="didaftarkan oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    kunci_dirotasi = models.DateTimeField("kunci terakhir dirotasi", null=True, blank=True)
    # Cursors of what the village has pulled from the hub (hub ids only grow).
    kursor_pengumuman = models.PositiveBigIntegerField(default=0, editable=False)
    kursor_tiket = models.PositiveBigIntegerField(default=0, editable=False)
    terakhir_kontak = models.DateTimeField("terakhir terhubung", null=True, blank=True)
    terakhir_tarik = models.DateTimeField("terakhir mengambil pesan", null=True, blank=True)
    # Hub-level backoff: after a network failure nothing is sent before `coba_lagi_pada`.
    gagal_berturut = models.PositiveIntegerField("gagal berturut-turut", default=0)
    coba_lagi_pada = models.DateTimeField("coba lagi pada", null=True, blank=True)
    galat = models.TextField("galat terakhir", blank=True)
    # A lease, so two sending tasks never push the same hub at once.
    sedang_dikirim_sampai = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "hub"
        verbose_name_plural = "sinkron ke hub"
        ordering = ["nama", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=Q(status="aktif"),
                name="sinkron_hub_url_aktif_unik",
                violation_error_message="Desa sudah terdaftar di hub dengan alamat ini.",
            )
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def aktif(self) -> bool:
        return self.status == self.Status.AKTIF


class DatasetHub(models.Model):
    """One dataset as shared with one hub: the policy, the sequence counter and the last
    receipt (what the sync page shows)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="dataset")
    dataset = models.CharField("dataset", max_length=40)
    tingkat = models.CharField(
        "yang dikirim", max_length=10, choices=Tingkat.choices, default=Tingkat.AGREGAT
    )
    urutan = models.PositiveBigIntegerField("nomor urut terakhir", default=0)
    perlu_penuh = models.BooleanField(
        "perlu kiriman lengkap",
        default=True,
        help_text="Kiriman berikutnya memuat seluruh data (bukan hanya perubahan).",
    )
    terakhir_dibangun = models.DateTimeField("terakhir disiapkan", null=True, blank=True)
    terakhir_berhasil = models.DateTimeField("terakhir berhasil", null=True, blank=True)
    tanda_terima = models.JSONField("tanda terima terakhir", default=dict, blank=True)
    tanda_terima_purge = models.JSONField("tanda terima penghapusan", default=dict, blank=True)
    cocok = models.BooleanField("angka hub cocok", null=True, blank=True)
    galat = models.TextField("galat", blank=True)
    # {periode: [sha256 of the content, ISO time sent]}: unchanged content is not resent daily.
    sha_periode = models.JSONField(default=dict, blank=True, editable=False)
    diubah = models.DateTimeField("kebijakan diubah", null=True, blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = "dataset hub"
        verbose_name_plural = "dataset hub"
        constraints = [
            models.UniqueConstraint(fields=["hub", "dataset"], name="sinkron_dataset_hub_unik")
        ]

    def __str__(self) -> str:
        return f"{self.hub} · {self.dataset}"


class Kiriman(models.Model):
    """The outbox: one signed request to a hub, frozen when built and retried as it is (same
    batch UUID, same body) until the hub gives a final answer."""

    class Jenis(models.TextChoices):
        BATCH = "batch", "Batch data"
        PURGE = "purge", "Permintaan hapus (kebijakan diturunkan)"
        BACA = "baca", "Tanda pengumuman dibaca"
        TIKET = "tiket", "Laporan/permohonan baru"
        PESAN = "pesan", "Balasan laporan"

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu dikirim"
        SELESAI = "selesai", "Diterima hub"
        DITOLAK = "ditolak", "Ditolak hub"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    uuid = models.UUIDField("UUID", default=uuid.uuid4, unique=True, editable=False)
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="kiriman")
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    dataset = models.CharField("dataset", max_length=40, blank=True)
    periode = models.CharField("periode", max_length=10, blank=True)
    urutan = models.PositiveBigIntegerField("nomor urut", null=True, blank=True)
    tingkat = models.CharField("tingkat", max_length=10, blank=True)
    penuh = models.BooleanField("kiriman lengkap", default=False)
    path = models.CharField("alamat API", max_length=200)
    isi = models.JSONField("isi permintaan", default=dict)
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.MENUNGGU
    )
    percobaan = models.PositiveIntegerField("percobaan", default=0)
    galat = models.TextField("galat", blank=True)
    tanda_terima = models.JSONField("tanda terima", default=dict, blank=True)
    dibuat = models.DateTimeField("dibuat", default=timezone.now)
    terakhir_dicoba = models.DateTimeField("terakhir dicoba", null=True, blank=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        verbose_name = "kiriman"
        verbose_name_plural = "kotak keluar sinkron"
        ordering = ["dibuat", "pk"]
        indexes = [
            models.Index(fields=["hub", "status", "dibuat"], name="sinkron_kiriman_antre_idx"),
            models.Index(fields=["hub", "dataset", "-dibuat"], name="sinkron_kiriman_dataset_idx"),
        ]

    def __str__(self) -> str:
        bagian = [self.get_jenis_display(), self.dataset, self.periode]
        return " · ".join(b for b in bagian if b)


class RekamanTerkirim(models.Model):
    """What a hub holds of a records dataset, as acknowledged by its receipts: the base the
    next delta (changes and tombstones) is computed from."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="+")
    dataset = models.CharField(max_length=40)
    kunci = models.CharField(max_length=64)
    sha = models.CharField(max_length=64)
    berkas_sha = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = "rekaman terkirim"
        verbose_name_plural = "rekaman terkirim"
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "dataset", "kunci"], name="sinkron_rekaman_terkirim_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dataset}:{self.kunci}"


class PengumumanDesa(models.Model):
    """A notice or instruction from a hub, pulled by cursor."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="pengumuman")
    id_hub = models.PositiveBigIntegerField("ID di hub")
    judul = models.CharField("judul", max_length=200)
    isi = models.TextField("isi")
    pengirim = models.CharField("pengirim", max_length=150, blank=True)
    dikirim_pada = models.DateTimeField("dikirim pada")
    lampiran = models.FileField(
        "lampiran",
        storage=penyimpanan_privat,
        upload_to="sinkron/pengumuman/%Y/",
        blank=True,
        max_length=200,
    )
    lampiran_nama = models.CharField("nama lampiran", max_length=150, blank=True)
    lampiran_jenis = models.CharField(max_length=60, blank=True)
    lampiran_sha = models.CharField(max_length=64, blank=True)
    diterima = models.DateTimeField("diterima", default=timezone.now)
    dibaca_pada = models.DateTimeField("dibaca pada", null=True, blank=True)
    dibaca_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibaca oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "pengumuman hub"
        verbose_name_plural = "pengumuman dari hub"
        ordering = ["-dikirim_pada", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "id_hub"], name="sinkron_pengumuman_unik")
        ]
        indexes = [models.Index(fields=["dibaca_pada"], name="sinkron_pengumuman_baca_idx")]

    def __str__(self) -> str:
        return self.judul


class TiketDesa(Jejak):
    """A request for assistance or a problem report the village sent to a hub, with its thread."""

    class Kategori(models.TextChoices):
        BANTUAN = "bantuan", "Permohonan bantuan/pendampingan"
        MASALAH = "masalah", "Laporan masalah"
        LAINNYA = "lainnya", "Lainnya"

    class Status(models.TextChoices):
        TERKIRIM = "terkirim", "Belum sampai di hub"
        DITERIMA = "diterima", "Diterima"
        DIPROSES = "diproses", "Diproses"
        SELESAI = "selesai", "Selesai"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hub = models.ForeignKey(Hub, verbose_name="hub", on_delete=models.PROTECT, related_name="tiket")
    kategori = models.CharField("kategori", max_length=10, choices=Kategori.choices)
    judul = models.CharField("judul", max_length=200)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.TERKIRIM, editable=False
    )
    ada_balasan = models.BooleanField("ada balasan baru", default=False, editable=False)
    # The thread's last message: set when one is sent or received, not by any save (so not
    # `Jejak`'s auto_now).
    diperbarui = models.DateTimeField("diperbarui", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "laporan ke hub"
        verbose_name_plural = "laporan & permohonan ke hub"
        ordering = ["-diperbarui", "-pk"]
        indexes = [models.Index(fields=["ada_balasan"], name="sinkron_tiket_balasan_idx")]

    def __str__(self) -> str:
        return self.judul


class PesanTiketDesa(models.Model):
    class Dari(models.TextChoices):
        DESA = "desa", "Desa"
        HUB = "hub", "Hub"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tiket = models.ForeignKey(TiketDesa, on_delete=models.CASCADE, related_name="pesan")
    dari = models.CharField("dari", max_length=5, choices=Dari.choices)
    nama = models.CharField("nama pengirim", max_length=150)
    isi = models.TextField("isi")
    status_baru = models.CharField("status baru", max_length=10, blank=True)
    lampiran = models.FileField(
        "lampiran",
        storage=penyimpanan_privat,
        upload_to="sinkron/tiket/%Y/",
        blank=True,
        max_length=200,
    )
    lampiran_nama = models.CharField("nama lampiran", max_length=150, blank=True)
    lampiran_jenis = models.CharField(max_length=60, blank=True)
    waktu = models.DateTimeField("waktu", default=timezone.now)

    class Meta:
        verbose_name = "pesan laporan"
        verbose_name_plural = "pesan laporan"
        ordering = ["waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.nama}: {self.isi[:40]}"
