"""Fixtures for the sync tests that run in one process: the same database holds the village's
tables (sinkron) and the hub's (hub), and the village's HTTP goes through Django's test client
instead of the network. The two-server tests (test_dua_server.py) use real processes."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.factories import KeluargaFactory, PendudukFactory, buat_rt

URL_HUB = "http://hub.uji"
KODE_DESA = "3201012001"


@pytest.fixture(autouse=True)
def _berkas_sinkron_di_folder_uji(_tugas_langsung_dan_cache_lokal):
    """Point the private FileFields of sinkron and hub at the per-test private storage."""
    from django.core.files.storage import storages

    from hub.models import PengumumanHub, PesanTiket, RekamanHub
    from perangkat.models import Pengangkatan
    from sinkron.models import PengumumanDesa, PesanTiketDesa

    fields = [
        Pengangkatan._meta.get_field("berkas_sk"),
        RekamanHub._meta.get_field("berkas"),
        PengumumanHub._meta.get_field("lampiran"),
        PesanTiket._meta.get_field("lampiran"),
        PengumumanDesa._meta.get_field("lampiran"),
        PesanTiketDesa._meta.get_field("lampiran"),
    ]
    asli = [f.storage for f in fields]
    for f in fields:
        f.storage = storages["privat"]
    yield
    for f, s in zip(fields, asli, strict=True):
        f.storage = s


@pytest.fixture(autouse=True)
def _sandi_cepat(settings):
    """Many staff users per test here: a fast hasher keeps the setup cheap."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def hub_aktif(settings):
    settings.SID_HUB = True
    settings.SID_HUB_NAMA = "Hub Kabupaten Bogor"
    settings.SID_HUB_KODE_WILAYAH = "3201"
    return settings


class TransportLokal:
    """klien.TRANSPORT that answers from this process's URLconf; can simulate an outage."""

    def __init__(self):
        self.client = Client()
        self.mati = False
        self.permintaan: list[tuple[str, str]] = []

    def __call__(self, method, url, headers, body, timeout):
        if self.mati:
            raise ConnectionRefusedError(111, "Connection refused")
        bagian = urlsplit(url)
        path = bagian.path + (f"?{bagian.query}" if bagian.query else "")
        self.permintaan.append((method, path))
        extra = {
            "HTTP_" + k.upper().replace("-", "_"): v
            for k, v in headers.items()
            if k.lower() not in ("content-type",)
        }
        r = self.client.generic(
            method,
            path,
            data=body or b"",
            content_type=headers.get("Content-Type", "application/json"),
            **extra,
        )
        return r.status_code, dict(r.headers.items()), r.content


@pytest.fixture
def transport(monkeypatch, hub_aktif):
    from sinkron import klien

    t = TransportLokal()
    monkeypatch.setattr(klien, "TRANSPORT", t)
    return t


@pytest.fixture
def staf_hub(db, hub_aktif, buat_staf):
    """Hub users: one for the kabupaten (3201), one for kecamatan 320101, one for 320102."""
    from hub.models import PenggunaHub

    hasil = {}
    for nama, lingkup in (("kab", "3201"), ("kec1", "320101"), ("kec2", "320102")):
        user = buat_staf(None, username=f"hub_{nama}", first_name=f"Staf {nama}")
        PenggunaHub.objects.create(user=user, lingkup=lingkup, nama_lingkup=nama.upper())
        hasil[nama] = user
    return hasil


@pytest.fixture
def kode_pendaftaran(staf_hub):
    """The hub registers the village code and issues a one-time code."""
    from hub.lingkup import Lingkup
    from hub.services.pendaftaran import desa_daftar, kode_pendaftaran_buat

    desa = desa_daftar(
        oleh=staf_hub["kab"],
        lingkup=Lingkup("3201"),
        kode=KODE_DESA,
        nama="Sukamaju",
        nama_kecamatan="Cibinong",
    )
    kode, _ = kode_pendaftaran_buat(oleh=staf_hub["kab"], desa=desa)
    return kode


@pytest.fixture
def terdaftar(desa, transport, kode_pendaftaran, admin_desa):
    """The village enrolled at the hub."""
    from sinkron.services.pendaftaran import hub_daftar

    return hub_daftar(oleh=admin_desa, url=URL_HUB, kode=kode_pendaftaran)


@pytest.fixture
def warga(desa):
    """A small village: two dusun, a few residents with varied codes, one family."""
    krajan = buat_rt("KRAJAN", "001", "001")
    sukasari = buat_rt("SUKASARI", "002", "001")
    k = KeluargaFactory(wilayah=krajan)
    orang = [
        PendudukFactory(keluarga=k, shdk=1, jenis_kelamin=1, pendidikan_kk=5, pekerjaan=9),
        # ISTRI of a head recorded unmarried: refused by the SHDK rule, kept as written here.
        PendudukFactory(
            keluarga=k, shdk=3, jenis_kelamin=2, pendidikan_kk=7, pekerjaan=2, periksa=False
        ),
        PendudukFactory(wilayah=krajan, jenis_kelamin=2, pendidikan_kk=3, pekerjaan=1),
        PendudukFactory(
            wilayah=sukasari,
            jenis_kelamin=1,
            pendidikan_kk=5,
            pekerjaan=9,
            tanggal_lahir=datetime.date(2015, 3, 4),
        ),
        PendudukFactory(wilayah=sukasari, jenis_kelamin=2, pendidikan_kk=1, pekerjaan=1),
    ]
    return orang
