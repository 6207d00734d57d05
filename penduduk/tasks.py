"""Celery tasks of the population register. Thin: the work is in the services."""

from celery import shared_task

from penduduk.impor.layanan import impor_penduduk_jalankan, impor_penduduk_periksa
from penduduk.laporan.services import laporan_berkas_jalankan


@shared_task(name="penduduk.impor_periksa")
def impor_periksa(impor_id: int) -> None:
    """Dry run of an uploaded resident file (large files; small ones run in the request)."""
    impor_penduduk_periksa(impor_id=impor_id)


@shared_task(name="penduduk.impor_jalankan")
def impor_jalankan(impor_id: int) -> None:
    """The confirmed import: plan again against the register, write, record the result."""
    impor_penduduk_jalankan(impor_id=impor_id)


@shared_task(name="penduduk.laporan_berkas_buat")
def laporan_berkas_buat(berkas_id: int) -> dict | None:
    """Build a queued register file (PDF/xlsx) with progress (penduduk.laporan.services)."""
    b = laporan_berkas_jalankan(berkas_id=berkas_id)
    return None if b is None else {"id": b.pk, "status": b.status}
