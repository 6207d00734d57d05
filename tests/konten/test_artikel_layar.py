"""Writing an article through its screen: what an editor meets on the first try."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from konten.models import Artikel
from tests.konten.berkas_uji import png
from tests.konten.formulir_uji import data_artikel

pytestmark = pytest.mark.django_db
TAMBAH = reverse("admin:konten_artikel_add")


def _form(**extra):
    return data_artikel(
        **{"judul": "Jadwal posyandu", "isi": "<p>Posyandu buka Senin.</p>", **extra}
    )


@pytest.fixture
def klien_redaksi(client, redaksi):
    client.force_login(redaksi)
    return client


def test_terbit_dengan_waktu_terbit_kosong_terbit_sekarang(klien_redaksi):
    """The field's help says empty = now: the save is accepted and published at once."""
    sebelum = timezone.now()
    r = klien_redaksi.post(TAMBAH, _form(status="terbit", terbit_pada_0="", terbit_pada_1=""))
    assert r.status_code == 302, re.findall(r"errorlist.{0,200}", r.content.decode())
    a = Artikel.objects.get()
    assert a.status == Artikel.Status.TERBIT and sebelum <= a.terbit_pada <= timezone.now()
    assert klien_redaksi.get(a.get_absolute_url()).status_code == 200


def test_gambar_terpilih_tetap_dipakai_setelah_galat_di_kolom_lain(klien_redaksi):
    # First try: the image is chosen but the title is forgotten.
    r = klien_redaksi.post(
        TAMBAH,
        _form(judul="", status="draf", gambar=png(nama="balai.png"), gambar_alt="Balai desa"),
    )
    html = r.content.decode()
    assert r.status_code == 200 and "Judul" in html
    assert "Berkas terpilih: <strong>balai.png</strong>" in html
    token = re.search(r'name="gambar_simpanan" value="([^"]+)"', html).group(1)
    assert not Artikel.objects.exists()

    # Second try: the title is typed; no file is chosen again.
    r = klien_redaksi.post(
        TAMBAH,
        _form(status="draf", gambar_alt="Balai desa", gambar_simpanan=token),
    )
    assert r.status_code == 302, re.findall(r"errorlist.{0,200}", r.content.decode())
    a = Artikel.objects.get()
    assert a.gambar and a.gambar_alt == "Balai desa"


@pytest.mark.parametrize(
    "token",
    [
        "../../etc/passwd:palsu",  # not signed
        "ditandatangani-jalur-luar",  # signed, but pointing outside the kept uploads
    ],
)
def test_token_gambar_palsu_tidak_dipakai(klien_redaksi, token):
    """A forged or foreign token is ignored: the article is saved without an image."""
    from django.core import signing

    if token == "ditandatangani-jalur-luar":
        token = signing.dumps(
            {"p": "sementara/unggahan/../../rahasia.png", "n": "x.png", "t": "image/png"},
            salt="sid.simpanan",
        )
    r = klien_redaksi.post(TAMBAH, _form(status="draf", gambar_simpanan=token))
    assert r.status_code == 302
    assert not Artikel.objects.get().gambar


def test_foto_galeri_tetap_dipakai_setelah_galat_di_artikel(klien_redaksi):
    """A gallery row's photo survives an error in the article form above it."""
    data = _form(
        judul="",
        status="draf",
        **{
            "galeri-TOTAL_FORMS": "1",
            "galeri-0-berkas": png(nama="posyandu.png"),
            "galeri-0-alt": "Posyandu",
            "galeri-0-keterangan": "",
        },
    )
    html = klien_redaksi.post(TAMBAH, data).content.decode()
    assert "Berkas terpilih: <strong>posyandu.png</strong>" in html
    token = re.search(r'name="galeri-0-berkas_simpanan" value="([^"]+)"', html).group(1)
    data = _form(
        status="draf",
        **{
            "galeri-TOTAL_FORMS": "1",
            "galeri-0-berkas_simpanan": token,
            "galeri-0-alt": "Posyandu",
            "galeri-0-keterangan": "",
        },
    )
    r = klien_redaksi.post(TAMBAH, data)
    assert r.status_code == 302, re.findall(r"errorlist.{0,200}", r.content.decode())
    assert Artikel.objects.get().galeri.count() == 1


def test_dokumen_publik_dibuka_dan_disimpan_tanpa_mengganti_berkas(klien_redaksi):
    """The change page answered 500 ("Berkas privat tidak memiliki URL") for everyone."""
    from konten.models import DokumenPublik
    from tests.konten.berkas_uji import pdf

    r = klien_redaksi.post(
        reverse("admin:konten_dokumenpublik_add"),
        {
            "judul": "APBDes 2026",
            "kategori": "berkala",
            "tahun": "2026",
            "keterangan": "",
            "berkas": pdf(),
            "terbit": "on",
        },
    )
    assert r.status_code == 302, re.findall(r"errorlist.{0,200}", r.content.decode())
    d = DokumenPublik.objects.get()
    nama_berkas = d.berkas.name
    url = reverse("admin:konten_dokumenpublik_change", args=[d.pk])
    html = klien_redaksi.get(url).content.decode()
    assert d.get_absolute_url() in html  # the current file, through the download view
    r = klien_redaksi.post(
        url,
        {
            "judul": "APBDes 2026 (perubahan)",
            "kategori": "berkala",
            "tahun": "2026",
            "keterangan": "",
            "terbit": "on",
        },
    )
    assert r.status_code == 302, re.findall(r"errorlist.{0,200}", r.content.decode())
    d.refresh_from_db()
    assert d.judul == "APBDes 2026 (perubahan)" and d.berkas.name == nama_berkas
