"""Template filters shared by every door (back office, portal, website, PDFs)."""

from django import template

from sid.lib.format import samarkan_nik, tanggal_indonesia

register = template.Library()


@register.filter(name="samarkan")
def samarkan(nilai):
    """{{ penduduk.nik|samarkan }} → 3201********0003. Use it everywhere outside the back office."""
    return samarkan_nik(nilai)


@register.filter(name="tanggal_id")
def tanggal_id(nilai):
    """{{ tanggal|tanggal_id }} → 21 November 2026."""
    return tanggal_indonesia(nilai)
