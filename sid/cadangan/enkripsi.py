"""Streaming authenticated encryption of a whole archive (AES-256-GCM in 1 MiB chunks).

Layout: a 35-byte header, then frames. Header = MAGIC (8) + scrypt salt (16) + log2(N), r, p
(1 byte each) + nonce prefix (8). Frame = 4-byte big-endian length of the ciphertext (the top
bit marks the last frame) + ciphertext (plaintext + 16-byte tag). Frame i uses the nonce
prefix + i (4 bytes) and authenticates header + i + last-flag as associated data, so frames
cannot be reordered, dropped, truncated or appended without the tag check failing.

The key is derived from the passphrase with scrypt (N=2^15, r=8, p=1) and a per-archive salt.
Memory use is two chunks whatever the archive size.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct

from sid.cadangan import ArsipDitolak

MAGIC = b"SIDENC01"
UKURAN_POTONGAN = 1024 * 1024
_AKHIR = 0x80000000
_LOG2_N, _R, _P = 15, 8, 1
_PANJANG_KEPALA = len(MAGIC) + 16 + 3 + 8

PESAN_RUSAK = (
    "Arsip terenkripsi tidak dapat dibuka: kunci (SID_CADANGAN_KUNCI) salah, atau arsip "
    "rusak, terpotong, atau telah diubah."
)


def _turunkan_kunci(kunci: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    if not 10 <= log2_n <= 20 or not 1 <= r <= 16 or not 1 <= p <= 4:
        raise ArsipDitolak(PESAN_RUSAK)
    return hashlib.scrypt(
        kunci.encode("utf-8"), salt=salt, n=2**log2_n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def _aes(kunci: str, salt: bytes, log2_n: int, r: int, p: int):
    # cryptography (~7 MB) is imported only when a backup is written or read, not by every
    # web and worker process (docs/architecture.md, "Imports inside functions").
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(_turunkan_kunci(kunci, salt, log2_n, r, p))


def terenkripsi(awal: bytes) -> bool:
    """Whether a file starting with these bytes is an encrypted archive."""
    return awal.startswith(MAGIC)


def _aad(kepala: bytes, urutan: int, akhir: bool) -> bytes:
    return kepala + struct.pack(">QB", urutan, 1 if akhir else 0)


class PenulisTerenkripsi(io.RawIOBase):
    """A write-only stream that encrypts into `tujuan`. `close()` writes the last frame."""

    def __init__(self, tujuan, kunci: str) -> None:
        super().__init__()
        salt = os.urandom(16)
        self._awalan = os.urandom(8)
        self._kepala = MAGIC + salt + bytes([_LOG2_N, _R, _P]) + self._awalan
        self._aes = _aes(kunci, salt, _LOG2_N, _R, _P)
        self._tujuan = tujuan
        self._sisa = bytearray()
        self._urutan = 0
        tujuan.write(self._kepala)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._sisa += data
        while len(self._sisa) > UKURAN_POTONGAN:
            self._frame(bytes(self._sisa[:UKURAN_POTONGAN]), akhir=False)
            del self._sisa[:UKURAN_POTONGAN]
        return len(data)

    def _frame(self, data: bytes, *, akhir: bool) -> None:
        nonce = self._awalan + struct.pack(">I", self._urutan)
        sandi = self._aes.encrypt(nonce, data, _aad(self._kepala, self._urutan, akhir))
        self._tujuan.write(struct.pack(">I", len(sandi) | (_AKHIR if akhir else 0)) + sandi)
        self._urutan += 1

    def close(self) -> None:
        if not self.closed:
            self._frame(bytes(self._sisa), akhir=True)
            self._sisa.clear()
        super().close()


class PembacaTerenkripsi(io.RawIOBase):
    """A read-only stream that decrypts `sumber`; any damage raises `ArsipDitolak`."""

    def __init__(self, sumber, kunci: str) -> None:
        super().__init__()
        kepala = sumber.read(_PANJANG_KEPALA)
        if len(kepala) != _PANJANG_KEPALA or not terenkripsi(kepala):
            raise ArsipDitolak(PESAN_RUSAK)
        salt = kepala[8:24]
        log2_n, r, p = kepala[24], kepala[25], kepala[26]
        self._awalan = kepala[27:35]
        self._kepala = kepala
        self._aes = _aes(kunci, salt, log2_n, r, p)
        self._sumber = sumber
        self._urutan = 0
        self._buffer = b""
        self._posisi = 0
        self._selesai = False

    def readable(self) -> bool:
        return True

    def _baca_pas(self, n: int) -> bytes:
        data = self._sumber.read(n)
        while len(data) < n:
            tambahan = self._sumber.read(n - len(data))
            if not tambahan:
                raise ArsipDitolak(PESAN_RUSAK)  # truncated
            data += tambahan
        return data

    def _frame_berikut(self) -> None:
        (panjang,) = struct.unpack(">I", self._baca_pas(4))
        akhir = bool(panjang & _AKHIR)
        panjang &= ~_AKHIR
        if panjang > UKURAN_POTONGAN + 16:
            raise ArsipDitolak(PESAN_RUSAK)
        from cryptography.exceptions import InvalidTag

        sandi = self._baca_pas(panjang)
        nonce = self._awalan + struct.pack(">I", self._urutan)
        try:
            self._buffer = self._aes.decrypt(nonce, sandi, _aad(self._kepala, self._urutan, akhir))
        except InvalidTag:
            raise ArsipDitolak(PESAN_RUSAK) from None
        self._posisi = 0
        self._urutan += 1
        if akhir:
            if self._sumber.read(1):
                raise ArsipDitolak(PESAN_RUSAK)  # data after the last frame
            self._selesai = True

    def readinto(self, b) -> int:
        while self._posisi >= len(self._buffer):
            if self._selesai:
                return 0
            self._frame_berikut()
        n = min(len(b), len(self._buffer) - self._posisi)
        b[:n] = self._buffer[self._posisi : self._posisi + n]
        self._posisi += n
        return n
