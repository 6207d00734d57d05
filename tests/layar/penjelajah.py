"""What the harness knows of the screens, all read from the code: the URL patterns (Django's
resolver, every ModelAdmin's `get_urls()` included), a concrete URL for each found by
following the links and form actions a person sees, and the forms on a page as a browser
would submit them. Nothing here is a hand-kept list of screens."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

# ---------------------------------------------------------------------------------------------
# URL patterns


@dataclass(frozen=True)
class Pola:
    route: str  # the full pattern, as ResolverMatch.route gives it
    nama: str | None


def semua_pola() -> list[Pola]:
    """Every URL pattern the project answers, admin and ModelAdmin.get_urls() included."""
    hasil: list[Pola] = []

    def jalan(pola, awal: str) -> None:
        for p in pola:
            if isinstance(p, URLResolver):
                jalan(p.url_patterns, awal + str(p.pattern))
            elif isinstance(p, URLPattern):
                hasil.append(Pola(normal(awal + str(p.pattern)), p.name))

    jalan(get_resolver().url_patterns, "")
    return hasil


def normal(route: str) -> str:
    """Routes without regex anchors: the resolver drops an inner "^" when it joins patterns."""
    return route.replace("^", "")


def rute(path: str) -> str | None:
    """The pattern a path resolves to, or None."""
    try:
        return normal(resolve(urlsplit(path).path).route)
    except Resolver404:
        return None


def admin_model_untuk(route: str):
    """(model, ModelAdmin) whose URLs hold this admin route, or (None, None)."""
    for model, ma in admin.site._registry.items():
        awal = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        if route.startswith(awal):
            return model, ma
    return None, None


def jenis_admin(route: str) -> str | None:
    """For the standard ModelAdmin views: changelist/add/change/delete/history; else None."""
    model, _ma = admin_model_untuk(route)
    if model is None:
        return None
    sisa = route[len(f"admin/{model._meta.app_label}/{model._meta.model_name}/") :]
    return {
        "": "changelist",
        "add/": "add",
        "<path:object_id>/change/": "change",
        "<path:object_id>/delete/": "delete",
        "<path:object_id>/history/": "history",
        "<path:object_id>/": "redirect",
    }.get(sisa)


# ---------------------------------------------------------------------------------------------
# Pages: links and forms


@dataclass
class Formulir:
    action: str
    method: str
    enctype: str
    isian: list[tuple[str, str]] = field(default_factory=list)  # what a browser would submit
    berkas: list[str] = field(default_factory=list)  # names of file inputs (left empty)
    kolom: dict[str, dict] = field(default_factory=dict)  # name → {tag, type, required, ...}
    tombol: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons

    def data(self) -> dict[str, list[str]]:
        hasil: dict[str, list[str]] = {}
        for k, v in self.isian:
            hasil.setdefault(k, []).append(v)
        if self.tombol:
            k, v = self.tombol[0]
            hasil.setdefault(k, [v])
        return hasil


class _Pengurai(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tautan: list[str] = []
        self.formulir: list[Formulir] = []
        self._f: Formulir | None = None
        self._select: tuple[str, bool, dict] | None = None
        self._opsi: list[tuple[str, bool]] = []
        self._opsi_teks: str | None = None
        self._textarea: tuple[str, dict] | None = None
        self._teks = ""

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.tautan.append(a["href"])
        elif tag == "form":
            self._f = Formulir(
                action=a.get("action", ""),
                method=a.get("method", "get").lower(),
                enctype=a.get("enctype", ""),
            )
            self.formulir.append(self._f)
        elif self._f is None:
            return
        elif tag == "input":
            self._input(a)
        elif tag == "button":
            if a.get("type", "submit") == "submit" and a.get("name"):
                self._f.tombol.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select = (a["name"], "multiple" in a, a)
            self._opsi = []
        elif tag == "option" and self._select is not None:
            self._opsi.append((a.get("value"), "selected" in a))
            self._opsi_teks = "" if a.get("value") is None else None
        elif tag == "textarea" and a.get("name"):
            self._textarea = (a["name"], a)
            self._teks = ""

    def _input(self, a):
        nama, jenis = a.get("name"), a.get("type", "text").lower()
        if not nama or "disabled" in a:
            return
        self._f.kolom[nama] = {"tag": "input", **a, "type": jenis}
        if jenis in ("submit", "image"):
            self._f.tombol.append((nama, a.get("value", "")))
        elif jenis == "file":
            self._f.berkas.append(nama)
        elif jenis in ("checkbox", "radio"):
            if "checked" in a:
                self._f.isian.append((nama, a.get("value", "on")))
        elif jenis not in ("reset", "button"):
            self._f.isian.append((nama, a.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._teks += data
        if self._opsi_teks is not None:
            self._opsi_teks += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._f = None
        elif tag == "option" and self._opsi_teks is not None and self._opsi:
            nilai, pilih = self._opsi[-1]
            self._opsi[-1] = (self._opsi_teks.strip(), pilih) if nilai is None else (nilai, pilih)
            self._opsi_teks = None
        elif tag == "select" and self._select is not None:
            nama, banyak, a = self._select
            if self._f is not None and "disabled" not in a:
                dipilih = [v for v, s in self._opsi if s]
                if not dipilih and not banyak and self._opsi:
                    dipilih = [self._opsi[0][0]]
                self._f.isian.extend((nama, v) for v in dipilih)
                self._f.kolom[nama] = {
                    "tag": "select",
                    **a,
                    "opsi": [v for v, _ in self._opsi],
                    "multiple": banyak,
                }
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            nama, a = self._textarea
            if self._f is not None and "disabled" not in a:
                teks = self._teks[1:] if self._teks.startswith("\n") else self._teks
                self._f.isian.append((nama, teks))
                self._f.kolom[nama] = {"tag": "textarea", **a}
            self._textarea = None


def urai(html: str) -> _Pengurai:
    p = _Pengurai()
    p.feed(html)
    p.close()
    return p


def formulir_post(html: str, url: str) -> list[Formulir]:
    """The POST forms of a page, their actions made absolute paths; the logout form left out."""
    hasil = []
    for f in urai(html).formulir:
        if f.method != "post":
            continue
        f.action = urlsplit(urljoin(url, f.action or url))._replace(scheme="", netloc="").geturl()
        if rute(f.action) in ("admin/logout/", "mandiri/keluar/"):
            continue
        hasil.append(f)
    return hasil


# ---------------------------------------------------------------------------------------------
# Crawling


def tutup(respon) -> None:
    """Close a response's files as a WSGI server does, without the request_finished handler
    that would close the test's database connection (Django's test client does the same)."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        respon.close()
    finally:
        request_finished.connect(close_old_connections)


