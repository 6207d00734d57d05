"""The public pages: what visitors see, what they never see (drafts, scheduled articles)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from konten import services
from konten.models import Artikel, DokumenPublik, Halaman
from tests.konten.berkas_uji import pdf, png

pytestmark = pytest.mark.django_db

NANTI = datetime.timedelta(days=2)


@pytest.fixture
def tiga_artikel(buat_artikel, kategori):
    """A published article, a draft and a scheduled one, all with a distinctive word."""
    publik = buat_artikel(
        "Berita publik zamrud", kategori=kategori, gambar=png(), gambar_alt="Foto"
    )
    draf = buat_artikel("Berita draf zamrud", terbit=False, kategori=kategori)
    jadwal = buat_artikel("Berita terjadwal zamrud", pada=timezone.now() + NANTI, kategori=kategori)
    return publik, draf, jadwal


HALAMAN_PUBLIK = [
    "/",
    "/artikel/",
    "/agenda/",
    "/aparatur/",
    "/informasi-publik/",
    "/cari/?q=zamrud",
]


@pytest.mark.parametrize("url", HALAMAN_PUBLIK)
def test_halaman_publik_terbuka_dan_mengiklankan_rss(client, tiga_artikel, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/rss/"' in html
    assert "cdn" not in html.lower()
    assert 'name="viewport"' in html


def test_draf_dan_terjadwal_tidak_tampil_di_mana_pun(client, tiga_artikel, kategori):
    publik, draf, jadwal = tiga_artikel
    halaman = [
        "/",
        "/artikel/",
        kategori.get_absolute_url(),
        "/cari/?q=zamrud",
        "/rss/",
        "/sitemap.xml",
        reverse("konten:arsip", args=[timezone.localtime().year, timezone.localtime().month]),
    ]
    for url in halaman:
        html = client.get(url).content.decode()
        assert publik.judul in html or url == "/sitemap.xml", url
        assert draf.judul not in html and jadwal.judul not in html, url
        assert draf.slug not in html and jadwal.slug not in html, url
    assert publik.slug in client.get("/sitemap.xml").content.decode()


def test_draf_dan_terjadwal_tidak_bisa_dibuka_langsung(client, tiga_artikel):
    _publik, draf, jadwal = tiga_artikel
    for a in (draf, jadwal):
        t = timezone.localtime(jadwal.terbit_pada)
        url = reverse("konten:artikel", args=[t.year, t.month, t.day, a.slug])
        assert client.get(url).status_code == 404
        assert client.get(reverse("konten:pratinjau", args=[a.uuid])).status_code == 302
        assert client.get(reverse("konten:komentar", args=[a.uuid])).status_code == 404
        assert client.post(reverse("konten:dibaca", args=[a.uuid])).status_code == 204
    draf.refresh_from_db()
    assert draf.dibaca == 0
    jadwal.refresh_from_db()
    assert client.get(jadwal.get_absolute_url()).status_code == 404


def test_staf_bisa_pratinjau_draf_dan_terjadwal(client, tiga_artikel, redaksi):
    _publik, draf, jadwal = tiga_artikel
    client.force_login(redaksi)
    for a in (draf, jadwal):
        response = client.get(reverse("konten:pratinjau", args=[a.uuid]))
        html = response.content.decode()
        assert response.status_code == 200
        assert a.judul in html and "Pratinjau" in html
        assert 'content="noindex' in html
        assert "no-cache" in response["Cache-Control"]
        assert "data-dibaca" not in html  # previews are not counted


def test_kontributor_hanya_pratinjau_artikelnya_sendiri(
    client, kontributor, kontributor_lain, desa
):
    milik = services.artikel_create(oleh=kontributor, data={"judul": "Punya saya"})
    lain = services.artikel_create(oleh=kontributor_lain, data={"judul": "Punya orang"})
    client.force_login(kontributor)
    assert client.get(reverse("konten:pratinjau", args=[milik.uuid])).status_code == 200
    assert client.get(reverse("konten:pratinjau", args=[lain.uuid])).status_code == 403


def test_staf_tanpa_izin_konten_tidak_bisa_pratinjau(client, buat_staf, tiga_artikel):
    client.force_login(buat_staf("Sekretaris Desa"))
    assert client.get(reverse("konten:pratinjau", args=[tiga_artikel[1].uuid])).status_code == 403


def test_halaman_artikel_dengan_open_graph(client, tiga_artikel):
    publik = tiga_artikel[0]
    response = client.get(publik.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<meta property="og:title" content="{publik.judul}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'content="http://testserver{publik.get_absolute_url()}"' in html
    assert f'<meta property="og:image" content="http://testserver{publik.gambar.url}">' in html
    assert 'property="article:published_time"' in html
    assert f'width="{publik.gambar_lebar}" height="{publik.gambar_tinggi}"' in html


def test_alamat_artikel_memakai_tanggal_terbit(client, tiga_artikel):
    publik = tiga_artikel[0]
    t = timezone.localtime(publik.terbit_pada)
    assert publik.get_absolute_url() == f"/artikel/{t:%Y/%m/%d}/{publik.slug}/"
    salah = reverse("konten:artikel", args=[2001, 1, 1, publik.slug])
    response = client.get(salah)
    assert response.status_code == 301 and response["Location"] == publik.get_absolute_url()


def test_gambar_daftar_lazy_dengan_ukuran(client, tiga_artikel, buat_artikel):
    buat_artikel("Berita lain", gambar=png(), gambar_alt="Foto lain")
    html = client.get("/artikel/").content.decode()
    assert 'loading="lazy"' in html
    assert 'width="400" height="225"' in html


def test_daftar_kategori_induk_memuat_sub_kategori(client, buat_artikel, kategori, kategori_anak):
    buat_artikel("Rapat perangkat", kategori=kategori_anak)
    assert "Rapat perangkat" in client.get(kategori.get_absolute_url()).content.decode()
    assert client.get("/kategori/tidak-ada/").status_code == 404


def test_halaman_daftar_yang_tidak_ada_memberi_404(client, tiga_artikel):
    assert client.get("/artikel/?halaman=99").status_code == 404
    assert client.get("/artikel/?halaman=abc").status_code == 404
    assert client.get("/arsip/2026/13/").status_code == 404


def test_rss_berisi_artikel_terbit(client, tiga_artikel):
    response = client.get("/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    assert "<rss" in xml and tiga_artikel[0].judul in xml


def test_halaman_statis_hanya_yang_ditampilkan(client, desa, redaksi):
    profil = Halaman.objects.get(slug="profil-desa")  # from the data migration, not shown yet
    assert client.get(profil.get_absolute_url()).status_code == 404
    services.halaman_update(
        oleh=redaksi, halaman=profil, data={"isi": "<p>Desa di kaki gunung.</p>", "terbit": True}
    )
    html = client.get(profil.get_absolute_url()).content.decode()
    assert "Desa di kaki gunung." in html


def test_menu_bawaan_menyembunyikan_halaman_yang_belum_tampil(
    client, desa, redaksi, django_capture_on_commit_callbacks
):
    html = client.get("/").content.decode()
    assert 'href="/halaman/sejarah-desa/"' not in html
    assert 'href="/aparatur/"' in html and 'href="/informasi-publik/"' in html
    with django_capture_on_commit_callbacks(execute=True):
        services.halaman_update(
            oleh=redaksi, halaman=Halaman.objects.get(slug="sejarah-desa"), data={"terbit": True}
        )
    assert 'href="/halaman/sejarah-desa/"' in client.get("/").content.decode()


def test_dokumen_publik_dialirkan_lewat_uuid(
    client, desa, redaksi, django_capture_on_commit_callbacks
):
    d = services.dokumen_create(
        oleh=redaksi, data={"judul": "APBDes 2026", "tahun": 2026, "berkas": pdf()}
    )
    html = client.get("/informasi-publik/").content.decode()
    assert "APBDes 2026" in html and d.get_absolute_url() in html
    response = client.get(d.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    with django_capture_on_commit_callbacks(execute=True):
        services.dokumen_update(oleh=redaksi, dokumen=d, data={"terbit": False})
    assert client.get(d.get_absolute_url()).status_code == 404
    assert "APBDes 2026" not in client.get("/informasi-publik/").content.decode()


def test_dokumen_bukan_pdf_ditolak(redaksi, desa):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError):
        services.dokumen_create(
            oleh=redaksi,
            data={"judul": "Palsu", "berkas": SimpleUploadedFile("x.pdf", b"<html>bukan</html>")},
        )
    assert not DokumenPublik.objects.exists()


def test_lampiran_artikel_hanya_setelah_terbit(client, buat_artikel, redaksi):
    a = buat_artikel("Berlampiran", terbit=False, lampiran=pdf())
    url = reverse("konten:lampiran", args=[a.uuid])
    assert client.get(url).status_code == 404
    services.artikel_terbitkan(oleh=redaksi, artikel=a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_agenda_mendatang_di_beranda(client, desa, redaksi):
    mulai = timezone.now() + datetime.timedelta(days=3)
    services.agenda_create(
        oleh=redaksi, data={"judul": "Posyandu Melati", "mulai": mulai, "tempat": "Balai RW"}
    )
    services.agenda_create(
        oleh=redaksi,
        data={"judul": "Rapat lalu", "mulai": timezone.now() - NANTI, "tempat": "Kantor"},
    )
    beranda = client.get("/").content.decode()
    assert "Posyandu Melati" in beranda and "Rapat lalu" not in beranda
    assert "Rapat lalu" in client.get("/agenda/").content.decode()


def test_pengumuman_tampil_sesuai_masa_tayang(client, desa, redaksi):
    sekarang = timezone.now()
    services.pengumuman_create(
        oleh=redaksi, data={"teks": "Pembayaran PBB dibuka", "mulai": sekarang}
    )
    services.pengumuman_create(
        oleh=redaksi, data={"teks": "Belum saatnya", "mulai": sekarang + NANTI}
    )
    html = client.get("/").content.decode()
    assert "Pembayaran PBB dibuka" in html and "Belum saatnya" not in html


def test_beranda_menampilkan_headline_dan_widget_statistik(client, buat_artikel, desa):
    from sid import kode
    from tests.factories import KeluargaFactory, PendudukFactory

    buat_artikel("Berita biasa")
    buat_artikel("Berita utama desa", headline=True, pada=timezone.now() - NANTI)
    k = KeluargaFactory()
    PendudukFactory(keluarga=k, jenis_kelamin=1, shdk=kode.SHDK.KEPALA_KELUARGA, status_kawin=2)
    PendudukFactory(
        keluarga=k, jenis_kelamin=2, shdk=kode.SHDK.ISTRI, status_kawin=2, nik="3201014101800002"
    )
    html = client.get("/").content.decode()
    assert html.index("Berita utama desa") < html.index("Berita biasa")
    assert "Berita utama" in html
    assert "Laki-laki 50 persen, perempuan 50 persen" in html
    assert '>2</p><p class="small mb-0">penduduk' in html
    assert "NIK" not in html


def test_beranda_jumlah_query_tetap(client, buat_artikel, django_assert_max_num_queries):
    for i in range(12):
        buat_artikel(
            f"Berita {i}", gambar=png(200, 100) if i < 3 else "", gambar_alt="f" if i < 3 else ""
        )
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(14):
        assert client.get("/").status_code == 200


def test_halaman_artikel_jumlah_query_tetap(client, tiga_artikel, django_assert_max_num_queries):
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(13):  # 3 of them compute the content version
        assert client.get(tiga_artikel[0].get_absolute_url()).status_code == 200


def test_404_ramah_dengan_pencarian(client, desa):
    response = client.get("/tidak-ada/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in html and 'action="/cari/"' in html


def test_halaman_artikel_nyaman_di_ponsel(client, tiga_artikel):
    html = client.get(tiga_artikel[0].get_absolute_url()).content.decode()
    assert 'sizes="(min-width: 992px) 66vw, 100vw"' in html and "400w" in html
    assert Artikel.objects.count() == 3


def test_halaman_aparatur_dari_data_perangkat(client, desa, monkeypatch):
    from konten import selectors as konten_selectors
    from perangkat.selectors import Aparatur

    assert "Data aparatur belum tersedia." in client.get("/aparatur/").content.decode()
    from django.core.cache import cache

    cache.clear()
    monkeypatch.setattr(
        konten_selectors,
        "aparatur_aktif",
        lambda tanggal=None: [
            Aparatur("Drs. Ahmad Fauzi", "Kepala Desa", "/media/perangkat/a.webp", "u1"),
            Aparatur("Siti Rahma, S.E.", "Sekretaris Desa", "", "u2"),
        ],
    )
    html = client.get("/aparatur/").content.decode()
    assert "Drs. Ahmad Fauzi" in html and "Sekretaris Desa" in html
    assert (
        'src="/media/perangkat/a.webp" alt="Foto Drs. Ahmad Fauzi" width="240" height="300"' in html
    )
    assert "NIK" not in html and "NIP" not in html


def test_halaman_statis_dengan_gambar_responsif(client, desa, redaksi):
    h = Halaman.objects.get(slug="struktur-pemerintahan")
    services.halaman_update(
        oleh=redaksi,
        halaman=h,
        data={"terbit": True, "gambar": png(1600, 1200), "gambar_alt": "Bagan organisasi"},
    )
    h.refresh_from_db()
    html = client.get(h.get_absolute_url()).content.decode()
    assert f"{h.gambar_kecil.url} 400w, {h.gambar.url} 1200w" in html
    assert 'alt="Bagan organisasi" width="1200" height="900"' in html
