"""Helpers for import tests: build small OpenSID-format workbooks."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from penduduk.impor.kolom import NAMA_KOLOM


def baris(**ubah) -> dict:
    """A valid new resident: head of KK 3201010101240001, Dusun KRAJAN, no RW, RT 001."""
    data = {
        "alamat": "JL. MAWAR 1",
        "dusun": "KRAJAN",
        "rw": "-",
        "rt": "001",
        "nama": "BUDI SANTOSO",
        "no_kk": "3201010101240001",
        "nik": "3201011705800001",
        "sex": "1",
        "tempatlahir": "BOGOR",
        "tanggallahir": "1980-05-17",
        "agama_id": "1",
        "pendidikan_kk_id": "5",
        "pendidikan_sedang_id": "18",
        "pekerjaan_id": "9",
        "status_kawin": "2",
        "kk_level": "1",
        "warganegara_id": "1",
        "golongan_darah_id": "13",
        "status_dasar": "1",
    }
    data.update(ubah)
    return {k: v for k, v in data.items() if v is not None}


def istri(**ubah) -> dict:
    data = {
        "nama": "SITI AMINAH",
        "nik": "3201014302830002",
        "sex": "2",
        "tanggallahir": "1983-02-03",
        "kk_level": "3",
    }
    data.update(ubah)
    return baris(**data)


def anak(**ubah) -> dict:
    data = {
        "nama": "ADI SANTOSO",
        "nik": "3201010907080003",
        "tanggallahir": "2008-07-09",
        "kk_level": "4",
        "status_kawin": "1",
    }
    data.update(ubah)
    return baris(**data)


def xlsx(daftar: list[dict], *, judul: list[str] | None = None, path: Path | None = None):
    """A workbook with one sheet: header row + rows. Returns bytes, or writes `path`."""
    judul = judul or [k for k in NAMA_KOLOM if any(k in b for b in daftar)] or ["nik"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(judul)
    for b in daftar:
        ws.append([b.get(k) for k in judul])
    if path is not None:
        wb.save(path)
        return path
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def jumlah_data() -> dict[str, int]:
    """Counts of everything an import may write, to assert 'nothing was written'."""
    from keluarga.models import Keluarga, PeristiwaKeluarga
    from penduduk.models import Penduduk, Peristiwa
    from sid.models import Wilayah

    return {
        "penduduk": Penduduk.objects.count(),
        "keluarga": Keluarga.objects.count(),
        "wilayah": Wilayah.objects.count(),
        "peristiwa": Peristiwa.objects.count(),
        "peristiwa_keluarga": PeristiwaKeluarga.objects.count(),
    }
