"""Back-office template tags."""

from __future__ import annotations

import datetime
from html import escape
from urllib.parse import quote as quote_url

from django import template
from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    admin_list_filter,
    result_headers,
    result_hidden_fields,
    results,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.contrib.admin.utils import display_for_field, display_for_value, lookup_field, quote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import iri_to_uri
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()

# Templates whose markup filter_cepat reproduces, and when their <details> is open: always, or
# only while the filter is in use (the resident list's collapsed filters).
TEMPLATE_FILTER = {
    "admin/filter.html": "selalu",
    "admin/penduduk/statistik/filter_tertutup.html": "bila_aktif",
}


@register.simple_tag
def filter_cepat(cl, spec) -> SafeString:
    """`{% admin_list_filter %}` with the markup of admin/filter.html built in Python.

    A list with many filters (the resident list has 23, several with dozens of choices) spends
    most of its rendering time in that small template; this gives the same HTML for a fraction
    of the cost. Filters with another template are rendered by Django as usual.
    """
    buka = TEMPLATE_FILTER.get(spec.template)
    if buka is None:
        return admin_list_filter(cl, spec)
    terbuka = buka == "selalu" or getattr(spec, "aktif", False)
    # Plain string building (html.escape is what Django's escape uses): a list page renders
    # hundreds of these items, and format_html's per-argument machinery is most of their cost.
    bagian = [
        f'<details data-filter-title="{_aman(spec.title)}"{" open" if terbuka else ""}>'
        f"<summary>{_aman(gettext(' By %(filter_title)s ') % {'filter_title': spec.title})}"
        "</summary><ul>"
    ]
    for c in spec.choices(cl):
        kelas = ' class="selected"' if c["selected"] else ""
        url = _aman(iri_to_uri(c["query_string"]))
        bagian.append(f'<li{kelas}><a href="{url}">{_aman(c["display"])}</a></li>')
    bagian.append("</ul></details>")
    return SafeString("".join(bagian))


def _aman(nilai) -> str:
    """conditional_escape without its lazy-function wrapper."""
    return nilai.__html__() if hasattr(nilai, "__html__") else escape(str(nilai))


# --- {% hasil_cepat cl %}: {% result_list cl %} with the rows built in Python ----------------

_PK_SEMENTARA = "sid-pk-sementara-7f3a"  # stands in for the pk while the change URL is built once
_AMAN_DI_PATH = RFC3986_SUBDELIMS + "/~:@"  # what django.urls leaves unquoted in a path


@register.tag(name="hasil_cepat")
def hasil_cepat_tag(parser, token):
    """Drop-in for `{% result_list cl %}`: same template, same HTML, cheaper rows.

    Django renders each cell of each row through `items_for_result` (a URL reverse and a
    query-string merge per row, `format_html` and the choices table rebuilt per cell) and the
    template then joins the cells. Here the per-page work (change URL, preserved filters, empty
    value, choices) is done once and each row arrives as one string. Lists with inline editing,
    popups, `to_field` or a custom result URL go through Django unchanged.
    """
    return InclusionAdminNode(
        parser,
        token,
        func=hasil_cepat,
        template_name="change_list_results.html",
        takes_context=False,
    )


def hasil_cepat(cl) -> dict:
    headers = list(result_headers(cl))
    if _bisa_cepat(cl):
        baris = [ResultList(None, [b]) for b in _baris_cepat(cl)]
    else:
        baris = list(results(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": baris,
    }


def _bisa_cepat(cl) -> bool:
    return (
        not getattr(cl, "formset", None)
        and not cl.is_popup
        and not cl.to_field
        and type(cl).url_for_result is ChangeList.url_for_result
        and "action_checkbox" not in cl.list_display
    )


def _tautan_di_kolom(cl, pertama: bool, nama) -> bool:
    if cl.list_display_links is None:
        return False
    if pertama and not cl.list_display_links:
        return True
    return nama in cl.list_display_links


def _url_ubah(cl) -> str | None:
    """The change URL of any row, escaped, with `_PK_SEMENTARA` where the pk goes."""
    try:
        url = reverse(
            f"admin:{cl.opts.app_label}_{cl.opts.model_name}_change",
            args=(_PK_SEMENTARA,),
            current_app=cl.model_admin.admin_site.name,
        )
    except NoReverseMatch:
        return None
    return _aman(
        add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url)
    )


