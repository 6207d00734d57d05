"""What SID copies from, or builds on, Django admin internals (sid/admin_dalam.py) still
matches the Django installed; a Django upgrade is stopped here until it has been re-checked."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from types import SimpleNamespace

import django
import pytest
from django.contrib import admin
from django.template import engines
from django.template.loader import get_template

from sid import admin_dalam

AKAR = Path(__file__).resolve().parents[2]
TEMPLATE_DJANGO = Path(admin.__file__).parent / "templates" / "admin"

# Undocumented admin modules, and the only names still imported from them outside
# sid/admin_dalam.py (listed in its docstring; tests compare with Django's own code freely).
MODUL_DALAM = (
    "django.contrib.admin.templatetags",
    "django.contrib.admin.views",
    "django.contrib.admin.utils",
    "django.contrib.admin.options",
    "django.contrib.admin.widgets",
    "django.contrib.admin.helpers",
)
MASIH_DI_LUAR = {"ChangeList", "IncorrectLookupParameters", "AutocompleteSelect"}


def test_versi_django_yang_sudah_diperiksa():
    assert django.VERSION[:2] == admin_dalam.DIPERIKSA_UNTUK, (
        f"Django {django.get_version()} is installed, but sid/admin_dalam.py was checked against "
        f"Django {'.'.join(map(str, admin_dalam.DIPERIKSA_UNTUK))}. Re-check every item of its "
        "docstring against the new Django's source (and the tests named there), then update "
        "DIPERIKSA_UNTUK."
    )


def _impor_dalam(berkas: Path) -> set[str]:
    nama = set()
    for node in ast.walk(ast.parse(berkas.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(MODUL_DALAM):
            nama |= {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            nama |= {a.name for a in node.names if a.name.startswith(MODUL_DALAM)}
    return nama


def test_internal_admin_hanya_di_admin_dalam():
    salah = {
        str(b.relative_to(AKAR)): baru
        for app in AKAR.glob("*/apps.py")
        for b in app.parent.rglob("*.py")
        if "migrations" not in b.parts
        and b != AKAR / "sid" / "admin_dalam.py"
        and (baru := _impor_dalam(b) - MASIH_DI_LUAR)
    }
    assert not salah, f"Django admin internals belong in sid/admin_dalam.py (listed): {salah}"


def _rapat(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


def _blok(sumber: str, nama: str) -> str:
    cocok = re.search(r"{% block " + nama + r" %}(.*?){% endblock %}", sumber, re.S)
    assert cocok, nama
    return _rapat(cocok.group(1))


@pytest.mark.parametrize(
    "template, blok, tag_django, tag_kita",
    [
        ("penduduk/penduduk", "result_list", "{% result_list cl %}", "{% hasil_cepat cl %}"),
        ("keluarga/keluarga", "result_list", "{% result_list cl %}", "{% hasil_cepat cl %}"),
        (
            "penduduk/penduduk",
            "filters",
            "{% admin_list_filter cl spec %}",
            "{% filter_cepat cl spec %}",
        ),
    ],
)
def test_blok_daftar_salinan_blok_django(template, blok, tag_django, tag_kita):
    """Our list templates copy Django's change_list.html blocks, changing only the tag."""
    django_ = _blok((TEMPLATE_DJANGO / "change_list.html").read_text(), blok)
    kita = _blok((AKAR / f"templates/admin/{template}/change_list.html").read_text(), blok)
    assert tag_django in django_
    assert kita == django_.replace(tag_django, tag_kita)


@pytest.mark.parametrize("aktif", [True, False])
def test_filter_tertutup_sama_dengan_filter_django(aktif):
    konteks = {
        "title": "golongan <darah>",
        "spec": SimpleNamespace(aktif=aktif),
        "choices": [
            {"selected": not aktif, "query_string": "?", "display": "Semua"},
            {"selected": aktif, "query_string": "?x=é & y", "display": "A <b>"},
        ],
    }
    django_ = get_template("admin/filter.html").render(konteks)
    kita = get_template("admin/penduduk/statistik/filter_tertutup.html").render(konteks)
    if not aktif:
        django_ = django_.replace('" open>', '">', 1)
    assert _rapat(kita) == _rapat(django_)


def test_nav_sidebar_sama_dengan_django():
    app_list = [
        {
            "name": "Kependudukan",
            "app_label": "penduduk",
            "app_url": "/admin/penduduk/",
            "has_module_perms": True,
            "models": [
                {
                    "name": "Penduduk",
                    "object_name": "Penduduk",
                    "admin_url": "/admin/penduduk/penduduk/",
                    "add_url": "/admin/penduduk/penduduk/add/",
                    "view_only": False,
                }
            ],
        }
    ]
    konteks = {"available_apps": app_list}
    django_ = engines["django"].from_string((TEMPLATE_DJANGO / "nav_sidebar.html").read_text())
    kita = _rapat(get_template("admin/nav_sidebar.html").render(konteks))
    # SID adds one thing: the link to the dashboard (Beranda) above the filter box.
    beranda = re.search(r'<a href="/admin/" class="sid-menu-beranda".*?</a>', kita)
    assert beranda and "Beranda" in beranda.group(0)
    assert _rapat(kita.replace(beranda.group(0), "")) == _rapat(django_.render(konteks))


def test_app_list_sama_dengan_django_ditambah_ikon():
    app = {
        "name": "Kependudukan",
        "app_label": "kependudukan",
        "app_url": "/admin/penduduk/penduduk/",
        "has_module_perms": True,
        "models": [
            {
                "name": "Penduduk",
                "object_name": "Penduduk",
                "admin_url": "/admin/penduduk/penduduk/",
                "add_url": "/admin/penduduk/penduduk/add/",
                "view_only": False,
            }
        ],
    }
    django_ = engines["django"].from_string((TEMPLATE_DJANGO / "app_list.html").read_text())
    kita = get_template("admin/app_list.html")
    for tautan in (True, False):
        konteks = {"app_list": [app], "show_changelinks": tautan}
        assert _rapat(kita.render(konteks)) == _rapat(django_.render(konteks))
        # With the section's icon (sid.admin_site.NAVIGASI): the same plus one <svg>.
        dengan_ikon = _rapat(
            kita.render({**konteks, "app_list": [{**app, "ikon": "kependudukan"}]})
        )
        svg = re.search(r'<svg class="sid-ikon".*?</svg>', dengan_ikon)
        assert svg and "ikon-menu.svg#kependudukan" in svg.group(0)
        assert dengan_ikon.replace(svg.group(0), "") == _rapat(django_.render(konteks))