_BUKAN_HALAMAN = re.compile(r"^(mailto:|tel:|javascript:|#)")


def jelajahi(client, awal: list[str], *, awalan: tuple[str, ...]) -> dict[str, str]:
    """Follow links and form actions from `awal`, one concrete URL per pattern.

    Returns route → the first path seen for it (GET pages are opened to read their links; the
    actions of POST forms are recorded, never posted here).
    """
    ditemukan: dict[str, str] = {}
    antre = deque(awal)
    while antre:
        url = antre.popleft()
        r_ = rute(url)
        if r_ is None or r_ in ditemukan or not url.startswith(awalan):
            continue
        ditemukan[r_] = url
        respon = client.get(url)
        tutup(respon)
        if respon.status_code != 200 or "html" not in respon.get("Content-Type", ""):
            continue
        halaman = urai(respon.content.decode())
        calon = list(halaman.tautan)
        calon += [f.action or url for f in halaman.formulir]
        for href in calon:
            if not href or _BUKAN_HALAMAN.match(href):
                continue
            bagian = urlsplit(urljoin(url, href))
            if bagian.netloc and bagian.netloc != "testserver":
                continue
            path = bagian.path + (f"?{bagian.query}" if bagian.query else "")
            r2 = rute(path)
            if r2 is not None and r2 not in ditemukan and path.startswith(awalan):
                antre.append(path)
    return ditemukan


_KONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def nama_konverter(route: str) -> list[str]:
    return [m.group(2) or m.group(3) for m in _KONVERTER.finditer(route)]


def kwargs_dari(path: str) -> dict[str, str]:
    try:
        return {k: str(v) for k, v in resolve(urlsplit(path).path).kwargs.items()}
    except Resolver404:
        return {}


def isi_pola(route: str, nilai: dict[str, str]) -> str | None:
    """Fill a route's converters (<int:pk>, <path:object_id> …) from `nilai`; None if one lacks."""
    hilang = False

    def ganti(m):
        nonlocal hilang
        nama = m.group(2) or m.group(3)
        if nama not in nilai:
            hilang = True
            return ""
        return str(nilai[nama])

    hasil = _KONVERTER.sub(ganti, route).replace("^", "").replace("$", "")
    if hilang:
        return None
    return "/" + hasil


def query(path: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(path).query))


class GalatServer:
    """Collects the exceptions behind 500 answers (Django's got_request_exception)."""

    def __init__(self):
        self.galat: list[str] = []

    def __enter__(self):
        from django.core.signals import got_request_exception

        got_request_exception.connect(self._catat)
        return self

    def __exit__(self, *exc):
        from django.core.signals import got_request_exception

        got_request_exception.disconnect(self._catat)

    def _catat(self, sender, request=None, **kwargs):
        import sys
        import traceback

        jenis, nilai, tb = sys.exc_info()
        tempat = traceback.extract_tb(tb)[-1] if tb else None
        asal = f" ({tempat.filename.split('/work/main/')[-1]}:{tempat.lineno})" if tempat else ""
        self.galat.append(
            f"{request.method} {request.get_full_path()}: {jenis.__name__}: {nilai}{asal}"
        )
