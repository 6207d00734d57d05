"""Rupiah amounts: reading what people type or what a spreadsheet holds, and printing them.

Amounts are `Decimal` with at most 2 decimals and never negative. Floats are refused (they
cannot hold rupiah exactly); the one exception is a numeric spreadsheet cell, which arrives as
a float from openpyxl and is read through its shortest decimal representation.

Indonesian writing: "." groups thousands, "," marks decimals: 1.500.000,50. Also accepted:
plain digits (1500000), an English decimal point when it cannot be a thousands separator
(1500000.50), "Rp" and spaces.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError

NOL = Decimal("0.00")
SEN = Decimal("0.01")
BATAS = Decimal("9999999999999.99")  # DecimalField(max_digits=15, decimal_places=2)

_RIBUAN = re.compile(r"^\d{1,3}(\.\d{3})+$")


class NilaiTidakSah(ValidationError):
    """An amount that cannot be stored; the message says why, in Indonesian."""


def _dari_teks(teks: str, label: str) -> Decimal:
    asli = teks
    teks = teks.strip().replace("\u00a0", " ")
    teks = re.sub(r"^rp\.?\s*", "", teks, flags=re.IGNORECASE).replace(" ", "")
    if teks.startswith("-") or teks.startswith("(") and teks.endswith(")"):
        raise NilaiTidakSah(f"{label} tidak boleh negatif ({asli.strip()}).", code="negatif")
    if teks.startswith("+"):
        teks = teks[1:]
    if not re.fullmatch(r"[0-9.,]+", teks) or not re.search(r"[0-9]", teks):
        raise NilaiTidakSah(
            f"{label} hanya boleh berisi angka, mis. 1.500.000 atau 1500000,50 "
            f"(tertulis: {asli.strip()!r}).",
            code="bukan_angka",
        )
    if "," in teks:
        bulat, _, desimal = teks.rpartition(",")
        if "," in bulat or "." in desimal or (bulat and "." in bulat and not _RIBUAN.match(bulat)):
            raise NilaiTidakSah(
                f"{label}: penulisan angka tidak dikenali ({asli.strip()}). Pakai titik untuk "
                "ribuan dan koma untuk desimal, mis. 1.500.000,50.",
                code="format",
            )
        teks = f"{bulat.replace('.', '') or '0'}.{desimal}"
    elif teks.count(".") > 1 or _RIBUAN.match(teks):
        if not _RIBUAN.match(teks):
            raise NilaiTidakSah(
                f"{label}: penulisan angka tidak dikenali ({asli.strip()}). Pakai titik untuk "
                "ribuan, mis. 1.500.000.",
                code="format",
            )
        teks = teks.replace(".", "")
    try:
        return Decimal(teks)
    except InvalidOperation:
        raise NilaiTidakSah(
            f"{label} hanya boleh berisi angka (tertulis: {asli.strip()!r}).", code="bukan_angka"
        ) from None


def baca_rupiah(nilai, *, label: str = "Nilai", dari_sel: bool = False) -> Decimal:
    """A valid amount (Decimal, 2 decimals, ≥ 0) from text, int or Decimal; else NilaiTidakSah.

    Empty text is 0. `dari_sel=True` also accepts a float from a spreadsheet cell, taking its
    shortest decimal form and ignoring binary noise (0.30000000000000004 → 0.30).
    """
    if nilai is None:
        return NOL
    tertulis = None
    if isinstance(nilai, bool):
        raise NilaiTidakSah(f"{label} harus berupa angka.", code="bukan_angka")
    if isinstance(nilai, float):
        if not dari_sel:
            raise NilaiTidakSah(
                f"{label}: bilangan pecahan biner (float) tidak diterima untuk rupiah.",
                code="float",
            )
        if nilai != nilai or nilai in (float("inf"), float("-inf")):
            raise NilaiTidakSah(f"{label} harus berupa angka.", code="bukan_angka")
        angka = Decimal(repr(nilai))
        dibulatkan = angka.quantize(SEN, rounding=ROUND_HALF_UP)
        if abs(angka - dibulatkan) < Decimal("0.000001"):
            angka = dibulatkan
    elif isinstance(nilai, int):
        angka = Decimal(nilai)
    elif isinstance(nilai, Decimal):
        angka = nilai
    elif isinstance(nilai, str):
        if not nilai.strip():
            return NOL
        angka = _dari_teks(nilai, label)
        tertulis = nilai.strip()
    else:
        raise NilaiTidakSah(f"{label} harus berupa angka.", code="bukan_angka")
    if not angka.is_finite():
        raise NilaiTidakSah(f"{label} harus berupa angka.", code="bukan_angka")
    if angka < 0:
        raise NilaiTidakSah(f"{label} tidak boleh negatif ({rupiah(angka)}).", code="negatif")
    if angka != angka.quantize(SEN, rounding=ROUND_HALF_UP):
        raise NilaiTidakSah(
            f"{label} paling banyak 2 angka di belakang koma (sen); tertulis {tertulis or angka}.",
            code="desimal",
        )
    angka = angka.quantize(SEN)
    if angka > BATAS:
        raise NilaiTidakSah(f"{label} terlalu besar.", code="terlalu_besar")
    return angka


def rupiah(nilai: Decimal | int | None, *, kosong: str = "0,00") -> str:
    """1.500.000,00 (negative in parentheses, as financial statements print it: (1.500,00))."""
    if nilai is None:
        return kosong
    nilai = Decimal(nilai).quantize(SEN, rounding=ROUND_HALF_UP)
    negatif = nilai < 0
    bulat, _, sen = f"{abs(nilai):.2f}".partition(".")
    teks = f"{int(bulat):,}".replace(",", ".") + "," + sen
    return f"({teks})" if negatif else teks


def rupiah_singkat(nilai: Decimal | int | None) -> str:
    """For small spaces: 1,88 M (miliar), 250,5 jt (juta), else the full amount without sen."""
    nilai = Decimal(nilai or 0)
    for batas, satuan in ((Decimal(10**9), "M"), (Decimal(10**6), "jt")):
        if abs(nilai) >= batas:
            angka = (nilai / batas).quantize(SEN, rounding=ROUND_HALF_UP).normalize()
            return f"{angka:f}".replace(".", ",") + f" {satuan}"
    return rupiah(nilai)[:-3]


def rupiah_isian(nilai: Decimal | None) -> str:
    """An amount as an entry field shows it: 1.500.000 (decimals only when there are sen)."""
    if nilai is None:
        return ""
    teks = rupiah(nilai)
    return teks[:-3] if teks.endswith(",00") else teks


def persen(realisasi: Decimal, anggaran: Decimal) -> Decimal | None:
    """Realisation as a percentage of the budget (2 decimals), or None without a budget."""
    if not anggaran:
        return None
    return (realisasi * 100 / anggaran).quantize(SEN, rounding=ROUND_HALF_UP)


def persen_teks(nilai: Decimal | str | None) -> str:
    """45,20 (Indonesian decimal comma); '-' when there is no percentage."""
    if nilai is None or nilai == "":
        return "-"
    return f"{Decimal(nilai):.2f}".replace(".", ",")


def desimal_json(nilai: Decimal) -> str:
    """A JSON-safe exact amount: '1500000.00' (never a float)."""
    return f"{Decimal(nilai).quantize(SEN):.2f}"
