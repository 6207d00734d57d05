"""Shared fixtures. Tests run on PostgreSQL when DATABASE_URL is set (CI), else SQLite."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ARTEFAK = Path(__file__).resolve().parent / "artefak"


def pytest_configure(config):
    # No persistent connections in tests: live-server threads must not keep the test
    # database open when pytest-django drops it.
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


def perlu_layanan(alasan: str) -> None:
    """Skip on a bare machine; fail in CI (SID_REQUIRE_SERVICES=1), where it must run."""
    if os.environ.get("SID_REQUIRE_SERVICES") == "1":
        pytest.fail(f"Layanan wajib tidak tersedia di CI: {alasan}")
    pytest.skip(alasan)


@pytest.fixture(autouse=True)
def _tugas_langsung_dan_cache_lokal(settings, tmp_path):
    """Unit tests: Celery eager, local-memory cache, private/media files in a temp folder."""
    from sid.celery_app import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "privat"
    settings.STORAGES = {
        **settings.STORAGES,
        "privat": {
            "BACKEND": "sid.lib.berkas.PenyimpananPrivat",
            "OPTIONS": {"location": str(tmp_path / "privat")},
        },
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def artefak() -> Path:
    """Folder for screenshots and PDFs a person may want to look at after the run."""
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    return ARTEFAK


@pytest.fixture
def desa(db):
    """A village with its identity filled in (kode desa set), so the dashboard shows."""
    from sid.models import IdentitasDesa

    desa = IdentitasDesa.ambil()
    desa.nama_desa = "Sukamaju"
    desa.kode_desa = "3201012001"
    desa.nama_kecamatan = "Cibinong"
    desa.nama_kabupaten = "Bogor"
    desa.nama_provinsi = "Jawa Barat"
    desa.save()
    from django.core.cache import cache

    from sid.lib.desa import KUNCI_CACHE

    cache.delete(KUNCI_CACHE)
    return desa


@pytest.fixture
def buat_staf(db):
    """Factory for a back-office user in a role: buat_staf("Operator")."""
    from tests.factories import StafFactory

    def _buat(peran: str | None = None, **kwargs):
        return StafFactory(peran=peran, **kwargs)

    return _buat


@pytest.fixture
def admin_desa(buat_staf):
    return buat_staf("Administrator", username="admindesa")


@pytest.fixture
def klien_admin(client, admin_desa):
    client.force_login(admin_desa)
    return client


@pytest.fixture
def operator(buat_staf):
    return buat_staf("Operator", username="operator")


@pytest.fixture
def sekretaris(buat_staf):
    return buat_staf("Sekretaris Desa", username="sekdes")


@pytest.fixture
def kades(buat_staf):
    return buat_staf("Kepala Desa", username="kades")


@pytest.fixture
def keluarga_budi(desa):
    """The shared village's family (tests/desa_uji.py): (keluarga, kepala, istri, anak)."""
    from tests import desa_uji

    return desa_uji.keluarga_budi()


@pytest.fixture
def keluarga_rina(desa):
    """A second family in RT 002 (tests/desa_uji.py): (keluarga, kepala, anak)."""
    from tests import desa_uji

    return desa_uji.keluarga_rina()


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        perlu_layanan("Chromium tidak terpasang (apt-get install chromium)")
    return path
