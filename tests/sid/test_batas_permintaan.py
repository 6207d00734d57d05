"""Oversized request bodies are refused from their Content-Length, before a byte is read; the
larger limit holds only on the staff upload pages and only for a logged-in staff user. And a
refused `next=` after a staff login lands on the back office."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import SANDI_UJI

MB = 1024 * 1024
PULIHKAN = "/admin/sid/logcadangan/pulihkan/"


class TidakBolehDibaca(io.RawIOBase):
    """A wsgi.input that fails the test if anyone reads it (stands for a 300 MB upload)."""

    dibaca = 0

    def read(self, *args, **kwargs):
        TidakBolehDibaca.dibaca += 1
        raise AssertionError("badan permintaan dibaca")

    readline = readinto = read


def _kirim_besar(client: Client, path: str, panjang: int, **extra):
    return client.generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=xyz",
        **{"wsgi.input": TidakBolehDibaca(), "CONTENT_LENGTH": str(panjang), **extra},
    )


@pytest.mark.django_db
def test_kiriman_300_mb_ke_login_warga_ditolak_413_tanpa_dibaca(client):
    TidakBolehDibaca.dibaca = 0
    r = _kirim_besar(client, "/mandiri/masuk/", 300 * MB)
    assert r.status_code == 413
    teks = r.content.decode()
    assert "Kiriman terlalu besar" in teks and "12 MB" in teks
    assert r["Content-Type"].startswith("text/html")
    assert "<script" not in teks
    assert TidakBolehDibaca.dibaca == 0


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/mandiri/masuk/", "/admin/login/", "/tidak-ada/", PULIHKAN])
def test_setiap_alamat_menolak_di_atas_batas_umum_tanpa_membaca(client, path):
    TidakBolehDibaca.dibaca = 0
    assert _kirim_besar(client, path, 12 * MB + 1).status_code == 413
    assert TidakBolehDibaca.dibaca == 0


@pytest.mark.django_db
def test_badan_tanpa_content_length_ditolak_411_tanpa_dibaca(client):
    TidakBolehDibaca.dibaca = 0
    r = _kirim_besar(
        client, "/mandiri/masuk/", 0, CONTENT_LENGTH="", HTTP_TRANSFER_ENCODING="chunked"
    )
    assert r.status_code == 411
    assert TidakBolehDibaca.dibaca == 0


def _arsip(ukuran: int) -> dict:
    return {"arsip": "", "unggahan": SimpleUploadedFile("cadangan.tar.gz", b"\0" * ukuran)}


@pytest.mark.django_db
def test_unggahan_staf_boleh_lebih_besar_hanya_untuk_staf_yang_masuk(settings, admin_desa):
    settings.SID_BATAS_PERMINTAAN_MB = 1
    settings.SID_BATAS_UNGGAHAN_STAF_MB = 3
    staf = Client()
    staf.force_login(admin_desa)
    # 2 MB: above the general limit, below the staff upload limit -> the page itself answers.
    r = staf.post(PULIHKAN, _arsip(2 * MB))
    assert r.status_code == 200
    assert "Kiriman terlalu besar" not in r.content.decode()
    # The same upload anonymously: the general limit.
    r = Client().post(PULIHKAN, _arsip(2 * MB))
    assert r.status_code == 413 and "1 MB" in r.content.decode()
    # A staff user on any other page: the general limit.
    r = staf.post("/admin/penduduk/penduduk/add/", _arsip(2 * MB))
    assert r.status_code == 413
    # Above the staff limit: refused there too, with that limit named.
    r = staf.post(PULIHKAN, _arsip(4 * MB))
    assert r.status_code == 413 and "3 MB" in r.content.decode()


@pytest.mark.django_db
def test_unggahan_staf_tanpa_hak_staf_memakai_batas_umum(settings, buat_staf):
    settings.SID_BATAS_PERMINTAAN_MB = 1
    bukan_staf = buat_staf(None, username="bukanstaf", is_staff=False)
    c = Client()
    c.force_login(bukan_staf)
    assert c.post(PULIHKAN, _arsip(2 * MB)).status_code == 413


@pytest.mark.django_db
def test_api_hub_memakai_batas_kirimannya_sendiri(settings, client):
    settings.SID_HUB = True
    settings.SID_BATAS_PERMINTAAN_MB = 1
    settings.SID_HUB_BATAS_BATCH_MB = 3
    body = b"{" + b" " * (2 * MB) + b"}"
    r = client.post("/api/sinkron/status/", body, content_type="application/json")
    assert r.status_code != 413  # refused by the API's own checks (unsigned), not by size
    TidakBolehDibaca.dibaca = 0
    assert _kirim_besar(client, "/api/sinkron/batch/", 4 * MB).status_code == 413
    assert TidakBolehDibaca.dibaca == 0


# --- item 12: a refused next= ------------------------------------------------------------------
@pytest.mark.django_db
def test_next_ke_situs_lain_setelah_login_staf_mendarat_di_back_office(buat_staf):
    buat_staf("Operator", username="operator1")
    c = Client()
    r = c.post(
        "/admin/login/?next=https://evil.example/curi",
        {"username": "operator1", "password": SANDI_UJI, "next": "https://evil.example/curi"},
    )
    assert r.status_code == 302
    assert r["Location"] == "/admin/"
    assert c.get(r["Location"]).status_code == 200
