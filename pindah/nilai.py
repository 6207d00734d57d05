"""The values of an ``INSERT``: MySQL literals -> Python values (part of `pindah.dump`).

Two ways through, same results: `nilai` converts one literal; `kolom` converts one column of
many rows at once, with C-speed shortcuts (`map(int, ...)`, slicing) when the column is all
text, all integers or NULL — most of the speed on multi-row dumps comes from here.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

S1 = r"'[^'\\]*+(?:(?:\\.|'')[^'\\]*+)*+'"  # 'text' with \x escapes and doubled ''
S2 = r'"[^"\\]*+(?:(?:\\.|"")[^"\\]*+)*+"'
# One literal; no capturing group inside, so `findall` returns whole literals.
NILAI = rf"(?:_[A-Za-z0-9]+\s*+|[nN])?{S1}|[bBxX]'[^']*+'|{S2}|[^\s,()'\"]++"
TUPEL = re.compile(rf"\s*+(?:,\s*+)?\(\s*+((?:{NILAI})(?:\s*+,\s*+(?:{NILAI}))*+)?\s*+\)", re.S)
TOKEN = re.compile(NILAI, re.S)
# The same literals, the common ones first: inside a row pattern a bare word that is really an
# introducer (`_binary`, `x`, `N`) cannot be followed by `,` or `)`, so the engine backtracks
# into the later alternatives and the result is the same, only faster.
_NILAI_CEPAT = rf"{S1}|[^\s,()'\"]++|(?:_[A-Za-z0-9]+\s*+|[nN]){S1}|[bBxX]'[^']*+'|{S2}"
SURROGAT = re.compile("[\udc80-\udcff]")

_LEPAS = {"'": re.compile(r"\\(.)|''", re.S), '"': re.compile(r'\\(.)|""', re.S)}
_ESCAPE = {
    "0": "\0",
    "b": "\b",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "Z": "\x1a",
    "%": "\\%",
    "_": "\\_",
}
_ADA_ESCAPE = re.compile(r"\\(.)", re.S)
_ISI = operator.itemgetter(slice(1, -1))
_ANGKA = frozenset("0123456789-+.")
_BULAT = re.compile(r"[+-]?\d+")


class NilaiAsing(ValueError):
    """A literal this reader does not know (a function call, a stray word)."""


def pola_baris(n: int) -> re.Pattern:
    """One row of exactly `n` values, each its own group, after an optional comma."""
    v = f"({_NILAI_CEPAT})"
    isi = v + (r"\s*+,\s*+" + v) * (n - 1) if n else ""
    return re.compile(rf"\s*+(?:,\s*+)?\(\s*+{isi}\s*+\)", re.S)


def _ganti(m: re.Match) -> str:
    c = m.group(1)
    return m.group()[0] if c is None else _ESCAPE.get(c, c)


def _lepas(isi: str, kutip: str = "'") -> str:
    """MySQL escapes undone: \\n \\t \\0 \\Z ..., \\x -> x, doubled quotes; \\% and \\_ stay
    two characters, as MySQL reads them outside LIKE."""
    if kutip * 2 in isi:
        return _LEPAS[kutip].sub(_ganti, isi)
    return _cepat(isi)


def _cepat(s: str) -> str:
    """`_lepas` for text without doubled quotes, by plain replacements (C speed). Escapes are
    pairs read left to right, and so is `split`: cut at the escaped backslashes, every
    remaining backslash starts its own escape and no replacement can form a new one."""
    if "\\\\" in s:
        return "\\".join(map(_cepat, s.split("\\\\")))
    for c in set(_ADA_ESCAPE.findall(s)):
        if c != "%" and c != "_":
            s = s.replace("\\" + c, _ESCAPE.get(c, c))
    return s


def teks(t: str) -> str:
    """A quoted literal ('...' or "...") -> its text."""
    isi = t[1:-1]
    return _lepas(isi, t[0]) if "\\" in isi or t[0] in isi else isi


def biner(t: str) -> bytes:
    """Text decoded from the dump's bytes (surrogateescape) -> exactly those bytes."""
    return t.encode("utf-8", "surrogateescape")


def nilai(v: str) -> object:
    """One literal -> str, int, Decimal, None or bytes."""
    c = v[0]
    if c == "'":
        isi = v[1:-1]
        return _lepas(isi) if "\\" in isi or "'" in isi else isi
    if v == "NULL":
        return None
    if c in _ANGKA:
        try:
            return Decimal(v) if "." in v or "e" in v or "E" in v else int(v)
        except (ValueError, InvalidOperation):
            pass  # 0x.. and 0b.. below
    return _lain(v)


