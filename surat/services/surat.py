"""The letter workflow: draft → (verification) → (signature) → issued; returned; cancelled.

    surat_create / surat_update      operator, while the letter is a draft or returned
    surat_ajukan                     send for approval (to verification, or straight to signing)
    surat_verifikasi / surat_tolak   sekretaris desa (permission surat.verifikasi_surat)
    surat_tandatangani               kepala desa, or the a.n./u.b. signatory it chooses
                                     (surat.tandatangani_surat): number under a row lock,
                                     everything printed frozen, PDF queued on commit
    surat_batalkan                   cancel with a reason (an issued letter keeps its number)

Every step locks the letter row first (SELECT … FOR UPDATE) and checks its state, so two
people acting on the same letter at once cannot both succeed: a second signing of the same
draft waits, then finds it already issued and allocates nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sid import kode
from sid.celery_app import antrekan
from sid.lib import kabar
from sid.lib.audit import catat_aktivitas
from sid.lib.desa import identitas_desa
from sid.lib.format import tanggal_indonesia
from sid.lib.html import bersihkan_html
from surat import isian as kode_isian
from surat import penomoran
from surat.models import JenisSurat, PengaturanSurat, Surat
from surat.services.pengisian import nilai_surat_lengkap, penandatangan_terpilih
from surat.terbilang import ke_bilangan

S = Surat.Status
SP = JenisSurat.SyaratPenduduk
BATAS_TEKS = {"teks": 200, "teks_panjang": 2000, "pilihan": 200, "tanggal": 20}


# --- checks ------------------------------------------------------------------------------------


def periksa_penduduk(jenis: JenisSurat, p) -> None:
    """The type's applicability rule (SKTM only for a family head, Kematian only for the dead)."""
    aturan = jenis.syarat_penduduk
    status = p.get_status_dasar_display()
    if aturan == SP.HIDUP and not p.hidup:
        raise ValidationError(
            {
                "penduduk": f"{jenis.nama} hanya untuk penduduk yang masih hidup; {p.nama} "
                f"tercatat berstatus {status}."
            }
        )
    if aturan == SP.MATI and p.status_dasar != kode.StatusDasar.MATI:
        raise ValidationError(
            {
                "penduduk": f"{jenis.nama} hanya untuk penduduk yang telah meninggal; {p.nama} "
                f"tercatat berstatus {status}. Catat dulu peristiwa kematiannya."
            }
        )
    if aturan == SP.KEPALA_KELUARGA and not (p.hidup and p.keluarga_id and p.kepala_keluarga):
        peran = p.get_shdk_display() if p.shdk else "bukan anggota KK"
        raise ValidationError(
            {
                "penduduk": f"{jenis.nama} hanya untuk kepala keluarga; {p.nama} tercatat "
                f"sebagai {peran} ({status})."
            }
        )


def bersihkan_isian(jenis: JenisSurat, data: dict[str, Any] | None) -> dict[str, str]:
    """The type's extra-field values as strings; errors keyed by field code. Text may contain
    anything (it is escaped when the letter is filled)."""
    data = data or {}
    hasil: dict[str, str] = {}
    galat: dict[str, str] = {}
    for f in jenis.isian:
        kode_f, label, jenis_f = f["kode"], f["label"], f.get("jenis", "teks")
        nilai = data.get(kode_f)
        if isinstance(nilai, datetime.date):
            nilai = nilai.isoformat()
        teks = "" if nilai is None else str(nilai).strip()
        if jenis_f != "teks_panjang":
            teks = " ".join(teks.split())
        if not teks:
            if f.get("wajib"):
                galat[kode_f] = f"{label} wajib diisi."
            hasil[kode_f] = ""
            continue
        batas = BATAS_TEKS.get(jenis_f, 30)
        if len(teks) > batas:
            galat[kode_f] = f"{label} terlalu panjang (maksimal {batas} karakter)."
        elif jenis_f == "tanggal":
            try:
                datetime.date.fromisoformat(teks)
            except ValueError:
                galat[kode_f] = f"{label}: tanggal tidak sah."
        elif jenis_f in kode_isian.JENIS_ANGKA:
            n = ke_bilangan(teks)
            if n is None or n < 0:
                galat[kode_f] = f"{label} harus berupa angka (tanpa huruf)."
            else:
                teks = str(n)
        elif jenis_f == "pilihan" and teks not in f.get("pilihan", []):
            galat[kode_f] = f"{label}: pilih salah satu pilihan yang tersedia."
        hasil[kode_f] = teks
    if galat:
        raise ValidationError(galat)
    return hasil


