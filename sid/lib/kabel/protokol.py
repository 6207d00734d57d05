"""The wire protocol shared by villages (`sinkron`) and hubs (`hub`): canonical JSON, hashes,
Ed25519 keys and request/response signatures. Pure functions, no database. See docs/sinkron.md.

A signed request carries five headers:

    X-SID-Protokol: 1
    X-SID-Kredensial: <credential UUID issued by the hub at enrolment>
    X-SID-Waktu: <unix seconds>
    X-SID-Nonce: <32 random hex characters, never reused>
    X-SID-Tanda-Tangan: base64(Ed25519 signature of teks_permintaan(...))

and the hub signs every answer to a signed request over the request's nonce and the answer's
body hash (X-SID-Tanda-Tangan-Hub), so a receipt cannot be forged or swapped in transit.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from typing import Any

VERSI_PROTOKOL = 1

H_PROTOKOL = "X-SID-Protokol"
H_KREDENSIAL = "X-SID-Kredensial"
H_WAKTU = "X-SID-Waktu"
H_NONCE = "X-SID-Nonce"
H_TANDA_TANGAN = "X-SID-Tanda-Tangan"
H_TANDA_TANGAN_HUB = "X-SID-Tanda-Tangan-Hub"
# Enrolment: the request is signed with the new key itself (proof of possession).
KREDENSIAL_PENDAFTARAN = "pendaftaran"


def json_kanonik(data: Any) -> bytes:
    """The one byte form of a JSON value that both sides hash: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def dari_b64(teks: str) -> bytes:
    return base64.b64decode(teks.encode("ascii"), validate=True)


# --- keys -----------------------------------------------------------------------------------
# cryptography (~7 MB) is imported by the functions that sign and verify, so a web or worker
# process that never talks to the hub does not load it (docs/architecture.md).
def _ed25519():
    from cryptography.hazmat.primitives.asymmetric import ed25519

    return ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey


def buat_pasangan_kunci() -> tuple[str, str]:
    """A new Ed25519 key pair as (private, public), both base64 of the raw 32 bytes."""
    privat = _ed25519()[0].generate()
    return b64(privat.private_bytes_raw()), b64(privat.public_key().public_bytes_raw())


def kunci_publik_dari_privat(privat_b64: str) -> str:
    privat = _ed25519()[0].from_private_bytes(dari_b64(privat_b64))
    return b64(privat.public_key().public_bytes_raw())


def kunci_publik_sah(publik_b64: str) -> bool:
    try:
        _ed25519()[1].from_public_bytes(dari_b64(publik_b64))
    except (ValueError, TypeError):
        return False
    return True


def sidik_jari(publik_b64: str) -> str:
    """Short fingerprint of a public key for people to compare (first 16 hex of SHA-256)."""
    h = sha256_hex(publik_b64.encode("ascii"))[:16]
    return ":".join(h[i : i + 4] for i in range(0, 16, 4))


def tanda_tangani(privat_b64: str, pesan: bytes) -> str:
    return b64(_ed25519()[0].from_private_bytes(dari_b64(privat_b64)).sign(pesan))


def tanda_tangan_sah(publik_b64: str, pesan: bytes, tanda_tangan_b64: str) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        kunci = _ed25519()[1].from_public_bytes(dari_b64(publik_b64))
        kunci.verify(dari_b64(tanda_tangan_b64), pesan)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


# --- requests -------------------------------------------------------------------------------
def teks_permintaan(
    *, method: str, path: str, body_sha256: str, waktu: str, nonce: str, kredensial: str
) -> bytes:
    """What a request signature covers: method, path (with query), body hash, time, nonce and
    the credential id, one per line after a fixed label."""
    return "\n".join(
        ["SID-SINKRON-1", method.upper(), path, body_sha256, waktu, nonce, kredensial]
    ).encode()


def kepala_bertanda(
    *, privat_b64: str, kredensial: str, method: str, path: str, body: bytes
) -> dict[str, str]:
    """The headers of a signed request (a fresh nonce and the current time)."""
    waktu = str(int(time.time()))
    nonce = secrets.token_hex(16)
    pesan = teks_permintaan(
        method=method,
        path=path,
        body_sha256=sha256_hex(body),
        waktu=waktu,
        nonce=nonce,
        kredensial=kredensial,
    )
    return {
        H_PROTOKOL: str(VERSI_PROTOKOL),
        H_KREDENSIAL: kredensial,
        H_WAKTU: waktu,
        H_NONCE: nonce,
        H_TANDA_TANGAN: tanda_tangani(privat_b64, pesan),
    }


def teks_jawaban(*, nonce: str, status: int, body: bytes) -> bytes:
    """What the hub's answer signature covers: the request's nonce, the status and body hash."""
    return "\n".join(["SID-SINKRON-JAWABAN-1", nonce, str(status), sha256_hex(body)]).encode()


# --- batches --------------------------------------------------------------------------------
def manifes(isi: Any, berkas: dict[str, str] | None = None) -> dict[str, Any]:
    """SHA-256 manifest of a batch: the canonical hash of its content and of each attached
    file (files travel base64 in the envelope's "berkas", keyed by their own SHA-256)."""
    return {
        "algoritma": "sha256",
        "isi": sha256_hex(json_kanonik(isi)),
        "berkas": {sha: len(dari_b64(data)) for sha, data in sorted((berkas or {}).items())},
    }


def digest_rekaman(pasangan: list[tuple[str, str]]) -> str:
    """One hash over a set of records, from their (key, record hash) pairs in any order."""
    return sha256_hex("\n".join(f"{k}:{h}" for k, h in sorted(pasangan)).encode())


def jumlah_angka(isi: Any) -> int | None:
    """The headline total of an aggregate content: the sum of the rows of its
    `kategori_total` (e.g. residents by sex) and/or its `kunci_total` (one row, e.g. the
    monthly change's end-of-month count "akhir": adding start, births, deaths and end into one
    number means nothing), or of every row. None when there are no rows."""
    if not isinstance(isi, dict) or not isinstance(isi.get("angka"), list):
        return None
    kategori, kunci = isi.get("kategori_total"), isi.get("kunci_total")
    return sum(
        int(r.get("jumlah", 0))
        for r in isi["angka"]
        if isinstance(r, dict)
        and (not kategori or r.get("kategori") == kategori)
        and (not kunci or r.get("kunci") == kunci)
    )


def teks_bukti_rotasi(*, kode_desa: str, kunci_publik_baru: str, kredensial_lama: str) -> bytes:
    """What the new key signs when a village rotates its key (proof it holds the new key)."""
    return "\n".join(["SID-ROTASI-1", kode_desa, kunci_publik_baru, kredensial_lama]).encode()


def ringkasan_cocok(desa: dict, hub: dict) -> bool:
    """Reconciliation: the village's summary and the hub's agree on every total both carry
    (content hash, headline total, records count and digest); period and number excluded."""
    kunci = (set(desa) & set(hub)) - {"periode", "urutan"}
    return bool(kunci) and all(desa[k] == hub[k] for k in kunci)
