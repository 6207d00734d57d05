"""Celery tasks of the letter services. Thin: the work is in surat.services."""

from celery import shared_task

from surat.services.pdf import surat_render_pdf as render


@shared_task(name="surat.render_pdf", acks_late=True, ignore_result=True)
def surat_render_pdf(surat_id: int) -> str:
    """Render and store one issued letter's PDF (queued on commit of the signing)."""
    return str(render(surat_id=surat_id))
