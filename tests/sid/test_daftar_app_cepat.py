"""{% daftar_app_cepat %} gives the markup of Django's admin/app_list.html (the nav sidebar)."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.template import Context, Template
from django.template.loader import get_template
from django.test import RequestFactory

from sid.peran import SEMUA_PERAN
from sid.templatetags.sid_admin import daftar_app_cepat

pytestmark = pytest.mark.django_db

PATHS = ["/admin/", "/admin/penduduk/penduduk/", "/admin/penduduk/penduduk/5/change/",
         "/admin/konten/artikel/?q=a b", "/admin/sid/wilayah/"]  # fmt: skip


def _rapat(html: str) -> str:
    """Whitespace next to tags does not show in a table cell; compare without it."""
    return re.sub(r"\s+", " ", re.sub(r"\s*(<|>)\s*", r"\1", str(html))).strip()


def _django(app_list, request) -> str:
    return get_template("admin/app_list.html").render(
        {"app_list": app_list, "show_changelinks": False, "request": request}
    )


@pytest.mark.parametrize("peran", [*SEMUA_PERAN, None])
def test_sama_dengan_template_django(buat_staf, desa, peran):
    user = buat_staf(peran) if peran else buat_staf(None, is_superuser=True)
    for path in PATHS:
        request = RequestFactory().get(path)
        request.user = user
        app_list = admin.site.get_app_list(request)
        cepat = daftar_app_cepat(Context({"request": request}), app_list)
        assert _rapat(cepat) == _rapat(_django(app_list, request)), (peran, path)


def test_tanpa_izin_dan_nama_yang_perlu_di_escape():
    request = RequestFactory().get("/admin/x/")
    assert _rapat(daftar_app_cepat(Context({"request": request}), [])) == _rapat(
        _django([], request)
    )
    app_list = [
        {
            "name": 'Data "A" & <B>',
            "app_label": "a_b",
            "app_url": "",
            "models": [
                {"name": "<M>", "object_name": "Model", "admin_url": None, "add_url": "/x/?a=1&b=2"}
            ],
        }
    ]
    assert _rapat(daftar_app_cepat(Context({"request": request}), app_list)) == _rapat(
        _django(app_list, request)
    )


def test_sidebar_halaman_admin_memakai_tag(client, admin_desa, desa):
    client.force_login(admin_desa)
    html = client.get("/admin/penduduk/penduduk/").content.decode()
    assert 'id="nav-sidebar"' in html and 'class="model-penduduk current-model"' in html
    assert Template("{% load sid_admin %}").render(Context()) == ""


def test_url_admin_diingat_per_prefix(admin_desa):
    """The admin's remembered reverse() answers the same as reverse(), per script prefix."""
    from django.contrib.admin import sites
    from django.urls import reverse, set_script_prefix

    from sid.admin_site import _reverse_admin

    assert sites.reverse is _reverse_admin
    nama = "admin:penduduk_penduduk_changelist"
    assert _reverse_admin(nama, current_app="admin") == reverse(nama) == "/admin/penduduk/penduduk/"
    assert _reverse_admin("admin:app_list", kwargs={"app_label": "penduduk"}) == reverse(
        "admin:app_list", kwargs={"app_label": "penduduk"}
    )
    try:
        set_script_prefix("/desa/")
        assert _reverse_admin(nama, current_app="admin") == "/desa/admin/penduduk/penduduk/"
    finally:
        set_script_prefix("/")
    assert _reverse_admin(nama, current_app="admin") == "/admin/penduduk/penduduk/"
    assert _reverse_admin("admin:penduduk_penduduk_change", args=[7]) == reverse(
        "admin:penduduk_penduduk_change", args=[7]
    )


def test_url_admin_mengikuti_root_urlconf(settings):
    from sid.admin_site import _reverse_admin

    nama = "admin:penduduk_penduduk_changelist"
    assert _reverse_admin(nama, current_app="admin") == "/admin/penduduk/penduduk/"
    settings.ROOT_URLCONF = "tests.sid.urls_kantor"
    assert _reverse_admin(nama, current_app="admin") == "/kantor/penduduk/penduduk/"


def test_teks_aman_lazy_tidak_di_escape_dua_kali():
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from sid.templatetags.sid_admin import _aman

    assert _aman(mark_safe(gettext_lazy("<b>Tebal</b>"))) == "<b>Tebal</b>"  # noqa: S308
    assert _aman(gettext_lazy("<b>")) == "&lt;b&gt;"
