"""Portal pages: what a resident sees, masking, deny-by-default, bounded queries."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from mandiri import urls as mandiri_urls
from tests.mandiri.conftest import PIN_BUDI

pytestmark = pytest.mark.django_db


def _contoh_argumen(pola: URLPattern) -> dict:
    kw = {}
    for nama, konverter in pola.pattern.converters.items():
        kw[nama] = uuid.uuid4() if type(konverter).__name__ == "UUIDConverter" else "contoh"
    return kw


def test_setiap_halaman_portal_wajib_sesi_warga_kecuali_halaman_masuk():
    """Deny by default: every portal view but the login page carries @penduduk_wajib."""
    tanpa = []
    for pola in mandiri_urls.urlpatterns:
        view = pola.callback
        if getattr(view, "mandiri_publik", False):
            assert pola.name == "masuk"
            continue
        if not getattr(view, "penduduk_wajib", False):
            tanpa.append(pola.name)
    assert tanpa == []


def test_tamu_diarahkan_ke_halaman_masuk_di_setiap_url_portal(db, desa):
    c = Client()
    for pola in mandiri_urls.urlpatterns:
        if pola.name == "masuk":
            continue
        url = reverse(f"mandiri:{pola.name}", kwargs=_contoh_argumen(pola))
        for metode in ("get", "post"):
            r = getattr(c, metode)(url)
            assert r.status_code in (302, 405), (url, metode, r.status_code)
            if r.status_code == 302:
                assert r["Location"].startswith("/mandiri/masuk/"), url


def test_beranda_menampilkan_nama_dan_nik_tersamar(warga_budi):
    r = warga_budi.get("/mandiri/")
    teks = r.content.decode()
    assert "Halo, Budi Santoso" in teks
    assert "3201********0001" in teks


def test_biodata_menampilkan_data_sendiri(warga_budi):
    teks = warga_budi.get("/mandiri/biodata/").content.decode()
    assert "3201011705800001" in teks  # own NIK in full
    assert "3201010101230001" in teks  # own No. KK
    assert "Kepala Keluarga".upper() in teks.upper()


def test_keluarga_menyamarkan_nik_anggota_lain(warga_budi):
    teks = warga_budi.get("/mandiri/keluarga/").content.decode()
    assert "Siti Aminah" in teks and "Adi Santoso" in teks
    assert "3201014302830002" not in teks and "3201********0002" in teks
    assert "3201010907080003" not in teks and "3201********0003" in teks
    assert "3201011705800001" in teks  # own NIK


def test_keluarga_tidak_menampilkan_keluarga_lain(warga_budi, keluarga_rina):
    teks = warga_budi.get("/mandiri/keluarga/").content.decode()
    assert "Rina Wati" not in teks and "Bayu" not in teks


def test_bantuan_menampilkan_program_pribadi_dan_keluarga(warga_budi, keluarga_budi, keluarga_rina):
    from bantuan import services as bantuan
    from bantuan.models import Sasaran

    _k, budi, _siti, adi = keluarga_budi
    pkh = bantuan.program_create(
        oleh=None, data={"nama": "PKH", "sasaran": Sasaran.KELUARGA, "sumber_dana": 1}
    )
    pip = bantuan.program_create(
        oleh=None, data={"nama": "PIP", "sasaran": Sasaran.PENDUDUK, "sumber_dana": 1}
    )
    lain = bantuan.program_create(
        oleh=None, data={"nama": "BLT Rina", "sasaran": Sasaran.KELUARGA, "sumber_dana": 4}
    )
    bantuan.peserta_create(oleh=None, program=pkh, keluarga=keluarga_budi[0], nomor_kartu="K-77")
    bantuan.peserta_create(oleh=None, program=pip, penduduk=adi)  # the son, not Budi
    bantuan.peserta_create(oleh=None, program=lain, keluarga=keluarga_rina[0])
    teks = warga_budi.get("/mandiri/bantuan/").content.decode()
    assert "PKH" in teks and "K-77" in teks
    assert "PIP" not in teks and "BLT Rina" not in teks
    bantuan.peserta_create(oleh=None, program=pip, penduduk=budi)
    assert "PIP" in warga_budi.get("/mandiri/bantuan/").content.decode()


def test_bantuan_kosong_diberi_keterangan(warga_budi):
    assert "tidak tercatat sebagai penerima" in warga_budi.get("/mandiri/bantuan/").content.decode()


def test_informasi_desa_dari_website(warga_budi):
    from konten.models import Agenda, Artikel, Pengumuman

    Pengumuman.objects.create(teks="Posyandu hari Sabtu di balai RW")
    Agenda.objects.create(
        judul="Musyawarah desa", mulai=timezone.now() + datetime.timedelta(days=3), tempat="Balai"
    )
    Artikel.objects.create(
        judul="Panen raya", slug="panen-raya", status="terbit", terbit_pada=timezone.now()
    )
    teks = warga_budi.get("/mandiri/informasi/").content.decode()
    assert "Posyandu hari Sabtu" in teks and "Musyawarah desa" in teks and "Panen raya" in teks
    assert "Posyandu hari Sabtu" in warga_budi.get("/mandiri/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/mandiri/",
        "/mandiri/biodata/",
        "/mandiri/keluarga/",
        "/mandiri/bantuan/",
        "/mandiri/informasi/",
        "/mandiri/permohonan/",
        "/mandiri/permohonan/baru/",
        "/mandiri/pengaduan/",
    ],
)
def test_halaman_portal_memakai_sedikit_kueri(warga_budi, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(10):
        r = warga_budi.get(url)
    assert r.status_code == 200


def test_sesi_staf_tidak_memberi_akses_portal(klien_admin):
    r = klien_admin.get("/mandiri/")
    assert r.status_code == 302 and r["Location"].startswith("/mandiri/masuk/")
    r = klien_admin.get("/mandiri/biodata/")
    assert r["Location"].startswith("/mandiri/masuk/")


def test_sesi_warga_tidak_memberi_akses_back_office(warga_budi):
    for url in ["/admin/", "/admin/penduduk/penduduk/", "/admin/mandiri/permohonan/"]:
        r = warga_budi.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/admin/login/"), url


def test_halaman_masuk_bila_sudah_masuk_diarahkan_ke_beranda(warga_budi):
    assert warga_budi.get("/mandiri/masuk/")["Location"] == "/mandiri/"


def test_warga_dan_staf_di_peramban_yang_sama_tetap_terpisah(client, admin_desa, akun_budi):
    client.force_login(admin_desa)
    r = client.post("/mandiri/masuk/", {"nik": akun_budi.penduduk.nik, "pin": PIN_BUDI})
    assert r.status_code == 302
    assert client.get("/mandiri/").status_code == 200
    r = client.post("/mandiri/keluar/")
    assert client.get("/mandiri/")["Location"].startswith("/mandiri/masuk/")
