"""The resident's session: its own keys, never Django's auth user.

    request.session["mandiri_akun"]   the account's UUID
    request.session["mandiri_versi"]  the account's `sesi_versi` when the session was opened:
                                      a PIN change, reset or deactivation bumps it and every
                                      other session of that account ends at its next request
    request.session["mandiri_aktif"]  last activity (epoch seconds): idle > 30 min ends it

Every portal view is wrapped in `@penduduk_wajib` (deny by default; a test walks the URL
conf), which sets `request.akun_mandiri` and `request.penduduk` and marks the response
uncacheable.
"""

from __future__ import annotations

import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

from mandiri.models import AkunMandiri
from sid import kode as kode_penduduk

SESI_AKUN = "mandiri_akun"
SESI_VERSI = "mandiri_versi"
SESI_AKTIF = "mandiri_aktif"
KUNCI_SESI = (SESI_AKUN, SESI_VERSI, SESI_AKTIF)


def batas_diam_detik() -> int:
    return int(getattr(settings, "SID_MANDIRI_SESI_MENIT", 30)) * 60


def buka(request, akun: AkunMandiri) -> None:
    """Start the resident's session under a new key (no session fixation)."""
    for kunci in KUNCI_SESI:
        request.session.pop(kunci, None)
    request.session.cycle_key()
    request.session[SESI_AKUN] = str(akun.uuid)
    request.session[SESI_VERSI] = akun.sesi_versi
    request.session[SESI_AKTIF] = int(time.time())


def perbarui_versi(request, akun: AkunMandiri) -> None:
    """After the resident's own PIN change: this session stays, under a new key."""
    request.session.cycle_key()
    request.session[SESI_VERSI] = akun.sesi_versi
    request.session[SESI_AKTIF] = int(time.time())


def tutup(request) -> None:
    """End the resident's session (a staff login in the same browser is not touched)."""
    for kunci in KUNCI_SESI:
        request.session.pop(kunci, None)
    request.session.cycle_key()


def akun_dari_sesi(request) -> tuple[AkunMandiri | None, str]:
    """(account, "") for a valid session, else (None, reason): "", "diam" or "berakhir"."""
    kode = request.session.get(SESI_AKUN)
    if not kode:
        return None, ""
    sekarang = int(time.time())
    terakhir = request.session.get(SESI_AKTIF) or 0
    if sekarang - int(terakhir) > batas_diam_detik():
        tutup(request)
        return None, "diam"

    akun = (
        AkunMandiri.objects.select_related(
            "penduduk__keluarga", "penduduk__wilayah__dusun", "penduduk__wilayah__rw"
        )
        .filter(uuid=kode, aktif=True, penduduk__status_dasar=kode_penduduk.StatusDasar.HIDUP)
        .first()
    )
    if akun is None or akun.sesi_versi != request.session.get(SESI_VERSI):
        tutup(request)
        return None, "berakhir"
    if sekarang - int(terakhir) >= 60:  # write the session at most once a minute
        request.session[SESI_AKTIF] = sekarang
    return akun, ""


def url_masuk(tujuan: str = "") -> str:
    url = reverse("mandiri:masuk")
    return f"{url}?{urlencode({'next': tujuan})}" if tujuan else url


def tujuan_aman(request, tujuan: str | None) -> str:
    """Only a portal path of this site may follow the login."""
    dasar = reverse("mandiri:beranda")
    if (
        tujuan
        and tujuan.startswith(dasar)
        and url_has_allowed_host_and_scheme(
            tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return tujuan
    return dasar


PESAN_SESI = {
    "diam": "Sesi Anda berakhir karena tidak ada aktivitas selama 30 menit. Silakan masuk lagi.",
    "berakhir": "Sesi Anda telah berakhir (PIN diganti atau akun dinonaktifkan). Silakan masuk lagi.",
}


def penduduk_wajib(view=None, *, tanpa_ganti_pin: bool = False):
    """Portal views: a valid resident session, else to the login page. With the PIN still the
    one the operator printed, every page but "ganti PIN" sends the resident there first."""

    def dekorator(fungsi):
        @wraps(fungsi)
        def _view(request, *args, **kwargs):
            akun, alasan = akun_dari_sesi(request)
            if akun is None:
                if alasan in PESAN_SESI:
                    messages.info(request, PESAN_SESI[alasan])
                tujuan = request.get_full_path() if request.method == "GET" else ""
                response = HttpResponseRedirect(url_masuk(tujuan))
            elif akun.wajib_ganti_pin and not tanpa_ganti_pin:
                response = HttpResponseRedirect(reverse("mandiri:ganti_pin"))
            else:
                request.akun_mandiri = akun
                request.penduduk = akun.penduduk
                response = fungsi(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response

        _view.penduduk_wajib = True
        return _view

    return dekorator(view) if view is not None else dekorator


def publik(view):
    """Marks the few portal views that need no session (the login page)."""
    view.mandiri_publik = True
    return view
