"""Fixtures of the website tests: editors, contributors, images, articles."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from konten import services
from konten.models import Artikel


@pytest.fixture(autouse=True)
def _sandi_cepat(settings):
    """Staff users are created in almost every test here; hashing speed is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _berkas_privat_di_folder_uji(monkeypatch, _tugas_langsung_dan_cache_lokal):
    """The private FileFields got their storage when the models were imported (a callable
    storage is evaluated once); point them at the test's temporary private folder."""
    from django.core.files.storage import storages

    from konten.models import DokumenPublik

    for model, nama in ((Artikel, "lampiran"), (DokumenPublik, "berkas")):
        monkeypatch.setattr(model._meta.get_field(nama), "storage", storages["privat"])


@pytest.fixture(autouse=True)
def _halaman_dan_menu_bawaan(db):
    """The default static pages and menu come from a data migration; a transactional test
    elsewhere in the run flushes them, so put them back the way the migration does."""
    import importlib

    from django.apps import apps

    migrasi = importlib.import_module("konten.migrations.0002_halaman_menu_bawaan")
    migrasi.isi(apps, None)


@pytest.fixture
def redaksi(buat_staf):
    return buat_staf("Redaksi", username="redaksi", first_name="Rina", last_name="Redaksi")


@pytest.fixture
def kontributor(buat_staf):
    return buat_staf("Kontributor", username="kontributor", first_name="Kurnia")


@pytest.fixture
def kontributor_lain(buat_staf):
    return buat_staf("Kontributor", username="kontributor2", first_name="Lain")


@pytest.fixture
def kategori(db, redaksi):
    return services.kategori_create(oleh=redaksi, data={"nama": "Berita Desa"})


@pytest.fixture
def buat_artikel(db, redaksi, desa):
    """buat_artikel(judul=..., terbit=True/False, pada=datetime, oleh=user, **data)."""

    def _buat(judul="Kerja bakti di Dusun Krajan", *, terbit=True, pada=None, oleh=None, **data):
        oleh = oleh or redaksi
        isi = data.pop("isi", "<p>Warga membersihkan saluran air bersama-sama.</p>")
        if terbit and services.boleh_terbitkan(oleh):
            data.setdefault("status", Artikel.Status.TERBIT)
            data.setdefault("terbit_pada", pada or timezone.now() - datetime.timedelta(hours=1))
        return services.artikel_create(oleh=oleh, data={"judul": judul, "isi": isi, **data})

    return _buat


@pytest.fixture
def kategori_anak(kategori, redaksi):
    return services.kategori_create(oleh=redaksi, data={"nama": "Pemerintahan", "induk": kategori})
