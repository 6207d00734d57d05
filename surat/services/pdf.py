"""Rendering an issued letter to PDF (the body of the Celery task `surat.tasks.surat_render_pdf`).

The PDF is built only from what was frozen on the letter at signing (`isi_terbit`,
`nilai_terbit`), with WeasyPrint through `sid.lib.pdf.render_pdf` and fonts bundled in
`static/fonts/` (never the system's), then stored once in private storage. Re-downloading
returns those stored bytes; a failure is recorded on the letter and can be retried.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sid.lib.audit import catat_aktivitas
from sid.lib.berkas import penyimpanan_privat
from sid.lib.format import tanggal_indonesia
from sid.lib.pdf import (
    HURUF_LAPORAN,
    Berkas,
    gaya_font_face,
    pengambil_url,
    render_pdf,
    url_berkas_statis,
)
from surat.models import Surat

logger = logging.getLogger(__name__)
SP = Surat.StatusPdf

_gaya_surat = threading.local()
UKURAN_KERTAS = {"A4": ("210mm", "297mm"), "F4": ("215mm", "330mm")}

# Bundled fonts (static/fonts, with their licences): CSS family -> files. Fontconfig compares
# family names ignoring case and spaces, so a family called "LiberationSerif" would also match
# the system's "Liberation Serif" and could silently use it. The " SID" suffix matches nothing
# installed: the letter either uses our files or visibly falls back. The PDF names the
# embedded font after this family ("ABCDEF+LiberationSerif-SID-Bold").
HURUF: dict[str, tuple[str, str, Berkas]] = {
    "times": ("LiberationSerif SID", "serif", HURUF_LAPORAN["Liberation Serif"]),
    "arial": ("LiberationSans SID", "sans-serif", HURUF_LAPORAN["Liberation Sans"]),
    "bookman": (
        "TeXGyreBonum SID",
        "serif",
        {
            ("normal", 400): "fonts/texgyre/texgyrebonum-regular.otf",
            ("normal", 700): "fonts/texgyre/texgyrebonum-bold.otf",
            ("italic", 400): "fonts/texgyre/texgyrebonum-italic.otf",
            ("italic", 700): "fonts/texgyre/texgyrebonum-bolditalic.otf",
        },
    ),
}


def keluarga_huruf(huruf: str) -> str:
    """The CSS font-family of a letter's font choice, with its generic fallback."""
    keluarga, cadangan, _berkas = HURUF.get(huruf, HURUF["times"])
    return f'"{keluarga}", {cadangan}'


def gaya_huruf(huruf: str):
    """(FontConfiguration, CSS with the @font-face rules) of a letter font, once per thread."""
    keluarga, _cadangan, berkas = HURUF.get(huruf, HURUF["times"])
    return gaya_font_face(f"surat:{huruf}", {keluarga: berkas})


def gaya_surat(huruf: str):
    """(FontConfiguration, [font CSS, letter CSS]): static/sid/surat-pdf.css parsed once per
    thread and font, not once per letter (a few ms of every render)."""
    fc, css_huruf = gaya_huruf(huruf)
    simpanan = _gaya_surat.__dict__.setdefault("css", {})
    if huruf not in simpanan:
        from weasyprint import CSS

        simpanan[huruf] = CSS(
            url=url_berkas_statis("sid/surat-pdf.css"), font_config=fc, url_fetcher=pengambil_url()
        )
    return fc, [css_huruf, simpanan[huruf]]


SKALA_QR = 1  # one pixel per QR module: the PDF scales it to 24 mm without smoothing


def qr_data_uri(url: str) -> str:
    """The verification QR code as a PNG data URI. A bitmap, not SVG: WeasyPrint draws an SVG
    QR as hundreds of path segments (a tenth of a letter's render time). One pixel per module:
    the PDF marks the image `Interpolate false` (`image-rendering: pixelated`), so viewers and
    printers scale each module to a sharp square at any resolution. A 10-pixel module made the
    same print, but encoding, decoding and re-compressing the larger bitmap took about a
    sixth of a one-page letter's render. One mask pattern, not the best of eight: every mask
    gives a valid code, and scoring all eight took a tenth of the render."""
    import segno

    kode = segno.make(url, error="m", mask=0)
    return kode.png_data_uri(scale=SKALA_QR, border=0, dark="#000")


def _logo_url(nama: str) -> str:
    if not nama:
        return ""
    from django.core.files.storage import default_storage

    try:
        path = Path(default_storage.path(nama)).resolve()
    except (NotImplementedError, ValueError):
        return ""
    return path.as_uri() if path.exists() else ""


