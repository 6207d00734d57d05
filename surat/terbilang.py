"""Numbers in Indonesian words ("terbilang"), as written on letters and receipts.

terbilang(2_500_000)            -> "dua juta lima ratus ribu"
terbilang_rupiah(2_500_000)     -> "dua juta lima ratus ribu rupiah"
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

SATUAN = [
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas",
]  # fmt: skip
SKALA = [
    (10**15, "kuadriliun"),
    (10**12, "triliun"),
    (10**9, "miliar"),
    (10**6, "juta"),
    (10**3, "ribu"),
]
BATAS = 10**18


def _di_bawah_seribu(n: int) -> list[str]:
    kata: list[str] = []
    ratus, sisa = divmod(n, 100)
    if ratus == 1:
        kata.append("seratus")
    elif ratus > 1:
        kata += [SATUAN[ratus], "ratus"]
    if sisa == 0:
        return kata
    if sisa < 12:
        kata.append(SATUAN[sisa])
    elif sisa < 20:
        kata += [SATUAN[sisa - 10], "belas"]
    else:
        puluh, satu = divmod(sisa, 10)
        kata += [SATUAN[puluh], "puluh"]
        if satu:
            kata.append(SATUAN[satu])
    return kata


def terbilang(angka: int | str | Decimal) -> str:
    """Whole number in words; negative numbers get "minus". Decimals are truncated."""
    n = ke_bilangan(angka)
    if n is None:
        raise ValueError(f"Bukan bilangan: {angka!r}")
    if n == 0:
        return "nol"
    if abs(n) >= BATAS:
        raise ValueError("Bilangan terlalu besar untuk ditulis dengan huruf.")
    kata = ["minus"] if n < 0 else []
    n = abs(n)
    for nilai, nama in SKALA:
        bagian, n = divmod(n, nilai)
        if not bagian:
            continue
        if bagian == 1 and nilai == 1000:
            kata.append("seribu")
        else:
            kata += [*_di_bawah_seribu(bagian), nama]
    kata += _di_bawah_seribu(n)
    return " ".join(kata)


def terbilang_rupiah(angka: int | str | Decimal) -> str:
    return f"{terbilang(angka)} rupiah"


def ke_bilangan(nilai) -> int | None:
    """An integer from 2500000, "2.500.000", "Rp 2.500.000,00" or Decimal; None otherwise."""
    if isinstance(nilai, bool) or nilai is None:
        return None
    if isinstance(nilai, int):
        return nilai
    if isinstance(nilai, Decimal):
        return int(nilai)
    teks = str(nilai).strip().lower().replace("rp", "").replace(" ", "")
    if not teks:
        return None
    negatif = teks.startswith("-")
    teks = teks.lstrip("-")
    if "," in teks:  # Indonesian decimals: "2.500.000,50"
        teks = teks.split(",", 1)[0]
    teks = teks.replace(".", "")
    if not teks.isdigit():
        try:
            return int(Decimal(str(nilai)))
        except (InvalidOperation, ValueError):
            return None
    n = int(teks)
    return -n if negatif else n


def format_rupiah(nilai) -> str:
    """2500000 -> "Rp 2.500.000"."""
    n = ke_bilangan(nilai)
    if n is None:
        return str(nilai or "")
    return f"Rp {format_ribuan(n)}"


def format_ribuan(n: int) -> str:
    tanda = "-" if n < 0 else ""
    return tanda + f"{abs(n):,}".replace(",", ".")
