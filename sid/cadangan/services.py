"""Backup services: what the back office, the management commands and the Celery tasks call.

A backup runs for minutes and its state must be visible while it runs, so it is not one
transaction: the `LogCadangan` row is committed first ("berjalan") and completed at the end.
A failed backup never raises: it is recorded (status "gagal" with the error text) and
returned, and the dashboard shows it. Restore services are in `sid.cadangan.pemulihan`.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
from contextlib import suppress
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sid.cadangan import (
    CadanganGagal,
    buat,
    folder_cadangan,
    jalur_berkas,
    kunci_enkripsi,
)
from sid.cadangan.arsip import baca
from sid.celery_app import antrekan
from sid.lib.audit import catat_aktivitas, nama_pelaku
from sid.models import LogCadangan

logger = logging.getLogger("sid.cadangan")

Jenis = LogCadangan.Jenis
Status = LogCadangan.Status
BATAS_ANTRE = datetime.timedelta(hours=1)
BATAS_BERJALAN = datetime.timedelta(hours=12)


def _pengguna(oleh: Any):
    return oleh if getattr(oleh, "is_authenticated", False) and hasattr(oleh, "pk") else None


def _pesan(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or exc} ({exc.filename})"
    return str(exc) or type(exc).__name__


def tandai_macet() -> None:
    """Mark runs that can no longer finish as failed, so nothing stays 'berjalan' forever."""
    sekarang = timezone.now()
    LogCadangan.objects.filter(status=Status.ANTRE, dimulai__lt=sekarang - BATAS_ANTRE).update(
        status=Status.GAGAL,
        selesai=sekarang,
        pesan_galat="Tidak pernah dijalankan: tidak ada worker Celery yang mengambil tugas ini "
        "dalam 1 jam. Periksa layanan worker.",
    )
    LogCadangan.objects.filter(
        status=Status.BERJALAN, dimulai__lt=sekarang - BATAS_BERJALAN
    ).update(
        status=Status.GAGAL,
        selesai=sekarang,
        pesan_galat="Terhenti sebelum selesai (worker atau server mati di tengah proses).",
    )


def _siapkan_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CadanganGagal(f"Folder cadangan {folder} tidak dapat ditulis oleh SID.")


def _progres(log: LogCadangan, progres: dict[str, Any]) -> None:
    LogCadangan.objects.filter(pk=log.pk).update(isi={"progres": progres})


def cadangan_buat(
    *,
    jenis: str = Jenis.MANUAL,
    oleh: Any = None,
    pelaku: str | None = None,
    log: LogCadangan | None = None,
) -> LogCadangan:
    """Make a complete backup now, in this process: write, verify, copy, record, audit."""
    tandai_macet()
    pelaku = pelaku or nama_pelaku(oleh)
    if log is None:
        log = LogCadangan.objects.create(
            jenis=jenis, status=Status.BERJALAN, oleh=_pengguna(oleh), pelaku=pelaku
        )
    kunci = kunci_enkripsi()
    waktu = timezone.localtime(log.dimulai)
    nama = f"sid-{waktu:%Y%m%d-%H%M%S}-{log.jenis}-{log.pk}.tar.gz" + (".enc" if kunci else "")
    path = folder_cadangan() / nama
    try:
        _siapkan_folder(folder_cadangan())
        hasil = buat.tulis_cadangan(
            path, jenis=log.jenis, pelaku=pelaku, kunci=kunci, progres=lambda p: _progres(log, p)
        )
        log.berkas, log.ukuran, log.sha256 = nama, hasil.ukuran, hasil.sha256
        log.terenkripsi = bool(kunci)
        log.isi = hasil.ringkasan
        # Verification: reopen the archive, check every member's SHA-256 and size and every
        # table's row count against the manifest (whose counts were checked against the
        # database snapshot while writing).
        if baca(path, kunci=kunci).manifest != hasil.manifest:
            raise CadanganGagal("Manifest yang terbaca berbeda dari yang ditulis.")
        log.terverifikasi = True
        log.status = Status.OK
    except Exception as exc:  # noqa: BLE001 - every failure is recorded, never shown as success
        logger.exception("Cadangan %s gagal", log.pk)
        log.status = Status.GAGAL
        log.terverifikasi = False
        log.berkas = ""
        log.pesan_galat = f"Cadangan gagal: {_pesan(exc)}"
        with suppress(OSError):
            path.unlink(missing_ok=True)
    log.selesai = timezone.now()
    if log.status == Status.OK:
        _salin(log, path)
    log.save()
    if log.status == Status.OK:
        ket = (
            f"Cadangan {log.get_jenis_display().lower()} {nama} ({log.ukuran} byte) terverifikasi."
        )
    else:
        ket = log.pesan_galat
    catat_aktivitas(
        oleh=_pengguna(oleh),
        pelaku=pelaku,
        aksi="cadangan_buat" if log.status == Status.OK else "cadangan_gagal",
        objek=log,
        keterangan=ket,
    )
    return log


def _salin(log: LogCadangan, path: Path) -> None:
    """Copy a verified archive to SID_CADANGAN_SALINAN_DIR, checking the copy's SHA-256."""
    tujuan_dir = getattr(settings, "SID_CADANGAN_SALINAN_DIR", "")
    if not tujuan_dir:
        return
    tujuan = Path(tujuan_dir) / path.name
    sementara = tujuan.with_name(f".{path.name}.tmp")
    try:
        tujuan.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        sha = hashlib.sha256()
        with open(path, "rb") as masuk, open(sementara, "wb") as keluar:
            os.chmod(sementara, 0o600)
            while blok := masuk.read(1024 * 1024):
                keluar.write(blok)
                sha.update(blok)
            keluar.flush()
            os.fsync(keluar.fileno())
        if sha.hexdigest() != log.sha256:
            raise CadanganGagal("checksum salinan berbeda dari arsip")
        os.replace(sementara, tujuan)
        log.disalin_ke = str(tujuan)
    except (OSError, CadanganGagal) as exc:
        logger.error("Salinan cadangan %s ke %s gagal: %s", log.pk, tujuan_dir, exc)
        with suppress(OSError):
            sementara.unlink(missing_ok=True)
        log.pesan_galat = f"Cadangan berhasil, tetapi salinan ke {tujuan_dir} gagal: {_pesan(exc)}"


