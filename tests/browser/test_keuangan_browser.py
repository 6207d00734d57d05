"""Journey: the treasurer opens APBDes 2026 from the template, enters budget and realisation
inline, adopts it; the public transparency page draws its charts; the realisation report PDF
holds the totals."""

import subprocess

import pytest

from keuangan.models import RincianAnggaran, TahunAnggaran
from keuangan.templat import pastikan_templat
from tests.factories import SANDI_UJI

GRAFIK = ["grafik-pendapatan", "grafik-belanja", "grafik-pembiayaan", "grafik-realisasi"]
KANVAS_TERGAMBAR = """(ids) => ids.every((id) => {
  const c = document.getElementById(id);
  if (!c || !window.Chart || !Chart.getChart(c) || !c.width) return false;
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) return true; }
  return false;
})"""


def isi_sel(page, id_sel: str, nilai: str) -> None:
    masukan = page.locator(f"#{id_sel} input")
    masukan.fill(nilai)
    masukan.press("Tab")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_bendahara_menyusun_menetapkan_lalu_warga_melihat_apbdes(
    browser, live_server, buat_staf, desa, artefak
):
    pastikan_templat()  # transactional tests flush the seeded template
    buat_staf("Operator", username="kaurkeuangan")
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "kaurkeuangan")
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    # 1. Open year 2026 from the template.
    page.goto(f"{live_server.url}/admin/keuangan/tahunanggaran/add/")
    page.fill("#id_tahun", "2026")
    page.click("input[name=_simpan]")
    page.wait_for_selector("text=Tahun anggaran dibuka")
    assert page.inner_text("h1") == "APBDes 2026"

    # 2. Income, typed inline: each cell saves itself and the totals follow.
    isi_sel(page, "p-4_2_1_-anggaran", "1.000.000.000")
    page.wait_for_function(
        "() => document.querySelector('#r-pendapatan-anggaran').textContent === '1.000.000.000,00'"
    )
    isi_sel(page, "p-4_2_3_-anggaran", "500.000.000")
    page.wait_for_function(
        "() => document.querySelector('#p-4_2_-anggaran').textContent === '1.500.000.000,00'"
    )
    isi_sel(page, "p-4_2_1_-realisasi", "1.000.000.000")
    page.wait_for_function(
        "() => document.querySelector('#p-4_2_1_-persen').textContent === '100,00'"
    )
    # a negative amount is refused inline, nothing saved
    isi_sel(page, "p-4_2_3_-realisasi", "-25.000")
    page.wait_for_selector("#p-4_2_3_-realisasi .sid-galat-sel")
    assert "tidak boleh negatif" in page.inner_text("#p-4_2_3_-realisasi")
    isi_sel(page, "p-4_2_3_-realisasi", "450.000.000")
    page.wait_for_function(
        "() => document.querySelector('#r-pendapatan-realisasi').textContent === '1.450.000.000,00'"
    )

    # 3. Expenditure lines by kegiatan, added then typed inline.
    for kegiatan, kode, anggaran in [
        ("01.01.01.", "5.1.1.", "900.000.000"),
        ("02.03.10.", "5.3.5.", "600.000.000"),
    ]:
        page.select_option("#id_kegiatan", kegiatan)
        page.select_option("#id_kode", kode)
        page.fill("#id_anggaran", anggaran)
        page.click("#tambah-baris input[type=submit]")
        page.wait_for_selector(f"#b-{kegiatan.replace('.', '_')}-{kode.replace('.', '_')}")
    isi_sel(page, "b-01_01_01_-5_1_1_-realisasi", "850.000.000")
    page.wait_for_function(
        "() => document.querySelector('#b-01_-realisasi').textContent === '850.000.000,00'"
    )
    # realisation above the budget: a warning the treasurer confirms
    isi_sel(page, "b-02_03_10_-5_3_5_-realisasi", "610.000.000")
    page.wait_for_selector("#b-02_03_10_-5_3_5_-realisasi .sid-simpan-tetap")
    assert "melebihi anggaran" in page.inner_text("#b-02_03_10_-5_3_5_-realisasi")
    page.click("#b-02_03_10_-5_3_5_-realisasi .sid-simpan-tetap")
    page.wait_for_function(
        "() => document.querySelector('#r-belanja-realisasi').textContent === '1.460.000.000,00'"
    )
    assert page.inner_text("#r-silpa-anggaran") == "0,00"
    page.screenshot(path=str(artefak / "keuangan-isian-apbdes.png"), full_page=True)

    # 4. Adopt with the Perdes.
    page.click("#tombol-tetapkan")
    page.fill("#id_nomor_perdes", "1 Tahun 2026")
    page.fill("#id_tanggal_perdes", "2026-01-05")
    page.click("input[name=_simpan]")
    page.wait_for_selector("text=Anggarannya kini terkunci")
    assert page.inner_text("#status-apbdes") == "Ditetapkan"
    assert page.locator("#p-4_2_1_-anggaran input").count() == 0
    ta = TahunAnggaran.objects.get(tahun=2026)
    assert (ta.status, ta.nomor_perdes) == ("ditetapkan", "1 Tahun 2026")
    assert RincianAnggaran.objects.filter(tahun_anggaran=ta).count() == 4

    # 5. The realisation report PDF holds the totals.
    page.click("text=Laporan Realisasi Akhir Tahun")
    page.wait_for_selector("#tabel-laporan")
    with page.expect_download() as unduhan:
        page.click("#unduh-pdf")
    pdf = artefak / "keuangan-realisasi-2026.pdf"
    unduhan.value.save_as(pdf)
    teks = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()

    def baris(label: str) -> str:
        return next(b for b in teks.splitlines() if b.strip().startswith(label))

    assert "1.500.000.000,00" in baris("JUMLAH PENDAPATAN")
    assert "1.450.000.000,00" in baris("JUMLAH PENDAPATAN")
    assert "1.460.000.000,00" in baris("JUMLAH BELANJA")
    assert "LAPORAN REALISASI PELAKSANAAN APB DESA" in teks and "DESA SUKAMAJU" in teks

    # 6. Any citizen sees the charts and the tables.
    warga = browser.new_page(viewport={"width": 1280, "height": 900})
    warga.set_default_timeout(10_000)
    warga.goto(f"{live_server.url}/apbdes/")
    warga.wait_for_function(KANVAS_TERGAMBAR, arg=GRAFIK)
    assert "APBDes Tahun Anggaran 2026" in warga.inner_text("main")
    assert "1.500.000.000,00" in warga.inner_text("#tabel-ringkasan")
    warga.screenshot(path=str(artefak / "keuangan-apbdes-publik.png"), full_page=True)
    ponsel = browser.new_page(viewport={"width": 375, "height": 812})
    ponsel.set_default_timeout(10_000)
    ponsel.goto(f"{live_server.url}/apbdes/2026/")
    ponsel.wait_for_function(KANVAS_TERGAMBAR, arg=GRAFIK)
    assert ponsel.evaluate("document.documentElement.scrollWidth") <= 376
    ponsel.screenshot(path=str(artefak / "keuangan-apbdes-ponsel.png"), full_page=True)
