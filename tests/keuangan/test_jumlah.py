"""Totals agree everywhere: the sum of the lines equals every report (PDF text, .xlsx cells), the
chart data, the public page's tables, the entry screen, the export and the sync dataset."""

import io
import json
import re
import subprocess
from collections import defaultdict
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from keuangan import impor, laporan
from keuangan.models import RincianAnggaran
from keuangan.nilai import persen, rupiah
from keuangan.selectors import data_sinkron

KOLOM = ("anggaran", "realisasi_semester_1", "realisasi")


def jumlah_baris(ta) -> dict[str, dict[str, Decimal]]:
    """The totals straight from the lines (independent of keuangan.selectors)."""
    t: dict[str, dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(KOLOM, Decimal(0)))
    for b in RincianAnggaran.objects.filter(tahun_anggaran=ta):
        kunci = [b.kode[:2], b.kode[:4]]  # "4.", "4.2."
        if b.kegiatan:
            kunci.append("bidang " + b.kegiatan[:3])
        if b.kode.startswith("4."):
            kunci.append("sumber " + b.kode)
        for k in kunci:
            for kolom in KOLOM:
                t[k][kolom] += getattr(b, kolom)
    hasil = dict(t)
    hasil["surplus"] = {k: t["4."][k] - t["5."][k] for k in KOLOM}
    hasil["netto"] = {k: t["6.1."][k] - t["6.2."][k] for k in KOLOM}
    hasil["silpa"] = {k: hasil["surplus"][k] + hasil["netto"][k] for k in KOLOM}
    return hasil


