"""penduduk.ekspor.xlsx_bertahap: the sheet is deflated in a second thread; the workbook is the
same as ever, and the thread never outlives the download (finished, abandoned or failed)."""

from __future__ import annotations

import datetime
import io
import threading

import openpyxl
import pytest

from penduduk.ekspor import BARIS_PER_POTONG, LembarXlsx, xlsx_bertahap


def _benang_deflate() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "xlsx-deflate"]


def _baris(n: int):
    for i in range(n):
        yield [f"Nama {i}", i, datetime.date(2000, 1, 1) + datetime.timedelta(days=i), None, "=1+1"]


def test_banyak_potong_terbaca_utuh():
    n = BARIS_PER_POTONG * 3 + 7
    isi = b"".join(xlsx_bertahap([LembarXlsx("Data", ["a", "b", "c", "d", "e"], _baris(n))]))
    wb = openpyxl.load_workbook(io.BytesIO(isi), read_only=True)
    baris = list(wb["Data"].iter_rows(values_only=True))
    assert len(baris) == n + 1
    assert baris[1][:3] == ("Nama 0", 0, datetime.datetime(2000, 1, 1))
    assert baris[-1][0] == f"Nama {n - 1}" and baris[-1][4] == "'=1+1"
    assert not _benang_deflate()


def test_unduhan_ditinggalkan_menghentikan_benang():
    n = BARIS_PER_POTONG * 4
    isi = xlsx_bertahap([LembarXlsx("Data", ["a", "b", "c", "d", "e"], _baris(n))])
    next(isi)
    next(isi)
    isi.close()  # the client went away
    assert not _benang_deflate()


def test_galat_saat_membaca_baris_menghentikan_benang():
    def rusak():
        yield from _baris(BARIS_PER_POTONG + 1)
        raise RuntimeError("database putus")

    with pytest.raises(RuntimeError, match="database putus"):
        b"".join(xlsx_bertahap([LembarXlsx("Data", ["a", "b", "c", "d", "e"], rusak())]))
    assert not _benang_deflate()
