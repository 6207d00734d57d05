"""The file folders in a backup: MEDIA_ROOT ("media") and PRIVATE_ROOT ("privat").

Backup walks both folders (regular files only; symlinks are skipped, the backup folder and the
second copy folder are left out when they sit inside one of them). Restore writes the archive's
files into a staging folder inside each root, and only after the database transaction has
committed swaps them in (rename per top-level entry, same file system, so quick).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from django.conf import settings

from sid.cadangan import CadanganGagal, folder_cadangan

AWALAN_PULIH = ".sid-pulih-"
AWALAN_LAMA = ".sid-lama-"
BLOK = 1024 * 1024


def akar_berkas() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "privat": Path(settings.PRIVATE_ROOT)}


def dikecualikan() -> set[Path]:
    """Folders never backed up nor replaced even when inside a root (backups, their copy)."""
    hasil = {folder_cadangan().resolve()}
    salinan = getattr(settings, "SID_CADANGAN_SALINAN_DIR", "")
    if salinan:
        hasil.add(Path(salinan).resolve())
    return hasil


def _lewati(entri: os.DirEntry, kecuali: set[Path]) -> bool:
    if entri.name.startswith((AWALAN_PULIH, AWALAN_LAMA)):
        return True
    return entri.is_dir(follow_symlinks=False) and Path(entri.path).resolve() in kecuali


def daftar(akar: Path, kecuali: set[Path] | None = None) -> Iterator[tuple[str, Path]]:
    """(relative POSIX path, absolute path) of every regular file under `akar`, sorted."""
    if not akar.is_dir():
        return
    yield from _jelajah(akar, PurePosixPath(), dikecualikan() if kecuali is None else kecuali)


def _jelajah(folder: Path, relatif: PurePosixPath, kecuali: set[Path]):
    try:
        entri_list = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:  # removed while walking
        return
    for entri in entri_list:
        if entri.is_symlink() or _lewati(entri, kecuali):
            continue
        if entri.is_dir(follow_symlinks=False):
            yield from _jelajah(Path(entri.path), relatif / entri.name, kecuali)
        elif entri.is_file(follow_symlinks=False):
            yield str(relatif / entri.name), Path(entri.path)


def ringkas(akar: Path) -> dict[str, int]:
    """Number and total size of the files a backup of this root would hold."""
    jumlah = ukuran = 0
    for _rel, path in daftar(akar):
        try:
            ukuran += path.stat().st_size
        except FileNotFoundError:
            continue
        jumlah += 1
    return {"jumlah": jumlah, "ukuran": ukuran}


class Penataan:
    """Staging folders for a restore; `pasang()` swaps them in, `batal()` throws them away."""

    def __init__(self, cap: str) -> None:
        self.akar = akar_berkas()
        self.cap = cap
        self.sementara: dict[str, Path] = {}
        for kunci, akar in self.akar.items():
            akar.mkdir(parents=True, exist_ok=True)
            # Leftovers of an interrupted restore (restores never run side by side).
            for sisa in akar.iterdir():
                if sisa.name.startswith((AWALAN_PULIH, AWALAN_LAMA)) and sisa.is_dir():
                    shutil.rmtree(sisa, ignore_errors=True)
            folder = akar / f"{AWALAN_PULIH}{cap}"
            folder.mkdir(mode=0o700)
            self.sementara[kunci] = folder
        self.jumlah = 0
        self.ukuran = 0

    def tulis(self, kunci: str, relatif: str, sumber: IO[bytes], mtime: int) -> None:
        tujuan = self.sementara[kunci].joinpath(*PurePosixPath(relatif).parts)
        # Names were checked when the archive was read (no "..", no absolute paths); this is
        # a second guard that nothing can land outside the staging folder.
        if self.sementara[kunci].resolve() not in tujuan.resolve().parents:
            raise CadanganGagal(f"Jalur berkas tidak sah di arsip: {relatif}")
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        with open(tujuan, "xb") as keluar:
            shutil.copyfileobj(sumber, keluar, BLOK)
        os.chmod(tujuan, 0o644 if kunci == "media" else 0o640)
        os.utime(tujuan, (mtime, mtime))
        self.jumlah += 1
        self.ukuran += tujuan.stat().st_size

    def pasang(self) -> None:
        """Move the current content aside, the restored content in, then delete the old."""
        kecuali = dikecualikan()
        dipindah: list[tuple[Path, Path]] = []  # (from, to), for a rollback
        lama: dict[str, Path] = {}
        try:
            for kunci, akar in self.akar.items():
                lama[kunci] = akar / f"{AWALAN_LAMA}{self.cap}"
                lama[kunci].mkdir(mode=0o700)
                for entri in list(os.scandir(akar)):
                    if _lewati(entri, kecuali):
                        continue
                    tujuan = lama[kunci] / entri.name
                    os.rename(entri.path, tujuan)
                    dipindah.append((Path(entri.path), tujuan))
                for entri in list(os.scandir(self.sementara[kunci])):
                    tujuan = akar / entri.name
                    os.rename(entri.path, tujuan)
                    dipindah.append((Path(entri.path), tujuan))
        except OSError as exc:
            for asal, tujuan in reversed(dipindah):
                try:
                    os.rename(tujuan, asal)
                except OSError:  # noqa: PERF203
                    continue
            raise CadanganGagal(
                f"Basis data sudah dipulihkan, tetapi berkas gagal dipindahkan ({exc}). Berkas "
                f"hasil pemulihan ada di folder {AWALAN_PULIH}{self.cap} di dalam "
                f"{', '.join(str(a) for a in self.akar.values())}."
            ) from exc
        for kunci in self.akar:
            self.sementara[kunci].rmdir()
            shutil.rmtree(lama[kunci], ignore_errors=True)

    def batal(self) -> None:
        for folder in self.sementara.values():
            shutil.rmtree(folder, ignore_errors=True)
