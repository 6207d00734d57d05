"""The supporting documents on the resident and family pages (no view code needed there):

{% load penduduk_dokumen %} … {% dokumen_penduduk p %}   /   {% dokumen_keluarga k %}
"""

from django import template

from penduduk.models import DokumenPenduduk

register = template.Library()

_KOLOM = ("jenis", "peristiwa", "penduduk", "diunggah_oleh")


def _hak(user) -> dict:
    return {
        "bisa_tambah": user.has_perm("penduduk.add_dokumenpenduduk"),
        "bisa_ubah": user.has_perm("penduduk.change_dokumenpenduduk"),
        "bisa_hapus": user.has_perm("penduduk.delete_dokumenpenduduk"),
    }


@register.inclusion_tag("admin/penduduk/dokumenpenduduk/_daftar.html", takes_context=True)
def dokumen_penduduk(context, penduduk):
    """The resident's documents (1 query), for staff allowed to see documents."""
    user = context["request"].user
    if not user.has_perm("penduduk.view_dokumenpenduduk"):
        return {"tampil": False}
    return {
        "tampil": True,
        "p": penduduk,
        "dokumen": _milik(penduduk),
        "dengan_pemilik": False,
        **_hak(user),
    }


def _milik(penduduk) -> list[DokumenPenduduk]:
    """The resident's own documents. One query without joins when there are none (most
    residents: a join costs planning and compiling on every resident page); the types, events
    and uploaders of the documents found come in one query each. The resident is the one
    already loaded."""
    dokumen = list(
        DokumenPenduduk.objects.filter(penduduk=penduduk).prefetch_related(
            *(k for k in _KOLOM if k != "penduduk")
        )
    )
    for d in dokumen:
        d.penduduk = penduduk
    return dokumen


@register.inclusion_tag("admin/penduduk/dokumenpenduduk/_daftar.html", takes_context=True)
def dokumen_keluarga(context, keluarga):
    """The family's documents (the KK) and its members' (1 query); uploads start from a member."""
    user = context["request"].user
    if not user.has_perm("penduduk.view_dokumenpenduduk"):
        return {"tampil": False}
    return {
        "tampil": True,
        "p": None,
        "dokumen": list(DokumenPenduduk.objects.untuk_keluarga(keluarga).select_related(*_KOLOM)),
        "dengan_pemilik": True,
        **_hak(user),
        "bisa_tambah": False,
    }
