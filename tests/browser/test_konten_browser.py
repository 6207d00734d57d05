"""The website journey in a real Chromium: the editor writes and schedules an article with a
photo in the back office; once its time has come it is on the home page; a visitor reads it
on a phone."""

import datetime
import io
import time

import pytest
from django.utils import timezone
from PIL import Image

from tests.factories import SANDI_UJI

JEDA_JADWAL = 8  # seconds between saving and the scheduled publication time


@pytest.fixture
def media_disajikan(settings, monkeypatch):
    """sid.urls captured MEDIA_ROOT when it was imported; serve this test's media folder."""
    from sid import urls

    for pola in urls.urlpatterns:
        if "document_root" in getattr(pola, "default_args", {}):
            monkeypatch.setitem(pola.default_args, "document_root", settings.MEDIA_ROOT)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_redaksi_menjadwalkan_artikel_bergambar_lalu_pengunjung_membacanya(
    browser, live_server, buat_staf, desa, artefak, tmp_path, media_disajikan
):
    from konten.models import Artikel

    buat_staf("Redaksi", username="redaksibrowser", first_name="Rina")
    foto = tmp_path / "panen.jpg"
    img = Image.new("RGB", (1600, 1000), (70, 140, 60))
    img.paste((240, 200, 60), (1100, 100, 1400, 400))
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG")
    foto.write_bytes(buffer.getvalue())
    judul = "Panen raya padi di Dusun Krajan"

    # --- the editor, on a desktop -------------------------------------------------------------
    editor = browser.new_page(viewport={"width": 1280, "height": 900})
    editor.set_default_timeout(10_000)
    editor.goto(f"{live_server.url}/admin/login/?next=/admin/konten/artikel/add/")
    editor.fill("#id_username", "redaksibrowser")
    editor.fill("#id_password", SANDI_UJI)
    editor.click("input[type=submit]")
    editor.wait_for_url("**/admin/konten/artikel/add/")
    editor.fill("#id_judul", judul)
    editor.wait_for_function(
        "() => window.tinymce && tinymce.get('id_isi') && tinymce.get('id_isi').initialized"
    )
    editor.evaluate(
        """() => {
            const ed = tinymce.get('id_isi');
            ed.setContent('<h2>Hasil panen</h2><p>Kelompok tani memanen <strong>6 ton</strong> '
                + 'gabah per hektare.</p><script>alert(1)</script>');
            ed.save();
        }"""
    )
    editor.set_input_files("#id_gambar", str(foto))
    editor.fill("#id_gambar_alt", "Petani memanen padi di sawah")
    editor.select_option("#id_status", "terbit")
    terbit = timezone.localtime() + datetime.timedelta(seconds=JEDA_JADWAL)
    editor.fill("#id_terbit_pada_0", terbit.strftime("%d/%m/%Y"))
    editor.fill("#id_terbit_pada_1", terbit.strftime("%H:%M:%S"))
    editor.screenshot(path=str(artefak / "konten-editor.png"), full_page=True)
    editor.click("input[name=_save]")
    editor.wait_for_url("**/admin/konten/artikel/")
    assert "Terjadwal" in editor.inner_text("#result_list")

    artikel = Artikel.objects.get(judul=judul)
    assert artikel.terjadwal
    assert "<script" not in artikel.isi and "<strong>6 ton</strong>" in artikel.isi
    assert artikel.gambar.name.endswith(".webp") and artikel.gambar_lebar == 1200

    # --- a visitor on a phone -------------------------------------------------------------------
    pengunjung = browser.new_context(viewport={"width": 375, "height": 812}).new_page()
    pengunjung.set_default_timeout(10_000)
    pengunjung.goto(f"{live_server.url}/")
    assert judul not in pengunjung.content()  # scheduled: not yet public (and now cached)
    while timezone.now() < artikel.terbit_pada:
        time.sleep(0.25)
    pengunjung.reload()
    assert judul in pengunjung.inner_text("main")
    pengunjung.wait_for_function(
        "() => Array.from(document.images).filter(i => i.loading !== 'lazy').every(i => i.complete)"
    )
    pengunjung.screenshot(path=str(artefak / "konten-beranda-ponsel.png"), full_page=True)
    assert pengunjung.evaluate("document.documentElement.scrollWidth") <= 376

    pengunjung.click(f"text={judul}")
    pengunjung.wait_for_url(f"**{artikel.get_absolute_url()}")
    assert pengunjung.inner_text("h1") == judul
    gambar = pengunjung.locator("article figure img").first
    gambar.wait_for()
    assert gambar.get_attribute("alt") == "Petani memanen padi di sawah"
    assert gambar.get_attribute("width") == "1200"
    dimuat = pengunjung.evaluate(
        "(() => { const i = document.querySelector('article figure img');"
        " return i.complete && i.naturalWidth > 0 ? i.currentSrc : ''; })()"
    )
    assert dimuat.endswith("-400.webp")  # a 375 px phone gets the small variant
    assert pengunjung.evaluate("document.documentElement.scrollWidth") <= 376
    assert "Hasil panen" in pengunjung.inner_text(".sid-isi")
    pengunjung.screenshot(path=str(artefak / "konten-artikel-ponsel.png"), full_page=True)
