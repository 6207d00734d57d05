"""Public statistics pages: anyone may read; aggregates only, no names, NIK or links."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from penduduk.statistik import kategori_publik
from sid.models import Wilayah


@pytest.mark.django_db
def test_tamu_membuka_indeks_dan_setiap_kategori_publik(client, populasi):
    r = client.get("/statistik/")
    assert r.status_code == 200
    for k in kategori_publik():
        assert f'href="/statistik/{k.kunci}/"' in r.content.decode()
        h = client.get(f"/statistik/{k.kunci}/")
        assert h.status_code == 200, k.kunci
        teks = h.content.decode()
        assert "TOTAL" in teks and 'id="tabel-statistik"' in teks and "<caption>" in teks
        assert "chart.umd.min.js" in teks and "cdn" not in teks.lower()


@pytest.mark.django_db
def test_halaman_publik_tanpa_nama_nik_dan_tautan_penduduk(client, populasi):
    for kunci in ("pendidikan-kk", "suku", "umur-rentang", "kelas-sosial", "ktp"):
        teks = client.get(f"/statistik/{kunci}/").content.decode()
        for p in populasi.values():
            assert p.nik not in teks
            assert re.search(rf"\b{p.nama}\b", teks) is None, (kunci, p.nama)
        assert "/admin/" not in teks
        assert "3201010101230001" not in teks  # no No. KK


@pytest.mark.django_db
def test_kategori_kesehatan_tidak_publik(client, populasi):
    for kunci in ("sakit-menahun", "cacat", "hamil", "cara-kb"):
        assert client.get(f"/statistik/{kunci}/").status_code == 404
    assert client.get("/statistik/tidak-ada/").status_code == 404


@pytest.mark.django_db
def test_filter_wilayah_publik_dan_cache_10_menit(client, populasi, django_assert_num_queries):
    dusun = Wilayah.objects.get(nama="SUKASARI", tingkat=1)
    r = client.get("/statistik/jenis-kelamin/", {"wilayah": dusun.pk})
    t = r.context["tabel"]
    assert (t.total.jumlah, t.total.l, t.total.p) == (3, 1, 2)
    assert client.get("/statistik/jenis-kelamin/", {"wilayah": "x"}).status_code == 404
    populasi["Rina"].delete()  # the cached aggregate stays for up to 10 minutes
    r = client.get("/statistik/jenis-kelamin/", {"wilayah": dusun.pk})
    assert r.context["tabel"].total.jumlah == 3
    cache.clear()
    assert (
        client.get("/statistik/jenis-kelamin/", {"wilayah": dusun.pk}).context["tabel"].total.jumlah
        == 2
    )


@pytest.mark.django_db
@pytest.mark.parametrize("jalur", ["/statistik/", "/statistik/umur-rentang/"])
def test_menu_statistik_tampil_sekali_dan_aktif(client, desa, jalur):
    menu = client.get(jalur).content.decode().split('aria-label="Menu utama"')[1].split("</nav>")[0]
    assert menu.count(">Statistik</a>") == 1
    assert 'class="nav-link active" href="/statistik/" aria-current="page">Statistik' in menu
