"""Backups never sit under a public URL; other processes notice a restore."""

from __future__ import annotations

import pytest

from sid.cadangan import checks, sinyal


def test_folder_cadangan_di_dalam_media_adalah_galat(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_ROOT = tmp_path / "media" / "cadangan"
    galat = checks.folder_cadangan_tidak_publik()
    assert [g.id for g in galat] == ["sid.E101"]
    assert "URL publik" in galat[0].msg


def test_folder_salinan_di_dalam_static_adalah_galat(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.SID_CADANGAN_SALINAN_DIR = str(tmp_path / "static" / "salinan")
    assert [g.id for g in checks.folder_cadangan_tidak_publik()] == ["sid.E101"]


def test_folder_cadangan_terpisah_tidak_bermasalah(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_ROOT = tmp_path / "cadangan"
    assert checks.folder_cadangan_tidak_publik() == []


@pytest.mark.django_db
def test_proses_lain_membuang_cache_content_type_setelah_pemulihan(monkeypatch):
    from django.contrib.contenttypes.models import ContentType

    from sid.models import Wilayah

    monkeypatch.setattr(sinyal, "_keadaan", {"generasi": sinyal._BELUM, "diperiksa": 0.0})
    sinyal.periksa_generasi()  # this process has seen the current generation
    ContentType.objects.get_for_model(Wilayah)
    assert ContentType.objects._cache

    sinyal.umumkan_pemulihan()  # another process restored
    sinyal._keadaan["diperiksa"] = 0.0
    sinyal.periksa_generasi()

    assert not ContentType.objects._cache
