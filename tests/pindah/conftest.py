"""The reference OpenSID v2410 backup (shared/reference/opensid/cadangan-v2410) and the village
it becomes, imported once per test module (rolled back afterwards)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from tests.rujukan import folder_rujukan


def _rujukan() -> Path:
    return folder_rujukan("opensid", "cadangan-v2410")


@pytest.fixture(scope="module")
def rujukan():
    """(backup .sql, folder backup .zip, manifest) of the reference village."""
    folder = _rujukan()
    manifest = json.loads((folder / "manifest.json").read_text())
    return (
        folder / "opensid-v2410-sumberejo.sql",
        folder / "opensid-v2410-sumberejo-desa.zip",
        manifest,
    )


@pytest.fixture(scope="module")
def media_referensi(tmp_path_factory) -> dict:
    """Where the reference import stores its files: settings for a test that reads them
    (the per-test autouse fixture points the storages elsewhere)."""
    media = tmp_path_factory.mktemp("media")
    return {
        "MEDIA_ROOT": str(media / "publik"),
        "PRIVATE_ROOT": str(media / "privat"),
        "STORAGES": {
            **settings.STORAGES,
            "privat": {
                "BACKEND": "sid.lib.berkas.PenyimpananPrivat",
                "OPTIONS": {"location": str(media / "privat")},
            },
        },
    }


@pytest.fixture(scope="module")
def desa_referensi(django_db_setup, django_db_blocker, rujukan, media_referensi):
    """The reference backup imported into an empty village: (report, manifest). Tests that
    use it also take `db` (each runs in a savepoint inside this module's transaction)."""
    from django.test import override_settings

    from pindah.jalankan import pindah_opensid

    sql, zip_desa, manifest = rujukan
    with (
        override_settings(**media_referensi),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        cache.clear()
        laporan = pindah_opensid(oleh=None, sumber=sql, folder=zip_desa, dry_run=False)
        yield laporan, manifest
        transaction.set_rollback(True)
    cache.clear()
