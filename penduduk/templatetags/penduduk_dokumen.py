"""The supporting documents on the resident and family pages (no view code needed there):

{% load penduduk_dokumen %} … {% dokumen_penduduk p %}   /   {% dokumen_keluarga k anggota %}
"""

from django import template
from django.db.models import Prefetch, prefetch_related_objects

from penduduk.models import DokumenPenduduk, Penduduk

register = template.Library()


def _hak(user) -> dict:
    return {
        "bisa_tambah": user.has_perm("penduduk.add_dokumenpenduduk"),
        "bisa_ubah": user.has_perm("penduduk.change_dokumenpenduduk"),
        "bisa_hapus": user.has_perm("penduduk.delete_dokumenpenduduk"),
    }


@register.inclusion_tag("admin/penduduk/dokumenpenduduk/_daftar.html", takes_context=True)
def dokumen_penduduk(context, penduduk, peristiwa=None):
    """The resident's documents, for staff allowed to see documents. `peristiwa`: the
    resident's events when the page has them already (a document's event is one of them)."""
    user = context["request"].user
    if not user.has_perm("penduduk.view_dokumenpenduduk"):
        return {"tampil": False}
    return {
        "tampil": True,
        "p": penduduk,
        "dokumen": _milik(penduduk, peristiwa),
        "dengan_pemilik": False,
        **_hak(user),
    }


def _milik(penduduk, peristiwa=None) -> list[DokumenPenduduk]:
    """The resident's own documents: one query without joins when there are none (most
    residents; a join costs planning and compiling on every resident page), else one more
    for their types and one for their uploaders. The resident, and the events when given,
    are the objects the page already holds."""
    terkait = (
        ["jenis", "diunggah_oleh"]
        if peristiwa is not None
        else ["jenis", "peristiwa", "diunggah_oleh"]
    )
    dokumen = list(DokumenPenduduk.objects.filter(penduduk=penduduk).prefetch_related(*terkait))
    per_id = {e.pk: e for e in peristiwa or ()}
    for d in dokumen:
        d.penduduk = penduduk
        if d.peristiwa_id in per_id:
            d.peristiwa = per_id[d.peristiwa_id]
    return dokumen


@register.inclusion_tag("admin/penduduk/dokumenpenduduk/_daftar.html", takes_context=True)
def dokumen_keluarga(context, keluarga, anggota):
    """The family's documents (the KK) and its members'; uploads start from a member.
    `anggota`: every resident of the family, whatever their status (the page holds them)."""
    user = context["request"].user
    if not user.has_perm("penduduk.view_dokumenpenduduk"):
        return {"tampil": False}
    return {
        "tampil": True,
        "p": None,
        "dokumen": _milik_keluarga(keluarga, anggota),
        "dengan_pemilik": True,
        **_hak(user),
        "bisa_tambah": False,
    }


def _milik_keluarga(keluarga, anggota) -> list[DokumenPenduduk]:
    """As `_milik`: one query without joins when the family has no documents (most
    families), else one more per related table; a member is the object the page holds, a
    former member (a KK scan uploaded before they left) is read with their name only."""
    per_id = {a.pk: a for a in anggota}
    dokumen = list(DokumenPenduduk.objects.untuk_keluarga(keluarga, list(per_id)))
    if dokumen:
        for d in dokumen:
            if d.penduduk_id in per_id:
                d.penduduk = per_id[d.penduduk_id]
        mantan = Prefetch("penduduk", queryset=Penduduk.objects.only("nama"))
        prefetch_related_objects(dokumen, "jenis", "peristiwa", "diunggah_oleh", mantan)
    return dokumen
