"""Middleware of the core app."""

from django.http import Http404

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


class KueriTanpaNulMiddleware:
    """Search boxes and filters read `request.GET` directly; PostgreSQL refuses a text with a
    NUL byte (a 500 on /cari/?q=%00), so NUL bytes are dropped from the query string here. Form
    fields (POST) keep Django's own refusal with a message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in k or any("\x00" in v for v in vs) for k, vs in request.GET.lists()):
            bersih = request.GET.copy()
            for k in list(bersih):
                nilai = [v.replace("\x00", "") for v in bersih.getlist(k)]
                del bersih[k]
                bersih.setlist(k.replace("\x00", ""), nilai)
            bersih._mutable = False
            request.GET = bersih
        return self.get_response(request)


# The largest value of a 64-bit integer column (PostgreSQL bigint, SQLite INTEGER).
ID_MAKS = 2**63 - 1
_ANGKA = frozenset("0123456789")


def id_baris(nilai) -> int | None:
    """The integer id in a URL value, or None when it cannot be a row's id ("abc", "①", empty,
    or past a 64-bit integer)."""
    teks = str(nilai)
    if not teks or not set(teks) <= _ANGKA or int(teks) > ID_MAKS:
        return None
    return int(teks)


class AlamatObjekMiddleware:
    """A typed-in address whose id cannot be a row's id is a 404, before any view runs.

    A NUL byte anywhere in the path's values (`/hub/desa/%00/`) is a 404 too.

    `<int:pk>` accepts any number of digits (a 30-digit id overflows the database's integer and
    was a 500); an admin `object_id` (a `<path:>`) accepts any text, and views that turn it into
    a number met "abc" or "①" (a Unicode digit that `str.isdigit()` accepts) with a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for nilai in view_kwargs.values():
            if isinstance(nilai, int) and not -ID_MAKS <= nilai <= ID_MAKS:
                raise Http404("Data tidak ditemukan.")
            if isinstance(nilai, str) and "\x00" in nilai:  # PostgreSQL refuses it in a query
                raise Http404("Data tidak ditemukan.")
        object_id = view_kwargs.get("object_id")
        model_admin = getattr(view_func, "model_admin", None)
        if object_id is None or model_admin is None:
            return None
        if (
            model_admin.model._meta.pk.get_internal_type() in _PK_ANGKA
            and id_baris(object_id) is None
        ):
            raise Http404("Data tidak ditemukan.")
        return None


_PK_ANGKA = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
}
