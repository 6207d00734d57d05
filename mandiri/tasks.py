"""Celery tasks of the Layanan Mandiri app. Thin: the work is in mandiri.services."""

from celery import shared_task

from mandiri.services.cetak import cetak_pin_bersihkan, cetak_pin_jalankan


@shared_task(name="mandiri.cetak_pin_massal", acks_late=True, ignore_result=True)
def cetak_pin_massal(cetak_id: int) -> None:
    """Create/reset the accounts of a bulk issue and build its PDF of PIN slips."""
    cetak_pin_bersihkan()
    cetak_pin_jalankan(cetak_id=cetak_id)


@shared_task(name="mandiri.bersihkan_slip", ignore_result=True)
def bersihkan_slip() -> int:
    """Remove bulk PIN-slip PDFs older than SID_MANDIRI_SLIP_MENIT (Celery beat, every 10 min)."""
    return cetak_pin_bersihkan()
