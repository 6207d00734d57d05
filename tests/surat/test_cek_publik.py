"""The public QR page: valid or cancelled, the few facts printed on the letter, nothing more."""

import uuid

import pytest
from django.test import Client

from surat import services

pytestmark = pytest.mark.django_db


def test_surat_sah_tampil_dengan_nik_disamarkan(surat_siap_ttd, kades):
    s = services.surat_tandatangani(oleh=kades, surat=surat_siap_ttd)
    r = Client().get(f"/surat/cek/{s.kode}/")
    html = r.content.decode()
    assert r.status_code == 200
    for teks in (
        "ASLI dan SAH",
        s.nomor,
        "Keterangan Kurang Mampu (SKTM)",
        "Budi Santoso",
        "3201********0001",
        "H. Ahmad Fauzi, S.Sos.",
        "Kepala Desa Sukamaju",
    ):
        assert teks in html, teks
    for rahasia in ("3201011705800001", "Beasiswa", "Jl. Melati", "3201010101230001", "ISTRI"):
        assert rahasia not in html, rahasia
    assert r["X-Robots-Tag"] == "noindex, nofollow"


def test_surat_batal_dinyatakan_dibatalkan(surat_siap_ttd, kades):
    s = services.surat_tandatangani(oleh=kades, surat=surat_siap_ttd)
    services.surat_batalkan(oleh=kades, surat=s, alasan="Salah data penduduk")
    html = Client().get(f"/surat/cek/{s.kode}/").content.decode()
    assert "DIBATALKAN" in html and "ASLI dan SAH" not in html and s.nomor in html
    assert "Salah data" not in html


def test_draf_dan_kode_asing_tidak_ditemukan(surat_siap_ttd):
    for kode in (surat_siap_ttd.kode, uuid.uuid4()):
        r = Client().get(f"/surat/cek/{kode}/")
        assert r.status_code == 404 and "Surat tidak ditemukan" in r.content.decode()
    assert Client().get(f"/surat/cek/{surat_siap_ttd.pk}/").status_code == 404
