"""Celery tasks of the hub."""

from __future__ import annotations

import datetime

from celery import shared_task


@shared_task(name="hub.bersihkan_nonce")
def bersihkan_nonce() -> int:
    """Forget nonces older than twice the time window: requests that old are refused anyway."""
    from django.conf import settings
    from django.utils import timezone

    from hub.models import NonceHub

    batas = timezone.now() - datetime.timedelta(
        seconds=2 * settings.SID_SINKRON_TOLERANSI_DETIK + 60
    )
    return NonceHub.objects.filter(waktu__lt=batas).delete()[0]
