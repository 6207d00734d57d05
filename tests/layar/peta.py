"""The map of screens: every URL pattern with one concrete URL, found by following what people
see — the back office as a superuser, the portal as a resident, the public site as a visitor,
the hub as hub staff — and, for a pattern no link leads to, its pk taken from the model its
ModelAdmin serves."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from django.test import Client

from tests.layar import penjelajah as pj
from tests.layar.dunia import PIN_WARGA, Dunia

# Patterns that are not screens a person opens, with the reason.
BUKAN_LAYAR = {
    "admin/(?P<url>.*)$": "penangkap URL admin yang tidak dikenal (jawab 404)",
    "media/(?P<path>.+)$": "berkas media publik (dilayani langsung)",
    "admin/autocomplete/": "JSON pelengkap otomatis, dipanggil oleh widget formulir",
}
# Screens a person reaches from outside any page (a QR code printed on a letter), with how.
DARI_LUAR = {
    "surat/cek/<uuid:kode>/": lambda d: f"/surat/cek/{d.objek['surat_ditandatangani'].kode}/",
}
# The hub's machine API: signed requests from villages only (tested in tests/hub, tests/sinkron).
AWALAN_MESIN = ("api/sinkron/",)


@dataclass
class Peta:
    url: dict[str, str] = field(default_factory=dict)  # route → concrete path
    tak_terjangkau: list[str] = field(default_factory=list)
    pola: list[pj.Pola] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)  # server errors met while walking


def klien(**kwargs) -> Client:
    """A client that answers a server error with a 500 page, as a browser sees it."""
    return Client(raise_request_exception=False, **kwargs)


def klien_warga(dunia: Dunia) -> Client:
    c = klien()
    r = c.post("/mandiri/masuk/", {"nik": dunia.warga.nik, "pin": PIN_WARGA})
    assert r.status_code == 302, r.content[:300]
    return c


def klien_staf(user) -> Client:
    c = klien()
    c.force_login(user)
    return c


def buat_peta(dunia: Dunia) -> Peta:
    from django.contrib import admin

    peta = Peta(pola=pj.semua_pola())
    su = klien_staf(dunia.staf["superuser"])
    awal_admin = ["/admin/", *_halaman_objek(dunia)]
    for model in admin.site._registry:
        awal_admin.append(f"/admin/{model._meta.app_label}/{model._meta.model_name}/")
    # Each door walked by who uses it; a pattern keeps the URL of the first walk that found it
    # (staff also follow their links out of the back office, e.g. an article's preview).
    for hasil in (
        pj.jelajahi(klien_warga(dunia), ["/mandiri/"], awalan=("/mandiri/",)),
        pj.jelajahi(klien_staf(dunia.staf_hub), ["/hub/"], awalan=("/hub/",)),
        pj.jelajahi(klien(), ["/", "/mandiri/masuk/"], awalan=("/",)),
        pj.jelajahi(su, awal_admin, awalan=("/admin/", "/artikel/", "/surat/")),
    ):
        for r, u in hasil.items():
            peta.url.setdefault(r, u)
    for p in peta.pola:
        if p.route in peta.url or p.route in BUKAN_LAYAR or p.route.startswith(AWALAN_MESIN):
            continue
        if p.route in DARI_LUAR:
            peta.url[p.route] = DARI_LUAR[p.route](dunia)
            continue
        url = _dari_saudara(p.route, peta.url) or _dari_model(p.route)
        if url:
            peta.url[p.route] = url
        else:
            peta.tak_terjangkau.append(p.route)
    return peta


def _halaman_objek(dunia: Dunia) -> list[str]:
    """The change pages of the world's named objects: start points for the back-office walk, so
    states the demo lacks (a draft budget, an unpublished article) are seen too."""
    from django.contrib import admin
    from django.urls import reverse

    hasil = []
    for obj in dunia.objek.values():
        if type(obj) in admin.site._registry:
            m = obj._meta
            hasil.append(reverse(f"admin:{m.app_label}_{m.model_name}_change", args=[obj.pk]))
    return hasil


def _dari_saudara(route: str, url: dict[str, str]) -> str | None:
    """Borrow the values of a pattern's converters from a reached pattern that has them all and
    shares the longest prefix with it (e.g. a progress endpoint polled by script borrows the
    uuid of the page that polls it)."""
    perlu = set(pj.nama_konverter(route))
    if not perlu:
        return None
    # The other pattern must share all the text before this one's first converter (the same
    # ModelAdmin, the same portal page), so a pk is never borrowed from another model.
    awal = route.split("<", 1)[0].split("(?P<", 1)[0]
    terbaik, panjang = None, 0
    for r, path in url.items():
        kwargs = pj.kwargs_dari(path)
        if not perlu <= set(kwargs) or not r.startswith(awal):
            continue
        sama = len(os.path.commonprefix([r, route]))
        if sama > panjang:
            terbaik, panjang = kwargs, sama
    return pj.isi_pola(route, terbaik) if terbaik else None


def _dari_model(route: str) -> str | None:
    """A pattern under a ModelAdmin whose only converter is the object's pk."""
    model, _ma = pj.admin_model_untuk(route)
    if model is None:
        return pj.isi_pola(route, {"app_label": "penduduk"})
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        return None
    return pj.isi_pola(route, {"object_id": obj.pk, "pk": obj.pk, "id": obj.pk})
