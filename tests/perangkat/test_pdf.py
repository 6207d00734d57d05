"""The shared PDF helper (sid.lib.pdf): the letterhead logo, and no fetching beyond local files."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from pypdf import PdfReader

from sid.lib.pdf import konteks_kop, pengambil_url, render_pdf

pytestmark = pytest.mark.django_db


def _gambar_di_pdf(pdf: bytes) -> int:
    halaman = PdfReader(io.BytesIO(pdf)).pages[0]
    objek = halaman["/Resources"].get("/XObject") or {}
    return sum(1 for o in objek.values() if o.get_object()["/Subtype"] == "/Image")


def test_kop_memuat_logo_desa_dari_media(desa):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "green").save(buffer, format="PNG")
    desa.logo.save("logo.png", ContentFile(buffer.getvalue()))
    from django.core.cache import cache

    cache.clear()
    konteks = {**konteks_kop(), "judul": "Uji Kop", "kolom": [], "baris": []}
    assert konteks["logo_url"].startswith("file://")
    assert _gambar_di_pdf(render_pdf("laporan/base.html", konteks)) == 1


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "http://contoh.invalid/logo.png", "https://contoh.invalid/x.css"]
)
def test_pengambil_url_menolak_sumber_luar(url):
    with pytest.raises(ValueError):
        pengambil_url().fetch(url)


def test_gambar_luar_dilewati_tanpa_akses_jaringan():
    from weasyprint import HTML

    html = '<img src="http://contoh.invalid/x.png"><p>Isi</p>'
    pdf = HTML(string=html, url_fetcher=pengambil_url()).write_pdf()
    assert _gambar_di_pdf(pdf) == 0


def test_kertas_f4_mendatar():
    konteks = konteks_kop(kertas="F4", mendatar=True)
    assert konteks["ukuran_kertas"] == "330mm 215mm"
    assert konteks_kop(kertas="Legal")["ukuran_kertas"] == "210mm 297mm"


def test_laporan_memakai_huruf_bawaan_bukan_huruf_sistem(desa):
    """Reports name Liberation Serif/Sans/Mono; render_pdf declares both from static/fonts, so a
    server without fonts-liberation prints registers with the same metrics (no NIK wrapping)."""
    from sid.lib.pdf import HURUF_LAPORAN, url_huruf

    assert set(HURUF_LAPORAN) == {"Liberation Serif", "Liberation Sans", "Liberation Mono"}
    for berkas in HURUF_LAPORAN.values():
        wajah = url_huruf(berkas)  # raises when a bundled file is missing
        assert len(wajah) == 4 and all("/fonts/liberation/" in w["url"] for w in wajah)
    pdf = render_pdf("laporan/base.html", konteks_kop(tanggal=None))
    font = {
        str(f.get("/BaseFont"))
        for halaman in PdfReader(io.BytesIO(pdf)).pages
        for f in (halaman["/Resources"].get("/Font") or {}).values()
        for f in [f.get_object()]
    }
    assert font and all("Liberation" in f for f in font), font
