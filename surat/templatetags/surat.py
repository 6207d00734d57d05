"""Template tags of the letter services for other apps' pages (no Python import needed there).

On the resident page:  {% load surat %} … {% riwayat_surat_penduduk p %}
"""

from django import template
from django.utils.safestring import mark_safe

from surat.isian import bersihkan_isi_surat

register = template.Library()


@register.filter
def isi_surat(html: str) -> str:
    """A letter body for a page: sanitised with the rich-text allow-list on the way out too,
    so a letter frozen before issue #17's fix cannot carry a live `javascript:` link."""
    return mark_safe(bersihkan_isi_surat(html or ""))  # noqa: S308 - nh3-cleaned just above


@register.inclusion_tag("admin/surat/_riwayat_penduduk.html", takes_context=True)
def riwayat_surat_penduduk(context, penduduk):
    """The resident's letters (1 query, 2 when there are any), for staff allowed to see letters;
    nothing otherwise."""
    from surat.selectors import surat_untuk_penduduk

    user = context["request"].user
    if not user.has_perm("surat.view_surat"):
        return {"tampil": False}
    return {
        "tampil": True,
        "p": penduduk,
        "riwayat_surat": surat_untuk_penduduk(penduduk),
        "bisa_buat_surat": user.has_perm("surat.add_surat"),
    }
