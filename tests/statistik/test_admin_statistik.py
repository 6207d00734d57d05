"""The back-office statistics page: permissions, table, chart data, and drill-down links."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from penduduk.statistik import KATEGORI, hitung
from penduduk.statistik.tautan import tautan_tabel
from sid.models import Wilayah

URL = "/admin/penduduk/statistik/"


@pytest.mark.django_db
def test_operator_membuka_setiap_kategori(klien_operator, populasi):
    for k in KATEGORI:
        r = klien_operator.get(URL, {"kategori": k.kunci})
        assert r.status_code == 200, k.kunci
        teks = r.content.decode()
        assert k.judul in teks
        assert 'id="grafik-statistik"' in teks and "chart.umd.min.js" in teks
        assert "BELUM MENGISI" in teks and "TOTAL" in teks


@pytest.mark.django_db
def test_kepala_desa_dan_sekretaris_boleh_melihat(client, buat_staf, populasi):
    for peran in ("Kepala Desa", "Sekretaris Desa", "Administrator"):
        client.force_login(buat_staf(peran))
        assert client.get(URL).status_code == 200, peran


@pytest.mark.django_db
def test_redaksi_tidak_boleh_membuka_statistik_back_office(client, buat_staf, populasi):
    client.force_login(buat_staf("Redaksi"))
    assert client.get(URL, {"kategori": "agama"}).status_code == 403
    assert client.get(reverse("admin:penduduk_rentangumur_changelist")).status_code == 403


@pytest.mark.django_db
def test_tamu_diarahkan_ke_login(client, populasi):
    r = client.get(URL)
    assert r.status_code == 302 and "/admin/login/" in r["Location"]


@pytest.mark.django_db
def test_kategori_atau_wilayah_tak_dikenal_404(klien_operator, populasi):
    assert klien_operator.get(URL, {"kategori": "tidak-ada"}).status_code == 404
    assert klien_operator.get(URL, {"wilayah": "99999"}).status_code == 404
    assert klien_operator.get(URL, {"wilayah": "abc"}).status_code == 404


def _hasil_daftar(client, url) -> int:
    r = client.get(url)
    assert r.status_code == 200, url
    assert "cl" in r.context, url
    return r.context["cl"].result_count


@pytest.mark.django_db
@pytest.mark.parametrize("tingkat", [None, 1, 2, 3])
def test_setiap_angka_bertaut_ke_daftar_dengan_jumlah_sama(klien_operator, populasi, tingkat):
    wilayah = None
    if tingkat:
        wilayah = Wilayah.objects.filter(tingkat=tingkat).order_by("-nama").first()
    diperiksa = 0
    contoh = [
        "pendidikan-kk",
        "umur-kategori",
        "ktp",
        "hamil",
        "suku",
        "kelas-sosial",
        "akta-lahir",
    ]
    for k in KATEGORI if tingkat is None else [k for k in KATEGORI if k.kunci in contoh]:
        tabel = hitung(k, wilayah=wilayah)
        baris = tabel.semua_baris
        for (i, kolom), url in tautan_tabel(tabel).items():
            if kolom != "jumlah" and k.kunci not in contoh:
                continue  # L/P columns: a sample of categories keeps the test short
            assert _hasil_daftar(klien_operator, url) == getattr(baris[i], kolom), (k.kunci, url)
            diperiksa += 1
    assert diperiksa > (50 if tingkat is None else 10)


@pytest.mark.django_db
def test_halaman_memuat_tautan_sel_dan_data_grafik(klien_operator, populasi):
    r = klien_operator.get(URL, {"kategori": "pendidikan-kk"})
    teks = r.content.decode()
    tautan = [unescape(u) for u in re.findall(r'href="(/admin/penduduk/penduduk/\?[^"]+)"', teks)]
    assert any("pendidikan_kk__exact=5" in u for u in tautan)
    grafik = r.context["grafik"]
    assert grafik["label"] == [
        "BELUM TAMAT SD/SEDERAJAT",
        "SLTP/SEDERAJAT",
        "SLTA / SEDERAJAT",
        "DIPLOMA IV/ STRATA I",
    ]
    assert grafik["jumlah"] == [1, 1, 3, 1] and grafik["l"] == [0, 0, 3, 0]


@pytest.mark.django_db
def test_daftar_penduduk_menampilkan_filter_baru(klien_operator, populasi):
    r = klien_operator.get("/admin/penduduk/penduduk/", {"golongan_darah__isnull": "True"})
    assert r.context["cl"].result_count == 5
    teks = r.content.decode()
    for judul in ("golongan darah", "wajib KTP", "akta kelahiran", "suku/etnis", "BELUM MENGISI"):
        assert judul in teks
    r = klien_operator.get("/admin/penduduk/penduduk/", {"suku": "jawa"})
    assert r.context["cl"].result_count == 2
