"""The letter register (buku agenda surat keluar) for a period, as PDF or Excel.

Built once as columns + rows of text (1 query), then written out. The PDF uses the shared
official-document layout (templates/laporan/base.html, sid.lib.pdf); a period is at most a
year and the PDF at most BATAS_PDF rows, so it renders within the request.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from perangkat.selectors import penandatangan_untuk
from sid.lib.desa import identitas_desa
from sid.lib.format import samarkan_nik, tanggal_indonesia
from sid.lib.pdf import konteks_kop, render_pdf
from sid.lib.sel import baris_aman
from surat.selectors import register_surat

BATAS_PDF = 600
KOLOM = [
    # judul, lebar PDF, kelas, lebar Excel
    ("No", "4%", "tengah", 5),
    ("Nomor surat", "17%", "", 26),
    ("Tanggal", "10%", "", 16),
    ("Jenis surat", "16%", "", 28),
    ("Nama penduduk", "17%", "", 28),
    ("NIK", "9%", "", 20),
    ("Penanda tangan", "17%", "", 30),
    ("Status", "10%", "tengah", 12),
]


@dataclass
class Register:
    dari: datetime.date
    sampai: datetime.date
    judul_jenis: str
    baris: list[list[str]] = field(default_factory=list)

    @property
    def subjudul(self) -> str:
        teks = f"Periode {tanggal_indonesia(self.dari)} s.d. {tanggal_indonesia(self.sampai)}"
        return f"{teks} · {self.judul_jenis}" if self.judul_jenis else teks

    @property
    def nama_berkas(self) -> str:
        return f"register-surat-{self.dari:%Y%m%d}-{self.sampai:%Y%m%d}"


def buat_register(dari: datetime.date, sampai: datetime.date, jenis=None) -> Register:
    reg = Register(dari=dari, sampai=sampai, judul_jenis=jenis.nama if jenis else "")
    for i, s in enumerate(register_surat(dari, sampai, jenis), start=1):
        reg.baris.append(
            [
                str(i),
                s.nomor,
                tanggal_indonesia(s.tanggal_surat),
                (s.nilai_terbit or {}).get("jenis", {}).get("nama", s.jenis.nama),
                s.nama_penduduk,
                s.nik_penduduk,
                f"{s.penandatangan_nama}\n{s.penandatangan_jabatan.splitlines()[-1] if s.penandatangan_jabatan else ''}".strip(),
                s.get_status_display() if s.status == s.Status.BATAL else "Terbit",
            ]
        )
    return reg


def sebagai_pdf(reg: Register, *, kertas: str = "A4", samarkan: bool = False) -> bytes:

    if len(reg.baris) > BATAS_PDF:
        raise ValidationError(
            f"Register berisi {len(reg.baris)} surat; PDF paling banyak {BATAS_PDF} baris. "
            "Persempit periodenya, atau unduh Excel."
        )
    try:
        ttd = penandatangan_untuk(timezone.localdate())["kepala_desa"]
    except ValidationError:
        ttd = None
    baris = [
        [(samarkan_nik(t) if samarkan and i == 5 else t, KOLOM[i][2]) for i, t in enumerate(b)]
        for b in reg.baris
    ]
    konteks = {
        **konteks_kop(kertas=kertas, mendatar=True),
        "judul": "Register Surat Keluar",
        "subjudul": reg.subjudul,
        "kolom": [{"judul": k[0], "lebar": k[1]} for k in KOLOM],
        "baris": baris,
        "nomor_kolom": True,
        "ttd": ttd,
        "pesan_kosong": "Tidak ada surat terbit pada periode ini.",
    }
    return render_pdf("laporan/base.html", konteks)


def sebagai_xlsx(reg: Register) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    desa = identitas_desa()
    wb = Workbook()
    ws = wb.active
    ws.title = "Register Surat Keluar"
    ws.append(baris_aman(["REGISTER SURAT KELUAR"]))
    ws.append(baris_aman([str(desa)]))
    ws.append(baris_aman([reg.subjudul]))
    ws.append([])
    ws["A1"].font = Font(bold=True, size=12)
    awal = ws.max_row + 1
    ws.append(baris_aman([k[0] for k in KOLOM]))
    garis = Side(style="thin", color="000000")
    kotak = Border(left=garis, right=garis, top=garis, bottom=garis)
    for kolom_ke in range(1, len(KOLOM) + 1):
        sel = ws.cell(row=awal, column=kolom_ke)
        sel.font = Font(bold=True)
        sel.fill = PatternFill("solid", fgColor="EEEEEE")
        sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sel.border = kotak
    for b in reg.baris:
        ws.append(baris_aman([int(b[0]), *b[1:]]))
        for kolom_ke in range(1, len(b) + 1):
            sel = ws.cell(row=ws.max_row, column=kolom_ke)
            sel.alignment = Alignment(vertical="top", wrap_text=True)
            sel.border = kotak
        ws.cell(row=ws.max_row, column=6).number_format = "@"
    for i, k in enumerate(KOLOM, start=1):
        ws.column_dimensions[get_column_letter(i)].width = k[3]
    ws.freeze_panes = ws.cell(row=awal + 1, column=1)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
