"""Writing a `Buku` as a PDF (official layout, templates/laporan/penduduk/buku.html on the
shared templates/laporan/base.html, rendered by sid.lib.pdf.render_pdf) or as an .xlsx.

Big registers are rendered in chunks of `UKURAN_POTONGAN` rows (WeasyPrint's memory grows
with the document: ~300 MB per 1,000 table rows) and joined with pypdf, reporting progress
after each chunk; chunked documents number their pages "Halaman N" (the total is unknown
until the last chunk). The .xlsx is written in openpyxl's write-only mode (flat memory).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable

from penduduk.laporan.buku import Buku
from sid import penandatangan as sid_penandatangan
from sid.lib.desa import identitas_desa
from sid.lib.pdf import konteks_kop, render_pdf
from sid.lib.sel import baris_aman, sel_aman
from sid.lib.tata_kolom import atur_kolom, bobot_dari_persen

UKURAN_POTONGAN = 400
Progres = Callable[[int, str], None]  # (percent 0–100, stage text)


def penandatangan(tanggal: datetime.date):
    """The kepala desa in office on `tanggal` (the officials app answers through
    sid.penandatangan), or None (a blank signature line)."""
    return sid_penandatangan.pada(tanggal)


def _ukuran_awal(buku: Buku) -> float:
    """The type size a register starts from; smaller when its words need it (tata_kolom)."""
    n = len(buku.kolom)
    return 5.6 if n > 30 else 6.8 if n > 14 else 7.6


def _teks_css(teks: str) -> str:
    return "".join(c for c in teks if c not in '"\\\n')


def _konteks(buku: Buku, *, kertas: str, dicetak: datetime.date, baris: list[list]) -> dict:
    """What templates/laporan/penduduk/buku.html needs; the column widths and type size come
    from every row of the book, so all its chunks print with the same columns."""

    tata = atur_kolom(
        [k.judul for k in buku.kolom],
        [[str(t) for t in b] for b in baris],
        kertas=kertas,
        bobot=bobot_dari_persen(k.lebar for k in buku.kolom),
        ukuran_awal=_ukuran_awal(buku),
    )
    return {
        **konteks_kop(tanggal=dicetak, kertas=kertas, mendatar=True),
        "judul": buku.judul,
        "judul_kaki": _teks_css(f"{buku.judul} — {buku.subjudul}"),
        "subjudul": buku.subjudul,
        "kolom": buku.kolom,
        "grup": buku.kelompok_kolom(),
        "berkelompok": buku.berkelompok,
        "nomor_kolom": True,
        "ringkasan": buku.ringkasan,
        "pesan_kosong": buku.pesan_kosong,
        "lebar_kolom": tata.lebar,
        "ukuran_huruf": tata.ukuran_huruf,
        "ttd": penandatangan(dicetak),
    }


def _sel(buku: Buku, baris: list[list[str]]) -> list[list[tuple[str, str]]]:
    return [[(t, k.kelas) for t, k in zip(b, buku.kolom, strict=True)] for b in baris]


def sebagai_pdf(
    buku: Buku,
    *,
    kertas: str = "F4",
    dicetak: datetime.date | None = None,
    progres: Progres | None = None,
) -> bytes:
    from django.utils import timezone

    dicetak = dicetak or timezone.localdate()
    lapor = progres or (lambda _p, _t: None)
    lapor(5, "Mengambil data")
    baris = list(buku.baris())
    konteks = _konteks(buku, kertas=kertas, dicetak=dicetak, baris=baris)
    template = "laporan/penduduk/buku.html"
    if len(baris) <= UKURAN_POTONGAN:
        lapor(20, "Menyusun PDF")
        pdf = render_pdf(template, {**konteks, "baris": _sel(buku, baris), "utuh": True})
        lapor(100, "Selesai")
        return pdf
    from pypdf import PdfReader, PdfWriter  # 26 MB: loaded by the worker that joins big books only

    potongan = [baris[i : i + UKURAN_POTONGAN] for i in range(0, len(baris), UKURAN_POTONGAN)]
    penulis = PdfWriter()
    halaman = 0
    for i, isi in enumerate(potongan):
        lapor(
            10 + int(85 * i / len(potongan)), f"Menyusun PDF: bagian {i + 1} dari {len(potongan)}"
        )
        pdf = render_pdf(
            template,
            {
                **konteks,
                "baris": _sel(buku, isi),
                "utuh": False,
                "potongan_pertama": i == 0,
                "potongan_terakhir": i == len(potongan) - 1,
                "halaman_awal": halaman + 1,
            },
        )
        bacaan = PdfReader(io.BytesIO(pdf))
        halaman += len(bacaan.pages)
        penulis.append(bacaan)
    keluaran = io.BytesIO()
    penulis.add_metadata({"/Title": buku.judul})
    penulis.write(keluaran)
    lapor(100, "Selesai")
    return keluaran.getvalue()


def sebagai_xlsx(buku: Buku, *, progres: Progres | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    lapor = progres or (lambda _p, _t: None)
    lapor(5, "Mengambil data")
    jumlah = max(buku.jumlah(), 1)
    desa = identitas_desa()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(buku.judul[:31].replace("/", "-"))
    for i, k in enumerate(buku.kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = k.lebar_xlsx
    ws.freeze_panes = f"A{5 + (3 if buku.berkelompok else 2)}"  # first data row
    garis = Side(style="thin", color="000000")
    kotak = Border(left=garis, right=garis, top=garis, bottom=garis)

    def sel(nilai, *, tebal=False, kepala=False, ukuran=None):
        c = WriteOnlyCell(ws, value=sel_aman(nilai))
        if tebal or ukuran:
            c.font = Font(bold=tebal, size=ukuran)
        if kepala:
            c.font = Font(bold=True)
            c.fill = PatternFill("solid", fgColor="EEEEEE")
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            c.border = kotak
        return c

    ws.append([sel(buku.judul.upper(), tebal=True, ukuran=12)])
    ws.append([sel(f"{desa.sebutan_desa} {desa.nama_desa}".strip(), tebal=True)])
    ws.append([sel(buku.subjudul)])
    ws.append([])
    if buku.berkelompok:
        atas = []
        for judul, span, daftar in buku.kelompok_kolom():
            atas.append(sel(judul or daftar[0].judul, kepala=True))
            atas += [sel(None, kepala=True) for _ in range(span - 1)]
        ws.append(atas)
    ws.append([sel(k.judul, kepala=True) for k in buku.kolom])
    ws.append([sel(i, kepala=True) for i in range(1, len(buku.kolom) + 1)])
    angka = [i == 0 and buku.bernomor or k.kelas == "kanan" for i, k in enumerate(buku.kolom)]
    for n, b in enumerate(buku.baris(), start=1):
        ws.append(
            [
                int(t) if angka[i] and t.lstrip("-").isdigit() else sel_aman(t)
                for i, t in enumerate(b)
            ]
        )
        if n % 2000 == 0:
            lapor(5 + int(90 * n / jumlah), f"Menulis baris {n} dari {jumlah}")
    if buku.ringkasan:
        ws.append([])
        for label, nilai in buku.ringkasan:
            ws.append(baris_aman([label, nilai]))
    keluaran = io.BytesIO()
    wb.save(keluaran)
    lapor(100, "Selesai")
    return keluaran.getvalue()
