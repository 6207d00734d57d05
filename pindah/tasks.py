"""Celery tasks of the move from OpenSID. Thin: the work is in pindah.services."""

from celery import shared_task

from pindah.services import pindah_jalankan, pindah_pratinjau


@shared_task(name="pindah.pratinjau")
def pratinjau(pindah_id: int) -> None:
    """The preview of an uploaded backup: the whole import as a dry run."""
    pindah_pratinjau(pindah_id=pindah_id)


@shared_task(name="pindah.jalankan")
def jalankan(pindah_id: int) -> None:
    """The confirmed import."""
    pindah_jalankan(pindah_id=pindah_id)
