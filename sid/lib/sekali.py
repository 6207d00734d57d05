"""A secret shown once, across one redirect (POST → redirect → GET).

A new PIN or a one-time enrolment code is shown on the page that follows the POST that made
it, so a refresh never makes another one. Between the two requests the secret waits in the
session, encrypted with a key derived from SECRET_KEY (the sessions table alone does not reveal
it), for five minutes at most, and is removed from the session when the page reads it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from django.conf import settings

UMUR_DETIK = 300


def _fernet():
    # cryptography is imported on first use (docs/architecture.md, "Imports inside functions").
    from cryptography.fernet import Fernet

    kunci = hashlib.sha256(f"sid.sekali:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(kunci))


def simpan(request, kunci: str, **data: Any) -> None:
    """Keep `data` (JSON-safe) for the next request of this session."""
    isi = json.dumps(data).encode()
    request.session[f"sekali:{kunci}"] = _fernet().encrypt(isi).decode("ascii")


def ambil(request, kunci: str, **harus: Any) -> dict | None:
    """The data kept under `kunci`, once: None when nothing waits, it is older than five
    minutes, or it does not match `harus` (e.g. another account's PIN)."""
    token = request.session.pop(f"sekali:{kunci}", "")
    if not token:
        return None
    from cryptography.fernet import InvalidToken

    try:
        data = json.loads(_fernet().decrypt(token.encode("ascii"), ttl=UMUR_DETIK))
    except (InvalidToken, ValueError):
        return None
    return data if all(data.get(k) == v for k, v in harus.items()) else None
