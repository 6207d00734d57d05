"""Budget years: open (from the template or a copy), adopt (Tetapkan), revise (APBDes
Perubahan), delete a draft; and the edit rules every write checks."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from keuangan.models import RincianAnggaran, TahunAnggaran
from keuangan.nilai import NOL, rupiah
from keuangan.selectors import lupakan_cache, pohon_tahun
from keuangan.services.kode import KOLOM_REALISASI
from sid.exceptions import PerluKonfirmasi
from sid.lib.audit import catat_aktivitas

# --- budget years --------------------------------------------------------------------------------


def kunci_tahun(ta: TahunAnggaran) -> TahunAnggaran:
    """Lock the year's row: edits of one budget version are serialised."""
    return TahunAnggaran.objects.select_for_update().get(pk=ta.pk)


def versi_lebih_baru(ta: TahunAnggaran) -> TahunAnggaran | None:
    return (
        TahunAnggaran.objects.filter(tahun=ta.tahun, perubahan_ke__gt=ta.perubahan_ke)
        .order_by("-perubahan_ke")
        .first()
    )


def periksa_boleh_ubah(ta: TahunAnggaran, kolom: set[str], *, struktur: bool = False) -> None:
    """Refuse edits of a superseded version, and budget edits of an adopted one."""
    baru = versi_lebih_baru(ta)
    if baru is not None:
        raise ValidationError(
            f"{ta} sudah diganti oleh {baru}; catat perubahan pada versi terbaru itu.",
            code="sudah_diganti",
        )
    if ta.ditetapkan and (struktur or set(kolom) - set(KOLOM_REALISASI)):
        raise ValidationError(
            f"{ta} sudah ditetapkan dengan Perdes Nomor {ta.nomor_perdes}; anggarannya tidak "
            "bisa diubah lagi. Untuk mengubah anggaran, buka APBDes Perubahan lebih dulu "
            "(realisasi tetap bisa dicatat).",
            code="sudah_ditetapkan",
        )


def _periksa_tahun(tahun: Any) -> int:
    try:
        tahun = int(tahun)
    except (TypeError, ValueError):
        raise ValidationError({"tahun": "Tahun anggaran harus berupa angka, mis. 2026."}) from None
    if not 2000 <= tahun <= 2100:
        raise ValidationError({"tahun": "Tahun anggaran harus antara 2000 dan 2100."})
    return tahun


@transaction.atomic
def tahun_anggaran_create(
    *,
    oleh: Any,
    tahun: int,
    salin_dari: TahunAnggaran | None = None,
    salin_anggaran: bool = False,
) -> TahunAnggaran:
    """Open a budget year as a draft: empty on the template, or with the lines of another year
    (`salin_dari`; with its budget amounts when `salin_anggaran`, never its realisation)."""
    tahun = _periksa_tahun(tahun)
    ada = TahunAnggaran.objects.filter(tahun=tahun).order_by("-perubahan_ke").first()
    if ada is not None:
        raise ValidationError(
            {
                "tahun": f"APBDes tahun {tahun} sudah ada ({ada}, {ada.get_status_display()}). "
                "Satu tahun hanya memiliki satu APBDes; untuk mengubah APBDes yang sudah "
                "ditetapkan, buka APBDes Perubahan dari halamannya."
            },
            code="tahun_sudah_ada",
        )
    if salin_dari is not None and salin_dari.tahun == tahun:
        raise ValidationError({"salin_dari": "Pilih tahun lain sebagai sumber salinan."})
    try:
        with transaction.atomic():
            ta = TahunAnggaran.objects.create(tahun=tahun, dibuat_oleh=_pengguna(oleh))
    except IntegrityError:
        raise ValidationError(
            {"tahun": f"APBDes tahun {tahun} sudah ada."}, code="tahun_sudah_ada"
        ) from None
    jumlah = 0
    if salin_dari is not None:
        baris = [
            RincianAnggaran(
                tahun_anggaran=ta,
                kode=b.kode,
                kegiatan=b.kegiatan,
                anggaran=b.anggaran if salin_anggaran else NOL,
                keterangan=b.keterangan,
            )
            for b in salin_dari.rincian.all()
        ]
        RincianAnggaran.objects.bulk_create(baris)
        jumlah = len(baris)
    catat_aktivitas(
        oleh=oleh,
        aksi="buat_apbdes",
        objek=ta,
        keterangan=(
            f"Menyalin {jumlah} baris dari {salin_dari}"
            + (" beserta anggarannya." if salin_anggaran else " (tanpa nilai).")
            if salin_dari is not None
            else "Dibuka dari templat rekening APBDes."
        ),
    )
    lupakan_cache()
    return ta


