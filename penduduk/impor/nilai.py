"""Cleaning cell values: text, names, NIK / No. KK, dates, decimals, wilayah names.

Every function takes what a spreadsheet cell can hold (str, int, float, date, datetime, None)
and returns the clean value, None for "empty" (blank or "-"), or raises ValueError with an
Indonesian message. The same functions clean values read from the register before a row is
compared with it, so an exported file re-imports as "unchanged".
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from penduduk import validasi
from penduduk.impor import kolom as K
from penduduk.impor.label import cari_kode
from sid.lib.sel import sel_asli

# Zero-width and control characters that SIAK exports carry in NIK / No. KK and names.
_TAK_TAMPAK = re.compile(r"[\u200b-\u200f\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EPOCH_EXCEL = datetime.date(1899, 12, 30)
_DESIMAL = Decimal("0.0000001")
TANPA_TINGKAT = K.TANPA_TINGKAT  # rt "-": the village has no RT level; rw "-": the dusun has no RW

_TANGGAL_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_TANGGAL_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_JAM = re.compile(r"^(\S+)[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_AWALAN_DUSUN = re.compile(r"\b(?:DUSUN|DSN|DS)\b\.?\s*([^,;]+)", re.IGNORECASE)


def _angka_bulat(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def teks(v) -> str | None:
    """Trimmed text with whitespace collapsed; blank or "-" = None. The apostrophe an export
    puts before text that would run as a formula (`sid.lib.sel`) is taken off again."""
    if v is None:
        return None
    if type(v) is str:
        s = v.strip()
        if s[:1] == "'":
            s = sel_asli(s)
        if s.isascii() and s.isprintable() and "  " not in s:  # the common case, fast
            return None if s in ("", "-") else s
    v = _angka_bulat(v)
    if isinstance(v, datetime.datetime):
        v = v.date()
    if isinstance(v, datetime.date):
        v = v.isoformat()
    s = sel_asli(" ".join(_TAK_TAMPAK.sub("", str(v)).split()))
    return None if s in ("", "-") else s


def nama(v) -> str | None:
    s = teks(v)
    return validasi.bersihkan_nama(s) if s else None


def nomor(v) -> str | None:
    """NIK / No. KK: every non-digit dropped (SIAK carries invisible characters). '0' kept."""
    if v is None:
        return None
    v = _angka_bulat(v)
    s = re.sub(r"\D", "", str(v))
    if not s:
        return None
    return "0" if set(s) == {"0"} else s


def tanggal(v) -> datetime.date | None:
    """Excel date cells or serials, dd-mm-yyyy / dd/mm/yyyy, or ISO yyyy-mm-dd."""
    if v is None:
        return None
    if isinstance(v, datetime.datetime):
        return v.date()
    if isinstance(v, datetime.date):
        return v
    if isinstance(v, int | float) and not isinstance(v, bool):
        return _serial(v, v)
    s = teks(v)
    if s is None:
        return None
    s = s.lstrip("'")
    jam = _JAM.match(s)
    if jam:
        s = jam.group(1)
    try:
        if m := _TANGGAL_DMY.match(s):
            return datetime.date(int(m[3]), int(m[2]), int(m[1]))
        if m := _TANGGAL_ISO.match(s):
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValueError(f"Tanggal '{s}' tidak ada di kalender.") from None
    if s.isdigit() and 4 <= len(s) <= 6:
        return _serial(int(s), s)
    raise ValueError(f"Tanggal '{s}' tidak dikenali; tulis dd-mm-yyyy atau yyyy-mm-dd.")


def _serial(angka, asli) -> datetime.date:
    if not 1 <= angka < 2958466:
        raise ValueError(f"Tanggal '{asli}' tidak dikenali; tulis dd-mm-yyyy atau yyyy-mm-dd.")
    return _EPOCH_EXCEL + datetime.timedelta(days=int(angka))


def desimal(v) -> Decimal | None:
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, float):
        v = repr(v)
    s = teks(v)
    if s is None:
        return None
    if "," in s and "." not in s:
        s = s.replace(",", ".")
    try:
        hasil = Decimal(s).quantize(_DESIMAL)
    except InvalidOperation:
        raise ValueError(f"'{s}' bukan angka desimal (mis. -6.4815).") from None
    if not hasil.is_finite():
        raise ValueError(f"'{s}' bukan angka desimal (mis. -6.4815).")
    return hasil


def dusun(v) -> str | None:
    """Upper case, '_' → space, a leading 'DUSUN ' dropped."""
    s = teks(v)
    if s is None:
        return None
    s = " ".join(s.upper().replace("_", " ").split())
    if s.startswith("DUSUN "):
        s = s[len("DUSUN ") :].strip()
    return s or None


def dusun_dari_alamat(alamat) -> str | None:
    """SIAK writes the dusun in the address: 'DSN JIWET', 'Ds. JIWET', 'DUSUN. X', or just 'X'."""
    s = teks(alamat)
    if s is None:
        return None
    m = _AWALAN_DUSUN.search(s)
    return dusun(m.group(1) if m else s)


def tingkat(v) -> str | None:
    """RW / RT name; '-' (TANPA_TINGKAT): no such level (rw: in this dusun); blank = None."""
    if v is None:
        return None
    v = _angka_bulat(v)
    s = " ".join(_TAK_TAMPAK.sub("", str(v)).split())
    if s == "-":
        return TANPA_TINGKAT
    return s.upper() or None


def kunci_wilayah(nama_wilayah: str | None) -> str | None:
    """Names compared numerically when both are numbers ('8' = '008')."""
    if nama_wilayah is None:
        return None
    s = nama_wilayah.strip().upper()
    return str(int(s)) if s.isdigit() else s


def nama_wilayah_baru(nama_wilayah: str) -> str:
    """Numbers are written with three digits, as RW/RT usually are ('8' → '008')."""
    return nama_wilayah.zfill(3) if nama_wilayah.isdigit() else nama_wilayah


def bersihkan(kol: K.Kolom, v):
    """The clean value of one cell for its column (None = empty). ValueError with a message."""
    if kol.jenis == K.KODE:
        if teks(v) is None:
            return None
        return cari_kode(kol, v)
    if kol.jenis == K.NOMOR:
        return nomor(v)
    if kol.jenis == K.TANGGAL:
        return tanggal(v)
    if kol.jenis == K.DESIMAL:
        return desimal(v)
    if kol.jenis == K.NAMA:
        return nama(v)
    if kol.jenis == K.WILAYAH:
        return dusun(v) if kol.nama == "dusun" else tingkat(v)
    return teks(v)


def sama(kol: K.Kolom, a, b) -> bool:
    """Two clean values of a column are the same (wilayah names compared numerically)."""
    if kol.jenis == K.WILAYAH:
        return kunci_wilayah(a) == kunci_wilayah(b)
    return a == b
