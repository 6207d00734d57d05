"""Restore services: dry run, restore (command line or queued from the back office), uploads.

Refusals of a bad archive raise `ArsipDitolak` before anything is written. A restore first
makes a backup of the current state (`cadangan_buat`, kind "sebelum_pulihkan"), then runs the
engine in `sid.cadangan.pulih` (one transaction, verified), and records the outcome in a
`LogCadangan` row of kind "pemulihan". The audit entry of a successful restore is written
inside the restore transaction (so it is part of the restored database).
"""

from __future__ import annotations

import datetime
import fcntl
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sid.cadangan import (
    ArsipDitolak,
    CadanganGagal,
    folder_cadangan,
    jalur_berkas,
    kunci_enkripsi,
    pulih,
)
from sid.cadangan.services import (
    Jenis,
    Status,
    _ambil_antrean,
    _pengguna,
    _pesan,
    _siapkan_folder,
    cadangan_buat,
    tandai_macet,
)
from sid.celery_app import antrekan
from sid.lib.audit import catat_aktivitas, nama_pelaku
from sid.models import LogCadangan

logger = logging.getLogger("sid.cadangan")

FOLDER_UNGGAHAN = "unggahan"
POLA_ARSIP = re.compile(r"\.tar\.gz(\.enc)?$")


def cadangan_periksa(*, berkas: Path) -> pulih.Rencana:
    """Dry run: verify the archive and describe what a restore would replace. Writes nothing."""
    return pulih.periksa(berkas, kunci=kunci_enkripsi())


