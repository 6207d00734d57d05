"""Content-Security-Policy in a real Chromium: the watcher that fails every journey on a
violation really sees one, and the hub dashboard (its filter was an onchange="" handler, its
charts a static script) works under the policy."""

from __future__ import annotations

import pytest

from hub.models import Angka, DesaHub, StatusDataset
from tests.browser.conftest import ARGS, PengawasCsp, _awasi
from tests.conftest import chromium_path
from tests.factories import SANDI_UJI
from tests.sinkron.conftest import hub_aktif, staf_hub  # noqa: F401

HALAMAN_TERLARANG = """<!doctype html><html><body>
<p id="teks">awal</p>
<script>document.getElementById("teks").textContent = "skrip sebaris jalan";</script>
<button id="tombol" onclick="document.title='handler jalan'">klik</button>
</body></html>"""


@pytest.mark.browser
def test_pengawas_csp_menangkap_skrip_sebaris_dan_handler():
    """A page under SID's policy with an inline script and an onclick: Chromium refuses both,
    and the journeys' watcher records the refusals (so a journey would fail)."""
    from django.conf import settings
    from playwright.sync_api import sync_playwright

    arahan = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    kebijakan = "; ".join(f"{k} {' '.join(v)}" for k, v in arahan.items())
    pengawas = PengawasCsp()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), headless=True, args=ARGS)
        try:
            _awasi(b, pengawas)
            page = b.new_page()
            page.route(
                "http://sid.uji/**",
                lambda route: route.fulfill(
                    status=200,
                    headers={"Content-Type": "text/html", "Content-Security-Policy": kebijakan},
                    body=HALAMAN_TERLARANG,
                ),
            )
            page.goto("http://sid.uji/")
            page.click("#tombol")
            page.wait_for_timeout(300)
            assert page.inner_text("#teks") == "awal"  # the inline script never ran
            assert page.title() != "handler jalan"  # nor the onclick
        finally:
            b.close()
    assert len(pengawas.temuan) >= 2, pengawas.temuan
    assert any("script-src" in t for t in pengawas.temuan)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dasbor_hub_memfilter_kecamatan_dan_menggambar_grafik_di_bawah_csp(
    browser,
    live_server,
    staf_hub,  # noqa: F811
    artefak,
):
    for kode, nama, kec, n in (
        ("3201010001", "Sukamaju", "320101", 120),
        ("3201020001", "Cibodas", "320102", 80),
    ):
        d = DesaHub.objects.create(
            kode=kode, nama=nama, kode_kecamatan=kec, kode_kabupaten="3201", nama_kecamatan=kec
        )
        Angka.objects.create(
            desa=d, dataset="penduduk", periode="2026-11", kategori="jenis-kelamin",
            kunci="1", label="LAKI-LAKI", jumlah=n, l=n,
        )  # fmt: skip
        StatusDataset.objects.create(desa=d, dataset="penduduk", terakhir_diterima=None)

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/?next=/hub/")
    page.fill("#id_username", staf_hub["kab"].username)
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/hub/")
    assert "Sukamaju" in page.content() and "Cibodas" in page.content()
    assert page.evaluate("typeof Chart") == "function"
    # Choosing a kecamatan sends the filter form (data-kirim-otomatis in static/sid/hub.js).
    page.select_option("#kecamatan", "320102")
    page.wait_for_url("**/hub/?kecamatan=320102")
    assert "Cibodas" in page.content()
    page.screenshot(path=str(artefak / "hub-dasbor-csp.png"), full_page=True)
