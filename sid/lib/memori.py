"""Giving freed memory back to the operating system after big work in a long-lived process.

Python frees the objects of a finished export or PDF render, but glibc keeps the freed pages
of its heap for reuse while a live allocation sits above them, so a gunicorn or Celery worker
keeps the peak of its biggest job as its resident size. `malloc_trim(0)` hands every whole free
page back (about 0.2 ms). Other C libraries (musl, macOS) have no such call: then nothing is
done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Iterable, Iterator


def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return getattr(libc, "malloc_trim", None)


_MALLOC_TRIM = _malloc_trim()


def kembalikan_memori() -> None:
    """Return the C heap's free pages to the operating system (glibc only)."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def lalu_kembalikan_memori(potongan: Iterable[bytes]) -> Iterator[bytes]:
    """The chunks of a streamed response, then the memory back once it is sent or dropped."""
    try:
        yield from potongan
    finally:
        kembalikan_memori()
