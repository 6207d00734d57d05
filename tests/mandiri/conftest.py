"""Fixtures of the Layanan Mandiri tests: two families, accounts with known PINs, logging in."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.hashers import make_password

from sid import kode
from tests.factories import KeluargaFactory, PendudukFactory, buat_rt

PIN_BUDI = "480315"
PIN_RINA = "902731"


@pytest.fixture(autouse=True)
def _hash_cepat(settings):
    """Hashing speed is not under test here (one test checks the real hasher explicitly)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def keluarga_budi(desa):
    """Budi (head), Siti (wife), Adi (son) in KRAJAN RT 001."""
    k = KeluargaFactory(no_kk="3201010101230001", wilayah=buat_rt(), alamat="Jl. Melati No. 5")
    budi = PendudukFactory(
        nama="Budi Santoso",
        keluarga=k,
        shdk=kode.SHDK.KEPALA_KELUARGA,
        status_kawin=2,
        tanggal_lahir=datetime.date(1980, 5, 17),
        nik="3201011705800001",
    )
    siti = PendudukFactory(
        nama="Siti Aminah",
        keluarga=k,
        shdk=kode.SHDK.ISTRI,
        status_kawin=2,
        jenis_kelamin=2,
        tanggal_lahir=datetime.date(1983, 2, 3),
        nik="3201014302830002",
    )
    adi = PendudukFactory(
        nama="Adi Santoso",
        keluarga=k,
        shdk=kode.SHDK.ANAK,
        tanggal_lahir=datetime.date(2008, 7, 9),
        nik="3201010907080003",
    )
    return k, budi, siti, adi


@pytest.fixture
def keluarga_rina(desa):
    """Another family in another RT: Rina (head) and her son Bayu."""
    k = KeluargaFactory(no_kk="3201010101230002", wilayah=buat_rt(rt="002"), alamat="Jl. Mawar 2")
    rina = PendudukFactory(
        nama="Rina Wati",
        keluarga=k,
        shdk=kode.SHDK.KEPALA_KELUARGA,
        jenis_kelamin=2,
        status_kawin=4,
        tanggal_lahir=datetime.date(1975, 9, 21),
        nik="3201016109750004",
    )
    bayu = PendudukFactory(
        nama="Bayu Pratama",
        keluarga=k,
        shdk=kode.SHDK.ANAK,
        tanggal_lahir=datetime.date(2001, 3, 14),
        nik="3201011403010005",
    )
    return k, rina, bayu


def buat_akun(penduduk, pin: str, *, wajib_ganti: bool = False):
    from mandiri.models import AkunMandiri

    return AkunMandiri.objects.create(
        penduduk=penduduk, pin=make_password(pin), wajib_ganti_pin=wajib_ganti
    )


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
