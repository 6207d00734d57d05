"""Back-office template tags."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from sid import admin_dalam

register = template.Library()

# {% filter_cepat cl spec %} and {% hasil_cepat cl %}: drop-ins for {% admin_list_filter %} and
# {% result_list %} that build the resident and family lists' filters and rows in Python, with
# the same HTML. They pay for themselves (docs/performance.md) but copy Django admin internals,
# so they live with every other such copy in sid.admin_dalam.
register.simple_tag(admin_dalam.filter_cepat, name="filter_cepat")
register.tag("hasil_cepat", admin_dalam.node_hasil_cepat)


# --- {% navigasi_samping %}: the sidebar, Django's admin/app_list.html kept per role ---------


@register.simple_tag(takes_context=True)
def navigasi_samping(context) -> SafeString:
    """The navigation sidebar: Django's own admin/app_list.html, rendered once per role (the
    app list is the same for everyone with the same rights, sid.admin_site.kunci_menu) and per
    part of the back office the page is in (which entry is highlighted)."""
    request = context.get("request")
    app_list = context.get("available_apps") or []
    if request is None:
        return SafeString(_app_list(app_list, None))
    from sid.admin_site import kunci_menu

    kunci = (*kunci_menu(request), _bagian_path(request.path))
    html = _SIDEBAR.get(kunci)
    if html is None:
        html = _app_list(app_list, request)
        if len(_SIDEBAR) < 2000:
            _SIDEBAR[kunci] = html
    return SafeString(html)


_SIDEBAR: dict[tuple, str] = {}


def _app_list(app_list, request) -> str:
    from django.template.loader import render_to_string

    return render_to_string(
        "admin/app_list.html",
        {"app_list": app_list, "show_changelinks": False, "request": request},
    )


def _bagian_path(path: str) -> str:
    """/admin/<app>/<model>/ of a path: all the sidebar's highlighting depends on."""
    return "/".join(path.split("/")[:4]) + "/"
