"""Per-request context (client IP) that services read when they write the audit log."""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest

_ip: ContextVar[str | None] = ContextVar("sid_ip", default=None)


def ip_klien(request: HttpRequest) -> str:
    """The client's address; X-Forwarded-For is trusted only for SID_JUMLAH_PROXY hops."""
    jumlah = settings.SID_JUMLAH_PROXY
    if jumlah:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= jumlah:
            return forwarded[-jumlah]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - unknown address


def set_ip(ip: str | None):
    return _ip.set(ip)


def reset_ip(token) -> None:
    _ip.reset(token)


def ip_sekarang() -> str | None:
    return _ip.get()