def teks_pdf(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF-")
    hasil = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return hasil.stdout.decode()


def baris_pdf(teks: str, label: str) -> list[str]:
    """The numbers on the PDF line that starts with `label`."""
    for baris in teks.splitlines():
        if baris.strip().startswith(label):
            return re.findall(r"\(?[\d.]+,\d\d\)?", baris)
    raise AssertionError(f"{label!r} tidak ada di PDF")


def sel_xlsx(data: bytes, label: str) -> list[Decimal]:
    ws = load_workbook(io.BytesIO(data)).active
    for row in ws.iter_rows(values_only=True):
        if row[1] and str(row[1]).strip() == label:
            return [Decimal(str(v)).quantize(Decimal("0.01")) for v in row[2:] if v is not None]
    raise AssertionError(f"{label!r} tidak ada di xlsx")


@pytest.fixture
def t(ta_ditetapkan):
    return jumlah_baris(ta_ditetapkan)


def test_contoh_memang_bersen_dan_seimbang(t):
    assert t["4."]["anggaran"] == Decimal("1550000000.00")
    assert t["5."]["anggaran"] == Decimal("1600000000.00")
    assert t["5."]["realisasi"] == Decimal("1345250001.50")
    assert t["silpa"]["anggaran"] == 0


def test_pdf_apbdes_memuat_jumlah_yang_sama_dengan_baris(ta_ditetapkan, t, desa, artefak):
    lap = laporan.buat_laporan(ta_ditetapkan, "apbdes")
    pdf = laporan.sebagai_pdf(lap, dicetak=ta_ditetapkan.tanggal_perdes)
    (artefak / "keuangan-apbdes-2026.pdf").write_bytes(pdf)
    teks = teks_pdf(pdf)
    assert "ANGGARAN PENDAPATAN DAN BELANJA DESA SUKAMAJU" in teks
    assert "Peraturan Desa Nomor 3 Tahun 2025" in teks
    assert baris_pdf(teks, "JUMLAH PENDAPATAN") == [rupiah(t["4."]["anggaran"])]
    assert baris_pdf(teks, "JUMLAH BELANJA") == [rupiah(t["5."]["anggaran"])]
    assert baris_pdf(teks, "SURPLUS/(DEFISIT)") == [rupiah(t["surplus"]["anggaran"])]
    assert baris_pdf(teks, "PEMBIAYAAN NETTO") == [rupiah(t["netto"]["anggaran"])]
    assert baris_pdf(teks, "SISA LEBIH/(KURANG)") == [rupiah(t["silpa"]["anggaran"])]
    for kode in ("01.", "02.", "03."):
        assert rupiah(t["bidang " + kode]["anggaran"]) in teks
    for b in ta_ditetapkan.rincian.all():
        assert rupiah(b.anggaran) in teks


@pytest.mark.parametrize(
    "jenis,kolom", [("semester1", "realisasi_semester_1"), ("tahunan", "realisasi")]
)
def test_pdf_dan_xlsx_laporan_realisasi_memuat_jumlah_yang_sama(
    ta_ditetapkan, t, desa, jenis, kolom
):
    lap = laporan.buat_laporan(ta_ditetapkan, jenis)
    teks = teks_pdf(laporan.sebagai_pdf(lap, dicetak=ta_ditetapkan.tanggal_perdes))
    xlsx = laporan.sebagai_xlsx(lap)
    assert "LAPORAN REALISASI PELAKSANAAN APB DESA" in teks
    assert ("SEMESTER PERTAMA" in teks) == (jenis == "semester1")
    for label, k in [("JUMLAH PENDAPATAN", "4."), ("JUMLAH BELANJA", "5.")]:
        a, r = t[k]["anggaran"], t[k][kolom]
        pct = persen(r, a)
        pct_teks = f"{pct:.2f}".replace(".", ",")
        assert baris_pdf(teks, label) == [rupiah(a), rupiah(r), rupiah(r - a), pct_teks]
        assert sel_xlsx(xlsx, label) == [a, r, r - a, pct]
    for label, k in [("SURPLUS/(DEFISIT)", "surplus"), ("PEMBIAYAAN NETTO", "netto")]:
        a, r = t[k]["anggaran"], t[k][kolom]
        assert baris_pdf(teks, label) == [rupiah(a), rupiah(r), rupiah(r - a)]
        assert sel_xlsx(xlsx, label) == [a, r, r - a]
    silpa = "SISA LEBIH/(KURANG) PEMBIAYAAN ANGGARAN (SiLPA) TAHUN BERJALAN"
    assert sel_xlsx(xlsx, silpa)[:2] == [t["silpa"]["anggaran"], t["silpa"][kolom]]
    bidang = sel_xlsx(xlsx, "BIDANG PELAKSANAAN PEMBANGUNAN DESA")
    assert bidang[:2] == [t["bidang 02."]["anggaran"], t["bidang 02."][kolom]]


def test_data_grafik_dan_tabel_halaman_publik_sama_dengan_baris(client, ta_ditetapkan, t):
    r = client.get("/apbdes/2026/")
    assert r.status_code == 200
    html = r.content.decode()
    m = re.search(r'<script id="data-apbdes" type="application/json">(.*?)</script>', html, re.S)
    data = json.loads(m.group(1))
    ring = data["ringkasan"]
    for kunci, k in [("pendapatan", "4."), ("belanja", "5."), ("penerimaan", "6.1."),
                     ("pengeluaran", "6.2."), ("surplus", "surplus"), ("netto", "netto"),
                     ("silpa", "silpa")]:  # fmt: skip
        for kolom in KOLOM:
            assert Decimal(ring[kunci][kolom]) == t[k][kolom], (kunci, kolom)
        # the accessible table under the charts holds the same numbers
        baris = re.search(rf'<tr id="ringkasan-{kunci}"[^>]*>(.*?)</tr>', html, re.S).group(1)
        assert f'data-nilai="{t[k]["anggaran"]:.2f}">{rupiah(t[k]["anggaran"])}<' in baris
        assert f'data-nilai="{t[k]["realisasi"]:.2f}">{rupiah(t[k]["realisasi"])}<' in baris
    # chart series add up to the totals (income by source, expenditure by bidang)
    for kolom in ("anggaran", "realisasi"):
        assert sum(Decimal(b[kolom]) for b in data["pendapatan_sumber"]) == t["4."][kolom]
        assert sum(Decimal(b[kolom]) for b in data["belanja_bidang"]) == t["5."][kolom]
        assert sum(Decimal(b[kolom]) for b in data["belanja_jenis"]) == t["5."][kolom]
    assert {b["kode"]: Decimal(b["anggaran"]) for b in data["belanja_bidang"]} == {
        k.split()[1]: v["anggaran"] for k, v in t.items() if k.startswith("bidang ")
    }
    assert {b["kode"]: Decimal(b["realisasi"]) for b in data["pendapatan_sumber"]} == {
        k.split()[1]: v["realisasi"] for k, v in t.items() if k.startswith("sumber ")
    }
    tabel_belanja = re.search(r'id="tabel-belanja".*?</table>', html, re.S).group(0)
    assert rupiah(t["bidang 02."]["anggaran"]) in tabel_belanja


def test_layar_isian_ekspor_dan_data_sinkron_sama_dengan_baris(client, ta_ditetapkan, t, operator):
    client.force_login(operator)
    html = client.get(ta_ditetapkan.get_absolute_url()).content.decode()
    for kunci, k in [("pendapatan", "4."), ("belanja", "5."), ("silpa", "silpa")]:
        for kolom in KOLOM:
            sel = re.search(rf'<td id="r-{kunci}-{kolom}" class="angka">([^<]*)</td>', html)
            assert sel.group(1) == rupiah(t[k][kolom])
    ws = load_workbook(io.BytesIO(impor.ekspor_xlsx(ta_ditetapkan)))["APBDes"]
    baris = list(ws.iter_rows(min_row=2, values_only=True))
    assert sum(Decimal(str(b[3])) for b in baris if b[0].startswith("5.")) == t["5."]["anggaran"]
    assert sum(Decimal(str(b[5])) for b in baris if b[0].startswith("4.")) == t["4."]["realisasi"]
    s = data_sinkron(2026)
    for kunci, k in [
        ("pendapatan", "4."),
        ("belanja", "5."),
        ("netto", "netto"),
        ("silpa", "silpa"),
    ]:
        assert {kolom: Decimal(v) for kolom, v in s["ringkasan"][kunci].items()} == t[k]
    rek = {r["kode"]: r for r in s["rekening"]}
    assert Decimal(rek["4.2."]["anggaran"]) == t["4.2."]["anggaran"]
    bidang = {r["kode"]: r for r in s["bidang"]}
    assert Decimal(bidang["02."]["realisasi"]) == t["bidang 02."]["realisasi"]
    assert (
        sum(Decimal(r["anggaran"]) for r in s["rincian"] if r["kode"].startswith("5."))
        == t["5."]["anggaran"]
    )


def test_pdf_ditandatangani_kaur_keuangan_dan_kepala_desa_yang_menjabat(
    ta_ditetapkan, desa, operator
):
    import datetime

    from perangkat import services as layanan_perangkat
    from perangkat.models import Jabatan
    from tests.factories import PerangkatFactory

    mulai = datetime.date(2024, 1, 2)
    for nama, jabatan in (("Ahmad Fauzi", "Kepala Desa"), ("Sri Wahyuni", "Kaur Keuangan")):
        layanan_perangkat.pengangkatan_create(
            oleh=operator,
            perangkat=PerangkatFactory(nama=nama),
            jabatan=Jabatan.objects.get(nama=jabatan),
            nomor_sk=f"141/{nama[:3]}/2024",
            tanggal_sk=mulai,
            tmt=mulai,
            konfirmasi=True,
        )
    lap = laporan.buat_laporan(ta_ditetapkan, "semester1")
    teks = teks_pdf(laporan.sebagai_pdf(lap, dicetak=datetime.date(2026, 7, 10)))
    assert "Kaur Keuangan" in teks and "Sri Wahyuni" in teks
    assert "Kepala Desa Sukamaju" in teks and "Ahmad Fauzi" in teks
    assert "Sukamaju, 10 Juli 2026" in teks