def _lain(v: str) -> object:
    """The rarer literals: an introducer (_binary, _utf8mb4, N), hex and bit literals."""
    c = v[0]
    try:
        if c == '"':
            return teks(v)
        if c == "_" or (c in "nN" and v[1:2] == "'"):
            k = v.index("'")
            isi = teks(v[k:])
            return biner(isi) if v[:k].strip().lower() == "_binary" else isi
        if c in "xX" and v[1:2] == "'":
            return bytes.fromhex(v[2:-1])
        if c in "bB" and v[1:2] == "'":
            return int(v[2:-1] or "0", 2)
        if v[:2] in ("0x", "0X"):
            h = v[2:]
            return bytes.fromhex(h if len(h) % 2 == 0 else "0" + h)
        if v[:2] in ("0b", "0B"):
            return int(v[2:], 2)
    except ValueError:
        pass
    u = v.upper()
    if u == "NULL":
        return None
    if u in ("TRUE", "FALSE"):
        return int(u == "TRUE")
    raise NilaiAsing(v)


def kolom(col: Sequence[str]) -> list:
    """One column of many rows (raw literals) -> values, exactly as `nilai` gives them.

    The common columns (all text, all integers, with or without NULL) are recognised by
    counting in one joined string and converted with C-speed `map`; anything else goes value
    by value."""
    n = len(col)
    gab = "\0" + "\0\0".join(col) + "\0"  # every literal between its own pair of NULs
    if gab.count("\0") == 2 * n:  # no NUL inside a literal, so the counts below are exact
        n_null = gab.count("\0NULL\0")
        n_teks = gab.count("\0'")
        if n_teks + n_null == n:
            if not n_teks:
                return [None] * n
            isi = [None if v == "NULL" else v[1:-1] for v in col] if n_null else [*map(_ISI, col)]
            if "\\" in gab or gab.count("'") != 2 * n_teks:  # escapes or doubled quotes
                return _lepas_kolom(isi)
            return isi
        if not n_teks and not any(c in gab for c in "xXbB"):
            try:
                if "." in gab or "e" in gab or "E" in gab:
                    return [
                        None if v == "NULL" else Decimal(v) if "." in v or "e" in v or "E" in v
                        else int(v)
                        for v in col
                    ]  # fmt: skip
                if n_null:
                    return [None if v == "NULL" else int(v) for v in col]
                return [*map(int, col)]
            except (ValueError, InvalidOperation):
                pass
    return [nilai(v) for v in col]


def _lepas_kolom(isi: list) -> list:
    """`_lepas` over a column of texts (None for NULL): on one joined string when `_cepat`
    is right for it, else text by text."""
    ada = [s for s in isi if s is not None] if None in isi else isi
    j = "\x01".join(ada)
    if j.count("\x01") == len(ada) - 1 and "''" not in j:
        hasil = _cepat(j).split("\x01")
        if ada is isi:
            return hasil
        urut = iter(hasil)
        return [None if s is None else next(urut) for s in isi]
    return [_lepas(s) if s and ("\\" in s or "'" in s) else s for s in isi]


# --- what the column type of CREATE TABLE settles ---------------------------------------------


def ke_int(v: object) -> object:
    return int(v) if v.__class__ is str and _BULAT.fullmatch(v) else v


def ke_decimal(v: object) -> object:
    if v.__class__ is str or v.__class__ is int:
        try:
            return Decimal(v)
        except InvalidOperation:
            return v  # kept as written (e.g. '' in a lax MySQL): the caller decides
    return v


def ke_bytes(v: object) -> object:
    return biner(v) if v.__class__ is str else v


_NONE = type(None)
_SUDAH = {ke_int: {int, _NONE}, ke_decimal: {Decimal, _NONE}, ke_bytes: {bytes, int, _NONE}}
_INT = {"tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year", "bool", "boolean"}
_DES = {"decimal", "numeric", "dec", "fixed", "float", "double", "real"}
_BIN = {"binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"}
_PENGUBAH = {
    **dict.fromkeys(_INT, ke_int),
    **dict.fromkeys(_DES, ke_decimal),
    **dict.fromkeys(_BIN, ke_bytes),
}


def pengubah(tipe: str) -> Callable[[object], object] | None:
    """The conversion a column type asks for, if any (by the type's first word)."""
    return _PENGUBAH.get((tipe.lower().split("(")[0].split() or [""])[0])


def ubah_kolom(f: Callable[[object], object], col: list) -> list:
    return col if set(map(type, col)) <= _SUDAH[f] else list(map(f, col))


def perbaiki(v: object) -> object:
    """Bytes that were not UTF-8 in a text value become U+FFFD."""
    if v.__class__ is str and SURROGAT.search(v):
        return biner(v).decode("utf-8", "replace")
    return v
