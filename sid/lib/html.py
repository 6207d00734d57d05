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


def bersihkan_html(html: str, *, izinkan_gambar: bool = False) -> str:
    """Clean rich text. Links get rel="noopener noreferrer"; only http(s)/mailto/tel URLs."""
    tags = TAG_DASAR | ({"img"} if izinkan_gambar else set())
    return nh3.clean(
        html or "",
        tags=tags,
        attributes={k: v for k, v in ATRIBUT.items() if k in tags},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        filter_style_properties=GAYA,
        strip_comments=True,
    )
