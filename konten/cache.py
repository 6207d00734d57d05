"""Caching of the public website, and its invalidation.

Every cached thing (whole public pages, the menu, the sidebar) is stored under a key that
contains the *content version*. Services call `konten_berubah()` on every write; once the
transaction commits, the version changes, so every cached page is stale at once (the old
entries simply expire). Time also changes content without a write: a scheduled article's
publication time arrives, an announcement starts or ends, an agenda item passes. The version
entry therefore carries the next such moment (`tepi`); the first request after it gets a new
version. Pages are also bounded by a TTL (SID_KONTEN_CACHE_DETIK, 10 minutes) for what other
apps show on them (officials, population figures, the village identity).

Logged-in staff bypass the page cache (they always see fresh pages, and their pages are never
stored). With several worker processes the cache must be shared (Redis, as in production) for
an edit to reach every worker at once; with the local-memory cache each process notices
only its own writes and otherwise waits for the TTL.
"""

from __future__ import annotations

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control

from penduduk.statistik.versi import setelah_commit_sekali

KUNCI_VERSI = "konten:versi"


def ttl_halaman() -> int:
    return int(getattr(settings, "SID_KONTEN_CACHE_DETIK", 600))


def _tepi_berikut() -> float | None:
    """The next moment at which content changes by itself (epoch seconds), or None."""
    from konten.models import Agenda, Artikel, Pengumuman

    now = timezone.now()
    calon = [
        Artikel.objects.filter(status=Artikel.Status.TERBIT, terbit_pada__gt=now).aggregate(
            t=Min("terbit_pada")
        )["t"],
    ]
    p = Pengumuman.objects.filter(aktif=True).aggregate(
        t_mulai=Min("mulai", filter=Q(mulai__gt=now)),
        t_selesai=Min("selesai", filter=Q(selesai__gt=now)),
    )
    calon += [p["t_mulai"], p["t_selesai"]]
    a = Agenda.objects.aggregate(
        t_selesai=Min("selesai", filter=Q(selesai__gt=now)),
        t_mulai=Min("mulai", filter=Q(selesai__isnull=True, mulai__gt=now)),
    )
    calon += [a["t_selesai"], a["t_mulai"]]
    waktu = [c.timestamp() for c in calon if c is not None]
    return min(waktu) if waktu else None


def _simpan_versi() -> str:
    versi = f"{time.time_ns():x}"
    cache.set(KUNCI_VERSI, (versi, _tepi_berikut()), None)
    return versi


def versi_konten() -> str:
    """The current content version (one cache read; a few queries when it must change)."""
    data = cache.get(KUNCI_VERSI)
    if data is None or (data[1] is not None and time.time() >= data[1]):
        return _simpan_versi()
    return data[0]


def konten_berubah() -> None:
    """Called by every service that writes public content: new version after the commit."""
    transaction.on_commit(_simpan_versi)


def data_penduduk_berubah(sender=None, **kwargs) -> None:
    """Signal receiver (konten.apps): a population event (birth, death, arrival, departure …)
    or a resident's change alters the public figures, so the pages showing them are stale at
    once, as for a content change, not after the page TTL. Several calls in one transaction
    give one new version."""
    setelah_commit_sekali(_simpan_versi)


def ambil_atau_buat(nama: str, buat, ttl: int | None = None):
    """A value cached under the content version (menu, sidebar, home page blocks)."""
    kunci = f"konten:{versi_konten()}:{nama}"
    nilai = cache.get(kunci)
    if nilai is None:
        nilai = buat()
        cache.set(kunci, nilai, ttl or ttl_halaman())
    return nilai


def _kunci_halaman(request, parameter: tuple[str, ...]) -> str:
    query = "&".join(f"{p}={request.GET.get(p, '')}" for p in parameter if p in request.GET)
    mentah = f"{request.get_host()}|{request.path}|{query}"
    return f"konten:{versi_konten()}:h:{hashlib.sha256(mentah.encode()).hexdigest()[:32]}"


def halaman_publik(view=None, *, parameter: tuple[str, ...] = ()):
    """Cache a public GET page for anonymous visitors.

    Only the query parameters named in `parameter` (e.g. "halaman") are part of the key, so
    made-up query strings cannot fill the cache. Only complete 200 responses without cookies
    are stored; an ETag lets a returning browser on a slow link get a 304 instead of the body.
    """

    def hias(fungsi):
        @wraps(fungsi)
        def _view(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return fungsi(request, *args, **kwargs)
            if request.user.is_authenticated:
                response = fungsi(request, *args, **kwargs)
                patch_cache_control(response, private=True, no_cache=True)
                return response
            kunci = _kunci_halaman(request, parameter)
            simpanan = cache.get(kunci)
            if simpanan is None:
                response = fungsi(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                if (
                    response.status_code != 200
                    or response.streaming
                    or response.cookies
                    or response.has_header("Cache-Control")
                ):
                    return response
                etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
                simpanan = (response.content, response["Content-Type"], etag)
                cache.set(kunci, simpanan, ttl_halaman())
            isi, jenis, etag = simpanan
            if etag in request.headers.get("If-None-Match", ""):
                response = HttpResponseNotModified()
            else:
                response = HttpResponse(isi, content_type=jenis)
            response["ETag"] = etag
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            return response

        return _view

    return hias(view) if view is not None else hias
