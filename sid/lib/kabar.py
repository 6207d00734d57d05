"""Waking a waiting request the moment background work is done, instead of re-reading on a timer.

A request that waits for a task (the letter page waiting for the worker's PDF) calls
`tunggu(kanal, selesai, batas_detik)`: it listens on the channel `kanal`, checks `selesai()`
(a database read), and sleeps until the task calls `umumkan(kanal)` after its transaction
committed, then checks again. With Redis (a real worker in another process) the channel is a
Redis pub/sub channel; in the embedded default (tasks in a thread of the same process,
sid/tugas_latar.py) it is a condition variable of the process, which `umumkan` also wakes.

An announcement only says "look again": the answer is always read from the database, so a
lost, late or foreign message (pub/sub channels are shared by every database number of one
Redis) costs one extra read, never a wrong answer. Should a message be lost (Redis restarted,
the worker killed between commit and publish), `selesai()` is still re-checked every
`SELANG_CADANGAN` seconds until the time is up.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings

log = logging.getLogger(__name__)

SELANG_CADANGAN = 0.5  # seconds between checks if no announcement comes
AWALAN = "sid:kabar:"

_kondisi = threading.Condition()
_versi = 0  # bumped by every announcement in this process
_klien = None


def _redis():
    """The process's Redis client for announcements (None without REDIS_URL)."""
    global _klien
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return None
    if _klien is None or _klien.url != url:
        import redis

        _klien = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)
        _klien.url = url
    return _klien


def umumkan(kanal: str) -> None:
    """Tell whoever waits on `kanal` to look again. Call it after the work's transaction
    committed. Never raises: without the announcement a waiter looks again a little later."""
    global _versi
    with _kondisi:
        _versi += 1
        _kondisi.notify_all()
    klien = _redis()
    if klien is None:
        return
    try:
        klien.publish(AWALAN + kanal, "1")
    except Exception:  # noqa: BLE001 - Redis down: the waiters fall back to their timer
        log.warning("Kabar %s tidak terkirim ke Redis", kanal, exc_info=True)


def _langganan(kanal: str):
    """A Redis subscription to `kanal`, confirmed by the server (so nothing published after
    this returns is missed), or None without Redis or when it does not answer."""
    klien = _redis()
    if klien is None:
        return None
    try:
        langganan = klien.pubsub()
        langganan.subscribe(AWALAN + kanal)
        if langganan.get_message(timeout=2) is None:  # the "subscribe" confirmation
            langganan.close()
            return None
        return langganan
    except Exception:  # noqa: BLE001 - Redis down: wait on the timer instead
        log.warning("Tidak bisa mendengarkan kabar %s dari Redis", kanal, exc_info=True)
        return None


def tunggu(kanal: str, selesai: Callable[[], bool], batas_detik: float) -> bool:
    """Return True as soon as `selesai()` is true, False when `batas_detik` passed first.
    `selesai()` is checked once at the start, after every announcement on `kanal`, and at
    least every SELANG_CADANGAN seconds."""
    batas = time.monotonic() + batas_detik
    langganan = _langganan(kanal)
    try:
        while True:
            versi = _versi  # read before checking: an announcement in between is not missed
            if selesai():
                return True
            sisa = batas - time.monotonic()
            if sisa <= 0:
                return False
            jeda = min(sisa, SELANG_CADANGAN)
            if langganan is not None:
                try:
                    langganan.get_message(ignore_subscribe_messages=True, timeout=jeda)
                    continue
                except Exception:  # noqa: BLE001 - connection lost: go on with the timer
                    log.warning("Langganan kabar %s terputus", kanal, exc_info=True)
                    langganan.close()
                    langganan = None
            with _kondisi:
                _kondisi.wait_for(lambda v=versi: _versi != v, timeout=jeda)
    finally:
        if langganan is not None:
            langganan.close()
