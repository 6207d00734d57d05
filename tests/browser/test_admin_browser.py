"""The back office in a real Chromium (Debian package), driven by Playwright."""

import pytest

from tests.factories import SANDI_UJI


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lebar,tinggi,nama", [(1280, 900, "desktop"), (375, 812, "ponsel")])
def test_operator_login_dan_membuka_dasbor(
    browser, live_server, buat_staf, desa, artefak, lebar, tinggi, nama
):
    buat_staf("Administrator", username="operatorbrowser")
    page = browser.new_page(viewport={"width": lebar, "height": tinggi})
    page.goto(f"{live_server.url}/admin/")
    assert page.title().startswith("Masuk")
    page.fill("#id_username", "operatorbrowser")
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert "Desa Sukamaju" in page.inner_text("#site-name")
    # The menu's Kependudukan section: in the side menu on a laptop, after the cards on a phone
    # (where Django hides the side menu).
    menu = "#nav-sidebar" if lebar >= 768 else ".sid-menu-hp"
    assert page.locator(f"{menu} caption >> text=Kependudukan").first.is_visible()
    # usable on a phone: no horizontal scrolling of the whole page
    lebar_isi = page.evaluate("document.documentElement.scrollWidth")
    assert lebar_isi <= lebar + 1
    page.screenshot(path=str(artefak / f"dasbor-{nama}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_beranda_publik_di_ponsel(browser, live_server, desa, artefak):
    page = browser.new_page(viewport={"width": 375, "height": 812})
    page.goto(f"{live_server.url}/")
    assert "Desa Sukamaju" in page.inner_text("h1")
    page.screenshot(path=str(artefak / "beranda-ponsel.png"), full_page=True)
