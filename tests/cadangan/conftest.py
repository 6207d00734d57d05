"""Fixtures for the backup tests: a private backup folder and a small demo village."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _folder_cadangan(settings, tmp_path):
    """Backups go to a temp folder; no copy folder, no encryption unless a test sets them."""
    settings.BACKUP_ROOT = tmp_path / "cadangan"
    settings.SID_CADANGAN_SALINAN_DIR = ""
    settings.SID_CADANGAN_KUNCI = ""
    settings.SID_CADANGAN_SIMPAN_MINGGUAN = 8
    settings.SID_CADANGAN_SIMPAN_BULANAN = 6
    yield
    # A restore replaces content types; never leave a cache pointing at rolled-back rows.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture
def desa_demo(desa, admin_desa):
    """A small but varied village (see tests.cadangan.benih)."""
    from tests.cadangan.benih import isi_desa_kecil

    return isi_desa_kecil(admin_desa)


@dataclass
class Arsip:
    log: object
    path: Path
    isi: dict  # tests.cadangan.isi.potret() at the moment of the backup


@pytest.fixture
def arsip_demo(desa_demo):
    """A verified backup of the demo village, with the content it must give back."""
    from sid.cadangan import jalur_berkas
    from sid.cadangan.services import cadangan_buat
    from tests.cadangan.isi import potret

    isi = potret()
    log = cadangan_buat(pelaku="uji")
    assert log.status == "ok", log.pesan_galat
    return Arsip(log=log, path=jalur_berkas(log.berkas), isi=isi)