def _ambil_antrean(log_id: int) -> LogCadangan | None:
    """Claim a queued run (a redelivered Celery message must not run it twice)."""
    diambil = LogCadangan.objects.filter(pk=log_id, status=Status.ANTRE).update(
        status=Status.BERJALAN, dimulai=timezone.now()
    )
    return LogCadangan.objects.select_related("oleh").get(pk=log_id) if diambil else None


def cadangan_jalankan(*, log_id: int) -> LogCadangan | None:
    """Run a queued manual backup (the Celery task's body)."""
    log = _ambil_antrean(log_id)
    if log is None:
        return None
    return cadangan_buat(log=log, oleh=log.oleh, pelaku=log.pelaku)


@transaction.atomic
def cadangan_minta(*, oleh: Any) -> LogCadangan:
    """Queue a manual backup ("Buat cadangan sekarang"); the worker runs it."""
    tandai_macet()
    if LogCadangan.objects.filter(status__in=[Status.ANTRE, Status.BERJALAN]).exists():
        raise ValidationError(
            "Cadangan atau pemulihan lain sedang berjalan; tunggu sampai selesai."
        )
    log = LogCadangan.objects.create(
        jenis=Jenis.MANUAL, status=Status.ANTRE, oleh=_pengguna(oleh), pelaku=nama_pelaku(oleh)
    )
    transaction.on_commit(lambda: antrekan("sid.cadangan_buat", log.pk))
    return log


