"""Opening an OpenSID backup: plain ``.sql``, gzip or ZIP, told apart by the first bytes."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
import zlib
from typing import IO

from pindah.exceptions import SARAN, BukanCadanganOpenSID, DumpRusak

_GZIP, _ZIP, _ZIP_KOSONG = b"\x1f\x8b", b"PK\x03\x04", b"PK\x05\x06"
GALAT_ARSIP = (zipfile.BadZipFile, EOFError, zlib.error, gzip.BadGzipFile)


class _Mentah(io.RawIOBase):
    """Adapts a non-seekable binary stream without `peek` for `io.BufferedReader`."""

    def __init__(self, f: IO[bytes]):
        self._f = f

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self._f.read(len(b))
        b[: len(data)] = data
        return len(data)


class _Cadangan(io.BufferedIOBase):
    """The opened backup: reads plain SQL bytes; closing it closes every layer `buka_cadangan`
    opened (the file, the gzip/zip readers), never a file object the caller handed in."""

    def __init__(self, f: IO[bytes], lapisan: list):
        self._f, self._lapisan = f, lapisan

    def readable(self) -> bool:
        return True

    def read(self, n: int | None = -1) -> bytes:
        return self._f.read(-1 if n is None else n)

    read1 = read

    def close(self) -> None:
        if not self.closed:
            for lapis in reversed(self._lapisan):
                lapis.close()
        super().close()


def _intip(f: IO[bytes], lapisan: list) -> tuple[bytes, IO[bytes]]:
    """The first bytes of `f` and a stream that still starts at them."""
    if hasattr(f, "peek"):
        return f.peek(4)[:4], f
    if f.seekable():
        awal = f.tell()
        kepala = f.read(4)
        f.seek(awal)
        return kepala, f
    f = io.BufferedReader(_Mentah(f))
    lapisan.append(f)
    return f.peek(4)[:4], f


def _dari_zip(f: IO[bytes], lapisan: list) -> IO[bytes]:
    arsip = zipfile.ZipFile(f)
    lapisan.append(arsip)
    berkas = [i for i in arsip.infolist() if not i.is_dir() and "__MACOSX/" not in i.filename]
    sql = [i for i in berkas if i.filename.lower().endswith((".sql", ".sql.gz"))]
    pilih = sql if sql else berkas if len(berkas) == 1 else []
    if len(pilih) != 1:
        raise BukanCadanganOpenSID(
            "Arsip ZIP ini tidak berisi tepat satu berkas .sql, jadi bukan cadangan database "
            "OpenSID (cadangan folder desa berisi berkas surat dan gambar, bukan database). "
            "Unggah berkas .sql dari Pengaturan → Database → Backup."
        )
    isi = arsip.open(pilih[0])
    lapisan.append(isi)
    return isi


def buka_cadangan(sumber: str | os.PathLike | IO[bytes]) -> IO[bytes]:
    """Open a backup as plain SQL bytes: a path or a binary file object holding a ``.sql``
    file, a gzip of it, or a ZIP with one ``.sql`` inside — told apart by their first bytes,
    never by the file name. Close the result (or use it in ``with``) when done; a file object
    handed in is left open."""
    lapisan: list = []
    try:
        if isinstance(sumber, str | os.PathLike):
            sumber = open(sumber, "rb")  # noqa: SIM115 - closed through _Cadangan
            lapisan.append(sumber)
        f = sumber
        for _ in range(3):  # a .sql.gz inside a .zip is two layers
            kepala, f = _intip(f, lapisan)
            if kepala.startswith(_GZIP):
                f = gzip.GzipFile(fileobj=f, mode="rb")
                lapisan.append(f)
            elif kepala.startswith((_ZIP, _ZIP_KOSONG)):
                f = _dari_zip(f, lapisan)
            else:
                return _Cadangan(f, lapisan)
        raise BukanCadanganOpenSID("Arsip bersarang terlalu dalam; unggah berkas .sql-nya saja.")
    except BaseException as e:
        for lapis in reversed(lapisan):
            lapis.close()
        if isinstance(e, GALAT_ARSIP):
            raise DumpRusak(f"Arsip rusak atau terpotong ({e}). {SARAN}") from e
        raise
