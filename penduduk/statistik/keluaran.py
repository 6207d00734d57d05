"""A statistics table as a document: PDF (Cetak / Unduh PDF, through WeasyPrint with the letter
head) and Excel (Unduh Excel, the streaming xlsx writer of penduduk.ekspor). The chart's PNG is
made in the browser (static/sid/grafik-statistik.js).

Both the back office and the public website use these; the public pages pass `ttd=False` (no
signature block on a page anyone can print)."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from penduduk.ekspor import LembarXlsx, xlsx_bertahap
from penduduk.statistik.hitung import DATA, LUAR, Tabel
from sid import penandatangan
from sid.lib.format import tanggal_indonesia
from sid.lib.pdf import konteks_kop, render_pdf
from sid.lib.sel import sel_aman

JENIS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _judul_kolom(tabel: Tabel) -> list[str]:
    return ["No", tabel.kategori.judul, "Jumlah", "Laki-laki", "Perempuan", "%"]


def _baris(tabel: Tabel) -> list[list]:
    """One list per table row: No (data rows only), label, total, male, female, percent."""
    hasil = []
    nomor = 0
    for b in tabel.semua_baris:
        if b.jenis == DATA:
            nomor += 1
        hasil.append(
            [
                nomor if b.jenis == DATA else "",
                b.label,
                b.jumlah,
                b.l,
                b.p,
                round(b.persen, 2),
            ]
        )
    return hasil


def keterangan(tabel: Tabel) -> str:
    """'Penduduk berstatus HIDUP, per 6 Desember 2026, Dusun Krajan / RW 001.'"""
    k = tabel.kategori
    siapa = "Keluarga (KK) aktif" if k.per_keluarga else "Penduduk berstatus HIDUP"
    di = f", {tabel.wilayah.nama_lengkap}" if tabel.wilayah else ""
    return f"{siapa}{di}, per {tanggal_indonesia(tabel.pada)}."


def nama_berkas(tabel: Tabel) -> str:
    bagian = ["statistik", tabel.kategori.kunci]
    if tabel.wilayah:
        bagian.append(slugify(tabel.wilayah.nama_lengkap))
    bagian.append(tabel.pada.isoformat())
    return "-".join(bagian)


def statistik_pdf(tabel: Tabel, *, ttd: bool = True, dicetak: datetime.date | None = None) -> bytes:
    dicetak = dicetak or timezone.localdate()
    sel = []
    for b, nilai in zip(tabel.semua_baris, _baris(tabel), strict=True):
        tebal = "" if b.jenis in (DATA, LUAR) else " tebal"
        sel.append(
            [
                (str(nilai[0]), "tengah"),
                (nilai[1], tebal.strip()),
                *[(f"{v:,}".replace(",", "."), "kanan" + tebal) for v in nilai[2:5]],
                (f"{nilai[5]:.2f}".replace(".", ","), "kanan" + tebal),
            ]
        )
    konteks = {
        **konteks_kop(tanggal=dicetak),
        "judul": f"Statistik {tabel.kategori.judul}",
        "subjudul": keterangan(tabel),
        "kolom": [
            {"judul": j, "lebar": w}
            for j, w in zip(
                _judul_kolom(tabel), ["8%", "44%", "12%", "12%", "12%", "12%"], strict=True
            )
        ],
        "baris": sel,
        "keterangan": tabel.kategori.keterangan,
        "pakai_ttd": ttd,
        "ttd": penandatangan.pada(dicetak) if ttd else None,
    }
    return render_pdf("laporan/penduduk/statistik.html", konteks)


def statistik_xlsx(tabel: Tabel) -> bytes:
    """The table as one sheet; text cells that a spreadsheet would read as a formula are
    escaped (sid.lib.sel.sel_aman), numbers stay numbers."""
    baris = [[sel_aman(v) for v in r] for r in _baris(tabel)]
    baris += [[], ["", sel_aman(keterangan(tabel))]]
    lembar = LembarXlsx(
        tabel.kategori.judul[:31],
        _judul_kolom(tabel),
        baris,
        lebar=[6, 44, 12, 12, 12, 10],
        jumlah_baris=len(baris),
    )
    return b"".join(xlsx_bertahap([lembar]))


def respons(tabel: Tabel, format_: str, *, ttd: bool = True, lampiran: bool = True) -> HttpResponse:
    """The file as an HTTP response: an attachment (Unduh), or inline for printing (Cetak)."""
    isi = statistik_pdf(tabel, ttd=ttd) if format_ == "pdf" else statistik_xlsx(tabel)
    return respons_berkas(isi, tabel, format_, lampiran=lampiran)


def respons_berkas(isi: bytes, tabel: Tabel, format_: str, *, lampiran: bool) -> HttpResponse:
    r = HttpResponse(isi, content_type=JENIS[format_])
    cara = "attachment" if lampiran else "inline"
    r["Content-Disposition"] = f'{cara}; filename="{nama_berkas(tabel)}.{format_}"'
    return r
