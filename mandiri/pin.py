"""PIN rules of the Layanan Mandiri realm: length, what counts as trivial, how PINs are made.

The minimum length is 6 digits; a village may require more with SID_MANDIRI_PANJANG_PIN.
A PIN is stored only as a hash made by Django's password hashers (make_password), through
`hasher_pin()`: the configured default hasher, except that Django's PBKDF2-SHA256 runs with
OWASP's 600,000 iterations instead of Django 5.2's 1,000,000 (docs/mandiri.md explains why).
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher

PANJANG_MINIMUM = 6
PANJANG_MAKSIMUM = 12
ITERASI_PBKDF2_PIN = 600_000  # OWASP Password Storage Cheat Sheet, PBKDF2-HMAC-SHA256


class HasherPin(PBKDF2PasswordHasher):
    """Django's PBKDF2-SHA256 (same algorithm name, so any PBKDF2 hash still verifies) with
    fewer iterations: a resident's login stays under half a second on a small server."""

    iterations = ITERASI_PBKDF2_PIN


def hasher_pin():
    """The hasher for PINs: the first of PASSWORD_HASHERS, or HasherPin when that is Django's
    PBKDF2. Pass it to make_password(hasher=…) and check_password(preferred=…)."""
    bawaan = get_hasher("default")
    return HasherPin() if type(bawaan) is PBKDF2PasswordHasher else bawaan


def panjang_pin() -> int:
    """The village's required PIN length (at least 6, at most 12)."""
    nilai = int(getattr(settings, "SID_MANDIRI_PANJANG_PIN", PANJANG_MINIMUM) or 0)
    return min(max(nilai, PANJANG_MINIMUM), PANJANG_MAKSIMUM)


def _deret(pin: str, langkah: int) -> bool:
    return all((int(b) - int(a)) % 10 == langkah % 10 for a, b in zip(pin, pin[1:], strict=False))


def alasan_lemah(pin: str, *, tanggal_lahir: datetime.date | None = None) -> str | None:
    """Why a PIN is trivial, or None. Same digit repeated, an ascending or descending run
    (0123456…, 987654…, also wrapping 890123), or the birth date as DDMMYY / DDMMYYYY."""
    if len(set(pin)) == 1:
        return "PIN tidak boleh berupa satu angka yang diulang (mis. 111111)."
    if _deret(pin, 1) or _deret(pin, -1):
        return "PIN tidak boleh berupa angka berurutan (mis. 123456 atau 654321)."
    if tanggal_lahir is not None:
        for pola in ("%d%m%y", "%d%m%Y"):
            if tanggal_lahir.strftime(pola) in pin:
                return "PIN tidak boleh memuat tanggal lahir Anda."
    return None


def galat_format(pin: str) -> str | None:
    """A message when the PIN is not N–12 digits, else None."""
    n = panjang_pin()
    if not pin.isdigit() or not pin.isascii():
        return f"PIN hanya boleh berisi angka ({n} digit atau lebih)."
    if len(pin) < n:
        return f"PIN minimal {n} digit."
    if len(pin) > PANJANG_MAKSIMUM:
        return f"PIN maksimal {PANJANG_MAKSIMUM} digit."
    return None


def buat_pin(*, tanggal_lahir: datetime.date | None = None) -> str:
    """A random PIN of the village's length that passes the triviality rules."""
    n = panjang_pin()
    while True:
        pin = "".join(secrets.choice("0123456789") for _ in range(n))
        if alasan_lemah(pin, tanggal_lahir=tanggal_lahir) is None:
            return pin
