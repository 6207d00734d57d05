"""Complaints and aspirations: written in the portal, answered in the back office."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from mandiri import services
from mandiri.models import BalasanPengaduan, Pengaduan
from tests.mandiri import berkas_uji

pytestmark = pytest.mark.django_db


def test_warga_menulis_pengaduan_dengan_foto_dikodekan_ulang(warga_budi):
    r = warga_budi.post(
        "/mandiri/pengaduan/baru/",
        {
            "jenis": "pengaduan",
            "judul": "Lampu jalan mati",
            "isi": "Lampu di depan musala mati sejak seminggu.",
            "foto": berkas_uji.jpeg("lampu.jpg"),
        },
    )
    p = Pengaduan.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/mandiri/pengaduan/{p.uuid}/"
    assert p.status == Pengaduan.Status.MENUNGGU
    with p.foto.open("rb") as f:
        assert not Image.open(io.BytesIO(f.read())).getexif()
    r = warga_budi.get(f"/mandiri/pengaduan/{p.uuid}/foto/")
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert "Lampu jalan mati" in warga_budi.get("/mandiri/pengaduan/").content.decode()


def test_foto_palsu_ditolak_tanpa_menulis(warga_budi):
    r = warga_budi.post(
        "/mandiri/pengaduan/baru/",
        {
            "jenis": "aspirasi",
            "judul": "Usul pelatihan",
            "isi": "Mohon diadakan pelatihan menjahit.",
            "foto": berkas_uji.palsu(),
        },
    )
    assert r.status_code == 200 and "JPG atau PNG" in r.content.decode()
    assert not Pengaduan.objects.exists()


def test_isi_terlalu_pendek_ditolak(warga_budi):
    r = warga_budi.post(
        "/mandiri/pengaduan/baru/", {"jenis": "pengaduan", "judul": "Jalan", "isi": "rusak"}
    )
    assert "minimal 10 karakter" in r.content.decode()
    assert not Pengaduan.objects.exists()


def test_batas_lima_pengaduan_sehari(akun_budi):
    for i in range(5):
        services.pengaduan_create(
            penduduk=akun_budi.penduduk, jenis="aspirasi", judul=f"Usulan {i}", isi="x" * 20
        )
    with pytest.raises(ValidationError, match="24 jam"):
        services.pengaduan_create(
            penduduk=akun_budi.penduduk, jenis="aspirasi", judul="Usulan 6", isi="x" * 20
        )
    assert Pengaduan.objects.count() == 5


def test_petugas_membalas_dan_warga_melihat_balasan_dan_status(warga_budi, akun_budi, operator):
    p = services.pengaduan_create(
        penduduk=akun_budi.penduduk,
        jenis="pengaduan",
        judul="Saluran tersumbat",
        isi="Saluran air di gang tersumbat sampah.",
    )
    services.pengaduan_balas(
        oleh=operator, pengaduan=p, isi="Akan dibersihkan Minggu ini.", status="diproses"
    )
    teks = warga_budi.get(f"/mandiri/pengaduan/{p.uuid}/").content.decode()
    assert "Akan dibersihkan Minggu ini." in teks and "Diproses" in teks
    assert "Pemerintah Desa" in teks and "operator" not in teks  # staff names stay inside
    r = warga_budi.post(f"/mandiri/pengaduan/{p.uuid}/", {"isi": "Terima kasih, ditunggu."})
    assert r.status_code == 302
    assert BalasanPengaduan.objects.filter(dari_warga=True).count() == 1
    services.pengaduan_balas(oleh=operator, pengaduan=p, isi="", status="selesai")
    p.refresh_from_db()
    assert p.status == "selesai" and p.diselesaikan_pada
    with pytest.raises(ValidationError, match="sudah selesai"):
        services.pengaduan_balas_warga(penduduk=akun_budi.penduduk, pengaduan=p, isi="Lagi")


def test_balasan_petugas_kosong_tanpa_ganti_status_ditolak(akun_budi, operator):
    p = services.pengaduan_create(
        penduduk=akun_budi.penduduk, jenis="aspirasi", judul="Usul taman", isi="Taman bermain anak."
    )
    with pytest.raises(ValidationError) as e:
        services.pengaduan_balas(oleh=operator, pengaduan=p, isi=" ", status="menunggu")
    assert "isi" in e.value.message_dict
    assert not BalasanPengaduan.objects.exists()
