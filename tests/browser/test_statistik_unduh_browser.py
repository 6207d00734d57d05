"""The statistics chart in a real browser: every category is labelled (upright bars and, with
many categories, horizontal ones), and "Unduh PNG" saves the chart as a PNG picture."""

from __future__ import annotations

import datetime

import pytest
from PIL import Image

from sid import kode
from tests.factories import SANDI_UJI, KeluargaFactory, PendudukFactory, buat_rt

# Ticks Chart.js actually draws on the category axis, and the labels it was given.
LABEL_TAMPIL = """() => {
    const g = Object.values(Chart.instances)[0];
    const sumbu = g.options.indexAxis === 'y' ? g.scales.y : g.scales.x;
    return {sumbu: g.options.indexAxis, tampil: sumbu.ticks.length,
            label: g.data.labels.length};
}"""


def _penduduk():
    rt = buat_rt()
    k = KeluargaFactory(no_kk="3201010101230001", wilayah=rt)
    pekerjaan = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    pendidikan = [1, 2, 3, 4, 5, 6, 7, 8]
    nama = [
        "Adi",
        "Budi",
        "Citra",
        "Dedi",
        "Eka",
        "Fajar",
        "Gita",
        "Hadi",
        "Intan",
        "Joko",
        "Kiki",
        "Lina",
    ]
    for i in range(24):
        PendudukFactory(
            nama=f"{nama[i % 12]} {'Putra' if i < 12 else 'Putri'}",
            jenis_kelamin=1 + i % 2,
            keluarga=k,
            shdk=kode.SHDK.KEPALA_KELUARGA if i == 0 else kode.SHDK.ANAK,
            pekerjaan=pekerjaan[i % len(pekerjaan)],
            pendidikan_kk=pendidikan[i % len(pendidikan)],
            tanggal_lahir=datetime.date(1960 + i, 1, 10),
        )


def _unduh_png(page, tmp_path, nama: str):
    with page.expect_download() as unduhan:
        page.click("#unduh-png")
    berkas = tmp_path / nama
    unduhan.value.save_as(berkas)
    assert unduhan.value.suggested_filename.endswith(".png")
    gambar = Image.open(berkas)
    assert gambar.format == "PNG" and gambar.width > 200 and gambar.height > 100
    # Drawn on white, with the bars in it (not an empty or transparent picture).
    warna = gambar.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(warna) > 5
    return unduhan.value.suggested_filename


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_grafik_menamai_setiap_kategori_dan_bisa_diunduh_png(
    browser, live_server, buat_staf, desa, artefak, tmp_path
):
    buat_staf("Operator", username="operatorgrafik")
    _penduduk()
    konteks = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = konteks.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/penduduk/statistik/")
    page.fill("#id_username", "operatorgrafik")
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/penduduk/statistik/")

    # Eight education levels: upright bars, eight labels under them.
    page.goto(f"{live_server.url}/admin/penduduk/statistik/?kategori=pendidikan-kk")
    page.wait_for_function("window.Chart && Object.keys(Chart.instances).length === 1")
    label = page.evaluate(LABEL_TAMPIL)
    assert label == {"sumbu": "x", "tampil": 8, "label": 8}
    page.screenshot(path=str(artefak / "statistik-label-batang.png"), full_page=True)
    nama = _unduh_png(page, tmp_path, "pendidikan.png")
    assert nama.startswith("statistik-pendidikan-kk-")

    # Twelve occupations: horizontal bars, one label per bar.
    page.goto(f"{live_server.url}/admin/penduduk/statistik/?kategori=pekerjaan")
    page.wait_for_function("window.Chart && Object.keys(Chart.instances).length === 1")
    label = page.evaluate(LABEL_TAMPIL)
    assert label == {"sumbu": "y", "tampil": 12, "label": 12}
    page.screenshot(path=str(artefak / "statistik-label-mendatar.png"), full_page=True)

    # On the public website, on a phone: the same chart and download.
    hp = browser.new_context(viewport={"width": 375, "height": 812}, accept_downloads=True)
    publik = hp.new_page()
    publik.set_default_timeout(10_000)
    publik.goto(f"{live_server.url}/statistik/pendidikan-kk/")
    publik.wait_for_function("window.Chart && Object.keys(Chart.instances).length === 1")
    assert publik.evaluate(LABEL_TAMPIL)["tampil"] == 8
    _unduh_png(publik, tmp_path, "publik.png")
    assert publik.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    publik.screenshot(path=str(artefak / "statistik-publik-hp.png"), full_page=True)
    hp.close()
    konteks.close()
