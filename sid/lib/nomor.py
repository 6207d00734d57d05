"""Checks of the 16-digit national numbers (NIK, No. KK) shared by every app."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max, QuerySet


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


def nomor_sementara_berikutnya(qs: QuerySet, kolom: str, kode_desa: str, label: str) -> str:
    """The next temporary NIK / No. KK: 0 + 10-digit kode desa + a 5-digit sequence after the
    highest one in `qs`. Call inside a transaction holding a lock on the village row."""
    if not kode_desa:
        raise ValidationError(f"Isi kode desa di Identitas Desa sebelum membuat {label} sementara.")
    awalan = f"0{kode_desa}"
    terakhir = qs.filter(**{f"{kolom}__startswith": awalan}).aggregate(m=Max(kolom))["m"]
    nomor = int(terakhir[-5:]) + 1 if terakhir else 1
    if nomor > 99999:
        raise ValidationError(f"Nomor {label} sementara desa ini sudah habis.")
    return f"{awalan}{nomor:05d}"
