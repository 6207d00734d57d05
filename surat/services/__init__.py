"""Every write of the letter services. Admin screens, the resident portal, the Celery task and
commands call these; each validates, writes, records the audit entry and queues its tasks."""

from surat.services.jenis import jenis_surat_create, jenis_surat_pulihkan, jenis_surat_update
from surat.services.pdf import surat_render_pdf
from surat.services.pengaturan import pengaturan_surat_update
from surat.services.surat import (
    surat_ajukan,
    surat_batalkan,
    surat_cetak_ulang,
    surat_create,
    surat_render_ulang,
    surat_tandatangani,
    surat_terbitkan_langsung,
    surat_tolak,
    surat_update,
    surat_verifikasi,
)

__all__ = [
    "jenis_surat_create",
    "jenis_surat_pulihkan",
    "jenis_surat_update",
    "pengaturan_surat_update",
    "surat_ajukan",
    "surat_batalkan",
    "surat_cetak_ulang",
    "surat_create",
    "surat_render_pdf",
    "surat_render_ulang",
    "surat_tandatangani",
    "surat_terbitkan_langsung",
    "surat_tolak",
    "surat_update",
    "surat_verifikasi",
]
