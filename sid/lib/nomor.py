"""Checks of the 16-digit national numbers (NIK, No. KK) shared by every app."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def validasi_nomor_16(nilai: str, label: str = "NIK") -> None:
    """16 digits exactly, with a message that says what is wrong."""
    nilai = nilai or ""
    if not nilai:
        raise ValidationError(f"{label} wajib diisi.")
    if not nilai.isdigit():
        raise ValidationError(
            f"{label} hanya boleh berisi angka 0–9 (tanpa huruf, spasi atau tanda baca)."
        )
    if len(nilai) != 16:
        raise ValidationError(f"{label} harus tepat 16 digit (yang diisi {len(nilai)} digit).")
