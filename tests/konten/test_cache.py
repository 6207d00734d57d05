"""Public pages are cached, and invalidated when content changes or its time comes."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from konten import services
from konten.cache import KUNCI_VERSI, versi_konten

pytestmark = pytest.mark.django_db


def test_beranda_disajikan_dari_cache_tanpa_query(client, buat_artikel, django_assert_num_queries):
    buat_artikel("Berita pertama")
    client.get("/")
    with django_assert_num_queries(0):
        response = client.get("/")
    assert "Berita pertama" in response.content.decode()
    assert response.has_header("ETag")


def test_etag_memberi_304(client, buat_artikel):
    buat_artikel()
    etag = client.get("/").headers["ETag"]
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and not response.content


def test_menerbitkan_membatalkan_cache(
    client, buat_artikel, redaksi, django_capture_on_commit_callbacks
):
    buat_artikel("Berita lama")
    a = buat_artikel("Berita baru terbit", terbit=False)
    assert "Berita baru terbit" not in client.get("/").content.decode()
    assert "Berita baru terbit" not in client.get("/rss/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.artikel_terbitkan(oleh=redaksi, artikel=a)
    assert "Berita baru terbit" in client.get("/").content.decode()
    assert "Berita baru terbit" in client.get("/rss/").content.decode()
    assert a.slug in client.get("/sitemap.xml").content.decode()


def test_menarik_artikel_membatalkan_cache(
    client, buat_artikel, redaksi, django_capture_on_commit_callbacks
):
    a = buat_artikel("Akan ditarik")
    url = a.get_absolute_url()
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.artikel_jadikan_draf(oleh=redaksi, artikel=a)
    assert client.get(url).status_code == 404
    assert "Akan ditarik" not in client.get("/").content.decode()


def test_artikel_terjadwal_muncul_saat_waktunya_tanpa_penulisan_lagi(
    client, buat_artikel, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        buat_artikel("Berita hari ini")
        buat_artikel("Berita terjadwal", pada=timezone.now() + datetime.timedelta(seconds=1))
    assert "Berita terjadwal" not in client.get("/").content.decode()  # cached now
    time.sleep(1.2)
    assert "Berita terjadwal" in client.get("/").content.decode()


def test_staf_melewati_cache(client, buat_artikel, redaksi, django_assert_max_num_queries):
    buat_artikel()
    client.get("/")
    client.force_login(redaksi)
    response = client.get("/")
    assert "private" in response["Cache-Control"]
    client.logout()
    assert "public" in client.get("/").headers["Cache-Control"]


def test_query_string_asing_tidak_membuat_entri_cache_baru(client, buat_artikel):
    buat_artikel()
    client.get("/artikel/")
    jumlah = len(cache._cache)
    for i in range(5):
        client.get(f"/artikel/?acak={i}")
    assert len(cache._cache) == jumlah
    client.get("/artikel/?halaman=1")
    assert len(cache._cache) == jumlah + 1


def test_pencarian_tidak_disimpan_di_cache(client, buat_artikel):
    buat_artikel()
    client.get("/cari/?q=kerja")  # the menu and sidebar are cached once
    sebelum = len(cache._cache)
    client.get("/cari/?q=bakti")
    client.get("/cari/?q=saluran")
    assert len(cache._cache) == sebelum


def test_versi_berubah_setelah_commit(buat_artikel, redaksi, django_capture_on_commit_callbacks):
    v1 = versi_konten()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        buat_artikel("X")
    assert versi_konten() == v1  # not before the commit
    for c in callbacks:
        c()
    assert versi_konten() != v1
    assert cache.get(KUNCI_VERSI)[0] != v1


def test_penghitung_dibaca_lewat_beacon_sekali_per_ip(client, buat_artikel):
    a = buat_artikel()
    url = reverse("konten:dibaca", args=[a.uuid])
    assert client.post(url).status_code == 204
    assert client.post(url).status_code == 204
    assert client.post(url, REMOTE_ADDR="10.9.9.9").status_code == 204
    assert client.get(url).status_code == 405
    a.refresh_from_db()
    assert a.dibaca == 2