def _baris_cepat(cl):
    kosong_bawaan = cl.model_admin.get_empty_value_display()
    url_ubah = _url_ubah(cl)
    pk_attr = cl.lookup_opts.pk.attname
    pilihan: dict = {}  # column index → {code: label}, built once per page
    for hasil in cl.result_list:
        sel = []
        pertama = True
        for i, nama in enumerate(cl.list_display):
            kelas = [f"field-{_nama_kolom(nama, i)}"]
            tautan = _tautan_di_kolom(cl, pertama, nama)
            kosong = kosong_bawaan
            try:
                f, attr, nilai = lookup_field(nama, hasil, cl.model_admin)
            except ObjectDoesNotExist:
                tampil = kosong
            else:
                kosong = getattr(attr, "empty_value_display", kosong)
                if isinstance(nilai, str) and nilai.strip() == "":
                    nilai = ""
                if f is None or f.auto_created:
                    boolean = getattr(attr, "boolean", False)
                    if isinstance(attr, property) and hasattr(attr, "fget"):
                        boolean = getattr(attr.fget, "boolean", False)
                    tampil = display_for_value(nilai, kosong, boolean)
                    if isinstance(nilai, (datetime.date, datetime.time)):
                        kelas.append("nowrap")
                else:
                    if isinstance(f.remote_field, models.ManyToOneRel):
                        tampil = getattr(hasil, f.name)
                        tampil = kosong if tampil is None else tampil
                    else:
                        tampil = _tampil_field(pilihan, i, nilai, f, kosong, tautan)
                    if isinstance(f, (models.DateField, models.TimeField, models.ForeignKey)):
                        kelas.append("nowrap")
            kelas_attr = f' class="{" ".join(kelas)}"'
            if tautan:
                tag = "th" if pertama else "td"
                pertama = False
                if url_ubah is None:
                    isi = _aman(tampil)
                else:
                    pk = _aman(pk_di_url(getattr(hasil, pk_attr)))
                    isi = f'<a href="{url_ubah.replace(_PK_SEMENTARA, pk)}">{_aman(tampil)}</a>'
                sel.append(f"<{tag}{kelas_attr}>{isi}</{tag}>")
            else:
                sel.append(f"<td{kelas_attr}>{_aman(tampil)}</td>")
        yield SafeString("".join(sel))


def pk_di_url(pk) -> str:
    """The pk as reverse() puts it into the change URL: admin-quoted, then path-quoted."""
    return quote_url(str(quote(pk)), safe=_AMAN_DI_PATH)


def _tampil_field(pilihan: dict, i: int, nilai, f, kosong, tautan):
    """display_for_field, with a field's choices turned into a dict once per page."""
    if getattr(f, "flatchoices", None):
        if i not in pilihan:
            try:
                pilihan[i] = dict(f.flatchoices)
            except TypeError:  # list-like choices: Django's own path
                pilihan[i] = None
        tabel = pilihan[i]
        if tabel is not None:
            try:
                return tabel.get(nilai, kosong)
            except TypeError:
                pass
    return display_for_field(nilai, f, kosong, avoid_link=tautan)


def _nama_kolom(nama, indeks: int) -> str:
    """admin_list._coerce_field_name: a callable column is named after its function."""
    if callable(nama):
        if nama.__name__ == "<lambda>":
            return "lambda" + str(indeks)
        return nama.__name__
    return nama


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
