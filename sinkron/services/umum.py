"""Shared pieces of the village-side services: API paths, messages, backoff."""

from __future__ import annotations

import datetime
import random
from typing import Any

from sid.lib.audit import nama_pelaku

API = "/api/sinkron"
PATH = {
    "daftar": f"{API}/daftar/",
    "status": f"{API}/status/",
    "batch": f"{API}/batch/",
    "purge": f"{API}/purge/",
    "rotasi": f"{API}/kunci/rotasi/",
    "cabut": f"{API}/kunci/cabut/",
    "pengumuman": f"{API}/pengumuman/",
    "tiket": f"{API}/tiket/",
    "tiket_baru": f"{API}/tiket/baru/",
    "forum": f"{API}/forum/",
    "forum_baru": f"{API}/forum/baru/",
}

# Refusals after which the same request is worth sending again later (the rest are final).
SEMENTARA = {"ulangan", "kedaluwarsa", "tanda_tangan_salah", "nonce_tidak_sah", "terlalu_besar"}
# Refusals that mean this village's credential no longer works at the hub.
KREDENSIAL_MATI = {"kredensial_dicabut", "kredensial_tidak_dikenal"}

PESAN_KODE = {
    "kedaluwarsa": (
        "Jam server desa berselisih lebih dari 5 menit dengan jam hub. Perbaiki jam server "
        "(sinkronkan waktu/NTP); kiriman dicoba lagi otomatis."
    ),
    "kredensial_dicabut": (
        "Hub telah mencabut kredensial desa ini. Minta kode pendaftaran baru ke hub lalu "
        "daftar ulang."
    ),
    "kredensial_tidak_dikenal": (
        "Hub tidak mengenal kredensial desa ini. Minta kode pendaftaran baru ke hub lalu "
        "daftar ulang."
    ),
    "tanda_tangan_salah": (
        "Hub menolak tanda tangan kiriman. Bila terus terjadi, lakukan rotasi kunci atau "
        "daftar ulang."
    ),
}

JEDA_AWAL = 30  # seconds before the first retry
JEDA_MAKS = 6 * 60 * 60


def pesan_jawaban(jawaban: Any) -> str:
    """A hub refusal in plain Indonesian."""
    kode = getattr(jawaban, "kode_galat", "")
    if kode in PESAN_KODE:
        return PESAN_KODE[kode]
    pesan = getattr(jawaban, "pesan", "")
    if pesan:
        return f"Hub menolak: {pesan}"
    return f"Hub menolak permintaan (HTTP {getattr(jawaban, 'status', '?')})."


def jeda(gagal: int) -> datetime.timedelta:
    """Exponential backoff with ±20% jitter: 30 s, 1 min, 2 min … capped at 6 hours."""
    detik = min(JEDA_AWAL * 2 ** max(gagal - 1, 0), JEDA_MAKS)
    return datetime.timedelta(seconds=detik * random.uniform(0.8, 1.2))


def nama_pengguna(oleh: Any) -> str:
    """How the hub sees the village's user: "Full Name (username)"."""
    nama = oleh.get_full_name() if hasattr(oleh, "get_full_name") else ""
    akun = nama_pelaku(oleh)
    return (f"{nama} ({akun})" if nama else akun)[:150]
