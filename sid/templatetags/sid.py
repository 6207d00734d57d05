"""Template filters shared by every door (back office, portal, website, PDFs)."""

from html import escape

from django import template
from django.utils.safestring import SafeString

from sid.lib.format import samarkan_nik, tanggal_indonesia
from sid.lib.riwayat import label_aksi

register = template.Library()


@register.filter(name="samarkan")
def samarkan(nilai):
    """{{ penduduk.nik|samarkan }} → 3201********0003. Use it everywhere outside the back office."""
    return samarkan_nik(nilai)


@register.filter(name="tanggal_id")
def tanggal_id(nilai):
    """{{ tanggal|tanggal_id }} → 21 November 2026."""
    return tanggal_indonesia(nilai)


@register.simple_tag
def opsi_wilayah(daftar, terpilih=None, bertingkat=False):
    """The <option>s of a dusun/RW/RT picker (sid.lib.wilayah.daftar_wilayah()).

    A village of 100,000 residents has ~650 RTs; as a template loop (a comparison, a localised
    number and an escape per option) the picker cost more than the statistics query beside
    it. `bertingkat` indents RWs and RTs with dashes (the back office).
    """
    pk_terpilih = getattr(terpilih, "pk", None)
    bagian = []
    for w in daftar:
        dipilih = " selected" if w.pk == pk_terpilih else ""
        awalan = "— " * w.kedalaman if bertingkat else ""
        bagian.append(
            f'<option value="{int(w.pk)}"{dipilih}>{awalan}{escape(w.nama_lengkap)}</option>'
        )
    return SafeString("".join(bagian))


@register.filter(name="label_aksi")
def label_aksi_filter(kode: str) -> str:
    """{{ entri.aksi|label_aksi }}: an audit action code in words (sid.lib.riwayat)."""
    return label_aksi(kode)