def _izin(oleh: Any, *izin: str) -> None:
    if oleh is None or not any(oleh.has_perm(i) for i in izin):
        raise PermissionDenied("Anda tidak berwenang melakukan langkah ini.")


def _kunci(surat: Surat) -> Surat:
    """Lock the letter row, then read it fresh with what it prints (two queries)."""
    Surat.objects.select_for_update().filter(pk=surat.pk).values_list("pk", flat=True).get()
    return Surat.objects.select_related(
        "jenis", "penduduk__keluarga", "penduduk__wilayah__dusun", "penduduk__wilayah__rw"
    ).get(pk=surat.pk)


def _salah_status(s: Surat, langkah: str) -> ValidationError:
    if s.status == S.TERBIT:
        return ValidationError(
            f"Surat ini sudah terbit dengan nomor {s.nomor}; tidak bisa {langkah}."
        )
    if s.status == S.BATAL:
        return ValidationError(f"Surat ini sudah dibatalkan; tidak bisa {langkah}.")
    return ValidationError(
        f"Surat berstatus “{s.get_status_display()}”; tidak bisa {langkah} sekarang. Muat ulang "
        "halaman: mungkin orang lain baru saja memprosesnya."
    )


def _pengguna(oleh: Any):
    return oleh if getattr(oleh, "is_authenticated", False) else None


# --- the steps ---------------------------------------------------------------------------------------


@transaction.atomic
def surat_create(
    *, oleh: Any, jenis: JenisSurat, penduduk, isian: dict[str, Any] | None = None
) -> Surat:
    """A draft letter for a resident."""
    if not jenis.aktif:
        raise ValidationError({"jenis": f"Jenis surat {jenis.nama} tidak dipakai lagi."})
    periksa_penduduk(jenis, penduduk)
    nilai = bersihkan_isian(jenis, isian)
    s = Surat.objects.create(
        jenis=jenis,
        penduduk=penduduk,
        nama_penduduk=penduduk.nama,
        nik_penduduk=penduduk.nik,
        isian=nilai,
        dibuat_oleh=_pengguna(oleh),
    )
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=s,
        perubahan={"isian": [None, nilai]},
        keterangan=f"Draf {jenis.nama} untuk {penduduk.nama} ({penduduk.nik}).",
    )
    return s


@transaction.atomic
def surat_update(
    *, oleh: Any, surat: Surat, penduduk=None, isian: dict[str, Any] | None = None
) -> Surat:
    """Change a draft (or a returned letter): the resident and/or the extra fields."""
    s = _kunci(surat)
    if not s.bisa_diubah:
        raise _salah_status(s, "diubah")
    perubahan: dict[str, list[Any]] = {}
    if penduduk is not None and penduduk.pk != s.penduduk_id:
        periksa_penduduk(s.jenis, penduduk)
        perubahan["penduduk"] = [str(s.penduduk), str(penduduk)]
        s.penduduk, s.nama_penduduk, s.nik_penduduk = penduduk, penduduk.nama, penduduk.nik
    if isian is not None:
        nilai = bersihkan_isian(s.jenis, isian)
        if nilai != s.isian:
            perubahan["isian"] = [s.isian, nilai]
            s.isian = nilai
    if not perubahan:
        return s
    s.save(update_fields=["penduduk", "nama_penduduk", "nik_penduduk", "isian", "diperbarui"])
    catat_aktivitas(oleh=oleh, aksi="ubah", objek=s, perubahan=perubahan)
    return s