def cadangan_mingguan() -> LogCadangan | None:
    """The scheduled weekly backup; old weekly backups are cleaned up only after a success.

    Returns None (and does nothing) while another weekly backup is still running, e.g. when
    the broker redelivers a long-running task to a second worker.
    """
    tandai_macet()
    if LogCadangan.objects.filter(jenis=Jenis.MINGGUAN, status=Status.BERJALAN).exists():
        logger.warning("Cadangan mingguan dilewati: cadangan mingguan lain masih berjalan.")
        return None
    log = cadangan_buat(jenis=Jenis.MINGGUAN, pelaku="sistem (jadwal mingguan)")
    if log.status == Status.OK:
        cadangan_bersihkan()
    return log


def cadangan_bersihkan() -> list[LogCadangan]:
    """Retention of the weekly backups: the newest N, plus the newest of each of the last M
    months (SID_CADANGAN_SIMPAN_MINGGUAN / _BULANAN). Manual backups are never removed here."""
    n_mingguan = max(1, settings.SID_CADANGAN_SIMPAN_MINGGUAN)
    n_bulanan = max(0, settings.SID_CADANGAN_SIMPAN_BULANAN)
    kandidat = list(
        LogCadangan.objects.filter(jenis=Jenis.MINGGUAN, status=Status.OK, dihapus=None)
        .exclude(berkas="")
        .order_by("-dimulai", "-pk")
    )
    simpan = {log.pk for log in kandidat[:n_mingguan]}
    bulan: list[str] = []
    for log in kandidat:
        kunci = f"{timezone.localtime(log.dimulai):%Y-%m}"
        if kunci not in bulan:
            if len(bulan) >= n_bulanan:
                break
            bulan.append(kunci)
            simpan.add(log.pk)
    dihapus = []
    for log in kandidat:
        if log.pk not in simpan:
            try:
                _hapus_berkas(log, oleh=None, alasan="retensi")
            except OSError as exc:
                logger.error("Retensi: berkas cadangan %s tidak dapat dihapus: %s", log.pk, exc)
                continue
            dihapus.append(log)
    return dihapus


def _hapus_berkas(log: LogCadangan, *, oleh: Any, alasan: str) -> None:
    jalur_berkas(log.berkas).unlink(missing_ok=True)
    if log.disalin_ke:
        Path(log.disalin_ke).unlink(missing_ok=True)
    log.dihapus = timezone.now()
    log.save(update_fields=["dihapus"])
    catat_aktivitas(
        oleh=_pengguna(oleh),
        aksi="cadangan_hapus",
        objek=log,
        keterangan=f"Berkas cadangan {log.berkas} dihapus ({alasan}).",
    )


@transaction.atomic
def cadangan_hapus(*, oleh: Any, log: LogCadangan) -> None:
    """An administrator deletes a backup's archive (the record stays, marked deleted)."""
    log = LogCadangan.objects.select_for_update().get(pk=log.pk)
    if log.jenis == Jenis.PEMULIHAN or log.status in (Status.ANTRE, Status.BERJALAN):
        raise ValidationError("Hanya arsip cadangan yang sudah selesai yang dapat dihapus.")
    if log.dihapus or not log.berkas:
        raise ValidationError("Berkas cadangan ini sudah tidak ada.")
    _hapus_berkas(log, oleh=oleh, alasan="dihapus administrator")


@transaction.atomic
def cadangan_unduh(*, oleh: Any, log: LogCadangan) -> Path:
    """Record the download (audit) and return the archive's path for streaming."""
    if log.jenis == Jenis.PEMULIHAN or log.status != Status.OK or log.dihapus or not log.berkas:
        raise ValidationError("Cadangan ini tidak tersedia untuk diunduh.")
    path = jalur_berkas(log.berkas)
    if not path.is_file():
        raise ValidationError(f"Berkas {log.berkas} tidak ditemukan di folder cadangan.")
    catat_aktivitas(
        oleh=oleh,
        aksi="cadangan_unduh",
        objek=log,
        keterangan=f"Mengunduh arsip cadangan {path.name} ({log.ukuran} byte).",
    )
    return path
