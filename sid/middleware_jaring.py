"""The first two middleware: what a request may claim about the network, and how big it may be.

Both run before anything reads the request body or trusts a forwarded header.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.html import escape

from sid.lib import konteks

# URLs where a logged-in staff user uploads a backup or an import file: the larger limit
# (SID_BATAS_UNGGAHAN_STAF_MB) applies there, and only for such a user.
UNGGAHAN_STAF = frozenset(
    {
        "admin:sid_logcadangan_pulihkan",  # restore a backup archive
        "admin:pindah_pindahopensid_add",  # OpenSID database + village folder
        "admin:penduduk_imporpenduduk_add",  # population import
        "admin:bantuan_program_impor",  # aid programme import
        "admin:keuangan_tahunanggaran_impor",  # APBDes import
    }
)
# The hub API reads signed batches up to SID_HUB_BATAS_BATCH_MB (hub.verifikasi.baca_body).
API_HUB = "hub_api"

MB = 1024 * 1024


class ProxyTepercayaMiddleware:
    """X-Forwarded-For and X-Forwarded-Proto are dropped unless the direct peer is a trusted
    proxy (SID_PROXY_TEPERCAYA) and SID_JUMLAH_PROXY > 0. Otherwise a client reaching gunicorn
    directly could pick its own IP (escaping the per-IP login lock, forging the audit log) or
    claim HTTPS (SECURE_PROXY_SSL_HEADER)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if not (settings.SID_JUMLAH_PROXY and konteks.proxy_tepercaya(meta.get("REMOTE_ADDR", ""))):
            meta.pop("HTTP_X_FORWARDED_FOR", None)
            meta.pop("HTTP_X_FORWARDED_PROTO", None)
        return self.get_response(request)


def _halaman(status: int, judul: str, pesan: str) -> HttpResponse:
    """A short page that needs no database, template or session (nothing of the body read)."""
    html = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(judul)}</title></head>"
        '<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">'
        f"<h1>{escape(judul)}</h1><p>{escape(pesan)}</p>"
        '<p><a href="/">Kembali ke beranda</a></p></body></html>'
    )
    response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    response["Connection"] = "close"  # the unread body is never drained into the next request
    return response


def terlalu_besar(batas_mb: int) -> HttpResponse:
    return _halaman(
        413,
        "Kiriman terlalu besar",
        f"Data atau berkas yang dikirim lebih dari {batas_mb} MB, batas untuk halaman ini. "
        "Perkecil berkasnya (mis. pindai dengan resolusi lebih rendah) lalu kirim ulang.",
    )


def _panjang(request) -> int | None:
    """Content-Length as a number; None when absent; -1 when not a number."""
    nilai = request.META.get("CONTENT_LENGTH")
    if nilai in (None, ""):
        return None
    try:
        return max(int(nilai), 0)
    except (TypeError, ValueError):
        return -1


class BatasPermintaanMiddleware:
    """Refuse request bodies above the limit from their Content-Length, before reading them.

    Every URL: SID_BATAS_PERMINTAAN_MB. A body between that and SID_BATAS_UNGGAHAN_STAF_MB is let
    through only to an upload URL in UNGGAHAN_STAF for a logged-in active staff user (decided in
    process_view, which this first middleware runs before CSRF reads the POST); the hub API
    (when SID_HUB=1) takes up to SID_HUB_BATAS_BATCH_MB. A body sent without Content-Length
    (chunked) is refused with 411: Django's WSGI request reads no more than Content-Length bytes,
    so such a body would never be read anyway, and no browser form sends one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        panjang = _panjang(request)
        if panjang is None and request.META.get("HTTP_TRANSFER_ENCODING"):
            return _halaman(
                411,
                "Panjang kiriman tidak diketahui",
                "Permintaan tanpa Content-Length tidak diterima. Kirim ulang dari formulir.",
            )
        if panjang == -1:
            return _halaman(400, "Permintaan tidak sah", "Content-Length bukan angka.")
        request._sid_unggahan_staf = False
        if not panjang or panjang <= settings.SID_BATAS_PERMINTAAN_MB * MB:
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return terlalu_besar(settings.SID_BATAS_PERMINTAAN_MB)
        if match.view_name in UNGGAHAN_STAF:
            if panjang > settings.SID_BATAS_UNGGAHAN_STAF_MB * MB:
                return terlalu_besar(settings.SID_BATAS_UNGGAHAN_STAF_MB)
            request._sid_unggahan_staf = True  # who is asking: process_view, after the session
            return self.get_response(request)
        if settings.SID_HUB and match.namespace == API_HUB:
            if panjang > settings.SID_HUB_BATAS_BATCH_MB * MB:
                return terlalu_besar(settings.SID_HUB_BATAS_BATCH_MB)
            return self.get_response(request)
        return terlalu_besar(settings.SID_BATAS_PERMINTAAN_MB)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(request, "_sid_unggahan_staf", False):
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active and user.is_staff:
            return None
        return terlalu_besar(settings.SID_BATAS_PERMINTAAN_MB)
