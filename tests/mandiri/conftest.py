"""Fixtures of the Layanan Mandiri tests: accounts with known PINs for the shared village's
two families (`keluarga_budi`, `keluarga_rina`: tests/desa_uji.py), logging in."""

from __future__ import annotations

import pytest

from tests.factories import AkunMandiriFactory

PIN_BUDI = "480315"
PIN_RINA = "902731"


@pytest.fixture(autouse=True)
def _hash_cepat(settings):
    """Hashing speed is not under test here (one test checks the real hasher explicitly)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def buat_akun(penduduk, pin: str, *, wajib_ganti: bool = False):
    return AkunMandiriFactory(penduduk=penduduk, pin=pin, wajib_ganti_pin=wajib_ganti)


@pytest.fixture
def akun_budi(keluarga_budi):
    return buat_akun(keluarga_budi[1], PIN_BUDI)


@pytest.fixture
def akun_rina(keluarga_rina):
    return buat_akun(keluarga_rina[1], PIN_RINA)


def masuk(client, nik: str, pin: str, **extra):
    return client.post("/mandiri/masuk/", {"nik": nik, "pin": pin}, **extra)


@pytest.fixture
def warga_budi(client, akun_budi):
    """A client logged in to the portal as Budi."""
    r = masuk(client, akun_budi.penduduk.nik, PIN_BUDI)
    assert r.status_code == 302, r.content[:500]
    return client


@pytest.fixture
def warga_rina(akun_rina):
    from django.test import Client

    c = Client()
    r = masuk(c, akun_rina.penduduk.nik, PIN_RINA)
    assert r.status_code == 302
    return c