@contextmanager
def _satu_pemulihan() -> Iterator[None]:
    folder = folder_cadangan()
    try:
        _siapkan_folder(folder)
        berkas_kunci = open(folder / ".pemulihan.lock", "w")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CadanganGagal(f"Folder cadangan tidak dapat dipakai: {_pesan(exc)}") from exc
    with berkas_kunci as kunci:
        try:
            fcntl.flock(kunci, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CadanganGagal("Pemulihan lain sedang berjalan; tunggu sampai selesai.") from None
        try:
            yield
        finally:
            fcntl.flock(kunci, fcntl.LOCK_UN)


def _gagal(log: LogCadangan, pesan: str) -> LogCadangan:
    log.status = Status.GAGAL
    log.pesan_galat = pesan
    log.selesai = timezone.now()
    log.save()
    catat_aktivitas(
        oleh=None, pelaku=log.pelaku, aksi="cadangan_pulihkan_gagal", objek=log, keterangan=pesan
    )
    return log


def cadangan_pulihkan(
    *,
    berkas: Path,
    oleh: Any = None,
    pelaku: str | None = None,
    log: LogCadangan | None = None,
    rencana: pulih.Rencana | None = None,
) -> LogCadangan:
    """Restore an archive: verify, back up the current state, replace everything, verify.

    Without `log` (command line) a refused archive raises `ArsipDitolak` and nothing is
    written at all; with `log` (queued from the back office) the refusal is recorded there.
    """
    pelaku = pelaku or nama_pelaku(oleh)
    kunci = kunci_enkripsi()
    with _satu_pemulihan():
        try:
            rencana = rencana or pulih.periksa(berkas, kunci=kunci)
        except ArsipDitolak as exc:
            if log is None:
                raise
            return _gagal(log, f"Arsip ditolak: {_pesan(exc)}")
        if log is None:
            log = LogCadangan.objects.create(
                jenis=Jenis.PEMULIHAN,
                status=Status.BERJALAN,
                berkas=str(berkas),
                oleh=_pengguna(oleh),
                pelaku=pelaku,
            )
        pra = cadangan_buat(jenis=Jenis.SEBELUM_PULIHKAN, oleh=oleh, pelaku=pelaku)
        log.isi = {"cadangan_sebelum": pra.berkas, "cadangan_sebelum_id": pra.pk}
        if pra.status != Status.OK:
            return _gagal(
                log,
                f"Cadangan otomatis sebelum pemulihan gagal ({pra.pesan_galat}); pemulihan "
                "dibatalkan, tidak ada yang diubah.",
            )
        try:
            ringkasan = pulih.pulihkan(rencana, kunci=kunci, pelaku=pelaku)
        except (ArsipDitolak, CadanganGagal) as exc:
            logger.error("Pemulihan %s gagal: %s", log.pk, exc)
            return _gagal(log, _pesan(exc))
        except Exception as exc:  # noqa: BLE001 - recorded; the transaction rolled back
            logger.exception("Pemulihan %s gagal", log.pk)
            return _gagal(log, f"Pemulihan gagal dan dibatalkan; tidak ada yang diubah: {exc}")
    log.refresh_from_db(fields=["oleh"])  # the restore may have unlinked a vanished user
    log.status = Status.OK
    log.terverifikasi = True
    log.isi = {**log.isi, **ringkasan}
    log.selesai = timezone.now()
    log.save()
    return log


@transaction.atomic
def cadangan_minta_pulihkan(*, oleh: Any, berkas: Path) -> LogCadangan:
    """Queue a restore of a checked archive; the worker runs `cadangan_pulihkan`."""
    tandai_macet()
    if LogCadangan.objects.filter(status__in=[Status.ANTRE, Status.BERJALAN]).exists():
        raise ValidationError(
            "Cadangan atau pemulihan lain sedang berjalan; tunggu sampai selesai."
        )
    if not berkas.is_file():
        raise ValidationError("Arsip tidak ditemukan.")
    log = LogCadangan.objects.create(
        jenis=Jenis.PEMULIHAN,
        status=Status.ANTRE,
        berkas=relatif_folder(berkas),
        oleh=_pengguna(oleh),
        pelaku=nama_pelaku(oleh),
    )
    transaction.on_commit(lambda: antrekan("sid.cadangan_pulihkan", log.pk))
    return log


def cadangan_pulihkan_antrean(*, log_id: int) -> LogCadangan | None:
    """Run a queued restore (the Celery task's body)."""
    log = _ambil_antrean(log_id)
    if log is None:
        return None
    try:
        return cadangan_pulihkan(
            berkas=jalur_berkas(log.berkas), oleh=log.oleh, pelaku=log.pelaku, log=log
        )
    except CadanganGagal as exc:  # e.g. another restore holds the lock: nothing was changed
        return _gagal(log, _pesan(exc))


def relatif_folder(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(folder_cadangan().resolve()))
    except ValueError:
        return str(path)


def arsip_tersedia() -> list[dict[str, Any]]:
    """Archives in the backup folder (and its upload folder) that a restore can start from."""
    folder = folder_cadangan()
    hasil = []
    for sub in (folder, folder / FOLDER_UNGGAHAN):
        if not sub.is_dir():
            continue
        for path in sub.iterdir():
            if path.is_file() and not path.name.startswith(".") and POLA_ARSIP.search(path.name):
                st = path.stat()
                hasil.append(
                    {
                        "relatif": relatif_folder(path),
                        "ukuran": st.st_size,
                        "waktu": datetime.datetime.fromtimestamp(st.st_mtime, tz=datetime.UTC),
                    }
                )
    hasil.sort(key=lambda a: a["waktu"], reverse=True)
    return hasil


def simpan_unggahan(unggahan) -> Path:
    """Store an uploaded archive under BACKUP_ROOT/unggahan (streamed, private)."""
    folder = folder_cadangan() / FOLDER_UNGGAHAN
    _siapkan_folder(folder)
    aman = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(unggahan.name or "arsip").name)[:80] or "arsip"
    path = folder / f"{timezone.localtime():%Y%m%d-%H%M%S}-{aman}"
    with open(path, "xb") as keluar:
        os.chmod(path, 0o600)
        for potongan in unggahan.chunks(1024 * 1024):
            keluar.write(potongan)
    return path


def hapus_unggahan(path: Path) -> None:
    """Remove an uploaded file that was refused (only inside the upload folder)."""
    folder = (folder_cadangan() / FOLDER_UNGGAHAN).resolve()
    if path.resolve().parent == folder:
        path.unlink(missing_ok=True)
