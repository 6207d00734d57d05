"""System checks: backups must never be reachable by a public URL."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


def _di_dalam(anak: Path, induk: Path) -> bool:
    anak, induk = anak.resolve(), induk.resolve()
    return anak == induk or induk in anak.parents


@register()
def folder_cadangan_tidak_publik(app_configs=None, **kwargs):
    folder = [Path(settings.BACKUP_ROOT)]
    if getattr(settings, "SID_CADANGAN_SALINAN_DIR", ""):
        folder.append(Path(settings.SID_CADANGAN_SALINAN_DIR))
    galat = []
    for f in folder:
        for nama in ("MEDIA_ROOT", "STATIC_ROOT"):
            publik = getattr(settings, nama, None)
            if publik and _di_dalam(f, Path(publik)):
                galat.append(
                    Error(
                        f"Folder cadangan {f} berada di dalam {nama} ({publik}): arsip cadangan "
                        "(berisi NIK) dapat diunduh siapa pun lewat URL publik.",
                        hint="Atur SID_BACKUP_ROOT / SID_CADANGAN_SALINAN_DIR di luar folder "
                        "media dan static, mis. /data/cadangan.",
                        id="sid.E101",
                    )
                )
    return galat
