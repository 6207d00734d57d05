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


_TUTUP: list = []  # rolls the world back; run after the package's last test (below)


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
    blokir = django_db_blocker.unblock()
    pengaturan = override_settings(**_pengaturan(), STORAGES=storages)
    blokir.__enter__()
    pengaturan.enable()
    klien.TRANSPORT = TransportLokal()
    atomic = transaction.atomic()
    atomic.__enter__()

    def tutup():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        klien.TRANSPORT = asli
        pengaturan.disable()
        blokir.__exit__(None, None, None)
        shutil.rmtree(_FOLDER, ignore_errors=True)

    _TUTUP.append(tutup)
    return bangun(klien.TRANSPORT)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Roll the world back as soon as the last test of this folder is done, so the next
    folder's tests start from an empty database (pytest keeps a package-scoped fixture of a
    nested package until the session ends)."""
    hasil = yield
    folder = Path(__file__).parent
    if _TUTUP and (nextitem is None or folder not in Path(nextitem.path).parents):
        while _TUTUP:
            _TUTUP.pop()()
    return hasil


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
