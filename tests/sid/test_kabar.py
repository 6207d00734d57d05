"""sid.lib.kabar: a waiting request wakes on the task's announcement, not on a timer."""

import threading
import time

import pytest

from sid.lib import kabar
from tests.conftest import perlu_layanan
from tests.integrasi.celery_nyata import REDIS_UJI, redis_hidup

LAMA = 30.0  # the fallback re-check interval in these tests: waking before it proves the signal


@pytest.fixture
def tanpa_timer(monkeypatch):
    monkeypatch.setattr(kabar, "SELANG_CADANGAN", LAMA)


def _nanti(detik, *langkah):
    def jalan():
        time.sleep(detik)
        for f in langkah:
            f()

    t = threading.Thread(target=jalan, daemon=True)
    t.start()
    return t


def test_bangun_oleh_pengumuman_dalam_proses(settings, tanpa_timer):
    settings.REDIS_URL = ""
    siap = threading.Event()
    _nanti(0.2, siap.set, lambda: kabar.umumkan("uji:1"))
    mulai = time.monotonic()
    assert kabar.tunggu("uji:1", siap.is_set, batas_detik=60) is True
    assert time.monotonic() - mulai < LAMA / 2


def test_batas_waktu_habis_tanpa_hasil(settings):
    settings.REDIS_URL = ""
    periksa = []
    assert kabar.tunggu("uji:2", lambda: periksa.append(1) and False, batas_detik=0.3) is False
    assert len(periksa) >= 2  # at the start and once more when the time is up


def test_sudah_selesai_tidak_menunggu(settings, tanpa_timer):
    settings.REDIS_URL = ""
    mulai = time.monotonic()
    assert kabar.tunggu("uji:3", lambda: True, batas_detik=60) is True
    assert time.monotonic() - mulai < 1


def test_bangun_oleh_pesan_redis_dari_proses_lain(settings, tanpa_timer):
    """The worker is another process: only the Redis message can wake the page early."""
    if not REDIS_UJI or not redis_hidup(REDIS_UJI):
        perlu_layanan("Redis tidak tersedia (set REDIS_URL)")
    import redis

    settings.REDIS_URL = REDIS_UJI
    siap = threading.Event()
    lain = redis.Redis.from_url(REDIS_UJI)  # not kabar.umumkan: that also wakes this process
    _nanti(0.3, siap.set, lambda: lain.publish(kabar.AWALAN + "uji:4", "1"))
    mulai = time.monotonic()
    assert kabar.tunggu("uji:4", siap.is_set, batas_detik=60) is True
    assert time.monotonic() - mulai < LAMA / 2


def test_redis_mati_tetap_menunggu_dengan_timer(settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    monkeypatch.setattr(kabar, "SELANG_CADANGAN", 0.05)
    hitung = []

    def selesai():
        hitung.append(1)
        return len(hitung) >= 3

    assert kabar.tunggu("uji:5", selesai, batas_detik=20) is True
    kabar.umumkan("uji:5")  # does not raise either
