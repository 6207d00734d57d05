"""Middleware of the core app."""

from sid.lib import konteks


class KonteksPermintaanMiddleware:
    """Makes the client IP available to services (audit log) for the whole request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.ip_klien = konteks.ip_klien(request)
        token = konteks.set_ip(request.ip_klien)
        try:
            return self.get_response(request)
        finally:
            konteks.reset_ip(token)
