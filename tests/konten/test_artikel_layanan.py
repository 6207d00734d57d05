"""Article services: sanitising, slugs, images, attachments, who may publish, audit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from konten import services
from konten.models import Artikel, GambarArtikel
from sid.models import LogAktivitas
from tests.konten.berkas_uji import jpeg_dengan_exif, pdf, png

pytestmark = pytest.mark.django_db


def test_isi_artikel_dibersihkan_saat_disimpan(buat_artikel):
    a = buat_artikel(
        isi='<p onclick="alert(1)">Halo <script>alert(2)</script><a href="javascript:alert(3)">x</a>'
        '<iframe src="https://contoh.id"></iframe><img src="https://luar.id/a.png"></p>'
    )
    assert "script" not in a.isi
    assert "onclick" not in a.isi
    assert "javascript:" not in a.isi
    assert "iframe" not in a.isi
    assert "<img" not in a.isi  # no remote images: nothing on a page waits on another server
    assert a.teks == "Halo x"


def test_slug_dibuat_dari_judul_dan_unik(buat_artikel):
    a = buat_artikel("Panen Raya Padi 2026")
    b = buat_artikel("Panen Raya Padi 2026")
    assert a.slug == "panen-raya-padi-2026"
    assert b.slug == "panen-raya-padi-2026-2"


def test_slug_yang_sudah_dipakai_ditolak(buat_artikel, redaksi):
    buat_artikel("Satu", slug="sama")
    with pytest.raises(ValidationError) as e:
        services.artikel_create(oleh=redaksi, data={"judul": "Dua", "slug": "sama"})
    assert "sudah dipakai" in str(e.value)
    assert Artikel.objects.filter(judul="Dua").count() == 0


def test_terbit_tanpa_waktu_memakai_sekarang(buat_artikel, redaksi):
    a = services.artikel_create(oleh=redaksi, data={"judul": "X", "status": "terbit"})
    assert a.terbit_pada is not None and a.publik


def test_judul_kosong_ditolak_dan_tidak_ada_yang_tertulis(redaksi):
    with pytest.raises(ValidationError) as e:
        services.artikel_create(oleh=redaksi, data={"judul": "   ", "isi": "<p>x</p>"})
    assert e.value.message_dict["judul"] == ["Judul wajib diisi."]
    assert not Artikel.objects.exists()
    assert not LogAktivitas.objects.filter(aksi="buat").exists()


def test_gambar_diperkecil_menjadi_dua_varian_webp(buat_artikel):
    a = buat_artikel(gambar=png(2400, 1350), gambar_alt="Sawah")
    assert (a.gambar_lebar, a.gambar_tinggi) == (1200, 675)
    assert a.gambar.name.endswith("-1200.webp") and a.gambar_kecil.name.endswith("-400.webp")
    with Image.open(a.gambar.path) as besar, Image.open(a.gambar_kecil.path) as kecil:
        assert besar.format == kecil.format == "WEBP"
        assert besar.size == (1200, 675)
        assert kecil.size == (400, 225) == a.gambar_kecil_ukuran


def test_foto_ponsel_kehilangan_exif_gps_tetapi_tetap_tegak(buat_artikel):
    a = buat_artikel(gambar=jpeg_dengan_exif(800, 600, orientasi=6), gambar_alt="Foto")
    with Image.open(a.gambar.path) as img:
        assert not img.getexif()
        assert img.size == (600, 800)  # rotated upright, as the phone showed it
    with open(a.gambar.path, "rb") as f:
        assert b"PonselMurah" not in f.read()


def test_gambar_tanpa_teks_alternatif_ditolak(redaksi):
    with pytest.raises(ValidationError) as e:
        services.artikel_create(oleh=redaksi, data={"judul": "Foto", "gambar": png()})
    assert "gambar_alt" in e.value.message_dict
    assert not Artikel.objects.exists()


@pytest.mark.parametrize(
    "nama,isi",
    [
        ("script.jpg", b"<script>alert(document.cookie)</script>"),
        ("shell.jpg", b"<?php system($_GET['c']); ?>"),
        ("gambar.png", b"GIF89a<?php echo 1; ?>"),
    ],
)
def test_gambar_palsu_ditolak(redaksi, nama, isi):
    palsu = SimpleUploadedFile(nama, isi, content_type="image/jpeg")
    with pytest.raises(ValidationError) as e:
        services.artikel_create(
            oleh=redaksi, data={"judul": "Palsu", "gambar": palsu, "gambar_alt": "x"}
        )
    assert "bukan gambar" in str(e.value)
    assert not Artikel.objects.exists()


def test_lampiran_hanya_pdf(redaksi):
    with pytest.raises(ValidationError) as e:
        services.artikel_create(
            oleh=redaksi,
            data={"judul": "L", "lampiran": SimpleUploadedFile("a.pdf", b"MZ\x90 bukan pdf")},
        )
    assert "bukan PDF" in str(e.value)
    a = services.artikel_create(oleh=redaksi, data={"judul": "L", "lampiran": pdf()})
    assert a.lampiran.name.endswith(".pdf") and a.lampiran_judul == "Lampiran"
    assert "media" not in a.lampiran.path  # private storage, streamed by a view


def test_mengganti_gambar_menghapus_berkas_lama(
    buat_artikel, redaksi, django_capture_on_commit_callbacks
):
    a = buat_artikel(gambar=png(), gambar_alt="Satu")
    lama = a.gambar.path
    with django_capture_on_commit_callbacks(execute=True):
        services.artikel_update(oleh=redaksi, artikel=a, data={"gambar": png(warna=(1, 2, 3))})
    a.refresh_from_db()
    assert a.gambar.path != lama
    import os

    assert not os.path.exists(lama)


def test_galeri_paling_banyak_tiga(buat_artikel, redaksi):
    a = buat_artikel()
    for i in range(3):
        services.gambar_artikel_simpan(
            oleh=redaksi, artikel=a, data={"berkas": png(), "alt": f"F{i}"}
        )
    with pytest.raises(ValidationError) as e:
        services.gambar_artikel_simpan(oleh=redaksi, artikel=a, data={"berkas": png(), "alt": "4"})
    assert "Paling banyak 3" in str(e.value)
    assert list(a.galeri.values_list("urutan", flat=True)) == [1, 2, 3]


def test_galeri_wajib_teks_alternatif(buat_artikel, redaksi):
    a = buat_artikel()
    with pytest.raises(ValidationError) as e:
        services.gambar_artikel_simpan(oleh=redaksi, artikel=a, data={"berkas": png(), "alt": " "})
    assert "alt" in e.value.message_dict
    assert not GambarArtikel.objects.exists()


def test_perubahan_tercatat_di_log_aktivitas(buat_artikel, redaksi):
    a = buat_artikel("Judul lama")
    services.artikel_update(oleh=redaksi, artikel=a, data={"judul": "Judul baru"})
    log = LogAktivitas.objects.filter(aksi="ubah", object_id=str(a.pk)).get()
    assert log.perubahan["judul"] == ["Judul lama", "Judul baru"]
    assert log.pengguna == redaksi


# --- Kontributor -------------------------------------------------------------------------------


def test_kontributor_hanya_membuat_draf_miliknya(kontributor, desa):
    a = services.artikel_create(oleh=kontributor, data={"judul": "Usulan berita"})
    assert a.status == Artikel.Status.DRAF and a.penulis == kontributor


def test_kontributor_tidak_bisa_menerbitkan(kontributor, desa):
    for data in (
        {"status": "terbit"},
        {"headline": True},
        {"terbit_pada": timezone.now()},
        {"komentar_aktif": True},
    ):
        with pytest.raises(ValidationError) as e:
            services.artikel_create(oleh=kontributor, data={"judul": "Coba", **data})
        assert "Hanya Redaksi" in str(e.value)
    assert not Artikel.objects.exists()
    a = services.artikel_create(oleh=kontributor, data={"judul": "Draf"})
    with pytest.raises(ValidationError):
        services.artikel_terbitkan(oleh=kontributor, artikel=a)
    with pytest.raises(ValidationError):
        services.artikel_update(oleh=kontributor, artikel=a, data={"status": "terbit"})
    a.refresh_from_db()
    assert a.status == Artikel.Status.DRAF


def test_kontributor_tidak_bisa_mengubah_artikel_orang_lain(kontributor, kontributor_lain, desa):
    a = services.artikel_create(oleh=kontributor_lain, data={"judul": "Milik orang lain"})
    with pytest.raises(ValidationError) as e:
        services.artikel_update(oleh=kontributor, artikel=a, data={"judul": "Diubah"})
    assert "milik Anda sendiri" in str(e.value)
    with pytest.raises(ValidationError):
        services.gambar_artikel_simpan(
            oleh=kontributor, artikel=a, data={"berkas": png(), "alt": "x"}
        )
    a.refresh_from_db()
    assert a.judul == "Milik orang lain"


def test_kontributor_tidak_bisa_mengubah_drafnya_setelah_terbit(kontributor, redaksi, desa):
    a = services.artikel_create(oleh=kontributor, data={"judul": "Draf saya"})
    services.artikel_update(oleh=kontributor, artikel=a, data={"judul": "Draf saya (revisi)"})
    services.artikel_terbitkan(oleh=redaksi, artikel=a)
    with pytest.raises(ValidationError):
        services.artikel_update(oleh=kontributor, artikel=a, data={"judul": "Diam-diam"})
    a.refresh_from_db()
    assert a.judul == "Draf saya (revisi)" and a.publik


def test_redaksi_menjadwalkan_dan_menarik_artikel(buat_artikel, redaksi):
    a = buat_artikel(terbit=False)
    nanti = timezone.now() + datetime.timedelta(days=1)
    services.artikel_terbitkan(oleh=redaksi, artikel=a, pada=nanti)
    a.refresh_from_db()
    assert a.terjadwal and not a.publik and a.status_tampil == "Terjadwal"
    assert LogAktivitas.objects.filter(aksi="jadwalkan", object_id=str(a.pk)).exists()
    services.artikel_jadikan_draf(oleh=redaksi, artikel=a)
    a.refresh_from_db()
    assert a.status == Artikel.Status.DRAF


def test_penghitung_dibaca_atomik_hanya_untuk_artikel_publik(buat_artikel):
    a = buat_artikel()
    draf = buat_artikel("Draf", terbit=False)
    assert services.artikel_tambah_dibaca(uuid=a.uuid)
    assert services.artikel_tambah_dibaca(uuid=a.uuid)
    assert not services.artikel_tambah_dibaca(uuid=draf.uuid)
    a.refresh_from_db()
    draf.refresh_from_db()
    assert (a.dibaca, draf.dibaca) == (2, 0)
