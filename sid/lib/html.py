"""Sanitising rich text (articles, letter templates) with nh3's allow-list.

Output of the rich-text editor is cleaned on save by the service and escaped again wherever
it is not explicitly rendered as cleaned HTML. Scripts, event handlers, iframes, `javascript:`
URLs and unknown tags never survive.
"""

from __future__ import annotations

import nh3

TAG_DASAR = {
    "p", "br", "div", "span", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote",
    "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "hr", "pre", "code",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
}  # fmt: skip
ATRIBUT = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "table": {"style", "border"},
    "col": {"style", "span"},
    "p": {"style"},
    "div": {"style"},
    "span": {"style"},
    "h2": {"style"}, "h3": {"style"}, "h4": {"style"},
    "img": {"src", "alt", "width", "height"},
}  # fmt: skip
GAYA = {
    "text-align", "font-weight", "font-style", "text-decoration", "width", "height",
    "vertical-align", "border", "border-collapse", "padding", "margin-left", "padding-left",
}  # fmt: skip


SKEMA_URL = {"http", "https", "mailto", "tel"}


def bersihkan_html(
    html: str,
    *,
    izinkan_gambar: bool = False,
    tambahan: dict[str, set[str]] | None = None,
) -> str:
    """Clean rich text. Links get rel="noopener noreferrer"; only http(s)/mailto/tel URLs.

    `tambahan` adds tags (with their attributes) that only SID's own code writes, e.g. the
    preview's <mark class> around an unknown placeholder: the allow-list stays the same."""
    tags = TAG_DASAR | ({"img"} if izinkan_gambar else set()) | set(tambahan or {})
    atribut = {k: set(v) for k, v in ATRIBUT.items() if k in tags}
    for tag, nama in (tambahan or {}).items():
        atribut[tag] = atribut.get(tag, set()) | set(nama)
    return nh3.clean(
        html or "",
        tags=tags,
        attributes=atribut,
        url_schemes=SKEMA_URL,
        link_rel="noopener noreferrer",
        filter_style_properties=GAYA,
        strip_comments=True,
    )
