"""The website's back office: what Redaksi and Kontributor may do there."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from konten import services
from konten.models import Artikel, GambarArtikel, Kategori, Komentar
from sid.models import LogAktivitas
from tests.konten.berkas_uji import png
from tests.konten.formulir_uji import data_artikel

pytestmark = pytest.mark.django_db


def _form(**extra):
    return data_artikel(**extra)


def test_redaksi_menulis_dan_menjadwalkan_artikel(client, redaksi, desa):
    client.force_login(redaksi)
    add = client.get(reverse("admin:konten_artikel_add")).content.decode()
    assert "vendor/tinymce/tinymce.min.js" in add and 'data-editor="kaya"' in add
    nanti = timezone.localtime() + datetime.timedelta(days=1)
    response = client.post(
        reverse("admin:konten_artikel_add"),
        _form(
            judul="Jadwal posyandu",
            isi="<p>Posyandu <script>x</script>buka.</p>",
            status="terbit",
            terbit_pada_0=nanti.strftime("%d/%m/%Y"),
            terbit_pada_1=nanti.strftime("%H:%M:%S"),
            headline="on",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    a = Artikel.objects.get()
    assert a.terjadwal and a.headline and a.penulis == redaksi
    assert a.isi == "<p>Posyandu buka.</p>"
    assert LogAktivitas.objects.filter(aksi="buat", object_id=str(a.pk), pengguna=redaksi).exists()
    daftar = client.get(reverse("admin:konten_artikel_changelist")).content.decode()
    assert "Terjadwal" in daftar


def test_redaksi_menambah_gambar_galeri_lewat_inline(client, redaksi, buat_artikel):
    a = buat_artikel()
    client.force_login(redaksi)
    data = _form(
        judul=a.judul,
        slug=a.slug,
        isi=a.isi,
        status="terbit",
        terbit_pada_0=timezone.localtime(a.terbit_pada).strftime("%d/%m/%Y"),
        terbit_pada_1=timezone.localtime(a.terbit_pada).strftime("%H:%M:%S"),
        **{
            "galeri-TOTAL_FORMS": "1",
            "galeri-0-berkas": png(),
            "galeri-0-alt": "Warga bergotong royong",
            "galeri-0-keterangan": "",
            "galeri-0-id": "",
            "galeri-0-artikel": str(a.pk),
        },
    )
    response = client.post(reverse("admin:konten_artikel_change", args=[a.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    g = GambarArtikel.objects.get()
    assert g.urutan == 1 and g.alt == "Warga bergotong royong" and g.kecil.name.endswith(".webp")


def test_aksi_terbitkan_dari_daftar(client, redaksi, buat_artikel):
    a = buat_artikel(terbit=False)
    client.force_login(redaksi)
    client.post(
        reverse("admin:konten_artikel_changelist"),
        {"action": "aksi_terbitkan", "_selected_action": [a.pk]},
    )
    a.refresh_from_db()
    assert a.publik


def test_kontributor_hanya_melihat_artikelnya_sendiri(client, kontributor, buat_artikel):
    buat_artikel("Tulisan redaksi")
    services.artikel_create(oleh=kontributor, data={"judul": "Tulisan saya"})
    client.force_login(kontributor)
    html = client.get(reverse("admin:konten_artikel_changelist")).content.decode()
    assert "Tulisan saya" in html and "Tulisan redaksi" not in html


def test_kontributor_tidak_bisa_membuka_atau_mengubah_artikel_orang_lain(
    client, kontributor, buat_artikel
):
    a = buat_artikel("Tulisan redaksi")
    client.force_login(kontributor)
    url = reverse("admin:konten_artikel_change", args=[a.pk])
    assert client.get(url).status_code == 302  # "does not exist" for them
    client.post(url, _form(judul="Diubah kontributor"))
    a.refresh_from_db()
    assert a.judul == "Tulisan redaksi"
    client.post(reverse("admin:konten_artikel_delete", args=[a.pk]), {"post": "yes"})
    assert Artikel.objects.filter(pk=a.pk).exists()


def test_kontributor_tidak_melihat_kolom_penerbitan_dan_tidak_bisa_menerbitkan(
    client, kontributor, desa
):
    client.force_login(kontributor)
    html = client.get(reverse("admin:konten_artikel_add")).content.decode()
    assert 'name="status"' not in html and 'name="headline"' not in html
    assert 'name="terbit_pada_0"' not in html
    response = client.post(
        reverse("admin:konten_artikel_add"),
        _form(judul="Usulan", status="terbit", headline="on", terbit_pada_0="01/01/2020"),
    )
    assert response.status_code == 302
    a = Artikel.objects.get()
    assert a.status == Artikel.Status.DRAF and not a.headline and a.penulis == kontributor
    daftar = client.get(reverse("admin:konten_artikel_changelist")).content.decode()
    assert "aksi_terbitkan" not in daftar


def test_kontributor_mengubah_drafnya_dengan_gambar(client, kontributor, desa):
    a = services.artikel_create(oleh=kontributor, data={"judul": "Draf saya"})
    client.force_login(kontributor)
    response = client.post(
        reverse("admin:konten_artikel_change", args=[a.pk]),
        _form(
            judul="Draf saya (revisi)",
            gambar=png(),
            gambar_alt="Balai desa",
            **{
                "galeri-TOTAL_FORMS": "1",
                "galeri-0-berkas": png(),
                "galeri-0-alt": "Suasana rapat",
                "galeri-0-id": "",
                "galeri-0-artikel": str(a.pk),
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    a.refresh_from_db()
    assert a.judul == "Draf saya (revisi)" and a.gambar and a.status == Artikel.Status.DRAF
    assert a.galeri.count() == 1


def test_kontributor_hanya_melihat_artikelnya_yang_sudah_terbit(client, kontributor, redaksi, desa):
    a = services.artikel_create(oleh=kontributor, data={"judul": "Sudah terbit"})
    services.artikel_terbitkan(oleh=redaksi, artikel=a)
    client.force_login(kontributor)
    url = reverse("admin:konten_artikel_change", args=[a.pk])
    html = client.get(url).content.decode()
    assert 'name="_save"' not in html  # view only
    assert client.post(url, _form(judul="Diubah")).status_code == 403
    a.refresh_from_db()
    assert a.judul == "Sudah terbit"


def test_kontributor_tidak_membuka_komentar_dan_kategori(client, kontributor, desa):
    client.force_login(kontributor)
    assert client.get(reverse("admin:konten_komentar_changelist")).status_code == 403
    assert client.get(reverse("admin:konten_kategori_add")).status_code == 403
    assert client.get(reverse("admin:konten_pengumuman_changelist")).status_code == 403


def test_moderasi_komentar_lewat_aksi(client, redaksi, buat_artikel):
    a = buat_artikel(komentar_aktif=True)
    k = services.komentar_kirim(artikel=a, nama="Warga", isi="Bagus", ip="10.0.0.5")
    client.force_login(redaksi)
    client.post(
        reverse("admin:konten_komentar_changelist"),
        {"action": "aksi_setujui", "_selected_action": [k.pk]},
    )
    k.refresh_from_db()
    assert k.status == Komentar.Status.DISETUJUI and k.dimoderasi_oleh == redaksi


def test_kategori_hanya_satu_tingkat(client, redaksi, kategori, kategori_anak):
    client.force_login(redaksi)
    response = client.post(
        reverse("admin:konten_kategori_add"),
        {"nama": "Cucu", "slug": "", "induk": kategori_anak.pk, "urutan": 0, "keterangan": ""},
    )
    assert response.status_code == 200
    assert not Kategori.objects.filter(nama="Cucu").exists()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as e:
        services.kategori_create(oleh=redaksi, data={"nama": "Cucu", "induk": kategori_anak})
    assert e.value.message_dict["induk"] == [
        "Kategori hanya bertingkat satu: pilih kategori utama sebagai induk."
    ]


def test_kategori_yang_dipakai_tidak_bisa_dihapus(client, redaksi, kategori, buat_artikel):
    buat_artikel(kategori=kategori)
    client.force_login(redaksi)
    response = client.post(
        reverse("admin:konten_kategori_delete", args=[kategori.pk]), {"post": "yes"}, follow=True
    )
    assert Kategori.objects.filter(pk=kategori.pk).exists()
    assert "Tidak dapat menghapus kategori" in response.content.decode()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as e:
        services.kategori_hapus(oleh=redaksi, kategori=kategori)
    assert "masih dipakai" in str(e.value)
    assert Kategori.objects.filter(pk=kategori.pk).exists()


def test_kartu_dasbor_redaksi(client, redaksi, buat_artikel):
    buat_artikel("Draf 1", terbit=False)
    a = buat_artikel("Terbuka", komentar_aktif=True)
    services.komentar_kirim(artikel=a, nama="W", isi="Halo", ip="10.1.1.1")
    client.force_login(redaksi)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Website Desa" in html
    assert "draf menunggu terbit" in html and "komentar menunggu moderasi" in html
    assert "1 komentar menunggu moderasi." in html
