"""The world the screen harness walks: a small demo village plus one object of every model the
demo does not fill (letters in each state, a resident account, requests, an import, a backup
log, a hub enrolment …), so every change page and every custom view has a real pk to open.

Built once per test session inside an outer transaction (see conftest.py) and rolled back at
the end, so the rest of the suite never sees it. Everything goes through the services, the
way the screens write it; only rows that only a machine writes (lockout counters, backup logs)
are created directly.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from sid import peran

PIN_WARGA = "480315"
SANDI = "sandi-uji-yang-panjang-123"
KODE_DESA = "3201012001"
URL_HUB = "http://hub.uji"


@dataclass
class Dunia:
    """What the builder made: users per role, the resident with an account, named objects."""

    staf: dict[str, Any] = field(default_factory=dict)  # role name → User ("superuser" too)
    warga: Any = None  # Penduduk with a portal account (PIN_WARGA)
    staf_hub: Any = None  # hub user (SID_HUB=1 pages)
    objek: dict[str, Any] = field(default_factory=dict)


def bangun(transport) -> Dunia:
    """Fill the database. `transport` answers the village's hub calls in-process."""
    from tests.factories import StafFactory

    call_command("isi_desa_demo", penduduk=60, seed=1, stdout=_Diam())
    d = Dunia()
    for nama in peran.SEMUA_PERAN:
        d.staf[nama] = StafFactory(
            username=f"layar_{nama.lower().replace(' ', '_')}", peran=nama, password=SANDI
        )
    d.staf["superuser"] = StafFactory(username="layar_superuser", is_superuser=True, password=SANDI)
    d.warga = _penduduk_hidup(1, shdk=1)[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        _penduduk_lain(d)
        _dokumen(d)
        _surat(d)
        _mandiri(d)
        _konten(d)
        _sinkron(d, transport)
        _keuangan(d)
        _mesin(d)
        _prosedur(d)
    return d


class _Diam:
    def write(self, *_a, **_k):
        pass

    def flush(self):
        pass


def _penduduk_hidup(n: int, **filter):
    from penduduk.models import Penduduk

    return list(
        Penduduk.objects.filter(status_dasar=1, keluarga__isnull=False, **filter).order_by("pk")[:n]
    )


def _surat(d: Dunia) -> None:
    """Letters in every state: draft, submitted, verified, signed, cancelled."""
    from surat import services
    from surat.bawaan import pasang_jenis_bawaan
    from surat.models import JenisSurat

    admin = d.staf["superuser"]
    pasang_jenis_bawaan(JenisSurat)
    jenis = JenisSurat.objects.get(slug="keterangan-domisili")
    orang = _penduduk_hidup(5)
    # The resident with the portal account gets the signed letter (its PDF in the portal).
    orang = [d.warga, *[p for p in orang if p != d.warga]][:5]
    orang[0], orang[3] = orang[3], orang[0]
    langkah = ["draf", "diajukan", "diverifikasi", "ditandatangani", "batal"]
    for p, sampai in zip(orang, langkah, strict=True):
        s = services.surat_create(oleh=admin, jenis=jenis, penduduk=p, isian=_isian(jenis))
        d.objek[f"surat_{sampai}"] = s
        if sampai == "draf":
            continue
        services.surat_ajukan(oleh=admin, surat=s)
        if sampai == "diajukan":
            continue
        services.surat_verifikasi(oleh=admin, surat=s)
        if sampai == "diverifikasi":
            continue
        services.surat_tandatangani(oleh=admin, surat=s)
        if sampai == "batal":
            services.surat_batalkan(oleh=admin, surat=s, alasan="Salah jenis surat.")


def _isian(jenis) -> dict:
    nilai = {}
    for f in jenis.isian:
        j = f.get("jenis")
        nilai[f["kode"]] = {
            "tanggal": "2024-03-05",
            "uang": "2500000",
            "angka": "3",
            "pilihan": (f.get("pilihan") or [""])[0],
        }.get(j, f"Isi {f['label']}")
    return nilai


def _mandiri(d: Dunia) -> None:
    """A resident with a portal account, a letter request with a document, a complaint."""
    from mandiri.models import AkunMandiri
    from mandiri.services import cetak, pengaduan, permohonan
    from surat.models import JenisSurat

    warga = d.warga
    AkunMandiri.objects.create(penduduk=warga, pin=make_password(PIN_WARGA), wajib_ganti_pin=False)
    jenis = JenisSurat.objects.get(slug="keterangan-domisili")
    d.objek["permohonan"] = permohonan.permohonan_create(
        penduduk=warga,
        jenis=jenis,
        isian=_isian(jenis),
        dokumen=[("KTP", _png("ktp.png"))],
        bawa_dokumen_fisik=False,
    )
    d.objek["pengaduan"] = pengaduan.pengaduan_create(
        penduduk=warga,
        jenis="pengaduan",
        judul="Lampu jalan mati",
        isi="Lampu jalan di depan balai dusun mati sejak seminggu yang lalu.",
        foto=_png("foto.png"),
    )
    d.objek["cetak_pin"] = cetak.cetak_pin_create(
        oleh=d.staf["superuser"],
        wilayah=warga.wilayah,
        umur_min=17,
        url_masuk="http://testserver/mandiri/",
    )


def _png(nama: str):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(buf, "PNG")
    return SimpleUploadedFile(nama, buf.getvalue(), content_type="image/png")


def _dokumen(d: Dunia) -> None:
    """The resident with the portal account has a KTP and the family's KK on file (the resident
    and family pages list them, the portal's "Dokumen saya" too), the KTP's change page and
    download view exist; a second kind is inactive (kept, not offered)."""
    import datetime as dt

    from penduduk.models import JenisDokumen
    from penduduk.services import dokumen

    admin = d.staf["superuser"]
    d.objek["dokumen_penduduk"] = dokumen.dokumen_tambah(
        oleh=admin,
        penduduk=d.warga,
        jenis=JenisDokumen.objects.get(nama="KTP"),
        berkas=_png("ktp-warga.png"),
        nomor="KTP/2020/0042",
        tanggal=dt.date(2020, 3, 5),
        keterangan="Pindaian KTP-el",
    )
    dokumen.dokumen_tambah(
        oleh=admin,
        penduduk=d.warga,
        jenis=JenisDokumen.objects.get(nama="Kartu Keluarga (KK)"),
        berkas=_png("kk-warga.png"),
        nomor="KK/2019/0007",
    )
    d.objek["jenis_dokumen"] = dokumen.jenis_dokumen_create(
        oleh=admin, data={"nama": "Kartu Indonesia Pintar", "urutan": 80, "aktif": False}
    )


def _konten(d: Dunia) -> None:
    """A draft article (its preview page exists only while it is unpublished)."""
    from konten.services.artikel import artikel_create

    d.objek["artikel_draf"] = artikel_create(
        oleh=d.staf["superuser"],
        data={"judul": "Rencana kerja bakti", "isi": "<p>Kerja bakti hari Minggu.</p>"},
    )


def _penduduk_lain(d: Dunia) -> None:
    """A record deleted as a wrong input (deletion log) and an import file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from penduduk.impor import layanan
    from penduduk.services import biodata
    from tests.impor.conftest import CONTOH

    hapus = _penduduk_hidup(1, shdk__gt=1)[-1]
    biodata.penduduk_delete(oleh=d.staf["superuser"], penduduk=hapus, alasan="Data ganda.")
    d.objek["impor"] = layanan.impor_penduduk_unggah(
        oleh=d.staf["superuser"],
        berkas=SimpleUploadedFile("contoh_penduduk.xlsx", CONTOH.read_bytes()),
    )


def _sinkron(d: Dunia, transport) -> None:
    """The village enrolled at an in-process hub, one batch sent, a notice and a report."""
    from hub.lingkup import Lingkup
    from hub.models import PenggunaHub
    from hub.services import percakapan as hub_percakapan
    from hub.services.pendaftaran import desa_daftar, kode_pendaftaran_buat
    from sinkron.services import batch, kirim, pendaftaran, percakapan
    from tests.factories import StafFactory

    staf_hub = StafFactory(username="layar_hub", password=SANDI)
    PenggunaHub.objects.create(user=staf_hub, lingkup="3201", nama_lingkup="KABUPATEN BOGOR")
    d.staf_hub = staf_hub
    desa_hub = desa_daftar(
        oleh=staf_hub,
        lingkup=Lingkup("3201"),
        kode=KODE_DESA,
        nama="Sukamaju",
        nama_kecamatan="Cibinong",
    )
    kode, _ = kode_pendaftaran_buat(oleh=staf_hub, desa=desa_hub)
    hub = pendaftaran.hub_daftar(oleh=d.staf["superuser"], url=URL_HUB, kode=kode)
    hub_percakapan.pengumuman_buat(
        oleh=staf_hub,
        lingkup=Lingkup("3201"),
        judul="Rapat koordinasi",
        isi="Rapat koordinasi kepala desa hari Senin.",
        desa=desa_hub,
    )
    from sinkron.models import DatasetHub

    batch.kebijakan_ubah(
        oleh=d.staf["superuser"],
        dataset_hub=DatasetHub.objects.get(hub=hub, dataset="perangkat"),
        tingkat="rekaman",
    )
    batch.kirim_sekarang(oleh=d.staf["superuser"], hub=hub)
    percakapan.tiket_buat(
        oleh=d.staf["superuser"],
        hub=hub,
        kategori="bantuan",
        judul="Cara mengisi laporan",
        isi="Mohon petunjuk pengisian laporan bulanan.",
        lampiran=_png("tangkapan.png"),
    )
    percakapan.forum_topik_buat(
        oleh=d.staf["superuser"],
        hub=hub,
        judul="Berbagi format laporan",
        isi="Desa kami memakai format ini untuk laporan bulanan.",
    )
    kirim.sinkron_kirim(hub_id=hub.pk, paksa=True, tarik=True)
    d.objek["hub"] = hub


def _keuangan(d: Dunia) -> None:
    """A draft budget for next year with a line typed by hand (its delete button shows)."""
    from keuangan.services import rincian, tahun

    ta = tahun.tahun_anggaran_create(oleh=d.staf["superuser"], tahun=timezone.localdate().year + 1)
    rincian.rincian_tambah(
        oleh=d.staf["superuser"],
        tahun_anggaran=ta,
        kode="5.3.5.",
        kegiatan="02.03.10",
        anggaran="800.000.000",
    )
    d.objek["apbdes_draf"] = ta


def _pindah() -> None:
    """An OpenSID backup checked and waiting for confirmation (its file is not a real backup:
    confirming it ends in a clear refusal, as the village already has residents)."""
    from django.core.files.base import ContentFile

    from pindah.models import PindahOpenSID

    p = PindahOpenSID(
        nama_berkas="backup-opensid.sql",
        sha256="0" * 64,
        status=PindahOpenSID.Status.DIPERIKSA,
        versi="24.10",
        pratinjau={
            "desa": "Sukamaju",
            "versi": "24.10",
            "dibawa": {"Penduduk": 3},
            "ditolak": {"Penduduk": 1},
            "masalah": [
                {
                    "jenis": "Penduduk",
                    "baris": "tweb_penduduk id 7",
                    "alasan": "Tanggal salah.",
                    "ditolak": True,
                },
            ],  # fmt: skip
            "tidak_dibawa": [
                {"tabel": "tweb_rtm", "baris": 1, "alasan": "rumah tangga", "bawaan": False}
            ],
            "catatan": [],
        },
    )
    p.berkas.save("backup-opensid.sql", ContentFile(b"-- bukan cadangan\n"), save=False)
    p.save()


def _mesin(d: Dunia) -> None:
    """Rows only the machine writes: a backup log, a login lock, a register file (the scheduled
    jobs come from the data migrations)."""
    from penduduk.laporan.buku import BUKU
    from penduduk.laporan.services import laporan_berkas_create
    from sid.models import IdentitasDesa, KunciMasuk, LogCadangan

    desa = IdentitasDesa.ambil()
    if not desa.kode_desa:
        desa.kode_desa = KODE_DESA
        desa.save()
    LogCadangan.objects.create(
        jenis=LogCadangan.Jenis.MANUAL,
        status=LogCadangan.Status.GAGAL,
        selesai=timezone.now(),
        pesan_galat="Disk penuh.",
    )
    _pindah()
    KunciMasuk.objects.create(
        ranah=KunciMasuk.Ranah.STAF,
        jenis=KunciMasuk.Jenis.PENGGUNA,
        kunci="tamu",
        gagal=3,
        terakhir_gagal=timezone.now() - datetime.timedelta(minutes=5),
    )
    assert "induk" in BUKU
    from django.http import QueryDict

    from penduduk.admin_laporan import LaporanKependudukanAdmin

    form = LaporanKependudukanAdmin._form(None, "induk", QueryDict())
    assert form.is_valid(), form.errors
    d.objek["berkas_laporan"] = laporan_berkas_create(
        oleh=d.staf["superuser"], buku="induk", format="pdf", parameter=form.parameter()
    )


def _prosedur(d: Dunia) -> None:
    """Issue #19: an operator's work journal and a handed-over officials report."""
    from perangkat.services.penyerahan import laporan_serahkan
    from sid.buku_harian import buku_harian_buat

    d.objek["buku_harian"] = buku_harian_buat(
        oleh=d.staf[peran.OPERATOR], tanggal=timezone.localdate(), catatan="Melayani tamu."
    )
    d.objek["penyerahan_laporan"] = laporan_serahkan(
        oleh=d.staf[peran.OPERATOR], tanggal=timezone.localdate()
    )
