"""The demo content (`isi_konten_demo`) and the benchmark articles."""

import random

import pytest
from django.utils import timezone

from konten.demo import buat_artikel_bench, isi_konten_demo
from konten.models import Agenda, Artikel, DokumenPublik, Halaman, ItemMenu, Komentar, Pengumuman

pytestmark = pytest.mark.django_db


def test_demo_mengisi_website_yang_hidup(client, desa, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        hasil = isi_konten_demo(rng=random.Random(1))
    assert not hasil["dilewati"]
    assert Artikel.objects.terbit().count() == 8
    assert Artikel.objects.terjadwal().count() == 1 and Artikel.objects.draf().count() == 1
    assert Artikel.objects.terbit().filter(headline=True).count() == 1
    assert Artikel.objects.exclude(gambar="").count() >= 4
    assert Komentar.objects.disetujui().count() == 3
    assert Agenda.objects.mendatang().count() == 4
    assert Pengumuman.objects.tayang().count() == 3
    assert Halaman.objects.filter(terbit=True).count() == 5
    assert ItemMenu.objects.exists()
    dokumen = DokumenPublik.objects.get()
    with dokumen.berkas.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    html = client.get("/").content.decode()
    assert "Musyawarah Desa Tetapkan Prioritas" in html
    assert "Pelayanan administrasi kependudukan" in html
    assert "lorem" not in html.lower()
    for url in ("/halaman/profil-desa/", "/halaman/visi-misi/", "/informasi-publik/", "/agenda/"):
        assert client.get(url).status_code == 200, url


def test_demo_dilewati_bila_sudah_ada_artikel(desa):
    isi_konten_demo(rng=random.Random(1))
    jumlah = Artikel.objects.count()
    assert isi_konten_demo(rng=random.Random(2)) == {"dilewati": True}
    assert Artikel.objects.count() == jumlah


def test_artikel_bench_terbit_semua(client, desa):
    assert buat_artikel_bench(30) == 30
    assert Artikel.objects.terbit().count() == 30
    a = Artikel.objects.order_by("pk")[15]
    assert a.publik and a.gambar and a.jalur.count("/") == 3
    assert client.get(f"/artikel/{a.jalur}/").status_code == 200
    assert Artikel.objects.filter(terbit_pada__gt=timezone.now()).count() == 0


def test_demo_menyebut_dusun_desa_yang_sebenarnya(desa, django_capture_on_commit_callbacks):
    from tests.factories import buat_rt

    buat_rt("CIBEUREUM")
    buat_rt("PASIR ANGIN")
    with django_capture_on_commit_callbacks(execute=True):
        isi_konten_demo(rng=random.Random(1))
    teks = " ".join(Artikel.objects.values_list("isi", flat=True))
    teks += " ".join(Artikel.objects.values_list("judul", flat=True))
    teks += " ".join(Agenda.objects.values_list("tempat", flat=True))
    assert "Dusun Cibeureum" in teks and "Dusun Pasir Angin" in teks
    assert "Krajan" not in teks and "Sukamulya" not in teks
    wilayah = Halaman.objects.get(slug="wilayah-desa").isi
    assert "2 dusun: Cibeureum dan Pasir Angin" in wilayah
