"""PDF documents from Django templates with WeasyPrint (reports, books, letters).

`render_pdf("laporan/....html", context)` renders the template and returns the PDF bytes.
Official documents extend `templates/laporan/base.html` (letterhead, numbered table,
signatory block, page numbers); `konteks_kop()` gives that template what it needs.

WeasyPrint fetches nothing from the network: only files under the project's static folders
and MEDIA_ROOT (the village logo) and data: URIs are read. Reports name Liberation Serif,
Sans and Mono; all three are bundled (static/fonts) and declared with @font-face for every
document, so a register prints with the same metrics whether or not the server has
fonts-liberation (with DejaVu instead, a 16-digit NIK no longer fits its column).
"""

from __future__ import annotations

import atexit
import datetime
import logging
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

# WeasyPrint reports every rendering step at INFO; keep the server log for real problems.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

UKURAN_KERTAS = {"A4": "210mm 297mm", "F4": "215mm 330mm"}

# (style, weight) -> bundled file, per family.
Berkas = dict[tuple[str, int], str]


def _liberation(nama: str) -> Berkas:
    return {
        ("normal", 400): f"fonts/liberation/Liberation{nama}-Regular.ttf",
        ("normal", 700): f"fonts/liberation/Liberation{nama}-Bold.ttf",
        ("italic", 400): f"fonts/liberation/Liberation{nama}-Italic.ttf",
        ("italic", 700): f"fonts/liberation/Liberation{nama}-BoldItalic.ttf",
    }


# The families report templates name, from the bundled files.
HURUF_LAPORAN: dict[str, Berkas] = {
    "Liberation Serif": _liberation("Serif"),
    "Liberation Sans": _liberation("Sans"),
    "Liberation Mono": _liberation("Mono"),  # the PIN on the resident's PIN slip
}


def _folder_izin() -> list[Path]:
    folder = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
    folder += [
        Path(str(d if isinstance(d, str | Path) else d[1])) for d in settings.STATICFILES_DIRS
    ]
    return [f.resolve() for f in folder]


def pengambil_url():
    """A WeasyPrint URL fetcher that reads only local static/media files and data: URIs."""
    from weasyprint import URLFetcher

    class PengambilLokal(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if not any(path.is_relative_to(f) for f in _folder_izin()):
                    raise ValueError(f"Berkas di luar folder yang diizinkan: {path.name}")
            return super().fetch(url, headers)

    return PengambilLokal(allowed_protocols={"file", "data"}, allow_redirects=False)


def url_berkas_statis(nama: str) -> str:
    """file:// URL of a static file (found by the staticfiles finders), or ''."""
    path = finders.find(nama)
    if not path and (Path(settings.STATIC_ROOT) / nama).is_file():  # collected, source absent
        path = Path(settings.STATIC_ROOT) / nama
    return Path(path).resolve().as_uri() if path else ""


def konteks_kop(*, tanggal: datetime.date | None = None, kertas: str = "A4", mendatar=False):
    """Context for templates/laporan/base.html: the village, its logo, paper and print date."""
    from sid.lib.desa import identitas_desa
    from sid.lib.format import tanggal_indonesia

    desa = identitas_desa()
    logo_url = ""
    if desa.logo:
        try:
            logo_url = Path(desa.logo.path).resolve().as_uri()
        except (NotImplementedError, ValueError):  # storage without local paths
            logo_url = ""
    kertas = kertas if kertas in UKURAN_KERTAS else "A4"
    ukuran = UKURAN_KERTAS[kertas]
    if mendatar:
        lebar, tinggi = ukuran.split()
        ukuran = f"{tinggi} {lebar}"
    tanggal = tanggal or timezone.localdate()
    return {
        "desa": desa,
        "logo_url": logo_url,
        "ukuran_kertas": ukuran,
        "kertas": kertas,
        "mendatar": mendatar,
        "tanggal_cetak": tanggal,
        "tanggal_cetak_teks": tanggal_indonesia(tanggal),
        "css_url": url_berkas_statis("sid/laporan.css"),
    }


_per_thread = threading.local()
# Drop the cached FontConfigurations before interpreter teardown: their __del__ calls into
# libraries that are already gone by then and prints a traceback into worker logs.
atexit.register(lambda: _per_thread.__dict__.clear())


def url_huruf(berkas: Berkas) -> list[dict[str, str]]:
    """@font-face entries (file:// URL, style, weight) of bundled font files."""
    wajah = []
    for (gaya, tebal), nama in berkas.items():
        url = url_berkas_statis(nama)
        if not url:
            raise RuntimeError(f"Berkas huruf tidak ditemukan: static/{nama}")
        wajah.append({"url": url, "gaya": gaya, "tebal": str(tebal)})
    return wajah


def gaya_font_face(kunci: str, keluarga: dict[str, Berkas]):
    """(FontConfiguration, CSS of @font-face rules) for bundled families, built once per thread
    under `kunci` and reused for every document, instead of registering the font files with
    fontconfig for each one (about 5% of a one-page render)."""
    simpanan = _per_thread.__dict__.setdefault("huruf", {})
    if kunci not in simpanan:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        aturan = "".join(
            f'@font-face {{ font-family: "{nama}"; src: url("{w["url"]}"); '
            f"font-style: {w['gaya']}; font-weight: {w['tebal']}; }}\n"
            for nama, berkas in keluarga.items()
            for w in url_huruf(berkas)
        )
        fc = FontConfiguration()
        simpanan[kunci] = (fc, CSS(string=aturan, font_config=fc, url_fetcher=pengambil_url()))
    return simpanan[kunci]


def render_pdf(
    template_name: str,
    context: dict,
    *,
    base_url: str | None = None,
    stylesheets: list | None = None,
    font_config=None,
) -> bytes:
    """Render a template to PDF bytes. Synchronous: use it in a Celery task for big documents.

    `stylesheets` (weasyprint.CSS objects) and the `font_config` they were parsed with may be
    kept and reused between documents (gaya_font_face()); without them the document gets the
    bundled report fonts (HURUF_LAPORAN)."""
    return tata_letak(
        template_name, context, base_url=base_url, stylesheets=stylesheets, font_config=font_config
    ).write_pdf()


def tata_letak(
    template_name: str,
    context: dict,
    *,
    base_url: str | None = None,
    stylesheets: list | None = None,
    font_config=None,
):
    """The laid-out document (weasyprint.Document): its pages and boxes, before the PDF is
    written. Tests read it to check that table cells keep their words whole."""
    from weasyprint import HTML

    if stylesheets is None and font_config is None:
        font_config, css_huruf = gaya_font_face("laporan", HURUF_LAPORAN)
        stylesheets = [css_huruf]
    html = render_to_string(template_name, context)
    dokumen = HTML(
        string=html,
        base_url=base_url or Path(settings.BASE_DIR).resolve().as_uri() + "/",
        url_fetcher=pengambil_url(),
    )
    return dokumen.render(stylesheets=stylesheets, font_config=font_config)
