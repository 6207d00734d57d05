"""Village officials (perangkat desa): posts, the people, and their appointments by decree (SK).

An official's time in a post is a `Pengangkatan` row: from the TMT (terhitung mulai tanggal)
until `tanggal_berhenti`, the first day no longer in office (half-open interval), so one holder
may end on the day the next one starts. History is never overwritten: a dismissal closes the
row, a new post is a new row. See docs/perangkat.md.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from sid import kode
from sid.lib.berkas import penyimpanan_privat
from sid.lib.format import tanggal_indonesia

validasi_nik = RegexValidator(r"^\d{16}$", "NIK harus tepat 16 digit angka.")
validasi_nip = RegexValidator(r"^\d{18}$", "NIP harus tepat 18 digit angka.")


class Jabatan(models.Model):
    """A post in the village government (editable list, seeded by a data migration)."""

    nama = models.CharField("nama jabatan", max_length=100, unique=True)
    urutan = models.PositiveSmallIntegerField(
        "urutan", default=0, help_text="Urutan tampil di buku aparat, laporan dan website."
    )
    kepala_desa = models.BooleanField(
        "jabatan kepala desa",
        default=False,
        help_text="Pemegang jabatan ini menandatangani surat sebagai Kepala Desa.",
    )
    sekretaris = models.BooleanField(
        "jabatan sekretaris desa",
        default=False,
        help_text="Hanya pemegang jabatan ini yang dapat menandatangani a.n. Kepala Desa.",
    )
    tunggal = models.BooleanField(
        "satu pemegang",
        default=True,
        help_text="Hanya satu pejabat definitif pada satu waktu (mis. Sekretaris Desa). "
        "Matikan untuk jabatan berpemegang banyak (Kepala Dusun, Staf).",
    )
    per_dusun = models.BooleanField(
        "satu per dusun",
        default=False,
        help_text="Satu pejabat definitif per dusun (Kepala Dusun); pengangkatan memilih dusunnya.",
    )
    aktif = models.BooleanField(
        "dipakai", default=True, help_text="Jabatan yang tidak dipakai lagi tidak bisa dipilih."
    )

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["urutan", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["kepala_desa"],
                condition=Q(kepala_desa=True),
                name="jabatan_satu_kepala_desa",
                violation_error_message="Sudah ada jabatan yang ditandai sebagai Kepala Desa.",
            ),
            models.UniqueConstraint(
                fields=["sekretaris"],
                condition=Q(sekretaris=True),
                name="jabatan_satu_sekretaris",
                violation_error_message="Sudah ada jabatan yang ditandai sebagai Sekretaris Desa.",
            ),
            models.CheckConstraint(
                condition=Q(kepala_desa=False, sekretaris=False) | Q(tunggal=True),
                name="jabatan_kades_sekdes_tunggal",
                violation_error_message="Jabatan Kepala Desa dan Sekretaris Desa hanya berpemegang satu.",
            ),
            models.CheckConstraint(
                condition=~Q(kepala_desa=True, sekretaris=True),
                name="jabatan_kades_bukan_sekdes",
                violation_error_message="Satu jabatan tidak bisa sekaligus Kepala Desa dan Sekretaris Desa.",
            ),
            models.CheckConstraint(
                condition=~Q(tunggal=True, per_dusun=True),
                name="jabatan_tunggal_atau_per_dusun",
                violation_error_message="Pilih salah satu: satu pemegang, atau satu per dusun.",
            ),
        ]

    def __str__(self) -> str:
        return self.nama


@dataclass(frozen=True)
class Identitas:
    """Who an official is: from the population register when linked, else the official's row."""

    nama: str
    nik: str
    jenis_kelamin: int | None
    tempat_lahir: str
    tanggal_lahir: datetime.date | None
    agama: int | None
    pendidikan: int | None

    @property
    def jenis_kelamin_label(self) -> str:
        return kode.JenisKelamin(self.jenis_kelamin).label if self.jenis_kelamin else ""

    @property
    def jk_singkat(self) -> str:
        return {kode.JenisKelamin.LAKI_LAKI: "L", kode.JenisKelamin.PEREMPUAN: "P"}.get(
            self.jenis_kelamin, ""
        )

    @property
    def agama_label(self) -> str:
        return kode.Agama(self.agama).label if self.agama else ""

    @property
    def pendidikan_label(self) -> str:
        return kode.PendidikanKK(self.pendidikan).label if self.pendidikan else ""

    @property
    def tempat_tanggal_lahir(self) -> str:

        if not self.tempat_lahir and not self.tanggal_lahir:
            return ""
        tanggal = tanggal_indonesia(self.tanggal_lahir) if self.tanggal_lahir else ""
        return ", ".join(b for b in (self.tempat_lahir, tanggal) if b)


class PerangkatQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(aktif=True)

    def cari(self, teks: str):
        """Name fragment (own or the register's), or NIP/NIPD/NIK prefix."""
        teks = (teks or "").strip()
        if not teks:
            return self
        if teks.replace(" ", "").isdigit():
            angka = teks.replace(" ", "")
            return self.filter(
                Q(nip__startswith=angka) | Q(nipd__startswith=angka) | Q(nik__startswith=angka)
            )
        return self.filter(
            Q(nama__icontains=teks) | Q(penduduk__nama__icontains=teks) | Q(nipd__icontains=teks)
        )


class Perangkat(models.Model):
    """An official (the person). Posts are held through `Pengangkatan` rows."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    penduduk = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name="penduduk (register)",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Bila perangkat adalah penduduk desa, pilih datanya: identitas diambil dari "
        "register penduduk.",
    )
    # Own identity: required when not linked; a copy of the register's when linked (kept so
    # the officials' books still read right if the resident record is ever removed).
    nama = models.CharField("nama lengkap (tanpa gelar)", max_length=100, blank=True)
    nik = models.CharField("NIK", max_length=16, blank=True, validators=[validasi_nik])
    jenis_kelamin = models.PositiveSmallIntegerField(
        "jenis kelamin", choices=kode.JenisKelamin.choices, null=True, blank=True
    )
    tempat_lahir = models.CharField("tempat lahir", max_length=100, blank=True)
    tanggal_lahir = models.DateField("tanggal lahir", null=True, blank=True)
    agama = models.PositiveSmallIntegerField(
        "agama", choices=kode.Agama.choices, null=True, blank=True
    )
    pendidikan = models.PositiveSmallIntegerField(
        "pendidikan terakhir", choices=kode.PendidikanKK.choices, null=True, blank=True
    )
    gelar_depan = models.CharField(
        "gelar depan", max_length=30, blank=True, help_text="Mis. Drs., H., Ir."
    )
    gelar_belakang = models.CharField(
        "gelar belakang", max_length=50, blank=True, help_text="Mis. S.Sos., S.E., M.Si."
    )
    nip = models.CharField(
        "NIP",
        max_length=18,
        blank=True,
        validators=[validasi_nip],
        help_text="Nomor Induk Pegawai (hanya untuk PNS), 18 digit.",
    )
    nipd = models.CharField(
        "NIPD",
        max_length=30,
        blank=True,
        help_text="Nomor induk perangkat desa (sebutannya diatur di Identitas Desa).",
    )
    pangkat_golongan = models.CharField("pangkat/golongan", max_length=60, blank=True)
    foto = models.ImageField(
        "foto",
        upload_to="perangkat/foto/",
        blank=True,
        help_text="Tampil di website desa. JPG/PNG, maksimal 5 MB; metadata (lokasi) dibuang.",
    )
    telepon = models.CharField("telepon", max_length=20, blank=True)
    aktif = models.BooleanField(
        "aktif",
        default=True,
        help_text="Tampil di website dan daftar pilihan. Buku aparat dan penandatangan surat "
        "mengikuti SK, bukan tanda ini.",
    )
    urutan = models.PositiveSmallIntegerField(
        "urutan tampil", default=0, help_text="Urutan di antara pemegang jabatan yang sama."
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    objects = PerangkatQuerySet.as_manager()

    class Meta:
        verbose_name = "perangkat desa"
        verbose_name_plural = "perangkat desa"
        ordering = ["urutan", "nama", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(nama=""),
                name="perangkat_bernama",
                violation_error_message="Isi nama, atau pilih penduduk dari register.",
            ),
            models.UniqueConstraint(
                fields=["penduduk"],
                name="perangkat_satu_per_penduduk",
                violation_error_message="Penduduk ini sudah terdaftar sebagai perangkat desa.",
            ),
            models.UniqueConstraint(
                fields=["nik"],
                condition=~Q(nik=""),
                name="perangkat_nik_unik",
                violation_error_message="NIK ini sudah dipakai perangkat desa lain.",
            ),
            models.UniqueConstraint(
                fields=["nip"],
                condition=~Q(nip=""),
                name="perangkat_nip_unik",
                violation_error_message="NIP ini sudah dipakai perangkat desa lain.",
            ),
            models.UniqueConstraint(
                fields=["nipd"],
                condition=~Q(nipd=""),
                name="perangkat_nipd_unik",
                violation_error_message="NIPD ini sudah dipakai perangkat desa lain.",
            ),
            models.CheckConstraint(
                condition=Q(nik="") | Q(nik__regex=r"^[0-9]{16}$"),
                name="perangkat_nik_16_digit",
                violation_error_message="NIK harus tepat 16 digit angka.",
            ),
            models.CheckConstraint(
                condition=Q(nip="") | Q(nip__regex=r"^[0-9]{18}$"),
                name="perangkat_nip_18_digit",
                violation_error_message="NIP harus tepat 18 digit angka.",
            ),
        ]

    def __str__(self) -> str:
        return self.nama_bergelar

    def get_absolute_url(self) -> str:
        return reverse("admin:perangkat_perangkat_change", args=[self.pk])

    @cached_property
    def identitas(self) -> Identitas:
        p = self.penduduk if self.penduduk_id else None
        if p is not None:
            return Identitas(
                nama=p.nama,
                nik=p.nik,
                jenis_kelamin=p.jenis_kelamin,
                tempat_lahir=p.tempat_lahir,
                tanggal_lahir=p.tanggal_lahir,
                agama=p.agama,
                pendidikan=p.pendidikan_kk,
            )
        return Identitas(
            nama=self.nama,
            nik=self.nik,
            jenis_kelamin=self.jenis_kelamin,
            tempat_lahir=self.tempat_lahir,
            tanggal_lahir=self.tanggal_lahir,
            agama=self.agama,
            pendidikan=self.pendidikan,
        )

    @property
    def nama_bergelar(self) -> str:
        """'Drs. Ahmad Fauzi, M.Si.' — the name as it is printed on letters and the website."""
        nama = self.identitas.nama if self.penduduk_id else self.nama
        depan = f"{self.gelar_depan} " if self.gelar_depan else ""
        belakang = f", {self.gelar_belakang}" if self.gelar_belakang else ""
        return f"{depan}{nama}{belakang}"


class JenisPengangkatan(models.TextChoices):
    DEFINITIF = "definitif", "Definitif"
    PLT = "plt", "Pelaksana Tugas (Plt.)"
    PJ = "pj", "Penjabat (Pj.)"


AWALAN_JENIS = {JenisPengangkatan.PLT: "Plt. ", JenisPengangkatan.PJ: "Pj. "}


class StatusVerifikasi(models.TextChoices):
    BELUM = "belum", "Belum diperiksa"
    PERLU_PERBAIKAN = "perlu_perbaikan", "Perlu perbaikan"
    TERVERIFIKASI = "terverifikasi", "Terverifikasi"


class PengangkatanQuerySet(models.QuerySet):
    def menjabat(self, tanggal: datetime.date | None = None):
        """Appointments in force on `tanggal`: TMT on or before it, not yet ended."""
        tanggal = tanggal or timezone.localdate()
        return self.filter(tmt__lte=tanggal).filter(
            Q(tanggal_berhenti__isnull=True) | Q(tanggal_berhenti__gt=tanggal)
        )

    def terbuka(self):
        """No dismissal recorded yet."""
        return self.filter(tanggal_berhenti__isnull=True)

    def belum_terverifikasi(self):
        return self.exclude(status_verifikasi=StatusVerifikasi.TERVERIFIKASI)

    def tumpang_tindih(self, tmt: datetime.date, berhenti: datetime.date | None):
        """Appointments whose period [tmt, berhenti) overlaps the given one (None = open)."""
        qs = self.filter(Q(tanggal_berhenti__isnull=True) | Q(tanggal_berhenti__gt=tmt))
        if berhenti is not None:
            qs = qs.filter(tmt__lt=berhenti)
        return qs

    def urut_jabatan(self):
        return self.order_by(
            "jabatan__urutan", "dusun__nama", "perangkat__urutan", "tmt", "perangkat__nama", "pk"
        )


class Pengangkatan(models.Model):
    """One appointment by decree (SK pengangkatan), and its dismissal when it ends."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    perangkat = models.ForeignKey(
        Perangkat,
        verbose_name="perangkat",
        on_delete=models.PROTECT,
        related_name="pengangkatan",
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name="jabatan", on_delete=models.PROTECT, related_name="pengangkatan"
    )
    # Copy of jabatan.tunggal (kept in step by the services), so the database itself can hold
    # "one open definitive holder per single-holder post" as a partial unique constraint.
    jabatan_tunggal = models.BooleanField(default=True, editable=False)
    dusun = models.ForeignKey(
        "sid.Wilayah",
        verbose_name="dusun",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"tingkat": 1},
        help_text="Untuk Kepala Dusun: dusun yang dipimpin.",
    )
    jenis = models.CharField(
        "jenis pengangkatan",
        max_length=10,
        choices=JenisPengangkatan.choices,
        default=JenisPengangkatan.DEFINITIF,
    )
    nomor_sk = models.CharField("nomor SK pengangkatan", max_length=100)
    tanggal_sk = models.DateField("tanggal SK pengangkatan")
    tmt = models.DateField(
        "TMT (terhitung mulai tanggal)", help_text="Tanggal mulai menjabat menurut SK."
    )
    rencana_selesai = models.DateField(
        "akhir masa jabatan (rencana)",
        null=True,
        blank=True,
        help_text="Bila SK menyebut akhir masa jabatan. Jabatan tetap berjalan sampai "
        "pemberhentian dicatat.",
    )
    berkas_sk = models.FileField(
        "berkas SK (pindaian)",
        storage=penyimpanan_privat,
        upload_to="perangkat/sk/%Y/",
        blank=True,
        max_length=200,
    )
    berkas_sk_jenis = models.CharField("jenis berkas SK", max_length=30, blank=True, editable=False)
    boleh_an = models.BooleanField(
        "menandatangani a.n. Kepala Desa",
        default=False,
        help_text="Hanya satu Sekretaris Desa pada satu waktu.",
    )
    boleh_ub = models.BooleanField(
        "menandatangani u.b.",
        default=False,
        help_text="Pejabat yang boleh menandatangani surat untuk beliau (u.b.).",
    )
    keterangan = models.CharField("keterangan", max_length=255, blank=True)
    # --- pemberhentian
    nomor_sk_berhenti = models.CharField("nomor SK pemberhentian", max_length=100, blank=True)
    tanggal_sk_berhenti = models.DateField("tanggal SK pemberhentian", null=True, blank=True)
    tanggal_berhenti = models.DateField(
        "berhenti terhitung mulai tanggal",
        null=True,
        blank=True,
        help_text="Hari pertama tidak lagi menjabat.",
    )
    alasan_berhenti = models.CharField("alasan berhenti", max_length=255, blank=True)
    # --- verifikasi
    status_verifikasi = models.CharField(
        "status verifikasi",
        max_length=20,
        choices=StatusVerifikasi.choices,
        default=StatusVerifikasi.BELUM,
        editable=False,
    )
    catatan_perbaikan = models.TextField("catatan pemeriksaan", blank=True, editable=False)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diverifikasi oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    diverifikasi_pada = models.DateTimeField(
        "diverifikasi pada", null=True, blank=True, editable=False
    )
    dibuat = models.DateTimeField("dicatat", default=timezone.now, editable=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    diperbarui = models.DateTimeField("diperbarui", auto_now=True)

    objects = PengangkatanQuerySet.as_manager()

    class Meta:
        verbose_name = "pengangkatan (SK)"
        verbose_name_plural = "pengangkatan (SK)"
        ordering = ["-tmt", "-id"]
        indexes = [
            models.Index(fields=["jabatan", "tmt"], name="pengangkatan_jabatan_tmt_idx"),
            models.Index(fields=["perangkat", "tmt"], name="pengangkatan_perangkat_idx"),
            models.Index(fields=["status_verifikasi"], name="pengangkatan_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["jabatan"],
                condition=Q(jenis="definitif", jabatan_tunggal=True, tanggal_berhenti__isnull=True),
                name="pengangkatan_satu_definitif_per_jabatan",
                violation_error_message="Jabatan ini masih dipegang pejabat definitif lain; "
                "catat pemberhentiannya terlebih dahulu.",
            ),
            models.UniqueConstraint(
                fields=["jabatan", "dusun"],
                condition=Q(jenis="definitif", dusun__isnull=False, tanggal_berhenti__isnull=True),
                name="pengangkatan_satu_definitif_per_dusun",
                violation_error_message="Dusun ini masih memiliki pejabat definitif pada jabatan "
                "yang sama; catat pemberhentiannya terlebih dahulu.",
            ),
            models.UniqueConstraint(
                fields=["perangkat"],
                condition=Q(jenis="definitif", tanggal_berhenti__isnull=True),
                name="pengangkatan_satu_definitif_per_orang",
                violation_error_message="Perangkat ini masih memegang jabatan definitif lain; "
                "catat pemberhentiannya terlebih dahulu.",
            ),
            models.UniqueConstraint(
                fields=["boleh_an"],
                condition=Q(boleh_an=True, tanggal_berhenti__isnull=True),
                name="pengangkatan_satu_penanda_tangan_an",
                violation_error_message="Sudah ada Sekretaris Desa yang menandatangani a.n. "
                "Kepala Desa.",
            ),
            models.CheckConstraint(
                condition=Q(tanggal_berhenti__isnull=True)
                | Q(tanggal_berhenti__gte=models.F("tmt")),
                name="pengangkatan_berhenti_setelah_tmt",
                violation_error_message="Tanggal berhenti tidak boleh sebelum TMT pengangkatan.",
            ),
            models.CheckConstraint(
                condition=Q(tanggal_sk_berhenti__isnull=True)
                | Q(tanggal_sk_berhenti__gte=models.F("tanggal_sk")),
                name="pengangkatan_sk_berhenti_setelah_sk",
                violation_error_message="Tanggal SK pemberhentian tidak boleh sebelum tanggal SK "
                "pengangkatan.",
            ),
            models.CheckConstraint(
                condition=Q(rencana_selesai__isnull=True) | Q(rencana_selesai__gt=models.F("tmt")),
                name="pengangkatan_rencana_setelah_tmt",
                violation_error_message="Akhir masa jabatan harus setelah TMT.",
            ),
            models.CheckConstraint(
                condition=Q(
                    tanggal_berhenti__isnull=True,
                    tanggal_sk_berhenti__isnull=True,
                    nomor_sk_berhenti="",
                )
                | (
                    Q(tanggal_berhenti__isnull=False, tanggal_sk_berhenti__isnull=False)
                    & ~Q(nomor_sk_berhenti="")
                ),
                name="pengangkatan_pemberhentian_lengkap",
                violation_error_message="Pemberhentian memerlukan nomor dan tanggal SK serta "
                "tanggal berhenti.",
            ),
            models.CheckConstraint(
                condition=~Q(nomor_sk=""),
                name="pengangkatan_nomor_sk_terisi",
                violation_error_message="Nomor SK pengangkatan wajib diisi.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul_jabatan} — {self.perangkat} (SK {self.nomor_sk})"

    def get_absolute_url(self) -> str:
        return reverse("admin:perangkat_pengangkatan_change", args=[self.pk])

    @property
    def judul_jabatan(self) -> str:
        """The title as signed: 'Plt. Kepala Desa', 'Kepala Dusun KRAJAN'."""
        judul = f"{AWALAN_JENIS.get(self.jenis, '')}{self.jabatan.nama}"
        if self.dusun_id:
            judul = f"{judul} {self.dusun.nama}"
        return judul

    @property
    def definitif(self) -> bool:
        return self.jenis == JenisPengangkatan.DEFINITIF

    @property
    def terverifikasi(self) -> bool:
        return self.status_verifikasi == StatusVerifikasi.TERVERIFIKASI

    @property
    def berkas_pdf(self) -> bool:
        return self.berkas_sk_jenis == "application/pdf"

    def menjabat_pada(self, tanggal: datetime.date | None = None) -> bool:
        tanggal = tanggal or timezone.localdate()
        return self.tmt <= tanggal and (
            self.tanggal_berhenti is None or self.tanggal_berhenti > tanggal
        )


from perangkat.models_penyerahan import PenyerahanLaporan  # noqa: E402,F401
