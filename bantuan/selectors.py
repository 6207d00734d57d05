"""Reads of the social-assistance app for pages (fixed number of queries)."""

from __future__ import annotations

from django.db.models import Q

from bantuan.models import Peserta, Sasaran


def bantuan_penduduk(penduduk) -> list[Peserta]:
    """The resident's memberships: as a person, or through the family (KK). One query."""
    q = Q(program__sasaran=Sasaran.PENDUDUK, penduduk=penduduk)
    if penduduk.keluarga_id:
        q |= Q(program__sasaran=Sasaran.KELUARGA, keluarga_id=penduduk.keluarga_id)
    return list(
        Peserta.objects.filter(q)
        .select_related("program")
        .order_by("-program__tanggal_mulai", "program__nama", "pk")
    )
