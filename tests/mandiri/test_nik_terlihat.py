"""Who sees a full NIK / No. KK outside the back office (docs/keamanan.md, "Personal data outside
the back office"): the logged-in resident sees their own in full; everyone else's is masked in
the portal; public pages show none at all."""

from __future__ import annotations

import pytest
from django.test import Client

from keluarga.models import Keluarga
from penduduk.models import Penduduk
from sid.lib.format import samarkan_nik

pytestmark = pytest.mark.django_db

PORTAL = [
    "/mandiri/",
    "/mandiri/biodata/",
    "/mandiri/keluarga/",
    "/mandiri/bantuan/",
    "/mandiri/informasi/",
    "/mandiri/permohonan/",
    "/mandiri/pengaduan/",
]
PUBLIK = [
    "/",
    "/artikel/",
    "/aparatur/",
    "/agenda/",
    "/informasi-publik/",
    "/statistik/",
    "/apbdes/",
    "/mandiri/masuk/",
]


def _halaman(client: Client, urls: list[str]) -> dict[str, str]:
    hasil = {}
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        hasil[url] = r.content.decode()
    return hasil


def test_warga_melihat_nik_dan_kk_sendiri_utuh_dan_nik_orang_lain_tersamar(
    warga_budi, keluarga_budi, akun_rina
):
    kk, budi, *anggota_lain = keluarga_budi
    biodata = warga_budi.get("/mandiri/biodata/").content.decode()
    assert budi.nik in biodata and kk.no_kk in biodata
    keluarga = warga_budi.get("/mandiri/keluarga/").content.decode()
    assert budi.nik in keluarga
    for orang in anggota_lain:
        assert samarkan_nik(orang.nik) in keluarga
    # No page of the portal shows anyone else's full NIK: family members, other residents.
    lain = set(Penduduk.objects.exclude(pk=budi.pk).values_list("nik", flat=True))
    assert {o.nik for o in anggota_lain} <= lain and akun_rina.penduduk.nik in lain
    for url, html in _halaman(warga_budi, PORTAL).items():
        bocor = [nik for nik in lain if nik in html]
        assert not bocor, f"{url} menampilkan NIK utuh orang lain: {bocor}"


def test_halaman_publik_tidak_pernah_menampilkan_nik_atau_kk_utuh(keluarga_budi, keluarga_rina):
    nik = set(Penduduk.objects.values_list("nik", flat=True))
    no_kk = set(Keluarga.objects.values_list("no_kk", flat=True))
    assert len(nik) >= 5 and len(no_kk) >= 2
    for url, html in _halaman(Client(), PUBLIK).items():
        bocor = [n for n in nik | no_kk if n in html]
        assert not bocor, f"{url} menampilkan NIK/No. KK utuh: {bocor}"
