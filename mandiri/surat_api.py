"""Everything Layanan Mandiri uses from the letters app, in one place.

Mandiri never writes a letter itself: drafts and cancellations go through the letter services,
and a request's progress is read from its letter's status. Keeping the calls here means a
change in `surat` touches one module of this app.
"""

from __future__ import annotations

from typing import Any

TERBIT = "terbit"
BATAL = "batal"
DAPAT_DIUBAH = ("draf", "dikembalikan")
KETERANGAN_STATUS = {
    "draf": "Draf surat sedang disiapkan petugas.",
    "dikembalikan": "Surat sedang diperbaiki petugas.",
    "verifikasi": "Menunggu verifikasi sekretaris desa.",
    "tanda_tangan": "Menunggu tanda tangan kepala desa.",
    "terbit": "Surat sudah ditandatangani.",
    "batal": "Surat dibatalkan; petugas akan menindaklanjuti permohonan Anda.",
}


def jenis_online():
    """Letter types residents may request (enabled for Layanan Mandiri and in use)."""
    from surat.models import JenisSurat

    return JenisSurat.objects.filter(online=True, aktif=True).order_by("urutan", "nama")


def _fungsi(nama: str):
    """A function of the letter services, wherever the letters app keeps it."""
    import importlib

    for modul in ("surat.services.surat", "surat.services.pengisian", "surat.services"):
        try:
            m = importlib.import_module(modul)
        except ImportError:  # pragma: no cover - depends on the letters app's layout
            continue
        if hasattr(m, nama):
            return getattr(m, nama)
    raise ImportError(f"surat: fungsi {nama} tidak ditemukan")  # pragma: no cover


def periksa_penduduk(jenis, penduduk) -> None:
    """The type's applicability rule (ValidationError with the letter app's message)."""
    _fungsi("periksa_penduduk")(jenis, penduduk)


def bersihkan_isian(jenis, isian: dict[str, Any]) -> dict[str, str]:
    """The type's extra-field values, checked (ValidationError keyed by field code)."""
    return _fungsi("bersihkan_isian")(jenis, isian)


def buat_draf(*, oleh: Any, jenis, penduduk, isian: dict[str, Any]):
    from surat import services

    return services.surat_create(oleh=oleh, jenis=jenis, penduduk=penduduk, isian=isian)


def batalkan(*, oleh: Any, surat, alasan: str):
    from surat import services

    return services.surat_batalkan(oleh=oleh, surat=surat, alasan=alasan)


def pratinjau(*, jenis, penduduk, isian: dict[str, Any]) -> dict[str, Any] | None:
    """The letter body as it would print today (sanitised HTML from the letter app), or None."""
    try:
        return _fungsi("pratinjau")(jenis=jenis, penduduk=penduduk, isian=isian)
    except Exception:  # noqa: BLE001 - a preview must never break the request page
        return None


def baca_pdf(surat) -> bytes:
    from surat.services.pdf import baca_pdf as baca

    return baca(surat)


def pdf_siap(surat) -> bool:
    return bool(
        surat is not None
        and surat.status == TERBIT
        and surat.status_pdf == "siap"
        and surat.berkas_pdf
    )


def surat_terbit_penduduk(penduduk, batas: int = 50) -> list:
    """The resident's issued letters whose PDF is ready, newest first (1 query, only the
    columns a list shows: never the frozen letter body)."""
    from surat.models import Surat

    return list(
        Surat.objects.filter(penduduk=penduduk, status=TERBIT, status_pdf="siap")
        .exclude(berkas_pdf="")
        .select_related("jenis")
        .only("kode", "nomor", "tanggal_surat", "status", "status_pdf", "berkas_pdf", "jenis__nama")
        .order_by("-dibuat", "-pk")[:batas]
    )


def surat_milik(penduduk, kode):
    """The resident's own issued letter with its PDF stored, or None (1 query)."""
    from surat.models import Surat

    s = (
        Surat.objects.filter(kode=kode, penduduk=penduduk, status=TERBIT)
        .select_related("jenis")
        .first()
    )
    return s if pdf_siap(s) else None


def url_admin(surat) -> str:
    return surat.get_absolute_url() if surat is not None else ""
