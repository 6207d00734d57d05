"""Template tags of the public website: the menu and the announcements bar (cached data)."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from konten import selectors
from sid.lib.html import bersihkan_html

register = template.Library()


def _aktif(url: str, jalur: str, luar: bool) -> bool:
    if not url or luar:
        return False
    return url == jalur or (url != "/" and jalur.startswith(url))


@register.inclusion_tag("publik/_menu.html", takes_context=True)
def menu_publik(context):
    """The editable menu; the entry of the current page (or its section) is marked active."""
    request = context.get("request")
    jalur = request.path if request else ""
    menu = []
    for m in selectors.menu_publik():
        anak = [
            {"judul": a.judul, "url": a.url, "luar": a.luar, "aktif": _aktif(a.url, jalur, a.luar)}
            for a in m.anak
        ]
        aktif = _aktif(m.url, jalur, m.luar) or any(a["aktif"] for a in anak)
        menu.append({"judul": m.judul, "url": m.url, "luar": m.luar, "aktif": aktif, "anak": anak})
    return {"menu": menu}


@register.inclusion_tag("publik/_pengumuman.html")
def pengumuman_publik():
    return {"pengumuman": selectors.pengumuman_tayang()}


@register.simple_tag
def url_statistik() -> str:
    """The population statistics page, or "" when that app is not installed (footer link)."""
    return selectors.url_statistik()


@register.filter(name="html_bersih")
def html_bersih(isi: str):
    """Rich text as HTML: cleaned on save by the service, and cleaned again here (cheap, and
    the page is cached) so a row written around the service can never carry a script."""
    return mark_safe(bersihkan_html(isi or ""))  # noqa: S308 - nh3 allow-list output


@register.simple_tag(takes_context=True)
def url_mutlak(context, jalur: str = "") -> str:
    """Absolute URL of a path on this site (Open Graph, canonical links)."""
    request = context.get("request")
    if not jalur:
        return ""
    return request.build_absolute_uri(jalur) if request else jalur
