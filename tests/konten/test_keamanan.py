"""Security of the website: XSS comes out inert, fake uploads are refused, editors cannot
reach population data."""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from konten import services
from konten.models import Artikel, Komentar
from tests.konten.berkas_uji import png

pytestmark = pytest.mark.django_db

SERANGAN = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<svg onload="alert(1)">',
    '"><script>alert(1)</script>',
    '<a href="javascript:alert(1)">klik</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
]
TAG_TERLARANG = {"iframe", "svg", "object", "embed", "base", "math"}


class _PemeriksaHTML(HTMLParser):
    """Finds what a browser would run: script tags (other than our own static files or JSON
    data), event-handler attributes, javascript: URLs and embedding tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.temuan: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            sah = (attrs.get("src") or "").startswith("/static/") or attrs.get("type") == (
                "application/json"
            )
            if not sah:
                self.temuan.append(f"<script {attrs}>")
        if tag in TAG_TERLARANG:
            self.temuan.append(f"<{tag}>")
        for nama, nilai in attrs.items():
            if nama.startswith("on"):
                self.temuan.append(f"{tag}[{nama}]")
            if nama in ("href", "src", "action", "formaction", "xlink:href") and (
                (nilai or "").strip().lower().startswith("javascript:")
            ):
                self.temuan.append(f"{tag}[{nama}={nilai}]")


def _inert(html: str, bagian: str = "") -> None:
    pemeriksa = _PemeriksaHTML()
    pemeriksa.feed(html)
    assert not pemeriksa.temuan, f"kode aktif {bagian}: {pemeriksa.temuan}"


@pytest.mark.parametrize("serangan", SERANGAN)
def test_xss_di_isi_artikel_tidak_aktif(client, buat_artikel, serangan):
    a = buat_artikel("Berita aman", isi=f"<p>Awal {serangan} akhir</p>")
    _inert(client.get(a.get_absolute_url()).content.decode(), "di halaman artikel")


def test_isi_yang_ditulis_langsung_ke_database_pun_dibersihkan_saat_tampil(client, buat_artikel):
    a = buat_artikel("Lewat ORM")
    Artikel.objects.filter(pk=a.pk).update(isi="<p>x</p><script>alert(1)</script>")
    from django.core.cache import cache

    cache.clear()
    _inert(client.get(a.get_absolute_url()).content.decode())


@pytest.mark.parametrize("serangan", SERANGAN)
def test_xss_di_judul_tidak_aktif(client, buat_artikel, serangan):
    a = buat_artikel(f"Judul {serangan}", ringkasan=f"Ringkas {serangan}")
    for url in ("/", "/artikel/", a.get_absolute_url(), "/cari/?q=Judul"):
        _inert(client.get(url).content.decode(), f"di {url}")
    html = client.get(a.get_absolute_url()).content.decode()
    assert "&lt;" in html  # shown as text, escaped
    rss = client.get("/rss/").content.decode()
    assert "<script>" not in rss and "<img" not in rss


@pytest.mark.parametrize("serangan", SERANGAN)
def test_xss_di_komentar_tidak_aktif(client, buat_artikel, redaksi, serangan):
    a = buat_artikel("Terbuka", komentar_aktif=True)
    client.post(
        reverse("konten:komentar", args=[a.uuid]),
        {"nama": f"Nama {serangan}", "isi": f"Isi {serangan} selesai", "situs": ""},
    )
    # The attack must really be there to be shown inert: the comment was accepted.
    (k,) = Komentar.objects.filter(artikel=a)
    services.komentar_setujui(oleh=redaksi, komentar=k)
    from django.core.cache import cache

    cache.clear()
    halaman = client.get(a.get_absolute_url()).content.decode()
    assert "selesai" in halaman  # the comment's text is on the page
    _inert(halaman, "di komentar")
    client.force_login(redaksi)
    admin_html = client.get(reverse("admin:konten_komentar_changelist")).content.decode()
    tabel = admin_html.split('<table id="result_list"', 1)[1].split("</table>", 1)[0]
    _inert(tabel, "di daftar moderasi")


@pytest.mark.parametrize("serangan", SERANGAN)
def test_xss_di_kata_pencarian_tidak_aktif(client, buat_artikel, serangan):
    buat_artikel()
    response = client.get("/cari/", {"q": serangan})
    assert response.status_code == 200
    _inert(response.content.decode(), "di hasil pencarian")


def test_xss_di_agenda_dan_pengumuman_tidak_aktif(client, desa, redaksi):
    from django.utils import timezone

    services.agenda_create(
        oleh=redaksi,
        data={
            "judul": "<script>alert(1)</script>Rapat",
            "mulai": timezone.now() + timezone.timedelta(days=1),
            "tempat": 'Balai <img src=x onerror="alert(1)">',
            "keterangan": "<p onclick=alert(1)>Hadir</p><script>alert(2)</script>",
        },
    )
    services.pengumuman_create(oleh=redaksi, data={"teks": "<svg onload=alert(1)>Penting"})
    for url in ("/", "/agenda/"):
        _inert(client.get(url).content.decode(), f"di {url}")


def test_tautan_javascript_di_menu_dan_pengumuman_ditolak(desa, redaksi):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.pengumuman_create(
            oleh=redaksi, data={"teks": "Klik", "tautan": "javascript:alert(1)"}
        )
    with pytest.raises(ValidationError):
        services.item_menu_create(
            oleh=redaksi, data={"judul": "X", "jenis": "tautan", "url": "javascript:alert(1)"}
        )


# --- Uploads through the back office -----------------------------------------------------------


def _tambah(client, **extra):
    data = {
        "judul": "Dengan gambar",
        "slug": "",
        "kategori": "",
        "ringkasan": "",
        "isi": "<p>Isi</p>",
        "gambar_alt": "Foto",
        "gambar_keterangan": "",
        "lampiran_judul": "",
        "status": "draf",
        "terbit_pada_0": "",
        "terbit_pada_1": "",
        "galeri-TOTAL_FORMS": "0",
        "galeri-INITIAL_FORMS": "0",
        "galeri-MIN_NUM_FORMS": "0",
        "galeri-MAX_NUM_FORMS": "3",
        **extra,
    }
    return client.post(reverse("admin:konten_artikel_add"), data)


@pytest.mark.parametrize(
    "berkas",
    [
        SimpleUploadedFile("foto.jpg", b"<script>alert(1)</script>", content_type="image/jpeg"),
        SimpleUploadedFile("shell.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg"),
        SimpleUploadedFile("shell.php", b"<?php echo 1; ?>", content_type="application/x-php"),
    ],
    ids=["skrip-bernama-jpg", "php-bernama-jpg", "php"],
)
def test_unggahan_bukan_gambar_ditolak_di_back_office(client, redaksi, desa, berkas):
    client.force_login(redaksi)
    response = _tambah(client, gambar=berkas)
    assert response.status_code == 200
    assert "bukan gambar yang sah" in response.content.decode()
    assert not Artikel.objects.exists()


def test_unggahan_gambar_asli_diterima_di_back_office(client, redaksi, desa):
    client.force_login(redaksi)
    response = _tambah(client, gambar=png())
    assert response.status_code == 302, response.content.decode()[:3000]
    a = Artikel.objects.get()
    assert a.gambar.name.endswith(".webp") and a.gambar_alt == "Foto"


def test_lampiran_bukan_pdf_ditolak_di_back_office(client, redaksi, desa):
    client.force_login(redaksi)
    palsu = SimpleUploadedFile("laporan.pdf", b"<html><script>alert(1)</script>")
    response = _tambah(client, lampiran=palsu, gambar_alt="")
    assert "bukan PDF" in response.content.decode()
    assert not Artikel.objects.exists()


# --- Population data stays out of reach --------------------------------------------------------


@pytest.mark.parametrize("peran", ["Redaksi", "Kontributor"])
def test_redaksi_dan_kontributor_tidak_bisa_membuka_data_penduduk(client, buat_staf, desa, peran):
    client.force_login(buat_staf(peran))
    for nama in (
        "admin:penduduk_penduduk_changelist",
        "admin:penduduk_penduduk_add",
        "admin:keluarga_keluarga_changelist",
        "admin:keluarga_keluarga_add",
        "admin:sid_wilayah_changelist",
    ):
        assert client.get(reverse(nama)).status_code == 403, nama
    html = client.get(reverse("admin:index")).content.decode()
    assert "Kependudukan" not in html


def test_widget_statistik_hanya_angka_agregat(client, desa, buat_artikel):
    from sid import kode
    from tests.factories import KeluargaFactory, PendudukFactory

    k = KeluargaFactory(no_kk="3201010101239999")
    PendudukFactory(
        nama="Rahasia Warga", keluarga=k, shdk=kode.SHDK.KEPALA_KELUARGA, nik="3201011705800009"
    )
    html = client.get("/").content.decode()
    assert "Rahasia Warga" not in html
    assert "3201011705800009" not in html and "3201010101239999" not in html
