"""Everything Layanan Mandiri uses from the letters app, in one place.

Mandiri never writes a letter itself: drafts and cancellations go through the letter services,
and a request's progress is read from its letter's status. Keeping the calls here means a
change in `surat` touches one module of this app.
"""

from __future__ import annotations

from typing import Any

from surat import services
from surat.models import JenisSurat, Surat
from surat.services.pdf import baca_pdf as _baca_pdf
from surat.services.pengisian import pratinjau as _pratinjau
from surat.services.surat import bersihkan_isian as _bersihkan_isian
from surat.services.surat import periksa_penduduk as _periksa_penduduk

S = Surat.Status
TERBIT = S.TERBIT
BATAL = S.BATAL
DAPAT_DIUBAH = (S.DRAF, S.DIKEMBALIKAN)
KETERANGAN_STATUS = {
    S.DRAF: "Draf surat sedang disiapkan petugas.",
    S.DIKEMBALIKAN: "Surat sedang diperbaiki petugas.",
    S.VERIFIKASI: "Menunggu verifikasi sekretaris desa.",
    S.TANDA_TANGAN: "Menunggu tanda tangan kepala desa.",
    S.TERBIT: "Surat sudah ditandatangani.",
    S.BATAL: "Surat dibatalkan; petugas akan menindaklanjuti permohonan Anda.",
}


def jenis_online():
    """Letter types residents may request (enabled for Layanan Mandiri and in use)."""
    return JenisSurat.objects.filter(online=True, aktif=True).order_by("urutan", "nama")


def periksa_penduduk(jenis, penduduk) -> None:
    """The type's applicability rule (ValidationError with the letter app's message)."""
    _periksa_penduduk(jenis, penduduk)


def bersihkan_isian(jenis, isian: dict[str, Any]) -> dict[str, str]:
    """The type's extra-field values, checked (ValidationError keyed by field code)."""
    return _bersihkan_isian(jenis, isian)


def buat_draf(*, oleh: Any, jenis, penduduk, isian: dict[str, Any]):
    return services.surat_create(oleh=oleh, jenis=jenis, penduduk=penduduk, isian=isian)


def batalkan(*, oleh: Any, surat, alasan: str):
    return services.surat_batalkan(oleh=oleh, surat=surat, alasan=alasan)


def pratinjau(*, jenis, penduduk, isian: dict[str, Any]) -> dict[str, Any] | None:
    """The letter body as it would print today (sanitised HTML from the letter app), or None."""
    try:
        return _pratinjau(jenis=jenis, penduduk=penduduk, isian=isian)
    except Exception:  # noqa: BLE001 - a preview must never break the request page
        return None


def baca_pdf(surat) -> bytes:
    return _baca_pdf(surat)


def pdf_siap(surat) -> bool:
    return bool(
        surat is not None
        and surat.status == TERBIT
        and surat.status_pdf == Surat.StatusPdf.SIAP
        and surat.berkas_pdf
    )


def surat_terbit_penduduk(penduduk, batas: int = 50) -> list:
    """The resident's issued letters whose PDF is ready, newest first (1 query, only the
    columns a list shows: never the frozen letter body)."""
    return list(
        Surat.objects.filter(penduduk=penduduk, status=TERBIT, status_pdf=Surat.StatusPdf.SIAP)
        .exclude(berkas_pdf="")
        .select_related("jenis")
        .only("kode", "nomor", "tanggal_surat", "status", "status_pdf", "berkas_pdf", "jenis__nama")
        .order_by("-dibuat", "-pk")[:batas]
    )


def surat_milik(penduduk, kode):
    """The resident's own issued letter with its PDF stored, or None (1 query)."""
    s = (
        Surat.objects.filter(kode=kode, penduduk=penduduk, status=TERBIT)
        .select_related("jenis")
        .first()
    )
    return s if pdf_siap(s) else None


def url_admin(surat) -> str:
    return surat.get_absolute_url() if surat is not None else ""