@transaction.atomic
def tahun_anggaran_tetapkan(
    *,
    oleh: Any,
    tahun_anggaran: TahunAnggaran,
    nomor_perdes: str,
    tanggal_perdes: datetime.date | None,
    konfirmasi: bool = False,
) -> TahunAnggaran:
    """Adopt a draft with the number and date of the Perdes that set it."""
    ta = kunci_tahun(tahun_anggaran)
    if ta.ditetapkan:
        raise ValidationError(f"{ta} sudah ditetapkan (Perdes Nomor {ta.nomor_perdes}).")
    periksa_boleh_ubah(ta, set())
    nomor = " ".join((nomor_perdes or "").split())
    galat: dict[str, str] = {}
    if not nomor:
        galat["nomor_perdes"] = "Nomor Perdes wajib diisi."
    if tanggal_perdes is None:
        galat["tanggal_perdes"] = "Tanggal Perdes wajib diisi."
    elif tanggal_perdes > timezone.localdate():
        galat["tanggal_perdes"] = "Tanggal Perdes tidak boleh di masa depan."
    elif ta.perubahan:
        asal = ta.asal
        if tanggal_perdes.year != ta.tahun:
            galat["tanggal_perdes"] = f"APBDes Perubahan ditetapkan dalam tahun {ta.tahun}."
        elif asal.tanggal_perdes and tanggal_perdes < asal.tanggal_perdes:
            galat["tanggal_perdes"] = (
                f"Tanggal Perdes tidak boleh sebelum Perdes {asal} ({asal.tanggal_perdes:%d-%m-%Y})."
            )
    elif tanggal_perdes.year not in (ta.tahun - 1, ta.tahun):
        galat["tanggal_perdes"] = (
            f"APBDes {ta.tahun} ditetapkan pada tahun {ta.tahun - 1} atau {ta.tahun}."
        )
    if galat:
        raise ValidationError(galat)
    pohon = pohon_tahun(ta)
    if not pohon.jumlah_baris or not (
        pohon.pendapatan.jumlah.anggaran or pohon.belanja.jumlah.anggaran
    ):
        raise ValidationError("Belum ada anggaran yang diisi; APBDes kosong tidak bisa ditetapkan.")
    silpa = pohon.silpa.anggaran
    if silpa and not konfirmasi:
        raise PerluKonfirmasi(
            f"Anggaran belum seimbang: pendapatan Rp {rupiah(pohon.pendapatan.jumlah.anggaran)}, "
            f"belanja Rp {rupiah(pohon.belanja.jumlah.anggaran)}, pembiayaan netto "
            f"Rp {rupiah(pohon.pembiayaan_netto.anggaran)}, sehingga SiLPA tahun berjalan "
            f"Rp {rupiah(silpa)}. Biasanya APBDes ditetapkan seimbang (SiLPA 0). "
            "Tetapkan tetap bila memang demikian bunyi Perdes-nya.",
            code="tidak_seimbang",
        )
    ta.status = TahunAnggaran.Status.DITETAPKAN
    ta.nomor_perdes = nomor
    ta.tanggal_perdes = tanggal_perdes
    ta.ditetapkan_pada = timezone.now()
    ta.ditetapkan_oleh = _pengguna(oleh)
    ta.save()
    catat_aktivitas(
        oleh=oleh,
        aksi="tetapkan_apbdes",
        objek=ta,
        perubahan={
            "status": ["draft", "ditetapkan"],
            "nomor_perdes": ["", nomor],
            "tanggal_perdes": [None, tanggal_perdes],
        },
        keterangan=(
            f"Pendapatan Rp {rupiah(pohon.pendapatan.jumlah.anggaran)}, belanja "
            f"Rp {rupiah(pohon.belanja.jumlah.anggaran)}, pembiayaan netto "
            f"Rp {rupiah(pohon.pembiayaan_netto.anggaran)}."
        ),
    )
    lupakan_cache()
    return ta


@transaction.atomic
def tahun_anggaran_buka_perubahan(*, oleh: Any, tahun_anggaran: TahunAnggaran) -> TahunAnggaran:
    """Open an APBDes Perubahan: a draft copy of the adopted version (budget, realisation so far,
    notes) that is edited and adopted in turn. The adopted version stays as it was."""
    ta = kunci_tahun(tahun_anggaran)
    if not ta.ditetapkan:
        raise ValidationError(
            f"{ta} belum ditetapkan; ubah langsung rancangannya, tanpa APBDes Perubahan."
        )
    baru = versi_lebih_baru(ta)
    if baru is not None:
        raise ValidationError(f"Sudah ada {baru} ({baru.get_status_display()}) untuk tahun ini.")
    try:
        with transaction.atomic():
            perubahan = TahunAnggaran.objects.create(
                tahun=ta.tahun,
                perubahan_ke=ta.perubahan_ke + 1,
                asal=ta,
                dibuat_oleh=_pengguna(oleh),
            )
    except IntegrityError:
        raise ValidationError(f"Sudah ada APBDes Perubahan untuk tahun {ta.tahun}.") from None
    baris = [
        RincianAnggaran(
            tahun_anggaran=perubahan,
            kode=b.kode,
            kegiatan=b.kegiatan,
            anggaran=b.anggaran,
            realisasi_semester_1=b.realisasi_semester_1,
            realisasi=b.realisasi,
            keterangan=b.keterangan,
        )
        for b in ta.rincian.all()
    ]
    RincianAnggaran.objects.bulk_create(baris)
    catat_aktivitas(
        oleh=oleh,
        aksi="buka_perubahan_apbdes",
        objek=perubahan,
        keterangan=f"Menyalin {len(baris)} baris dari {ta} (Perdes Nomor {ta.nomor_perdes}).",
    )
    lupakan_cache()
    return perubahan


@transaction.atomic
def tahun_anggaran_hapus(*, oleh: Any, tahun_anggaran: TahunAnggaran) -> None:
    """Delete a draft (wrongly opened year or abandoned Perubahan). Adopted versions stay."""
    ta = kunci_tahun(tahun_anggaran)
    if ta.ditetapkan:
        raise ValidationError(f"{ta} sudah ditetapkan dan tidak bisa dihapus.")
    jumlah = ta.rincian.count()
    catat_aktivitas(
        oleh=oleh, aksi="hapus_apbdes", objek=ta, keterangan=f"Rancangan dengan {jumlah} baris."
    )
    ta.delete()
    lupakan_cache()


def _pengguna(oleh: Any):
    return oleh if getattr(oleh, "is_authenticated", False) and hasattr(oleh, "pk") else None
