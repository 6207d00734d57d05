"""The move as the back office runs it: upload → preview (a dry run in the background) →
confirmation → the run in the background → report. The command `impor_opensid` runs the same
`pindah_opensid` directly."""

from __future__ import annotations

import logging
import os
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pindah.exceptions import CadanganDitolak
from pindah.konteks import Laporan
from pindah.models import PindahOpenSID
from sid.celery_app import antrekan
from sid.lib.audit import catat_aktivitas

# `pindah.jalankan` (the dump reader, the temporary SQLite store and every mapper, ~2 MB) is
# imported by the functions that read a backup, so the web processes that only show these
# screens do not load it (docs/architecture.md, "Imports inside functions").
log = logging.getLogger(__name__)
S = PindahOpenSID.Status
BATAS_UKURAN = 2 * 1024**3  # 2 GB: far above any village's backup


def kunci_kemajuan(pk: int) -> str:
    return f"pindah:kemajuan:{pk}"


def kemajuan(pindah: PindahOpenSID) -> dict[str, Any]:
    """Where a running preview or import is (the run's own transaction hides its row updates,
    so the progress travels through the cache, which web and worker share)."""
    return cache.get(kunci_kemajuan(pindah.pk)) or {
        "tahap": pindah.tahap,
        "persen": pindah.kemajuan,
    }


def _pelapor(pk: int):
    def lapor(tahap: str, persen: int) -> None:
        cache.set(kunci_kemajuan(pk), {"tahap": tahap, "persen": persen}, 24 * 3600)

    return lapor


@transaction.atomic
def pindah_unggah(*, oleh: Any, berkas, berkas_desa=None) -> PindahOpenSID:
    """Store an uploaded backup privately and queue its preview."""
    from pindah.jalankan import sidik

    ukuran = getattr(berkas, "size", None)
    if not ukuran:
        raise ValidationError({"berkas": "Berkas cadangan kosong."})
    if ukuran > BATAS_UKURAN:
        raise ValidationError({"berkas": "Berkas cadangan lebih dari 2 GB."})
    nama = os.path.basename(getattr(berkas, "name", "") or "cadangan.sql")[:255]
    pindah = PindahOpenSID(
        nama_berkas=nama,
        sha256=sidik(berkas),
        oleh=oleh if getattr(oleh, "pk", None) else None,
        tahap="Menunggu pemeriksaan",
    )
    pindah.berkas.save(nama, berkas, save=False)
    if berkas_desa is not None:
        pindah.berkas_desa.save(
            os.path.basename(berkas_desa.name or "desa.zip")[:100], berkas_desa, save=False
        )
    pindah.save()
    catat_aktivitas(
        oleh=oleh,
        aksi="unggah",
        objek=pindah,
        keterangan=f"Cadangan OpenSID diunggah (SHA-256 {pindah.sha256}).",
    )
    transaction.on_commit(lambda: antrekan("pindah.pratinjau", pindah.pk))
    return pindah


def _pesan(exc: BaseException) -> str:
    if isinstance(exc, CadanganDitolak):
        return str(exc)
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, IntegrityError):
        return "Data berubah selama impor (mis. penduduk disimpan dari layar lain). Ulangi."
    return f"Terjadi kesalahan sistem ({type(exc).__name__}); lihat log server."


def _buka(field):
    return field.open("rb") if field else None


def _jalankan(pindah: PindahOpenSID, *, dry_run: bool, sebelum_tulis=None) -> Laporan:
    from pindah.jalankan import pindah_opensid

    folder = _buka(pindah.berkas_desa)
    try:
        with pindah.berkas.open("rb") as f:
            return pindah_opensid(
                oleh=pindah.oleh,
                sumber=f,
                folder=folder,
                dry_run=dry_run,
                nama_berkas=pindah.nama_berkas,
                kemajuan=_pelapor(pindah.pk),
                sebelum_tulis=sebelum_tulis,
            )
    finally:
        if folder:
            folder.close()


def _gagal(pk: int, exc: BaseException) -> None:
    if not isinstance(exc, CadanganDitolak | ValidationError):
        log.exception("Pindah dari OpenSID %s gagal", pk)
    PindahOpenSID.objects.filter(pk=pk).update(
        status=S.GAGAL, pesan=_pesan(exc) + " Tidak ada data yang disimpan.", selesai=timezone.now()
    )
    cache.delete(kunci_kemajuan(pk))


def pindah_pratinjau(*, pindah_id: int) -> None:
    """The preview: the whole import as a dry run (task body)."""
    from pindah.jalankan import sudah_diimpor

    pindah = PindahOpenSID.objects.get(pk=pindah_id)
    if pindah.status != S.DIUNGGAH:
        return
    lama = sudah_diimpor(pindah.sha256)
    if lama is not None:
        PindahOpenSID.objects.filter(pk=pindah_id).update(
            status=S.GAGAL,
            pesan=(
                f"Cadangan ini sudah diimpor pada {timezone.localtime(lama.selesai):%d-%m-%Y %H:%M}. "
                "Mengimpornya lagi tidak mengubah apa pun."
            ),
            selesai=timezone.now(),
        )
        return
    try:
        laporan = _jalankan(pindah, dry_run=True)
    except Exception as exc:
        _gagal(pindah_id, exc)
        return
    PindahOpenSID.objects.filter(pk=pindah_id).update(
        status=S.DIPERIKSA,
        versi=laporan.versi,
        pratinjau=laporan.sebagai_dict(),
        tahap="",
        kemajuan=100,
    )
    cache.delete(kunci_kemajuan(pindah_id))


@transaction.atomic
def pindah_mulai(*, oleh: Any, pindah: PindahOpenSID) -> PindahOpenSID:
    """The Administrator confirms the preview: queue the real run (once)."""
    pindah = PindahOpenSID.objects.select_for_update().get(pk=pindah.pk)
    if pindah.status != S.DIPERIKSA:
        raise ValidationError(
            f"Status {pindah.get_status_display().lower()}: hanya hasil pemeriksaan yang menunggu "
            "konfirmasi dapat diimpor."
        )
    pindah.status, pindah.tahap, pindah.kemajuan = S.BERJALAN, "Menunggu giliran di antrean", 0
    pindah.dimulai = timezone.now()
    pindah.save()
    catat_aktivitas(oleh=oleh, aksi="impor_mulai", objek=pindah, keterangan="Pindah dikonfirmasi.")
    transaction.on_commit(lambda: antrekan("pindah.jalankan", pindah.pk))
    return pindah


def pindah_jalankan(*, pindah_id: int) -> None:
    """The confirmed run (task body). Afterwards the status says what happened, never more."""
    pindah = PindahOpenSID.objects.get(pk=pindah_id)
    if pindah.status != S.BERJALAN:
        return

    def selesai(laporan: Laporan) -> None:  # inside the import's transaction
        PindahOpenSID.objects.filter(pk=pindah_id).update(
            status=S.SELESAI,
            versi=laporan.versi,
            laporan=laporan.sebagai_dict(),
            tahap="",
            kemajuan=100,
            selesai=timezone.now(),
        )

    try:
        _jalankan(pindah, dry_run=False, sebelum_tulis=selesai)
    except Exception as exc:
        _gagal(pindah_id, exc)
        return
    cache.delete(kunci_kemajuan(pindah_id))
