"""Backups: archive format, portable database dump, verified restore (docs/backup.md).

Modules:
- `arsip`: writing and reading the archive (.tar.gz, optionally encrypted), verification.
- `enkripsi`: streaming AES-256-GCM layer with a key derived from SID_CADANGAN_KUNCI.
- `database`: the portable, streamed database content (JSON Lines per table) and its loading.
- `berkas`: the media and private files: listing, staging during a restore, swapping in.
- `buat` / `pulih`: the backup and restore engines.
- `services` (backups, retention, download) and `pemulihan` (dry run, restore, uploads): what
  the back office, the commands and the Celery tasks call, with the `LogCadangan` record and
  the audit entries.
- `jadwal`: the weekly job in django-celery-beat; `dasbor`: the dashboard card; `checks`: the
  system check that keeps backups off public URLs; `sinyal`: other processes notice a restore.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError


class ArsipDitolak(ValidationError):
    """The archive cannot be used (not an archive, damaged, tampered, too new …).

    Raised before anything in the database or the file folders has changed.
    """


class CadanganGagal(Exception):
    """A backup or restore failed while running; the message is for the administrator."""


def folder_cadangan() -> Path:
    return Path(settings.BACKUP_ROOT)


def kunci_enkripsi() -> str:
    return getattr(settings, "SID_CADANGAN_KUNCI", "") or ""


def jalur_berkas(berkas: str) -> Path:
    """Absolute path of a `LogCadangan.berkas` value (relative to BACKUP_ROOT, or absolute)."""
    path = Path(berkas)
    return path if path.is_absolute() else folder_cadangan() / path


def boleh_kelola(user) -> bool:
    """Only administrators (superuser or the Administrator role) may see or touch backups."""
    if not (getattr(user, "is_active", False) and getattr(user, "is_staff", False)):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_sid_administrator"):
        from sid.peran import ADMINISTRATOR

        user._sid_administrator = user.groups.filter(name=ADMINISTRATOR).exists()
    return user._sid_administrator
