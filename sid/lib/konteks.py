"""Per-request context (client IP) that services read when they write the audit log."""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

_ip: ContextVar[str | None] = ContextVar("sid_ip", default=None)


@lru_cache(maxsize=8)
def _jaringan(daftar: tuple[str, ...]) -> tuple:
    hasil = []
    for teks in daftar:
        try:
            hasil.append(ipaddress.ip_network(teks.strip(), strict=False))
        except ValueError:
            continue  # a typo trusts nothing rather than everything
    return tuple(hasil)


def proxy_tepercaya(alamat: str) -> bool:
    """Whether `alamat` is one of the reverse proxies in SID_PROXY_TEPERCAYA (IPs or networks)."""
    try:
        ip = ipaddress.ip_address((alamat or "").strip())
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in net for net in _jaringan(tuple(settings.SID_PROXY_TEPERCAYA)))


def ip_klien(request: HttpRequest) -> str:
    """The client's address.

    REMOTE_ADDR, unless it is a trusted proxy (SID_PROXY_TEPERCAYA) and SID_JUMLAH_PROXY > 0:
    then X-Forwarded-For is walked from the right, one hop per trusted proxy, at most
    SID_JUMLAH_PROXY hops. A client that reaches gunicorn directly is never a trusted proxy, so
    whatever it writes in X-Forwarded-For is ignored."""
    langsung = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - unknown address
    jumlah = settings.SID_JUMLAH_PROXY
    if not jumlah:
        return langsung
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    alamat = langsung
    for _ in range(jumlah):
        if not forwarded or not proxy_tepercaya(alamat):
            break
        sebelumnya, alamat = alamat, forwarded.pop()
        try:
            ipaddress.ip_address(alamat)
        except ValueError:
            return sebelumnya  # the proxy forwarded something that is not an address
    return alamat


def set_ip(ip: str | None):
    return _ip.set(ip)


def reset_ip(token) -> None:
    _ip.reset(token)


def ip_sekarang() -> str | None:
    return _ip.get()
