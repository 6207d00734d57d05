"""The officials' books: Buku Aparat Pemerintah Desa and the Laporan Data Perangkat Desa.

Each is built once as a `Laporan` (columns + rows of text, 1–2 queries) and then written as
the screen table, a PDF (official layout, templates/laporan/base.html) or an .xlsx sheet.
Both are small (tens of rows), so the PDF is rendered in the request, not in Celery.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from perangkat.models import StatusVerifikasi
from perangkat.selectors import penandatangan_untuk, pengangkatan_pada
from sid.lib.desa import identitas_desa
from sid.lib.format import tanggal_indonesia
from sid.lib.pdf import konteks_kop, render_pdf
from sid.lib.sel import baris_aman
from sid.lib.tata_kolom import atur_kolom, bobot_dari_persen


@dataclass(frozen=True)
class Kolom:
    judul: str
    lebar: str = ""  # CSS width in the PDF, e.g. "12%"
    kelas: str = ""  # "tengah" / "kanan" alignment in the PDF
    lebar_xlsx: int = 14


@dataclass
class Laporan:
    judul: str
    subjudul: str
    tanggal: datetime.date
    kolom: list[Kolom]
    baris: list[list[str]] = field(default_factory=list)
    nama_berkas: str = "laporan"
    ringkasan: list[tuple[str, int]] = field(default_factory=list)

    def baris_sel(self) -> list[list[tuple[str, str]]]:
        return [
            [(teks, k.kelas) for teks, k in zip(b, self.kolom, strict=True)] for b in self.baris
        ]


def _nomor_tanggal(nomor: str, tanggal: datetime.date | None) -> str:
    if not nomor and not tanggal:
        return ""
    return f"{nomor}\n{tanggal_indonesia(tanggal) if tanggal else ''}".strip()


def buku_aparat(tanggal: datetime.date) -> Laporan:
    """Buku Aparat Pemerintah Desa: the officials whose appointment covers `tanggal`."""
    desa = identitas_desa()
    kolom = [
        Kolom("No", "3%", "tengah", 5),
        Kolom("Nama", "11.5%", lebar_xlsx=28),
        Kolom(desa.sebutan_nip_desa or "NIPD", "7.5%", lebar_xlsx=16),
        Kolom("NIP", "10%", lebar_xlsx=22),
        Kolom("L/P", "3%", "tengah", 6),
        Kolom("Tempat, tanggal lahir", "9%", lebar_xlsx=26),
        Kolom("Agama", "5.5%", lebar_xlsx=12),
        Kolom("Pangkat/ golongan", "6.5%", lebar_xlsx=14),
        Kolom("Jabatan", "8.5%", lebar_xlsx=24),
        Kolom("Pendidikan terakhir", "7%", lebar_xlsx=20),
        Kolom("Nomor dan tanggal keputusan pengangkatan", "11.5%", lebar_xlsx=26),
        Kolom("Nomor dan tanggal keputusan pemberhentian", "11.5%", lebar_xlsx=26),
        Kolom("Ket.", "5.5%", lebar_xlsx=20),
    ]
    baris = []
    for i, p in enumerate(pengangkatan_pada(tanggal), start=1):
        orang = p.perangkat
        idt = orang.identitas
        baris.append(
            [
                str(i),
                orang.nama_bergelar,
                orang.nipd,
                orang.nip,
                idt.jk_singkat,
                idt.tempat_tanggal_lahir,
                idt.agama_label,
                orang.pangkat_golongan,
                p.judul_jabatan,
                idt.pendidikan_label,
                _nomor_tanggal(p.nomor_sk, p.tanggal_sk),
                _nomor_tanggal(p.nomor_sk_berhenti, p.tanggal_sk_berhenti),
                p.keterangan,
            ]
        )
    return Laporan(
        judul="Buku Aparat Pemerintah Desa",
        subjudul=f"Keadaan per {tanggal_indonesia(tanggal)}",
        tanggal=tanggal,
        kolom=kolom,
        baris=baris,
        nama_berkas=f"buku-aparat-pemerintah-desa-{tanggal:%Y-%m-%d}",
    )


def laporan_data_perangkat(tanggal: datetime.date) -> Laporan:
    """Each official in office with the state of their SK (uploaded, verified) for the kades."""
    kolom = [
        Kolom("No", "4%", "tengah", 5),
        Kolom("Nama", "17%", lebar_xlsx=28),
        Kolom("Jabatan", "15%", lebar_xlsx=24),
        Kolom("Jenis", "7%", "tengah", 10),
        Kolom("Nomor SK pengangkatan", "15%", lebar_xlsx=26),
        Kolom("Tanggal SK", "10%", lebar_xlsx=18),
        Kolom("TMT", "10%", lebar_xlsx=18),
        Kolom("Berkas SK", "7%", "tengah", 10),
        Kolom("Status SK", "15%", lebar_xlsx=34),
    ]
    baris = []
    jumlah = dict.fromkeys(StatusVerifikasi.values, 0)
    for i, p in enumerate(pengangkatan_pada(tanggal), start=1):
        jumlah[p.status_verifikasi] += 1
        if p.status_verifikasi == StatusVerifikasi.TERVERIFIKASI:
            u = p.diverifikasi_oleh
            oleh = (u.get_full_name() or u.get_username()) if u else "sistem"
            status = (
                f"Terverifikasi\n{tanggal_indonesia(p.diverifikasi_pada.date())} oleh {oleh}"
                if p.diverifikasi_pada
                else "Terverifikasi"
            )
        elif p.status_verifikasi == StatusVerifikasi.PERLU_PERBAIKAN:
            status = f"Perlu perbaikan: {p.catatan_perbaikan}"
        else:
            status = "Belum diverifikasi"
        baris.append(
            [
                str(i),
                p.perangkat.nama_bergelar,
                p.judul_jabatan,
                {"definitif": "Definitif", "plt": "Plt.", "pj": "Pj."}[p.jenis],
                p.nomor_sk,
                tanggal_indonesia(p.tanggal_sk),
                tanggal_indonesia(p.tmt),
                "Ada" if p.berkas_sk else "Belum",
                status,
            ]
        )
    return Laporan(
        judul="Laporan Data Perangkat Desa",
        subjudul=f"Keadaan per {tanggal_indonesia(tanggal)}",
        tanggal=tanggal,
        kolom=kolom,
        baris=baris,
        nama_berkas=f"laporan-data-perangkat-desa-{tanggal:%Y-%m-%d}",
        ringkasan=[
            ("Jumlah pengangkatan", len(baris)),
            ("SK terverifikasi", jumlah[StatusVerifikasi.TERVERIFIKASI]),
            ("SK belum diverifikasi", jumlah[StatusVerifikasi.BELUM]),
            ("SK perlu perbaikan", jumlah[StatusVerifikasi.PERLU_PERBAIKAN]),
        ],
    )


def penandatangan_laporan(tanggal: datetime.date):
    """The kepala desa who signs a book printed on `tanggal`, or None (blank signature line)."""
    try:
        return penandatangan_untuk(tanggal)["kepala_desa"]
    except ValidationError:
        return None


def sebagai_pdf(laporan: Laporan, *, kertas: str = "A4", dicetak: datetime.date) -> bytes:

    return render_pdf(TEMPLATE_PDF, konteks_pdf(laporan, kertas=kertas, dicetak=dicetak))


TEMPLATE_PDF = "perangkat/laporan.html"


def konteks_pdf(laporan: Laporan, *, kertas: str = "A4", dicetak: datetime.date) -> dict:

    tata = atur_kolom(
        [k.judul for k in laporan.kolom],
        [[str(t or "") for t in b] for b in laporan.baris],
        kertas=kertas,
        bobot=bobot_dari_persen(k.lebar for k in laporan.kolom),
        ukuran_awal=8.0,
        judul_kapital=True,
    )
    return {
        "lebar_kolom": tata.lebar,
        "ukuran_huruf": tata.ukuran_huruf,
        **konteks_kop(tanggal=dicetak, kertas=kertas, mendatar=True),
        "judul": laporan.judul,
        "subjudul": laporan.subjudul,
        "kolom": laporan.kolom,
        "baris": laporan.baris_sel(),
        "nomor_kolom": True,
        "ringkasan": laporan.ringkasan,
        "ttd": penandatangan_laporan(dicetak),
        "pesan_kosong": "Tidak ada perangkat desa yang menjabat pada tanggal ini.",
    }


def sebagai_xlsx(laporan: Laporan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    desa = identitas_desa()
    wb = Workbook()
    ws = wb.active
    ws.title = laporan.judul[:31]
    ws.append(baris_aman([laporan.judul.upper()]))
    ws.append(baris_aman([f"{desa.sebutan_desa} {desa.nama_desa}".strip()]))
    ws.append(baris_aman([laporan.subjudul]))
    ws.append([])
    for baris in (1, 2, 3):
        ws.cell(row=baris, column=1).font = Font(bold=baris == 1, size=12 if baris == 1 else 11)
    ws.append(baris_aman([k.judul for k in laporan.kolom]))
    awal = ws.max_row
    ws.append(baris_aman(list(range(1, len(laporan.kolom) + 1))))
    garis = Side(style="thin", color="000000")
    kotak = Border(left=garis, right=garis, top=garis, bottom=garis)
    for kolom_ke in range(1, len(laporan.kolom) + 1):
        for baris_ke in (awal, awal + 1):
            sel = ws.cell(row=baris_ke, column=kolom_ke)
            sel.font = Font(bold=True)
            sel.fill = PatternFill("solid", fgColor="EEEEEE")
            sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            sel.border = kotak
    for b in laporan.baris:
        ws.append(baris_aman([int(b[0]) if b[0].isdigit() else b[0], *b[1:]]))
        for kolom_ke in range(1, len(b) + 1):
            sel = ws.cell(row=ws.max_row, column=kolom_ke)
            sel.alignment = Alignment(vertical="top", wrap_text=True)
            sel.border = kotak
    for i, k in enumerate(laporan.kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = k.lebar_xlsx
    ws.freeze_panes = ws.cell(row=awal + 2, column=1)
    if laporan.ringkasan:
        ws.append([])
        for label, nilai in laporan.ringkasan:
            ws.append(baris_aman([label, nilai]))
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
