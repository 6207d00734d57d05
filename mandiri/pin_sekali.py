"""A new PIN across one redirect (POST → redirect → GET), encrypted, shown once.

The PIN page follows the POST that created or reset the PIN, so a refresh never issues another
one. Between the two requests the PIN waits in the operator's session, encrypted with a key
derived from SECRET_KEY (the sessions table alone does not reveal it), for five minutes at most,
and is removed from the session when the page shows it.
"""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

KUNCI_PIN_SEKALI = "mandiri_pin_sekali"
UMUR_DETIK = 300


def _fernet() -> Fernet:
    kunci = hashlib.sha256(f"sid.mandiri.pin-sekali:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(kunci))


def simpan(*, akun_id: int, pin: str, judul: str) -> str:
    isi = json.dumps({"akun": akun_id, "pin": pin, "judul": judul}).encode()
    return _fernet().encrypt(isi).decode("ascii")


def ambil(token: str, *, akun_id: int) -> dict | None:
    """The PIN for this account, or None (nothing waiting, too old, another account)."""
    if not token:
        return None
    try:
        data = json.loads(_fernet().decrypt(token.encode("ascii"), ttl=UMUR_DETIK))
    except (InvalidToken, ValueError):
        return None
    return data if data.get("akun") == akun_id else None
