"""Supporting documents of residents (KK, KTP, birth/death certificates, moving letters …).

One concept whoever uploads it: the village's digital archive of a resident's papers. The kinds
are a list the village extends (`JenisDokumen`); the files live in private storage and are
streamed only by views that check permission (staff) or ownership (the resident's portal).
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from penduduk.models.penduduk import Penduduk
from penduduk.models.peristiwa import Peristiwa
from sid.lib.berkas import penyimpanan_privat

JENIS_BERKAS = ("pdf", "jpg", "png")


class JenisDokumen(models.Model):
    """A kind of document (KK, KTP, Akta Kelahiran …): a list the village edits."""

    nama = models.CharField("nama", max_length=60)
    untuk_keluarga = models.BooleanField(
        "dokumen keluarga",
        default=False,
        help_text="Dokumen milik seluruh keluarga (mis. KK): tampil di halaman keluarga dan "
        "dapat dilihat semua anggotanya di Layanan Mandiri.",
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=100)
    aktif = models.BooleanField(
        "aktif", default=True, help_text="Jenis yang tidak aktif tidak ditawarkan saat unggah."
    )

    class Meta:
        verbose_name = "jenis dokumen"
        verbose_name_plural = "jenis dokumen"
        ordering = ["urutan", "nama"]
        constraints = [
            models.UniqueConstraint(
                Lower("nama"),
                name="jenis_dokumen_nama_unik",
                violation_error_message="Jenis dokumen dengan nama ini sudah ada.",
            ),
            models.CheckConstraint(
                condition=~Q(nama=""),
                name="jenis_dokumen_nama_terisi",
                violation_error_message="Nama jenis dokumen wajib diisi.",
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class DokumenQuerySet(models.QuerySet):
    def milik_warga(self, penduduk):
        """What a resident may see in the portal: their own documents and their family's."""
        q = Q(penduduk=penduduk)
        if penduduk.keluarga_id:
            q |= Q(keluarga_id=penduduk.keluarga_id)
        return self.filter(q)

    def untuk_keluarga(self, keluarga, anggota_ids):
        """A family page's documents: the family's own and those of its current members
        (`anggota_ids`: every resident of the family; the page holds them, so no join)."""
        return self.filter(Q(keluarga=keluarga) | Q(penduduk_id__in=anggota_ids))


def _jalur_dokumen(instance, filename: str) -> str:
    """Stored under a random name, never the uploaded one."""
    ekstensi = os.path.splitext(filename)[1].lower() or ".bin"
    return f"penduduk/dokumen/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ekstensi}"


class DokumenPenduduk(models.Model):
    """A scanned document kept for a resident (and, for a family document, their family)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    penduduk = models.ForeignKey(
        Penduduk, verbose_name="penduduk", on_delete=models.PROTECT, related_name="dokumen"
    )
    keluarga = models.ForeignKey(
        "keluarga.Keluarga",
        verbose_name="keluarga",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dokumen",
        help_text="Diisi untuk dokumen keluarga (mis. KK): keluarga penduduk saat diunggah.",
    )
    peristiwa = models.ForeignKey(
        Peristiwa,
        verbose_name="peristiwa",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dokumen",
    )
    jenis = models.ForeignKey(
        JenisDokumen, verbose_name="jenis dokumen", on_delete=models.PROTECT, related_name="+"
    )
    nomor = models.CharField("nomor dokumen", max_length=60, blank=True)
    tanggal = models.DateField("tanggal dokumen", null=True, blank=True)
    keterangan = models.CharField("keterangan", max_length=200, blank=True)
    berkas = models.FileField(
        "berkas", storage=penyimpanan_privat, upload_to=_jalur_dokumen, max_length=200
    )
    jenis_berkas = models.CharField("jenis berkas", max_length=4)  # pdf / jpg / png
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    nama_berkas = models.CharField("nama berkas asal", max_length=150, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diunggah oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dibuat = models.DateTimeField("diunggah", default=timezone.now)

    objects = DokumenQuerySet.as_manager()

    class Meta:
        verbose_name = "dokumen penduduk"
        verbose_name_plural = "dokumen penduduk"
        ordering = ["-dibuat", "-id"]
        indexes = [
            models.Index(fields=["penduduk", "-dibuat"], name="dokumen_penduduk_idx"),
            models.Index(fields=["keluarga", "-dibuat"], name="dokumen_keluarga_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis_berkas__in=JENIS_BERKAS),
                name="dokumen_jenis_berkas_sah",
                violation_error_message="Berkas dokumen harus PDF, JPG atau PNG.",
            ),
            models.CheckConstraint(
                condition=Q(ukuran__gt=0),
                name="dokumen_berkas_tidak_kosong",
                violation_error_message="Berkas dokumen kosong.",
            ),
            models.CheckConstraint(
                condition=~Q(berkas=""),
                name="dokumen_berkas_terisi",
                violation_error_message="Dokumen harus memiliki berkas.",
            ),
        ]

    def __str__(self) -> str:
        nomor = f" {self.nomor}" if self.nomor else ""
        return f"{self.jenis}{nomor}"

    @property
    def gambar(self) -> bool:
        return self.jenis_berkas in ("jpg", "png")

    @property
    def nama_unduhan(self) -> str:
        """The file name offered on download: kind and number, never the stored name."""
        dasar = f"{self.jenis.nama}-{self.nomor}" if self.nomor else self.jenis.nama
        aman = "".join(c if c.isalnum() else "-" for c in dasar).strip("-")[:60] or "dokumen"
        return f"{aman}.{self.jenis_berkas}"
