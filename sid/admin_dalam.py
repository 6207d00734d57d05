"""Every place SID leans on Django admin internals, checked against Django 5.2.

The rest of the project uses the admin's documented API only (ModelAdmin options and hooks,
list filters, AdminSite, template overrides, admin URL names). What is listed here is not
documented and may change in any Django release. `tests/sid/test_django_dalam.py` fails on a
Django other than `DIPERIKSA_UNTUK` and names this module: on an upgrade, re-check each item
below against the new Django's source, run the tests named with it, then move the constant.

Two template tags (registered in `sid.templatetags.sid_admin`) build parts of the resident and
family lists in Python with the HTML Django's own tags give; each saves 12–21% of its page's
server time at 10,000 residents (docs/performance.md, "Admin list tags at 10,000 residents"):

`{% hasil_cepat cl %}` — the rows of `{% result_list cl %}`, one string per row:

1. `django.contrib.admin.templatetags.admin_list`: `result_headers`, `result_hidden_fields`,
   `results`, `ResultList` (the parts of `{% result_list %}`) and the context that tag gives
   `admin/change_list_results.html` (`cl`, `result_hidden_fields`, `result_headers`,
   `num_sorted_fields`, `results`).
2. `django.contrib.admin.templatetags.base.InclusionAdminNode`: how an admin tag finds the
   per-app and per-model overrides of its template.
3. A copy of `admin_list.items_for_result` and `admin_list._coerce_field_name`: the cells of a
   row (`<th>`/`<td>` with class `field-<name>`, `nowrap` for dates, times and foreign keys,
   the change link with the preserved filters, the empty value, boolean icons). Tested equal
   to Django's rows on every registered list (`tests/sid/test_hasil_cepat.py`).
4. `django.contrib.admin.utils`: `lookup_field`, `display_for_field`, `display_for_value`,
   `quote`; `ChangeList.url_for_result` (a list that overrides it is left to Django) and
   `admin_urls.add_preserved_filters`.
5. How `reverse()` quotes an argument into a path (`django.utils.http.RFC3986_SUBDELIMS` plus
   `/~:@`, in `django.urls.resolvers`): the change URL is reversed once per page and filled
   in per row (`tests/sid/test_hasil_cepat.py::test_url_baris_sama_dengan_reverse`).

`{% filter_cepat cl spec %}` — one list filter, as `{% admin_list_filter cl spec %}` gives it:

6. `admin_list.admin_list_filter` (filters with another template are left to it) and the
   markup of `admin/filter.html` and of its copy `filter_tertutup.html` (item 10), built in
   Python. Tested equal to Django's for each of the resident list's filters
   (`tests/sid/test_filter_cepat.py`).

Outside this module, copies of Django's admin templates (compared with Django's own by
`tests/sid/test_django_dalam.py`):

7. The `result_list` block of `templates/admin/penduduk/penduduk/change_list.html` and
   `templates/admin/keluarga/keluarga/change_list.html`: Django's block with `{% hasil_cepat %}`
   for `{% result_list %}`; the resident list's `filters` block: Django's with `{% filter_cepat %}`
   for `{% admin_list_filter %}`.
8. `templates/admin/nav_sidebar.html`: Django's, with `{% navigasi_samping %}` for the app list
   it includes (the ids are what the admin's `nav_sidebar.js` looks for) and a Beranda link.
9. `templates/admin/app_list.html`: Django's, with the section's icon (`ikon` of
   `sid.admin_site.NAVIGASI`) in the caption.
10. `templates/admin/penduduk/statistik/filter_tertutup.html`: `admin/filter.html`, closed
    unless the filter is in use (the resident list has 23 filters).

Still imported from undocumented admin modules elsewhere (the test allows exactly these names,
so a new one fails; move them here when those files are next changed): `ChangeList`
(`django.contrib.admin.views.main`, subclassed by `penduduk.admin.DaftarPenduduk` to override
its undocumented `get_results`), `IncorrectLookupParameters` (`django.contrib.admin.options`,
the resident export) and `AutocompleteSelect` (`django.contrib.admin.widgets`, built outside a
ModelAdmin with the `(field, admin_site)` signature of Django 3.2+).
"""

from __future__ import annotations

import datetime
from html import escape
from urllib.parse import quote as quote_url

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

# The Django (major, minor) every item above was checked against.
DIPERIKSA_UNTUK = (5, 2)


# --- {% filter_cepat cl spec %} ----------------------------------------------------------------

# Templates whose markup filter_cepat reproduces, and when their <details> is open: always, or
# only while the filter is in use (the resident list's collapsed filters).
TEMPLATE_FILTER = {
    "admin/filter.html": "selalu",
    "admin/penduduk/statistik/filter_tertutup.html": "bila_aktif",
}


def filter_cepat(cl, spec) -> SafeString:
    """`{% admin_list_filter %}` with the markup of admin/filter.html built in Python.

    A list with many filters (the resident list has 23, several with dozens of choices) spends
    much of its rendering time in that small template; this gives the same HTML for a fraction
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


# --- {% hasil_cepat cl %} ----------------------------------------------------------------------

_PK_SEMENTARA = "sid-pk-sementara-7f3a"  # stands in for the pk while the change URL is built once
_AMAN_DI_PATH = RFC3986_SUBDELIMS + "/~:@"  # what django.urls leaves unquoted in a path


def node_hasil_cepat(parser, token) -> InclusionAdminNode:
    """The node of `{% hasil_cepat cl %}`: `{% result_list cl %}`'s template and context,
    with each row built as one string.

    Django renders each cell of each row through `items_for_result` (a URL reverse and a
    query-string merge per row, `format_html` and the choices table rebuilt per cell) and the
    template then joins the cells. Here the per-page work (change URL, preserved filters, empty
    value, choices) is done once. Lists with inline editing, popups, `to_field`, actions or a
    custom result URL go through Django unchanged.
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
    """items_for_result (item 3 above), one string per row."""
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
