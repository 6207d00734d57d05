"""Celery tasks of the letter services. Thin: the work is in surat.services."""

from celery import shared_task

from sid.lib import kabar
from surat.services.pdf import surat_render_pdf as render
from surat.services.surat import kanal_pdf


@shared_task(name="surat.render_pdf", acks_late=True, ignore_result=True)
def surat_render_pdf(surat_id: int) -> str:
    """Render and store one issued letter's PDF (queued on commit of the signing), then wake
    the page that waits for it (surat.services.surat.tunggu_pdf)."""
    try:
        return str(render(surat_id=surat_id))
    finally:
        kabar.umumkan(kanal_pdf(surat_id))
