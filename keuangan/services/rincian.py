"""Budget lines: one cell (inline editor), adding/removing a line of a draft, closing semester I,
and writing an import file (all or nothing)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from keuangan.models import RincianAnggaran, TahunAnggaran
from keuangan.nilai import NOL, baca_rupiah, rupiah
from keuangan.selectors import lupakan_cache
from keuangan.services.kode import KOLOM_NILAI, KOLOM_UBAH, LABEL_KOLOM, KodeBaris, PetaRekening
from keuangan.services.tahun import kunci_tahun, periksa_boleh_ubah
from sid.exceptions import PerluKonfirmasi
from sid.lib.audit import catat_aktivitas


def _nilai_baru(kolom: str, nilai: Any, *, dari_sel: bool = False) -> Decimal | str:
    if kolom == "keterangan":
        teks = " ".join(str(nilai or "").split())
        if len(teks) > 255:
            raise ValidationError({"keterangan": "Keterangan paling banyak 255 karakter."})
        return teks
    if kolom not in KOLOM_NILAI:
        raise ValidationError(f"Kolom tidak dikenal: {kolom}.")
    try:
        return baca_rupiah(nilai, label=LABEL_KOLOM[kolom], dari_sel=dari_sel)
    except ValidationError as exc:
        raise ValidationError({kolom: exc.messages}, code=exc.code) from None


def _periksa_nilai(
    baris: RincianAnggaran, berubah: set[str], kunci: KodeBaris, konfirmasi: bool
) -> None:
    """Cross-field rules of one line after the change; warnings last."""
    if baris.realisasi_semester_1 > baris.realisasi:
        kolom = "realisasi" if "realisasi" in berubah else "realisasi_semester_1"
        raise ValidationError(
            {
                kolom: f"Realisasi semester I (Rp {rupiah(baris.realisasi_semester_1)}) tidak "
                f"boleh melebihi realisasi s/d akhir tahun (Rp {rupiah(baris.realisasi)}) pada "
                f"{kunci.label}. Realisasi tahunan mencakup semester I."
            },
            code="semester_melebihi_tahun",
        )
    if konfirmasi or not berubah & set(KOLOM_NILAI):
        return
    lebih = max(baris.realisasi, baris.realisasi_semester_1)
    if lebih > baris.anggaran:
        apa = "target pendapatan" if baris.kode.startswith("4.") else "anggaran"
        raise PerluKonfirmasi(
            f"Realisasi Rp {rupiah(lebih)} melebihi {apa} Rp {rupiah(baris.anggaran)} pada "
            f"{kunci.label}. Periksa kembali; simpan tetap bila memang benar.",
            code="realisasi_melebihi_anggaran",
        )


def _ubah_baris(
    *,
    oleh: Any,
    ta: TahunAnggaran,
    kunci: KodeBaris,
    data: dict[str, Any],
    konfirmasi: bool,
    keterangan_log: str = "",
    dari_sel: bool = False,
    baris: RincianAnggaran | None = None,
    cari: bool = True,
) -> RincianAnggaran | None:
    """Apply {kolom: nilai} to a line (created when missing); validate; audit. No locking here."""
    nilai = {k: _nilai_baru(k, v, dari_sel=dari_sel) for k, v in data.items()}
    if baris is None and cari:
        baris = RincianAnggaran.objects.filter(
            tahun_anggaran=ta, kode=kunci.kode, kegiatan=kunci.kegiatan
        ).first()
    baru = baris is None
    if baru:
        if not any(nilai.values()):
            return None  # nothing typed into an empty slot: no line
        baris = RincianAnggaran(tahun_anggaran=ta, kode=kunci.kode, kegiatan=kunci.kegiatan)
    berubah = {k for k, v in nilai.items() if getattr(baris, k) != v}
    if not berubah and not baru:
        return baris
    periksa_boleh_ubah(ta, berubah, struktur=baru)
    sebelum = {k: getattr(baris, k) for k in berubah}
    for k in berubah:
        setattr(baris, k, nilai[k])
    _periksa_nilai(baris, berubah, kunci, konfirmasi)
    baris.tahun_anggaran = ta
    baris.save()
    catat_aktivitas(
        oleh=oleh,
        aksi="tambah_rincian_apbdes" if baru else "ubah_rincian_apbdes",
        objek=baris,
        perubahan={k: [None if baru else sebelum[k], getattr(baris, k)] for k in sorted(berubah)},
        keterangan=" ".join(filter(None, [kunci.label + ".", keterangan_log])),
    )
    return baris


@transaction.atomic
def rincian_simpan(
    *,
    oleh: Any,
    tahun_anggaran: TahunAnggaran,
    kode: str,
    kegiatan: str = "",
    data: dict[str, Any],
    konfirmasi: bool = False,
) -> RincianAnggaran | None:
    """Save values of one line ({"anggaran": "1.500.000"} …), creating it when it does not exist
    yet (a template slot). The inline cell editor and the API of the other screens use this."""
    ta = kunci_tahun(tahun_anggaran)
    asing = set(data) - set(KOLOM_UBAH)
    if asing:
        raise ValidationError(f"Kolom tidak dikenal: {', '.join(sorted(asing))}.")
    kunci = PetaRekening().periksa(kode, kegiatan)
    hasil = _ubah_baris(oleh=oleh, ta=ta, kunci=kunci, data=data, konfirmasi=konfirmasi)
    lupakan_cache()
    return hasil


@transaction.atomic
def rincian_tambah(
    *,
    oleh: Any,
    tahun_anggaran: TahunAnggaran,
    kode: str,
    kegiatan: str = "",
    anggaran: Any = NOL,
    keterangan: str = "",
) -> RincianAnggaran:
    """Add a line (typically an expenditure account under a kegiatan) to a draft."""
    ta = kunci_tahun(tahun_anggaran)
    kunci = PetaRekening().periksa(kode, kegiatan)
    periksa_boleh_ubah(ta, {"anggaran"}, struktur=True)
    if RincianAnggaran.objects.filter(
        tahun_anggaran=ta, kode=kunci.kode, kegiatan=kunci.kegiatan
    ).exists():
        raise ValidationError(
            {"kode": f"Baris {kunci.label} sudah ada di {ta}."}, code="baris_ganda"
        )
    baris = RincianAnggaran(tahun_anggaran=ta, kode=kunci.kode, kegiatan=kunci.kegiatan)
    baris.anggaran = _nilai_baru("anggaran", anggaran)
    baris.keterangan = _nilai_baru("keterangan", keterangan)
    baris.save()
    catat_aktivitas(
        oleh=oleh,
        aksi="tambah_rincian_apbdes",
        objek=baris,
        perubahan={"anggaran": [None, baris.anggaran]},
        keterangan=f"{kunci.label}.",
    )
    lupakan_cache()
    return baris


@transaction.atomic
def rincian_hapus(*, oleh: Any, rincian: RincianAnggaran) -> None:
    """Remove a line from a draft (wrongly added). Adopted budgets keep their lines."""
    ta = kunci_tahun(rincian.tahun_anggaran)
    periksa_boleh_ubah(ta, {"anggaran"}, struktur=True)
    catat_aktivitas(
        oleh=oleh,
        aksi="hapus_rincian_apbdes",
        objek=rincian,
        perubahan={k: [getattr(rincian, k), None] for k in KOLOM_UBAH},
    )
    rincian.delete()
    lupakan_cache()


@transaction.atomic
def realisasi_semester_1_salin(*, oleh: Any, tahun_anggaran: TahunAnggaran) -> int:
    """Close semester I: copy each line's realisation so far into its semester I column.

    For the treasurer who records realisation as it happens and prints the semester report in
    July. Returns the number of lines changed (each audit-logged).
    """
    ta = kunci_tahun(tahun_anggaran)
    periksa_boleh_ubah(ta, {"realisasi_semester_1"})
    jumlah = 0
    for b in ta.rincian.all():
        if b.realisasi_semester_1 != b.realisasi:
            lama = b.realisasi_semester_1
            b.realisasi_semester_1 = b.realisasi
            b.save(update_fields=["realisasi_semester_1", "diubah"])
            catat_aktivitas(
                oleh=oleh,
                aksi="ubah_rincian_apbdes",
                objek=b,
                perubahan={"realisasi_semester_1": [lama, b.realisasi]},
                keterangan="Realisasi semester I disalin dari realisasi saat ini.",
            )
            jumlah += 1
    lupakan_cache()
    return jumlah


@transaction.atomic
def rincian_impor(
    *,
    oleh: Any,
    tahun_anggaran: TahunAnggaran,
    baris: list[dict[str, Any]],
    nama_berkas: str = "",
    konfirmasi: bool = False,
) -> dict[str, int]:
    """Write the rows of an import file (already read by keuangan.impor): all or nothing.

    Each row is re-checked against the current data; any refused row refuses the whole file.
    Returns counts {"baru": …, "diubah": …, "sama": …}.
    """
    from keuangan.impor import periksa_baris

    ta = kunci_tahun(tahun_anggaran)
    hasil = periksa_baris(ta, baris)
    if hasil.ditolak:
        raise ValidationError(
            [f"Baris {r.nomor}: {'; '.join(r.galat)}" for r in hasil.ditolak][:50],
            code="impor_ditolak",
        )
    if hasil.peringatan and not konfirmasi:
        raise PerluKonfirmasi(
            [f"Baris {r.nomor}: {'; '.join(r.peringatan)}" for r in hasil.peringatan][:50],
            code="impor_peringatan",
        )
    jumlah = {"baru": 0, "diubah": 0, "sama": 0}
    for r in hasil.baris:
        if not r.data_ubah:
            jumlah["sama"] += 1
            continue
        _ubah_baris(
            oleh=oleh,
            ta=ta,
            kunci=r.kunci,
            data=r.data_ubah,
            konfirmasi=True,
            keterangan_log=f"Impor {nama_berkas} baris {r.nomor}.".strip(),
            baris=r.rincian,
            cari=False,
        )
        jumlah["baru" if r.rincian is None else "diubah"] += 1
    catat_aktivitas(
        oleh=oleh,
        aksi="impor_apbdes",
        objek=ta,
        keterangan=(
            f"Impor {nama_berkas}: {jumlah['baru']} baris baru, {jumlah['diubah']} diubah, "
            f"{jumlah['sama']} tidak berubah."
        ),
    )
    lupakan_cache()
    return jumlah
