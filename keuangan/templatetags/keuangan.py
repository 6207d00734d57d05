"""Template helpers of the budget pages: amounts, the inline-edit parameters, the home widget.

The home page includes the widget with one line: `{% load keuangan %}{% widget_apbdes %}`.
"""

from __future__ import annotations

import json

from django import template

from keuangan.nilai import persen_teks, rupiah, rupiah_isian
from keuangan.selectors import widget_apbdes as _widget_apbdes

register = template.Library()


@register.filter(name="rupiah")
def rupiah_filter(nilai):
    """{{ nilai|rupiah }} → 1.500.000,00 (negative in parentheses)."""
    return rupiah(nilai)


@register.filter(name="rupiah_isian")
def rupiah_isian_filter(nilai):
    """{{ nilai|rupiah_isian }} → 1.500.000 (for an entry field)."""
    return rupiah_isian(nilai)


@register.filter(name="persen")
def persen_filter(nilai):
    """{{ 45.2|persen }} → 45,20 ('-' when there is no budget)."""
    return persen_teks(nilai)


@register.filter(name="hx_vals")
def hx_vals(simpul, kolom: str) -> str:
    """The JSON of an editable cell's request parameters (escaped by the template)."""
    return json.dumps({"kode": simpul.kode, "kegiatan": simpul.kegiatan, "kolom": kolom})


@register.filter(name="nilai_kolom")
def nilai_kolom(simpul, kolom: str):
    """A node's value in one column: its line's value, its subtotal for a group, None for an
    empty template slot."""
    if simpul.rincian is not None and not simpul.grup:
        return getattr(simpul.rincian, kolom)
    if simpul.slot and not simpul.grup:
        return "" if kolom == "keterangan" else None
    return "" if kolom == "keterangan" else getattr(simpul.jumlah, kolom)


@register.filter(name="nilai_jumlah")
def nilai_jumlah(jumlah, kolom: str):
    """{{ j|nilai_jumlah:"realisasi" }}: one column of a Jumlah."""
    return getattr(jumlah, kolom)


@register.inclusion_tag("keuangan/_widget_apbdes.html")
def widget_apbdes():
    """The home-page APBDes widget (nothing is shown when no budget is adopted yet)."""
    return {"apbdes": _widget_apbdes()}