@transaction.atomic
def surat_ajukan(*, oleh: Any, surat: Surat) -> Surat:
    """Send a draft for approval: to the sekretaris, or straight to signing (setting)."""
    s = _kunci(surat)
    if not s.bisa_diubah:
        raise _salah_status(s, "diajukan")
    periksa_penduduk(s.jenis, s.penduduk)
    bersihkan_isian(s.jenis, s.isian)  # the type's fields may have changed since the draft
    pengaturan = PengaturanSurat.ambil()
    tujuan = S.VERIFIKASI if pengaturan.verifikasi_sekretaris else S.TANDA_TANGAN
    lama = s.status
    s.status, s.diajukan_pada, s.catatan_pengembalian = tujuan, timezone.now(), ""
    s.save(update_fields=["status", "diajukan_pada", "catatan_pengembalian", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="ajukan",
        objek=s,
        perubahan={"status": [lama, tujuan]},
        keterangan=f"Diajukan; {s.get_status_display().lower()}.",
    )
    return s


@transaction.atomic
def surat_verifikasi(*, oleh: Any, surat: Surat, catatan: str = "") -> Surat:
    """The sekretaris desa confirms the letter is right; it goes to signing."""
    _izin(oleh, "surat.verifikasi_surat")
    s = _kunci(surat)
    if s.status != S.VERIFIKASI:
        raise _salah_status(s, "diverifikasi")
    periksa_penduduk(s.jenis, s.penduduk)
    s.status, s.diverifikasi_oleh, s.diverifikasi_pada = (
        S.TANDA_TANGAN,
        _pengguna(oleh),
        timezone.now(),
    )
    s.save(update_fields=["status", "diverifikasi_oleh", "diverifikasi_pada", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="verifikasi",
        objek=s,
        perubahan={"status": [S.VERIFIKASI, S.TANDA_TANGAN]},
        keterangan=" ".join(("Diverifikasi.", catatan.strip())).strip(),
    )
    return s


def _izin_langkah(oleh: Any, status: str) -> None:
    if status == S.VERIFIKASI:
        _izin(oleh, "surat.verifikasi_surat")
    elif PengaturanSurat.ambil().tanda_tangan_kepala_desa:
        _izin(oleh, "surat.tandatangani_surat")
    else:
        _izin(oleh, "surat.tandatangani_surat", "surat.change_surat")


@transaction.atomic
def surat_tolak(*, oleh: Any, surat: Surat, alasan: str) -> Surat:
    """Return a letter under verification or awaiting signature to the operator, with a reason."""
    alasan = " ".join((alasan or "").split())
    if len(alasan) < 5:
        raise ValidationError({"alasan": "Tuliskan alasan pengembalian (minimal 5 karakter)."})
    s = _kunci(surat)
    if s.status not in (S.VERIFIKASI, S.TANDA_TANGAN):
        raise _salah_status(s, "dikembalikan")
    _izin_langkah(oleh, s.status)
    lama = s.status
    s.status, s.catatan_pengembalian = S.DIKEMBALIKAN, alasan
    s.save(update_fields=["status", "catatan_pengembalian", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="tolak",
        objek=s,
        perubahan={"status": [lama, S.DIKEMBALIKAN]},
        keterangan=f"Dikembalikan ke operator: {alasan}",
    )
    return s


def url_dasar_publik(url_permintaan: str = "") -> str:
    """Base URL for the QR link: the setting, the village website, or the current host."""
    pengaturan = PengaturanSurat.ambil()
    dasar = (
        pengaturan.url_publik or identitas_desa().website or url_permintaan or "http://localhost"
    )
    return dasar.rstrip("/")


@transaction.atomic
def surat_tandatangani(
    *,
    oleh: Any,
    surat: Surat,
    penandatangan: str = "kepala_desa",
    tanggal: datetime.date | None = None,
    url_dasar: str = "",
) -> Surat:
    """Issue the letter: allocate its number under the counter's row lock, freeze everything it
    prints, and queue the PDF once the transaction commits."""
    s = _kunci(surat)
    if s.status != S.TANDA_TANGAN:
        raise _salah_status(s, "ditandatangani")
    _izin_langkah(oleh, s.status)
    hari_ini = timezone.localdate()
    tanggal = tanggal or hari_ini
    if tanggal > hari_ini:
        raise ValidationError({"tanggal": "Tanggal surat tidak boleh setelah hari ini."})
    jenis, p = s.jenis, s.penduduk
    periksa_penduduk(jenis, p)
    isian = bersihkan_isian(jenis, s.isian)
    desa = identitas_desa()
    ttd = penandatangan_terpilih(penandatangan, tanggal, desa)
    berlaku_sampai = kode_isian.hitung_berlaku_sampai(jenis, tanggal)
    penomoran.alokasikan(surat=s, tanggal=tanggal, kode_desa=desa.kode_desa)
    nilai = nilai_surat_lengkap(
        jenis=jenis,
        penduduk=p,
        isian=isian,
        tanggal=tanggal,
        desa=desa,
        ttd=ttd,
        nomor=s.nomor,
        nomor_urut=s.nomor_urut,
        berlaku_sampai=berlaku_sampai,
    )
    s.isi_terbit = kode_isian.isi_template(bersihkan_html(jenis.isi), nilai)
    s.nilai_terbit = {
        "nilai": {k: str(v) for k, v in nilai.items() if not isinstance(v, kode_isian.HtmlAman)},
        "isian": isian,
        "isian_definisi": jenis.isian,
        "jenis": {"nama": jenis.nama, "slug": jenis.slug, "kode_surat": jenis.kode_surat},
        "cetak": {
            "judul": jenis.judul,
            "kertas": jenis.kertas,
            "orientasi": jenis.orientasi,
            "margin": [
                str(jenis.margin_atas),
                str(jenis.margin_kanan),
                str(jenis.margin_bawah),
                str(jenis.margin_kiri),
            ],
            "huruf": jenis.huruf,
            "ukuran_huruf": jenis.ukuran_huruf,
            "pakai_qr": jenis.pakai_qr,
        },
        "kop": {
            "sebutan_kabupaten": desa.sebutan_kabupaten,
            "nama_kabupaten": desa.nama_kabupaten,
            "sebutan_kecamatan": desa.sebutan_kecamatan,
            "nama_kecamatan": desa.nama_kecamatan,
            "sebutan_desa": desa.sebutan_desa,
            "nama_desa": desa.nama_desa,
            "alamat_kantor": desa.alamat_kantor,
            "kode_pos": desa.kode_pos,
            "telepon": desa.telepon,
            "email_desa": desa.email_desa,
            "website": desa.website,
            "logo": desa.logo.name if desa.logo else "",
        },
        "ttd": ttd,
    }
    s.status = S.TERBIT
    s.tanggal_surat, s.berlaku_sampai = tanggal, berlaku_sampai
    s.nama_penduduk, s.nik_penduduk = p.nama, p.nik
    s.penandatangan_jenis = ttd["jenis"]
    s.penandatangan_nama, s.penandatangan_jabatan = ttd["nama"], "\n".join(ttd["baris_jabatan"])
    s.pengangkatan_id = ttd["pengangkatan_id"]
    s.url_cek = url_dasar_publik(url_dasar) + reverse("surat_publik:cek", args=[s.kode])
    s.status_pdf, s.galat_pdf = Surat.StatusPdf.MENUNGGU, ""
    s.ditandatangani_oleh, s.ditandatangani_pada = _pengguna(oleh), timezone.now()
    s.save(
        update_fields=[
            "status",
            "tanggal_surat",
            "berlaku_sampai",
            "nama_penduduk",
            "nik_penduduk",
            "isi_terbit",
            "nilai_terbit",
            "penandatangan_jenis",
            "penandatangan_nama",
            "penandatangan_jabatan",
            "pengangkatan",
            "url_cek",
            "status_pdf",
            "galat_pdf",
            "ditandatangani_oleh",
            "ditandatangani_pada",
            "diperbarui",
        ]  # fmt: skip
    )
    catat_aktivitas(
        oleh=oleh,
        aksi="tandatangani",
        objek=s,
        perubahan={"status": [S.TANDA_TANGAN, S.TERBIT], "nomor": ["", s.nomor]},
        keterangan=f"Terbit nomor {s.nomor} tanggal {tanggal_indonesia(tanggal)}, ditandatangani "
        f"{ttd['nama']} ({' / '.join(ttd['baris_jabatan'])}).",
    )
    antre_pdf(s.pk)
    return s


@transaction.atomic
def surat_terbitkan_langsung(
    *, oleh: Any, surat: Surat, penandatangan: str = "kepala_desa", url_dasar: str = ""
) -> Surat:
    """Send and sign a draft in one step, for villages without the sekretaris' verification
    step (OpenSID's form → preview → PDF). Both steps keep their own checks and audit entries,
    and either both happen or neither does."""
    if PengaturanSurat.ambil().verifikasi_sekretaris:
        raise ValidationError(
            "Verifikasi Sekretaris Desa aktif: ajukan surat ini untuk diverifikasi dahulu."
        )
    s = _kunci(surat)
    _izin_langkah(oleh, S.TANDA_TANGAN)
    s = surat_ajukan(oleh=oleh, surat=s)
    return surat_tandatangani(oleh=oleh, surat=s, penandatangan=penandatangan, url_dasar=url_dasar)


MENUNGGU_PDF = (Surat.StatusPdf.MENUNGGU, Surat.StatusPdf.DIPROSES)


def kanal_pdf(surat_id: int) -> str:
    """The channel the PDF task announces on when a letter's PDF is stored or failed."""
    return f"surat-pdf:{surat_id}"


def tunggu_pdf(surat_id: int, *, batas_detik: float) -> str:
    """Wait (at most `batas_detik`) while the letter's PDF is queued or being rendered by the
    worker or the in-process runner; returns the PDF status then. The task announces the
    stored PDF (sid.lib.kabar), so the page hears of it at once instead of on its next read
    of the database; one indexed primary-key read per announcement, and one every half
    second should an announcement be lost."""
    status = ""

    def selesai() -> bool:
        nonlocal status
        status = Surat.objects.filter(pk=surat_id).values_list("status_pdf", flat=True).first()
        status = status or ""
        return status not in MENUNGGU_PDF

    kabar.tunggu(kanal_pdf(surat_id), selesai, batas_detik)
    return status


def antre_pdf(surat_id: int) -> None:
    """Queue the render once the current transaction commits (id only)."""
    transaction.on_commit(lambda: antrekan("surat.render_pdf", surat_id))


@transaction.atomic
def surat_batalkan(*, oleh: Any, surat: Surat, alasan: str) -> Surat:
    """Cancel a letter. An issued letter keeps its number (never reused) and its PDF; the
    public check then says it is cancelled."""
    alasan = " ".join((alasan or "").split())
    if len(alasan) < 5:
        raise ValidationError({"alasan": "Tuliskan alasan pembatalan (minimal 5 karakter)."})
    s = _kunci(surat)
    if s.status == S.BATAL:
        raise _salah_status(s, "dibatalkan")
    if s.status == S.TERBIT:
        _izin(oleh, "surat.tandatangani_surat", "surat.verifikasi_surat")
    else:
        _izin(oleh, "surat.change_surat", "surat.verifikasi_surat", "surat.tandatangani_surat")
    lama = s.status
    s.status, s.alasan_batal = S.BATAL, alasan
    s.dibatalkan_oleh, s.dibatalkan_pada = _pengguna(oleh), timezone.now()
    s.save(
        update_fields=["status", "alasan_batal", "dibatalkan_oleh", "dibatalkan_pada", "diperbarui"]
    )
    catat_aktivitas(
        oleh=oleh,
        aksi="batalkan",
        objek=s,
        perubahan={"status": [lama, S.BATAL]},
        keterangan=f"Dibatalkan: {alasan}"
        + (f" (nomor {s.nomor} tidak dipakai ulang)" if s.nomor else ""),
    )
    return s


@transaction.atomic
def surat_render_ulang(*, oleh: Any, surat: Surat) -> Surat:
    """Queue the PDF again after a failure (the letter's frozen data does not change)."""
    s = _kunci(surat)
    if not s.nomor:
        raise ValidationError("Surat belum terbit; PDF dibuat saat surat ditandatangani.")
    if s.status_pdf == Surat.StatusPdf.SIAP:
        raise ValidationError("PDF surat ini sudah siap.")
    s.status_pdf, s.galat_pdf = Surat.StatusPdf.MENUNGGU, ""
    s.save(update_fields=["status_pdf", "galat_pdf", "diperbarui"])
    catat_aktivitas(oleh=oleh, aksi="render_ulang", objek=s, keterangan="PDF dibuat ulang.")
    antre_pdf(s.pk)
    return s


@transaction.atomic
def surat_cetak_ulang(*, oleh: Any, surat: Surat) -> Surat:
    """Record a reprint of an issued letter (the stored PDF, byte for byte)."""
    if not surat.nomor or surat.status_pdf != Surat.StatusPdf.SIAP:
        raise ValidationError("PDF surat ini belum siap.")
    catat_aktivitas(
        oleh=oleh, aksi="cetak_ulang", objek=surat, keterangan=f"Cetak ulang surat {surat.nomor}."
    )
    return surat
