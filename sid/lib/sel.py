"""Spreadsheet cells of every export (CSV and .xlsx): the one place that stops formula injection.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and a leading
tab or carriage return can hide one), so a resident's or an official's name like
`=HYPERLINK("http://…")` in an export would run on the operator's computer. Every exporter
writes its cells through `sel_aman` (text) or `sel_csv` (CSV text): such text gets a leading
apostrophe, which spreadsheets show as text. openpyxl makes any string starting with `=` a
formula cell, so its workbooks need it as much as CSV does. A negative number written as text
("-5", "-1.5") is left alone: it cannot run. The import side takes the apostrophe off again
(`sel_asli`), so an exported file re-imports unchanged. `tests/sid/test_sel.py` checks that
every module that writes a CSV or a workbook uses this module.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _angka(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def perlu_aman(s: str) -> bool:
    """Would a spreadsheet read this text as (or hide in it) a formula?"""
    if not s or s[0] not in AWALAN_RUMUS:
        return False
    return not (s[0] == "-" and (len(s) == 1 or _angka(s)))


def sel_aman(v):
    """A cell value for an export: text that would run as a formula gets a leading
    apostrophe; numbers, dates, None and other text are returned unchanged."""
    if isinstance(v, str) and perlu_aman(v):
        return "'" + v
    return v


def baris_aman(baris: Iterable) -> list:
    """A whole row through `sel_aman` (for openpyxl's `append`)."""
    return [sel_aman(v) for v in baris]


def sel_csv(v) -> str:
    """A CSV cell: "" for None, ISO dates, plain numbers, text through `sel_aman`."""
    if v is None:
        return ""
    if isinstance(v, datetime.datetime | datetime.date):
        return v.isoformat()
    if isinstance(v, float):
        return repr(v)
    return sel_aman(str(v))


def baris_csv(baris: Iterable) -> list[str]:
    return [sel_csv(v) for v in baris]


def sel_asli(s: str) -> str:
    """Undo `sel_aman` on import: "'=x" -> "=x"; any other text unchanged."""
    if s[:1] == "'" and perlu_aman(s[1:]):
        return s[1:]
    return s
