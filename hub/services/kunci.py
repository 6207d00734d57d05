"""The hub's own signing key (one row, created on first use)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from hub.models import KunciHub
from sid.lib.kabel import protokol


def kunci_hub() -> KunciHub:
    """The hub's Ed25519 key pair (1 query)."""
    kunci = KunciHub.objects.filter(pk=1).first()
    if kunci is not None:
        return kunci
    privat, publik = protokol.buat_pasangan_kunci()
    try:
        with transaction.atomic():
            return KunciHub.objects.create(pk=1, kunci_privat=privat, kunci_publik=publik)
    except IntegrityError:  # created by another worker meanwhile
        return KunciHub.objects.get(pk=1)
