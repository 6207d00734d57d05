"""The screen harness's world: built once for the package inside an outer transaction that is
rolled back when the package ends; each test runs in a savepoint inside it (pytest-django's
`db`), so what one test writes is gone before the next."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings

from tests.sinkron.conftest import TransportLokal

_FOLDER = Path(tempfile.mkdtemp(prefix="sid-layar-"))


def _pengaturan():
    return {
        "SID_HUB": True,
        "SID_HUB_NAMA": "Hub Kabupaten Bogor",
        "SID_HUB_KODE_WILAYAH": "3201",
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        "MEDIA_ROOT": _FOLDER / "media",
        "PRIVATE_ROOT": _FOLDER / "privat",
    }


@pytest.fixture(scope="package")
def dunia(django_db_setup, django_db_blocker):
    from django.conf import settings

    from sid.celery_app import app
    from sinkron import klien
    from tests.layar.dunia import bangun

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    storages = {
        **settings.STORAGES,
        "privat": {
            "BACKEND": "sid.lib.berkas.PenyimpananPrivat",
            "OPTIONS": {"location": str(_FOLDER / "privat")},
        },
    }
    asli = klien.TRANSPORT
    with django_db_blocker.unblock(), override_settings(**_pengaturan(), STORAGES=storages):
        klien.TRANSPORT = TransportLokal()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield bangun(klien.TRANSPORT)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            klien.TRANSPORT = asli
            shutil.rmtree(_FOLDER, ignore_errors=True)


@pytest.fixture(autouse=True)
def _tugas_langsung_dan_cache_lokal(dunia):
    """Replaces the suite-wide fixture: the files of the world stay where it wrote them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="package")
def peta(dunia):
    """Every screen with a concrete URL (see peta.py); built once, by following links."""
    from tests.layar.penjelajah import GalatServer
    from tests.layar.peta import buat_peta
    from tests.layar.ukuran import UKURAN

    with GalatServer() as g:
        hasil = buat_peta(dunia)
    hasil.galat = g.galat
    UKURAN["pola"], UKURAN["halaman"] = len(hasil.pola), len(hasil.url)
    return hasil


def klien_untuk(dunia, siapa: str):
    """A client for one kind of visitor: a role name, superuser, warga, staf hub or anonim."""
    from tests.layar import harapan as h
    from tests.layar.peta import klien, klien_staf, klien_warga

    if siapa == h.ANONIM:
        return klien(), None
    if siapa == h.WARGA:
        return klien_warga(dunia), None
    if siapa == h.STAF_HUB:
        return klien_staf(dunia.staf_hub), dunia.staf_hub
    return klien_staf(dunia.staf[siapa]), dunia.staf[siapa]


def pytest_terminal_summary(terminalreporter):
    from tests.layar.ukuran import ringkasan

    for baris in ringkasan():
        terminalreporter.write_line(baris)
