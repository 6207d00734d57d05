"""Opening an uploaded resident file and reading its rows.

The file type is decided by content (ZIP container = .xlsx, OLE2 = .xls), never by name.
.xlsx is read by a small streaming reader (xlsx.py: formulas visible as formulas; openpyxl's
read-only mode was 3× slower); .xls with xlrd (which only sees stored values). The format (OpenSID or SIAK) is decided by
the header row. A sheet named "Kode Data" is skipped; a value "###" in the second column ends
the data; blank rows are skipped.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from penduduk.impor import kolom as K
from sid.lib.xlsx import periksa_arsip_xlsx

BATAS_BYTE = 20 * 1024 * 1024
BATAS_BARIS = 50_000
OPENSID = "opensid"
SIAK = "siak"
NAMA_FORMAT = {OPENSID: "OpenSID (.xlsx)", SIAK: "Ekspor SIAK"}
LEMBAR_KODE = "kode data"
PENUTUP = "###"

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

PESAN_BUKAN_SPREADSHEET = (
    "Berkas ini bukan lembar kerja Excel (.xlsx atau .xls). Simpan data dari Excel/LibreOffice "
    "sebagai .xlsx lalu unggah lagi."
)
PESAN_RUSAK = (
    "Berkas .xlsx/.xls ini rusak atau terpotong dan tidak dapat dibaca. Buka di "
    "Excel/LibreOffice, simpan ulang sebagai .xlsx, lalu unggah lagi."
)


@dataclass
class BarisMentah:
    nomor: int  # row number as the spreadsheet shows it
    nilai: dict[str, Any]  # header (lower case) → cell value
    galat: list[tuple[str, str]] = field(default_factory=list)  # (column, message)


@dataclass
class Lembar:
    format: str
    nama: str
    judul: list[str]  # headers as written in the file, in order (None for blank ones)
    baris: Iterator[BarisMentah]
    perkiraan_baris: int | None
    peringatan: list[str] = field(default_factory=list)


def _baca_sumber(sumber) -> tuple[Any, bool]:
    """A seekable binary file for a path, bytes or a file object; and whether we opened it."""
    if isinstance(sumber, str | Path):
        return open(sumber, "rb"), True  # noqa: SIM115 - closed by the caller's ExitStack
    if isinstance(sumber, bytes | bytearray):
        return io.BytesIO(sumber), True
    if hasattr(sumber, "open") and getattr(sumber, "closed", False):
        sumber.open("rb")
    return sumber, False


def _ukuran(f) -> int:
    ukuran = getattr(f, "size", None)
    if ukuran is None:
        posisi = f.tell()
        f.seek(0, os.SEEK_END)
        ukuran = f.tell()
        f.seek(posisi)
    return ukuran


def periksa_jenis(f) -> str:
    """'xlsx' or 'xls' by the first bytes; ValidationError for anything else (or too big/empty)."""
    ukuran = _ukuran(f)
    if ukuran == 0:
        raise ValidationError("Berkas kosong (0 byte).")
    if ukuran > BATAS_BYTE:
        raise ValidationError(
            f"Berkas terlalu besar ({ukuran / 1024 / 1024:.1f} MB); batasnya "
            f"{BATAS_BYTE // (1024 * 1024)} MB. Pecah data menjadi beberapa berkas."
        )
    f.seek(0)
    awal = f.read(8)
    f.seek(0)
    if awal.startswith(_ZIP):
        return "xlsx"
    if awal == _OLE:
        return "xls"
    raise ValidationError(PESAN_BUKAN_SPREADSHEET)


def _teks_judul(v) -> str | None:
    if v is None:
        return None
    s = " ".join(str(v).split())
    return s or None


def _kenali_format(judul: list[str | None]) -> str:
    kunci = {j.lower() for j in judul if j}
    if not kunci:
        raise ValidationError(
            "Berkas tidak berisi data: baris judul kolom tidak ditemukan pada lembar pertama."
        )
    if kunci & {"nama penduduk", "nomor kk"}:
        format_ = SIAK
        dikenal = set(K.SIAK)
    elif "nik" in kunci:
        format_ = OPENSID
        dikenal = set(K.PER_NAMA) | {K.KOLOM_GALAT}
    else:
        raise ValidationError(
            "Baris pertama bukan judul kolom yang dikenal. Berkas format OpenSID memuat kolom "
            "'nik' (lihat templat impor); ekspor SIAK memuat 'NIK' dan 'Nama Penduduk'."
        )
    ganda = sorted({j for j in kunci if [x.lower() for x in judul if x].count(j) > 1})
    if ganda:
        raise ValidationError(f"Judul kolom muncul lebih dari sekali: {', '.join(ganda)}.")
    asing = [j for j in judul if j and j.lower() not in dikenal]
    if asing:
        daftar = ", ".join(
            [*K.NAMA_KOLOM, *(k.nama for k in K.KOLOM_TAMBAHAN)]
            if format_ == OPENSID
            else sorted(K.SIAK)
        )
        raise ValidationError(
            f"Kolom tidak dikenal: {', '.join(asing)}. Kolom yang diterima "
            f"({NAMA_FORMAT[format_]}): {daftar}."
        )
    return format_


def _baris_data(
    mentah: Iterator[tuple[int, list[Any], list[tuple[int, str]]]], judul: list[str | None]
) -> Iterator[BarisMentah]:
    kunci = [j.lower() if j else None for j in judul]
    jumlah = 0
    for nomor, sel, galat_sel in mentah:
        if len(sel) > 1 and isinstance(sel[1], str) and sel[1].strip() == PENUTUP:
            return
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in sel):
            continue
        jumlah += 1
        if jumlah > BATAS_BARIS:
            raise ValidationError(
                f"Berkas berisi lebih dari {BATAS_BARIS:,} baris data; pecah menjadi beberapa "
                "berkas.".replace(",", ".")
            )
        nilai = {k: sel[i] for i, k in enumerate(kunci) if k and i < len(sel)}
        galat = [(kunci[i], pesan) for i, pesan in galat_sel if i < len(kunci) and kunci[i]]
        yield BarisMentah(nomor=nomor, nilai=nilai, galat=galat)


def _pesan_rumus(isi: str) -> str:
    return (
        f"Sel berisi rumus ({isi[:40]}); impor hanya menerima nilai. Salin lalu tempel "
        "sebagai nilai (Paste Special → Values) sebelum mengunggah."
    )


# --- .xlsx -----------------------------------------------------------------------------------
def _baris_xlsx(buku, path) -> Iterator[tuple[int, list[Any], list[tuple[int, str]]]]:
    for nomor, nilai, masalah in buku.baris(path):
        galat = [
            (i, _pesan_rumus(teks) if jenis == "rumus" else f"Sel berisi galat Excel ({teks}).")
            for i, jenis, teks in masalah
        ]
        yield nomor, nilai, galat


@contextlib.contextmanager
def _buka_xlsx(f) -> Iterator[Lembar]:
    from penduduk.impor.xlsx import BukanXlsx, BukuXlsx

    # Before anything is expanded (issue #17). 50,000 rows × 43 columns expand to ~110 MB.
    periksa_arsip_xlsx(f, batas_mb=settings.SID_XLSX_TERURAI_MB_PENDUDUK)
    try:
        buku = BukuXlsx(f)
    except BukanXlsx as exc:
        raise ValidationError(PESAN_RUSAK) from exc
    try:
        lembar = [(n, p) for n, p in buku.lembar if n.strip().lower() != LEMBAR_KODE]
        if not lembar:
            raise ValidationError("Berkas tidak memiliki lembar data (hanya lembar 'Kode Data').")
        nama, path = lembar[0]
        peringatan = []
        if len(lembar) > 1:
            lain = ", ".join(f"'{n}'" for n, _p in lembar[1:])
            peringatan.append(f"Hanya lembar '{nama}' yang dibaca; lembar {lain} diabaikan.")
        try:
            perkiraan = buku.perkiraan_baris(path)
        except KeyError as exc:
            raise ValidationError(PESAN_RUSAK) from exc
        mentah = _aman(_baris_xlsx(buku, path))
        judul = _judul(mentah)
        format_ = _kenali_format(judul)
        yield Lembar(
            format=format_,
            nama=nama,
            judul=judul,
            baris=_baris_data(mentah, judul),
            perkiraan_baris=perkiraan,
            peringatan=peringatan,
        )
    finally:
        buku.close()


def _aman(mentah):
    """Reading errors in the middle of a damaged file become the 'rusak' message."""
    try:
        yield from mentah
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError(PESAN_RUSAK) from exc


def _judul(mentah) -> list[str | None]:
    for _nomor, sel, _galat in mentah:
        judul = [_teks_judul(v) for v in sel]
        if any(judul):
            while judul and judul[-1] is None:
                judul.pop()
            return judul
    raise ValidationError("Berkas kosong: tidak ada baris judul kolom maupun data.")


# --- .xls ------------------------------------------------------------------------------------
def _baris_xls(book, sheet) -> Iterator[tuple[int, list[Any], list[tuple[int, str]]]]:
    import xlrd

    for r in range(sheet.nrows):
        nilai, galat = [], []
        for i, c in enumerate(sheet.row(r)):
            if c.ctype == xlrd.XL_CELL_DATE:
                try:
                    v = xlrd.xldate_as_datetime(c.value, book.datemode)
                except (xlrd.xldate.XLDateError, ValueError, OverflowError):
                    v = c.value
            elif c.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                v = None
            elif c.ctype == xlrd.XL_CELL_ERROR:
                galat.append((i, "Sel berisi galat Excel."))
                v = None
            else:
                v = c.value
            nilai.append(v)
        yield r + 1, nilai, galat


@contextlib.contextmanager
def _buka_xls(f) -> Iterator[Lembar]:
    import xlrd

    data = f.read()
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as exc:  # xlrd raises many types for damaged/encrypted files
        raise ValidationError(
            PESAN_RUSAK + " (Berkas .xls yang dilindungi kata sandi juga tidak dapat dibaca.)"
        ) from exc
    try:
        nama = [n for n in book.sheet_names() if n.strip().lower() != LEMBAR_KODE]
        if not nama:
            raise ValidationError("Berkas tidak memiliki lembar data (hanya lembar 'Kode Data').")
        sheet = book.sheet_by_name(nama[0])
        peringatan = []
        if len(nama) > 1:
            lain = ", ".join(f"'{n}'" for n in nama[1:])
            peringatan.append(f"Hanya lembar '{nama[0]}' yang dibaca; lembar {lain} diabaikan.")
        mentah = _aman(_baris_xls(book, sheet))
        judul = _judul(mentah)
        format_ = _kenali_format(judul)
        yield Lembar(
            format=format_,
            nama=nama[0],
            judul=judul,
            baris=_baris_data(mentah, judul),
            perkiraan_baris=max(sheet.nrows - 1, 0),
            peringatan=peringatan,
        )
    finally:
        book.release_resources()


@contextlib.contextmanager
def buka(sumber) -> Iterator[Lembar]:
    """Open a resident file (path, bytes or file object) and yield its data sheet."""
    with contextlib.ExitStack() as tumpukan:
        f, milik_kita = _baca_sumber(sumber)
        if milik_kita:
            tumpukan.callback(f.close)
        jenis = periksa_jenis(f)
        pembuka = _buka_xlsx if jenis == "xlsx" else _buka_xls
        with pembuka(f) as lembar:
            yield lembar


def periksa_berkas(sumber) -> tuple[str, str, int | None]:
    """Check at upload time: a readable spreadsheet, known headers, at least one data row.

    Returns (format, sheet name, estimated number of rows). Raises ValidationError.
    """
    with buka(sumber) as lembar:
        if next(lembar.baris, None) is None:
            raise ValidationError("Berkas tidak berisi baris data di bawah judul kolom.")
        return lembar.format, lembar.nama, lembar.perkiraan_baris
