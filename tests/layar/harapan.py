"""What each kind of visitor should get from each screen, derived from the code's own rules:
Django's permission checks of the ModelAdmin (fed by `sid/peran.py`, which `docs/peran.md`
documents and `test_peran_dokumen.py` holds to that document), the login doors of the back
office, the portal and the hub. A server error is never expected."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import admin
from django.test import RequestFactory

from tests.layar import penjelajah as pj

ANONIM = "anonim"
WARGA = "warga"
STAF_HUB = "staf hub"
SUPERUSER = "superuser"

# Opening these ends the session: walked last.
KELUAR = ("admin/logout/", "mandiri/keluar/")
# Routes that answer anyone (the login pages and the public site live outside these doors).
PINTU = {"admin/": "/admin/login/", "mandiri/": "/mandiri/masuk/", "hub/": "/admin/login/"}
TERBUKA = {"admin/login/", "admin/jsi18n/", "mandiri/masuk/", "mandiri/keluar/", "admin/logout/"}


@dataclass
class Harapan:
    boleh: frozenset[int]
    alasan: str

    def cocok(self, status: int) -> bool:
        return status in self.boleh


def _h(alasan: str, *status: int) -> Harapan:
    # A GET on an endpoint that only takes POST is refused by method (405) before anything else;
    # the POST walk (test_formulir.py) checks who may send it.
    return Harapan(frozenset({*status, 405}), alasan)


def urutan_jalan(url: dict[str, str]) -> list[tuple[str, str]]:
    """Every (route, path), the ones that log out last."""
    return sorted(url.items(), key=lambda rp: (rp[0] in KELUAR, rp[0]))


def harapan(siapa: str, user, route: str, path: str) -> Harapan:
    pintu = next((p for p in PINTU if route.startswith(p)), None)
    if pintu is None or route in TERBUKA:
        # The public site: open to all; a missing or unpublished object is a 404, a staff-only
        # preview a 403; a download may redirect to its file.
        return _h("situs publik", 200, 302, 403, 404)
    if pintu == "mandiri/":
        if siapa == WARGA:
            return _h("portal, warga pemilik akun", 200, 302, 404, 405)
        return _h("portal tanpa masuk sebagai warga: ke halaman masuk", 302)
    if pintu == "hub/":
        if siapa == STAF_HUB:
            return _h("hub, staf hub", 200, 302, 404, 405)
        if siapa in (ANONIM, WARGA):
            return _h("hub tanpa masuk: ke halaman masuk", 302)
        return _h("hub, staf desa bukan staf hub", 403, 302)
    # The back office.
    if siapa in (ANONIM, WARGA, STAF_HUB) and not (siapa == STAF_HUB and user.is_staff):
        return _h("back office tanpa masuk staf: ke halaman masuk", 302)
    return _harapan_admin(user, route, path)


def _permintaan(user):
    r = RequestFactory().get("/admin/")
    r.user = user
    return r


def _harapan_admin(user, route: str, path: str) -> Harapan:
    if route.startswith("admin/(?P<app_label>"):  # app index
        app = pj.kwargs_dari(path).get("app_label", "")
        if user.has_module_perms(app):
            return _h(f"halaman aplikasi {app}, berhak", 200)
        return _h(f"halaman aplikasi {app}, tanpa hak: tidak ada", 404, 403)
    model, ma = pj.admin_model_untuk(route)
    if model is None:
        return _h("halaman situs admin", 200, 302, 405)
    req = _permintaan(user)
    jenis = pj.jenis_admin(route)
    obj = None
    if jenis in ("change", "delete", "history", "redirect"):
        pk = pj.kwargs_dari(path).get("object_id")
        obj = model._default_manager.filter(pk=pk).first()
    if jenis == "changelist":
        ok = ma.has_view_or_change_permission(req)
    elif jenis == "add":
        ok = ma.has_add_permission(req)
    elif jenis in ("change", "history"):
        ok = ma.has_view_or_change_permission(req, obj)
    elif jenis == "delete":
        ok = ma.has_delete_permission(req, obj)
    elif jenis == "redirect":
        return _h("alamat objek lama: dialihkan", 302)
    else:
        # A custom view of get_urls(): whoever has no right at all in the model's app is
        # refused; anyone else gets the page, a redirect, or a refusal of that action.
        if not user.has_module_perms(model._meta.app_label) and not ma.has_module_permission(req):
            return _h(f"tampilan khusus {model._meta.label}, tanpa hak di aplikasinya", 403, 404)
        return _h(f"tampilan khusus {model._meta.label}", 200, 302, 403, 404, 405)
    if ok:
        return _h(f"{jenis} {model._meta.label}, berhak", 200, 302)
    if obj is not None and not ma.get_queryset(req).filter(pk=obj.pk).exists():
        # Django's answer for an object outside the user's list: back to the index, with a
        # message that it does not exist (nothing about it is shown).
        return _h(f"{jenis} {model._meta.label}, objek di luar daftarnya", 302, 403)
    return _h(f"{jenis} {model._meta.label}, tanpa hak", 403)


def semua_model_admin():
    return admin.site._registry.items()
