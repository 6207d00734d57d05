"""HTTP to a hub: signed JSON requests over `urllib.request` (stdlib, no new dependency), and
the verification of the hub's signed answers.

`TRANSPORT` is the one function that touches the network; tests replace it to route requests
into the same process (tests/sinkron/conftest.py).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from sid.lib.kabel import protokol

log = logging.getLogger("sinkron")


class GagalJaringan(Exception):
    """The hub could not be reached or answered garbage: retry later (message in Indonesian)."""


@dataclass
class Jawaban:
    status: int
    data: dict[str, Any] = field(default_factory=dict)
    mentah: bytes = b""
    jenis: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def kode_galat(self) -> str:
        return str(self.data.get("galat", "")) if isinstance(self.data, dict) else ""

    @property
    def pesan(self) -> str:
        return str(self.data.get("pesan", "")) if isinstance(self.data, dict) else ""


def _urllib(
    method: str, url: str, headers: dict[str, str], body: bytes | None, timeout: float
) -> tuple[int, dict[str, str], bytes]:
    permintaan = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(permintaan, timeout=timeout) as r:  # noqa: S310 - http(s) only
            return r.status, dict(r.headers.items()), r.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, dict(exc.headers.items()), exc.read()


# (method, url, headers, body, timeout) -> (status, headers, body)
TRANSPORT = _urllib


def gabung_url(dasar: str, path: str) -> str:
    return dasar.rstrip("/") + path


def path_penuh(url: str) -> str:
    bagian = urlsplit(url)
    return bagian.path + (f"?{bagian.query}" if bagian.query else "")


def _pesan_jaringan(exc: Exception) -> str:
    alasan = getattr(exc, "reason", exc)
    return f"Hub tidak dapat dihubungi ({alasan}). Periksa koneksi internet atau alamat hub."


def kirim(
    *,
    url_hub: str,
    path: str,
    method: str = "POST",
    data: Any = None,
    mentah: bytes | None = None,
    kredensial: str,
    kunci_privat: str,
    kunci_publik_hub: str = "",
) -> Jawaban:
    """Send one signed request. Raises GagalJaringan when there is no usable answer (network,
    5xx, or an answer whose hub signature does not verify)."""
    url = gabung_url(url_hub, path)
    if urlsplit(url).scheme not in ("http", "https"):
        raise GagalJaringan("Alamat hub harus diawali http:// atau https://.")
    body = mentah if mentah is not None else (b"" if data is None else protokol.json_kanonik(data))
    headers = protokol.kepala_bertanda(
        privat_b64=kunci_privat,
        kredensial=kredensial,
        method=method,
        path=path_penuh(url),
        body=body,
    )
    headers["Content-Type"] = "application/json"
    headers["Accept"] = "application/json"
    try:
        status, kepala, isi = TRANSPORT(
            method, url, headers, body or None, settings.SID_SINKRON_BATAS_WAKTU_DETIK
        )
    except (OSError, ValueError) as exc:
        raise GagalJaringan(_pesan_jaringan(exc)) from exc
    if status >= 500:
        raise GagalJaringan(f"Hub sedang bermasalah (HTTP {status}); dicoba lagi nanti.")
    kepala = {k.lower(): v for k, v in kepala.items()}
    if kunci_publik_hub and status < 500:
        ttd = kepala.get(protokol.H_TANDA_TANGAN_HUB.lower(), "")
        pesan = protokol.teks_jawaban(nonce=headers[protokol.H_NONCE], status=status, body=isi)
        if not protokol.tanda_tangan_sah(kunci_publik_hub, pesan, ttd):
            raise GagalJaringan(
                "Jawaban hub tidak bertanda tangan sah (mungkin bukan hub yang benar, atau "
                "dirusak di jalan). Kiriman dicoba lagi nanti."
            )
    jenis = kepala.get("content-type", "")
    jawaban = Jawaban(status=status, mentah=isi, jenis=jenis)
    if jenis.startswith("application/json"):
        try:
            jawaban.data = json.loads(isi or b"{}")
        except ValueError as exc:
            raise GagalJaringan("Jawaban hub bukan JSON yang sah.") from exc
    elif status != 200 or method != "GET":
        raise GagalJaringan(f"Jawaban hub tidak dikenal (HTTP {status}, {jenis or 'tanpa jenis'}).")
    return jawaban


def kirim_ke_hub(hub, *, path: str, method: str = "POST", data: Any = None) -> Jawaban:
    """A signed request with the credential of an enrolled hub (sinkron.models.Hub)."""
    return kirim(
        url_hub=hub.url,
        path=path,
        method=method,
        data=data,
        kredensial=str(hub.kredensial),
        kunci_privat=hub.kunci_privat,
        kunci_publik_hub=hub.kunci_publik_hub,
    )
