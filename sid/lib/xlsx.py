"""An uploaded .xlsx is a ZIP: its sizes are checked from the central directory before any
part is expanded, so a small file that would inflate to hundreds of MB (a "zip bomb", issue
#17) is refused in milliseconds. Every import calls `periksa_arsip_xlsx` before openpyxl or
its own reader opens the file.

Python's zipfile stops each part at the size its header declares (and fails its CRC), so the
declared sizes checked here bound what any reader can expand.
"""

from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

MB = 1024 * 1024
# The compression ratio is only judged for parts at least this big (tiny XML compresses well).
RASIO_MULAI_BYTE = 1 * MB
AWALAN_LEMBAR = "xl/worksheets/"


def _mb(n: float) -> str:
    return f"{n / MB:,.0f}".replace(",", ".") if n >= MB else f"{n / MB:.1f}".replace(".", ",")


def periksa_arsip_xlsx(
    sumber,
    *,
    batas_mb: int | None = None,
    batas_bagian_mb: int | None = None,
    rasio_maks: int | None = None,
) -> None:
    """Refuse (ValidationError) a workbook whose expanded content is abnormal.

    - all parts together above `batas_mb` (SID_XLSX_TERURAI_MB);
    - a part other than a worksheet above `batas_bagian_mb` (SID_XLSX_BAGIAN_MB): shared
      strings, styles and the workbook are read whole into memory, worksheets are streamed;
    - a part of 1 MB or more compressed more than `rasio_maks`:1 (SID_XLSX_RASIO_MAKS).

    `sumber` is bytes or a seekable binary file (its position is restored). Anything that is
    not a ZIP passes: the import's own check refuses it with its message.
    """
    batas = (batas_mb or settings.SID_XLSX_TERURAI_MB) * MB
    batas_bagian = (batas_bagian_mb or settings.SID_XLSX_BAGIAN_MB) * MB
    rasio = rasio_maks or settings.SID_XLSX_RASIO_MAKS
    f = io.BytesIO(sumber) if isinstance(sumber, bytes | bytearray) else sumber
    posisi = f.tell() if hasattr(f, "tell") else 0
    try:
        f.seek(0)
        with zipfile.ZipFile(f) as arsip:
            daftar = arsip.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return
    finally:
        f.seek(posisi)
    total = sum(i.file_size for i in daftar)
    if total > batas:
        raise ValidationError(
            f"Berkas Excel tidak wajar: isi terurai {_mb(total)} MB melebihi batas "
            f"{_mb(batas)} MB. Tidak ada data yang disimpan; periksa berkasnya atau pecah "
            "menjadi beberapa berkas.",
            code="xlsx_tidak_wajar",
        )
    for info in daftar:
        if not info.filename.startswith(AWALAN_LEMBAR) and info.file_size > batas_bagian:
            raise ValidationError(
                f"Berkas Excel tidak wajar: bagian {info.filename} terurai "
                f"{_mb(info.file_size)} MB melebihi batas {_mb(batas_bagian)} MB. Tidak ada "
                "data yang disimpan.",
                code="xlsx_tidak_wajar",
            )
        if info.file_size >= RASIO_MULAI_BYTE and info.file_size > rasio * max(
            info.compress_size, 1
        ):
            kali = f"{info.file_size // max(info.compress_size, 1):,}".replace(",", ".")
            raise ValidationError(
                f"Berkas Excel tidak wajar: bagian {info.filename} termampatkan {kali}:1 "
                f"(terurai {_mb(info.file_size)} MB), melebihi batas {rasio}:1. Tidak ada "
                "data yang disimpan.",
                code="xlsx_tidak_wajar",
            )
