"""Template tags of the letter services for other apps' pages (no Python import needed there).

On the resident page:  {% load surat %} … {% riwayat_surat_penduduk p %}
"""

from django import template

register = template.Library()


@register.inclusion_tag("admin/surat/_riwayat_penduduk.html", takes_context=True)
def riwayat_surat_penduduk(context, penduduk):
    """The resident's letters (1 query), for staff allowed to see letters; nothing otherwise."""
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
