"""The budget reports: the APBDes (adopted budget) and the Laporan Realisasi Pelaksanaan APBDes
for semester I and the full year.

Each is built once as a `LaporanKeuangan` (rows with exact Decimal values, from the year's tree:
2 queries) and then written as the screen table, a PDF (official layout: the shared
templates/laporan/base.html with village letterhead and signatories, rendered by
sid.lib.pdf.render_pdf) or an .xlsx sheet. A year is a few hundred rows, so the PDF renders in
the request (about a second), like the officials' books.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from keuangan.models import TahunAnggaran
from keuangan.nilai import persen_teks, rupiah
from keuangan.selectors import Jumlah, Pohon, Simpul, pohon_tahun
from perangkat.selectors import aparatur_aktif, penandatangan_untuk
from sid.lib.desa import identitas_desa
from sid.lib.format import tanggal_indonesia
from sid.lib.pdf import konteks_kop, render_pdf
from sid.lib.sel import baris_aman

JENIS_LAPORAN = {
    "apbdes": "APBDes",
    "semester1": "Laporan Realisasi Semester I",
    "tahunan": "Laporan Realisasi Akhir Tahun",
}


@dataclass
class BarisLaporan:
    kode: str
    uraian: str
    nilai: list[Decimal | None]  # one per numeric column (None = blank)
    persen: Decimal | None = None
    kelas: str = ""  # "bagian", "grup", "jumlah", "turunan" or "" (a line)
    tingkat: int = 0

    @property
    def teks_nilai(self) -> list[str]:
        return ["" if v is None else rupiah(v) for v in self.nilai]

    @property
    def teks_persen(self) -> str:
        return "" if self.persen is None else persen_teks(self.persen)


@dataclass
class LaporanKeuangan:
    jenis: str
    judul: str
    subjudul: list[str]
    kolom: list[str]  # headers of the numeric columns
    dengan_persen: bool
    baris: list[BarisLaporan] = field(default_factory=list)
    nama_berkas: str = "laporan"
    tahun_anggaran: TahunAnggaran | None = None
    pohon: Pohon | None = None

    def cari(self, uraian: str) -> BarisLaporan | None:
        """The first row with this label (tests and the screen use it)."""
        return next((b for b in self.baris if b.uraian == uraian), None)


def _nilai(jenis: str, j: Jumlah) -> tuple[list[Decimal | None], Decimal | None]:
    if jenis == "apbdes":
        return [j.anggaran], None
    if jenis == "semester1":
        return [j.anggaran, j.realisasi_semester_1, j.selisih_semester_1], j.persen_semester_1
    return [j.anggaran, j.realisasi, j.selisih], j.persen


def _bagian(
    lap: LaporanKeuangan, akar: Simpul, jumlah_label: str, jumlah: Jumlah | None = None
) -> None:
    """A section: its header row, every node with its subtotal, and the closing total row."""
    kosong: list[Decimal | None] = [None] * len(lap.kolom)
    lap.baris.append(BarisLaporan(akar.kode, akar.uraian.upper(), kosong, kelas="bagian"))
    for s in akar.jalan():
        if s is akar:
            continue
        nilai, pct = _nilai(lap.jenis, s.jumlah)
        kelas = "grup" if s.grup else ""
        lap.baris.append(BarisLaporan(s.kode, s.uraian, nilai, pct, kelas, s.tingkat))
    nilai, pct = _nilai(lap.jenis, jumlah or akar.jumlah)
    lap.baris.append(BarisLaporan("", jumlah_label, nilai, None if jumlah else pct, "jumlah"))


def buat_laporan(ta: TahunAnggaran, jenis: str) -> LaporanKeuangan:
    """Build one report of a budget version (jenis: apbdes, semester1, tahunan)."""
    if jenis not in JENIS_LAPORAN:
        raise ValidationError("Jenis laporan tidak dikenal.")
    desa = identitas_desa()
    pohon = pohon_tahun(ta)
    nama_desa = f"{desa.sebutan_desa} {desa.nama_desa}".strip().upper()
    rancangan = "" if ta.ditetapkan else "RANCANGAN "
    perdes = (
        f"Peraturan {desa.sebutan_desa} Nomor {ta.nomor_perdes} tanggal "
        f"{tanggal_indonesia(ta.tanggal_perdes)}"
        if ta.ditetapkan
        else "Belum ditetapkan (rancangan)"
    )
    dokumen = "APB DESA PERUBAHAN" if ta.perubahan else "APB DESA"
    if jenis == "apbdes":
        judul = (
            f"{rancangan}ANGGARAN PENDAPATAN DAN BELANJA "
            f"{'PERUBAHAN ' if ta.perubahan else ''}{nama_desa}"
        )
        sub = [f"TAHUN ANGGARAN {ta.tahun}", perdes]
        kolom = ["Anggaran (Rp)"]
    elif jenis == "semester1":
        judul = f"{rancangan}LAPORAN REALISASI PELAKSANAAN {dokumen} SEMESTER PERTAMA"
        sub = [
            f"{nama_desa} TAHUN ANGGARAN {ta.tahun}",
            f"Periode 1 Januari s/d 30 Juni {ta.tahun} · {perdes}",
        ]
        kolom = ["Anggaran (Rp)", "Realisasi Semester I (Rp)", "Lebih/(Kurang) (Rp)"]
    else:
        judul = f"{rancangan}LAPORAN REALISASI PELAKSANAAN {dokumen}"
        sub = [
            f"{nama_desa} TAHUN ANGGARAN {ta.tahun}",
            f"Periode 1 Januari s/d 31 Desember {ta.tahun} · {perdes}",
        ]
        kolom = ["Anggaran (Rp)", "Realisasi (Rp)", "Lebih/(Kurang) (Rp)"]
    versi = f"-perubahan-{ta.perubahan_ke}" if ta.perubahan else ""
    lap = LaporanKeuangan(
        jenis=jenis,
        judul=judul,
        subjudul=sub,
        kolom=kolom,
        dengan_persen=jenis != "apbdes",
        nama_berkas=f"{jenis}-{ta.tahun}{versi}",
        tahun_anggaran=ta,
        pohon=pohon,
    )
    _bagian(lap, pohon.pendapatan, "JUMLAH PENDAPATAN")
    _bagian(lap, pohon.belanja, "JUMLAH BELANJA")
    nilai, _ = _nilai(jenis, pohon.surplus_defisit)
    lap.baris.append(BarisLaporan("", "SURPLUS/(DEFISIT)", nilai, None, "turunan"))
    _bagian(lap, pohon.pembiayaan, "PEMBIAYAAN NETTO", pohon.pembiayaan_netto)
    nilai, _ = _nilai(jenis, pohon.silpa)
    lap.baris.append(
        BarisLaporan(
            "",
            "SISA LEBIH/(KURANG) PEMBIAYAAN ANGGARAN (SiLPA) TAHUN BERJALAN",
            nilai,
            None,
            "turunan",
        )
    )
    return lap


# --- signatories -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Penanda:
    jabatan: str
    nama: str = ""
    nip: str = ""


def penandatangan(tanggal: datetime.date) -> tuple[Penanda | None, Penanda]:
    """(Kaur Keuangan or None, Kepala Desa) in office on `tanggal`, from the officials' register.
    A blank signature line when nobody is recorded."""

    desa = identitas_desa()
    try:
        kades = penandatangan_untuk(tanggal)["kepala_desa"]
        kepala = Penanda(kades.jabatan, kades.nama, kades.nip)
    except ValidationError:
        kepala = Penanda(desa.sebutan_kepala_desa or "Kepala Desa")
    kaur = None
    for a in aparatur_aktif(tanggal):
        jabatan = next((j for j in a.jabatan_semua if "kaur keuangan" in j.lower()), None)
        if jabatan:
            kaur = Penanda(jabatan, a.nama)
            break
    return kaur, kepala


# --- writers -----------------------------------------------------------------------------------


def sebagai_pdf(lap: LaporanKeuangan, *, dicetak: datetime.date, kertas: str = "A4") -> bytes:

    kaur, kepala = penandatangan(dicetak)
    konteks = {
        **konteks_kop(tanggal=dicetak, kertas=kertas, mendatar=lap.dengan_persen),
        "judul": lap.judul,
        "subjudul": lap.subjudul[0],
        "subjudul_lain": lap.subjudul[1:],
        "lap": lap,
        "kaur": kaur,
        "kepala": kepala,
    }
    return render_pdf("laporan/keuangan/laporan.html", konteks)


def sebagai_xlsx(lap: LaporanKeuangan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = JENIS_LAPORAN[lap.jenis][:31]
    ws.append(baris_aman([lap.judul]))
    for s in lap.subjudul:
        ws.append(baris_aman([s]))
    ws.append([])
    ws.cell(row=1, column=1).font = Font(bold=True, size=12)
    judul = ["Kode", "Uraian", *lap.kolom] + (["%"] if lap.dengan_persen else [])
    ws.append(baris_aman(judul))
    baris_judul = ws.max_row
    garis = Side(style="thin", color="000000")
    kotak = Border(left=garis, right=garis, top=garis, bottom=garis)
    for i in range(1, len(judul) + 1):
        sel = ws.cell(row=baris_judul, column=i)
        sel.font = Font(bold=True)
        sel.fill = PatternFill("solid", fgColor="EEEEEE")
        sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sel.border = kotak
    for b in lap.baris:
        isi = [b.kode, ("  " * b.tingkat) + b.uraian, *b.nilai]
        if lap.dengan_persen:
            isi.append(b.persen)
        ws.append(baris_aman(isi))
        tebal = b.kelas in ("bagian", "grup", "jumlah", "turunan")
        for i in range(1, len(judul) + 1):
            sel = ws.cell(row=ws.max_row, column=i)
            sel.border = kotak
            if tebal:
                sel.font = Font(bold=True)
            if i > 2:
                sel.number_format = "#,##0.00;(#,##0.00)"
    for i, lebar in enumerate([12, 60] + [20] * len(lap.kolom) + [9], start=1):
        ws.column_dimensions[get_column_letter(i)].width = lebar
    ws.freeze_panes = ws.cell(row=baris_judul + 1, column=3)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