def konteks_pdf(s: Surat) -> dict:
    """Everything the letter template needs, from the frozen data only."""

    beku = s.nilai_terbit or {}
    cetak = beku.get("cetak", {})
    kop = beku.get("kop", {})
    ttd = beku.get("ttd", {})
    lebar, tinggi = UKURAN_KERTAS.get(cetak.get("kertas"), UKURAN_KERTAS["F4"])
    if cetak.get("orientasi") == "mendatar":
        lebar, tinggi = tinggi, lebar
    margin = cetak.get("margin") or ["1.5", "2.0", "1.5", "2.5"]
    huruf = cetak.get("huruf", "times")
    keluarga = keluarga_huruf(huruf)
    return {
        "surat": s,
        "judul": cetak.get("judul", s.jenis.judul if s.jenis_id else ""),
        "nomor": s.nomor,
        "isi": s.isi_terbit,
        "kop": kop,
        "logo_url": _logo_url(kop.get("logo", "")),
        "ttd": ttd,
        "tempat_tanggal": f"{kop.get('nama_desa', '')}, {tanggal_indonesia(s.tanggal_surat)}",
        "ukuran": f"{lebar} {tinggi}",
        "margin": " ".join(f"{m}cm" for m in margin),
        "keluarga_huruf": keluarga,
        "huruf": huruf,
        "ukuran_huruf": cetak.get("ukuran_huruf", 12),
        "qr": qr_data_uri(s.url_cek) if cetak.get("pakai_qr") and s.url_cek else "",
        "url_cek": s.url_cek,
        "batal": s.status == Surat.Status.BATAL,
    }


def render_surat(s: Surat) -> bytes:
    """The PDF bytes of an issued letter (no storing)."""

    konteks = konteks_pdf(s)
    fc, gaya = gaya_surat(konteks["huruf"])
    return render_pdf("surat/pdf/surat.html", konteks, stylesheets=gaya, font_config=fc)


def nama_berkas(s: Surat) -> str:
    return f"surat/{s.tahun or timezone.localdate().year}/{s.kode}.pdf"


def surat_render_pdf(*, surat_id: int) -> str:
    """Render and store one letter's PDF; idempotent. Returns the final PDF status.

    The rendering itself runs outside any transaction (it takes a fraction of a second, but
    no row stays locked meanwhile); the result is stored under the letter's row lock, and a
    PDF that another run stored first is kept (the first stored PDF is the document)."""
    with transaction.atomic():
        s = Surat.objects.select_for_update().filter(pk=surat_id).first()
        if s is None:
            logger.warning("surat_render_pdf: surat %s tidak ada", surat_id)
            return "hilang"
        if not s.nomor:
            return SP.BELUM
        if s.status_pdf == SP.SIAP and s.berkas_pdf:
            return SP.SIAP
        Surat.objects.filter(pk=s.pk).update(status_pdf=SP.DIPROSES, galat_pdf="")
    s = Surat.objects.select_related("jenis").get(pk=surat_id)
    try:
        pdf = render_surat(s)
    except Exception as exc:
        logger.exception("Gagal membuat PDF surat %s", surat_id)
        pesan = f"Gagal membuat PDF: {type(exc).__name__}: {exc}"[:1000]
        with transaction.atomic():
            Surat.objects.filter(pk=surat_id).exclude(status_pdf=SP.SIAP).update(
                status_pdf=SP.GAGAL, galat_pdf=pesan
            )
            catat_aktivitas(oleh=None, aksi="pdf_gagal", objek=s, keterangan=pesan)
        return SP.GAGAL
    with transaction.atomic():
        s = Surat.objects.select_for_update().get(pk=surat_id)
        if s.status_pdf == SP.SIAP and s.berkas_pdf:
            return SP.SIAP
        penyimpanan = penyimpanan_privat()
        nama = penyimpanan.save(nama_berkas(s), ContentFile(pdf))
        s.berkas_pdf.name = nama
        s.sha256_pdf = hashlib.sha256(pdf).hexdigest()
        s.pdf_dibuat = timezone.now()
        s.status_pdf, s.galat_pdf = SP.SIAP, ""
        s.save(
            update_fields=[
                "berkas_pdf",
                "sha256_pdf",
                "pdf_dibuat",
                "status_pdf",
                "galat_pdf",
                "diperbarui",
            ]
        )
        catat_aktivitas(
            oleh=None,
            aksi="pdf_siap",
            objek=s,
            keterangan=f"PDF dibuat ({len(pdf) // 1024} KB).",
        )
    return SP.SIAP


def baca_pdf(s: Surat) -> bytes:
    """The stored PDF bytes (FileNotFoundError when missing)."""
    with penyimpanan_privat().open(s.berkas_pdf.name, "rb") as f:
        return f.read()
