"""Cetak / Unduh of the statistics tables (back office and public website): the PDF has the
letter head, the table's rows and totals (pdftotext); the Excel file has the same numbers as
numbers (openpyxl); the links on the page carry the page's category and area."""

from __future__ import annotations

import datetime
import io
import re
import subprocess
from html import unescape

import pytest
from django.core.cache import cache
from openpyxl import load_workbook

from penduduk.statistik import keluaran
from penduduk.statistik.hitung import Baris, Tabel
from sid.models import Wilayah

URL_ADMIN = "/admin/penduduk/statistik/"


def teks_pdf(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def _tautan(html: str, id_: str) -> str:
    tag = re.search(rf'<a [^>]*id="{id_}"[^>]*>', html)
    assert tag, id_
    return unescape(re.search(r'href="([^"]+)"', tag.group(0)).group(1))


def _sel(data: bytes) -> list[list]:
    ws = load_workbook(io.BytesIO(data)).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.mark.django_db
def test_operator_mencetak_statistik_jenis_kelamin_per_dusun(klien_operator, populasi):
    dusun = Wilayah.objects.get(nama="SUKASARI", tingkat=1)
    html = klien_operator.get(
        URL_ADMIN, {"kategori": "jenis-kelamin", "wilayah": dusun.pk}
    ).content.decode()
    assert "Cetak" in html and "Unduh PDF" in html and "Unduh Excel" in html
    assert "Unduh PNG" in html and "grafik-statistik.js" in html

    cetak = klien_operator.get(URL_ADMIN + _tautan(html, "cetak-statistik"))
    assert cetak.status_code == 200 and cetak["Content-Type"] == "application/pdf"
    assert cetak["Content-Disposition"].startswith("inline;")
    teks = teks_pdf(cetak.content)
    assert "PEMERINTAH KABUPATEN BOGOR" in teks and "DESA SUKAMAJU" in teks
    assert "Statistik Jenis kelamin" in teks and "SUKASARI" in teks
    # Rina, Dewi (P) and Joko (L) live in SUKASARI: total 3, 1 male, 2 female.
    baris_total = next(b for b in teks.splitlines() if b.strip().startswith("TOTAL"))
    assert baris_total.split()[1:4] == ["3", "1", "2"]
    assert "LAKI-LAKI" in teks and "PEREMPUAN" in teks
    assert "(………" in teks or "Kepala Desa" in teks  # signatory block in the back office

    pdf = klien_operator.get(URL_ADMIN + _tautan(html, "unduh-pdf"))
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert "statistik-jenis-kelamin-dusun-sukasari" in pdf["Content-Disposition"]


@pytest.mark.django_db
def test_operator_mengunduh_excel_statistik_pendidikan(klien_operator, populasi):
    html = klien_operator.get(URL_ADMIN, {"kategori": "pendidikan-kk"}).content.decode()
    r = klien_operator.get(URL_ADMIN + _tautan(html, "unduh-excel"))
    assert r.status_code == 200
    assert r["Content-Type"] == keluaran.JENIS["xlsx"]
    assert (
        r["Content-Disposition"].startswith("attachment;") and ".xlsx" in r["Content-Disposition"]
    )
    sel = _sel(r.content)
    assert sel[0] == ["No", "Pendidikan dalam KK", "Jumlah", "Laki-laki", "Perempuan", "%"]
    slta = next(b for b in sel if b[1] == "SLTA / SEDERAJAT")
    # Budi, Adi (SLTA, L) and Joko (SLTA, L): three men; numbers stay numbers.
    assert slta[2:5] == [3, 3, 0] and isinstance(slta[5], float)
    total = next(b for b in sel if b[1] == "TOTAL")
    assert total[2:5] == [6, 3, 3] and total[5] == 100.0
    assert any(b[1] and "per " in str(b[1]) for b in sel)  # what was counted, and when


@pytest.mark.django_db
def test_format_keluaran_tak_dikenal_404_dan_redaksi_ditolak(
    klien_operator, client, buat_staf, populasi
):
    assert (
        klien_operator.get(URL_ADMIN, {"kategori": "agama", "keluaran": "docx"}).status_code == 404
    )
    client.force_login(buat_staf("Redaksi"))
    assert client.get(URL_ADMIN, {"kategori": "agama", "keluaran": "pdf"}).status_code == 403
    client.logout()
    r = client.get(URL_ADMIN, {"kategori": "agama", "keluaran": "xlsx"})
    assert r.status_code == 302 and "/admin/login/" in r["Location"]


@pytest.mark.django_db
def test_tamu_mencetak_dan_mengunduh_statistik_publik(client, populasi):
    html = client.get("/statistik/agama/").content.decode()
    assert "Unduh PNG" in html and "<script>" not in html

    cetak = client.get("/statistik/agama/" + _tautan(html, "cetak-statistik"))
    assert cetak["Content-Type"] == "application/pdf"
    teks = teks_pdf(cetak.content)
    assert "Statistik Agama" in teks and "TOTAL" in teks and "DESA SUKAMAJU" in teks
    for p in populasi.values():  # aggregates only
        assert p.nik not in teks and p.nama not in teks
    assert "(………" not in teks  # no signatory block on the website

    xlsx = client.get("/statistik/agama/" + _tautan(html, "unduh-excel"))
    total = next(b for b in _sel(xlsx.content) if b[1] == "TOTAL")
    assert total[2] == 6

    assert client.get("/statistik/agama/", {"keluaran": "exe"}).status_code == 404
    assert client.get("/statistik/cacat/", {"keluaran": "pdf"}).status_code == 404  # not public


@pytest.mark.django_db
def test_pdf_publik_disimpan_di_cache_bersama_tabelnya(client, populasi):
    pertama = client.get("/statistik/agama/", {"keluaran": "pdf"}).content
    populasi["Rina"].delete()
    assert client.get("/statistik/agama/", {"keluaran": "pdf"}).content == pertama
    cache.clear()
    assert "TOTAL" in teks_pdf(client.get("/statistik/agama/", {"keluaran": "pdf"}).content)


def test_excel_menetralkan_teks_yang_terbaca_sebagai_rumus():
    class Kat:
        judul = "Suku"
        kunci = "suku"
        per_keluarga = False
        keterangan = ""

    tabel = Tabel(
        kategori=Kat(),
        pada=datetime.date(2026, 1, 5),
        wilayah=None,
        baris=[Baris(label='=HYPERLINK("http://x","klik")', jumlah=1, l=1, persen=100.0)],
        jumlah=Baris(label="JUMLAH", jumlah=1, l=1, jenis="jumlah"),
        belum_mengisi=Baris(label="BELUM MENGISI", jenis="belum"),
        total=Baris(label="TOTAL", jumlah=1, l=1, jenis="total"),
    )
    sel = _sel(keluaran.statistik_xlsx(tabel))
    assert sel[1][1] == '\'=HYPERLINK("http://x","klik")'
    assert sel[1][2] == 1
