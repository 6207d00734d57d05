"""Shared sizes of the website's images and excerpts."""

from __future__ import annotations

UKURAN_KECIL = 400  # width of the list/thumbnail variant (px); see konten/gambar.py
PANJANG_CUPLIKAN = 200


def ukuran_kecil(lebar: int | None, tinggi: int | None) -> tuple[int | None, int | None]:
    """Width/height of the small variant, derived from the stored large one (same aspect)."""
    if not lebar or not tinggi or lebar <= UKURAN_KECIL:
        return lebar, tinggi
    return UKURAN_KECIL, max(1, round(tinggi * UKURAN_KECIL / lebar))
