"""Hub access control: a kecamatan user sees only the villages of that kecamatan, on every
hub URL (pages, files, exports and actions); views of officials' records are logged."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, reverse

from hub import urls as hub_urls
from hub.models import (
    AksesRekaman,
    Angka,
    DesaHub,
    Kredensial,
    PengumumanHub,
    PenolakanHub,
    PesanTiket,
    RekamanHub,
    StatusDataset,
    Tiket,
    TopikForum,
)
from perangkat.demo import pdf_sederhana

pytestmark = pytest.mark.django_db

NAMA_B = "Desa Rahasia Kecamatan Lain"


def _tutup(r) -> None:
    """Close a FileResponse's file (response.close() would also close the test database)."""
    from django.db.models.fields.files import FieldFile

    for tutup in getattr(r, "_resource_closers", []):
        if isinstance(getattr(tutup, "__self__", None), FieldFile):
            tutup()


@pytest.fixture
def dua_kecamatan(staf_hub):
    """Village A in kecamatan 320101, village B (with every kind of object) in 320102."""
    a = DesaHub.objects.create(
        kode="3201010001", nama="Sukamaju", kode_kecamatan="320101", kode_kabupaten="3201"
    )
    b = DesaHub.objects.create(
        kode="3201020001", nama=NAMA_B, kode_kecamatan="320102", kode_kabupaten="3201"
    )
    for d, n in ((a, 100), (b, 777)):
        Angka.objects.create(
            desa=d, dataset="penduduk", periode="2026-11", kategori="jenis-kelamin",
            kunci="1", label="LAKI-LAKI", jumlah=n, l=n,
        )  # fmt: skip
        StatusDataset.objects.create(desa=d, dataset="penduduk", terakhir_diterima=None)
    k = Kredensial.objects.create(desa=b, kunci_publik="x")
    r = RekamanHub(desa=b, dataset="perangkat", kunci="sk-b", sha="1", data={"nama": NAMA_B})
    r.berkas.save("b.pdf", ContentFile(pdf_sederhana(["SK"])), save=False)
    r.berkas_jenis = "application/pdf"
    r.save()
    p = PengumumanHub.objects.create(
        judul=f"Untuk {NAMA_B}", isi="x", lingkup="320102", desa=b, pengirim="kec2"
    )
    p.lampiran.save("l.pdf", ContentFile(pdf_sederhana(["L"])))
    t = Tiket.objects.create(
        uuid="11111111-2222-3333-4444-555555555555", desa=b, kategori="masalah",
        judul=f"Laporan {NAMA_B}",
    )  # fmt: skip
    pesan = PesanTiket(tiket=t, dari="desa", nama=NAMA_B, isi="tolong")
    pesan.lampiran.save("t.pdf", ContentFile(pdf_sederhana(["T"])), save=False)
    pesan.lampiran_jenis = "application/pdf"
    pesan.save()
    topik = TopikForum.objects.create(judul=f"Topik {NAMA_B}", lingkup="320102", nama=NAMA_B)
    PenolakanHub.objects.create(path="/x", alasan="uji", pesan=NAMA_B, kode_desa=b.kode)
    AksesRekaman.objects.create(pelaku=NAMA_B, desa=b, jenis="uji", keterangan=NAMA_B)
    return {"a": a, "b": b, "kredensial": k, "rekaman": r, "pengumuman": p, "tiket": t,
            "pesan": pesan, "topik": topik}  # fmt: skip


def _argumen_b(nama: str, o: dict) -> tuple[dict, str]:
    """URL kwargs pointing at village B's objects, and the method to use."""
    b = o["b"]
    return {
        "dasbor": ({}, "get"),
        "desa_daftar": ({}, "get"),
        "desa": ({"kode": b.kode}, "get"),
        "desa_kode": ({"kode": b.kode}, "post"),
        "kredensial_cabut": ({"kode": b.kode, "kredensial": o["kredensial"].uuid}, "post"),
        "desa_perangkat": ({"kode": b.kode}, "get"),
        "perangkat_sk": ({"kode": b.kode, "kunci": o["rekaman"].kunci}, "get"),
        "perangkat": ({}, "get"),
        "ekspor": ({"jenis": "perangkat"}, "get"),
        "pengumuman_daftar": ({}, "get"),
        "pengumuman": ({"id": o["pengumuman"].pk}, "get"),
        "pengumuman_lampiran": ({"id": o["pengumuman"].pk}, "get"),
        "tiket_daftar": ({}, "get"),
        "tiket": ({"kode": o["tiket"].uuid}, "get"),
        "tiket_lampiran": ({"kode": o["tiket"].uuid, "pesan": o["pesan"].uuid}, "get"),
        "forum": ({}, "get"),
        "topik": ({"id": o["topik"].pk}, "get"),
        "penolakan": ({}, "get"),
        "akses": ({}, "get"),
    }[nama]


HALAMAN_DAFTAR = {
    "dasbor", "desa_daftar", "perangkat", "ekspor", "pengumuman_daftar", "tiket_daftar",
    "forum", "penolakan", "akses",
}  # fmt: skip
NAMA_URL = [p.name for p in hub_urls.urlpatterns if isinstance(p, URLPattern)]


@pytest.mark.parametrize("nama", NAMA_URL)
def test_pengguna_kecamatan_tidak_melihat_desa_kecamatan_lain(
    client, staf_hub, dua_kecamatan, nama
):
    client.force_login(staf_hub["kec1"])
    kwargs, metode = _argumen_b(nama, dua_kecamatan)
    url = reverse(f"hub:{nama}", kwargs=kwargs)
    data = {"alasan": "uji"} if metode == "post" else {"kecamatan": "320102"}
    r = getattr(client, metode)(url, data)
    if nama not in HALAMAN_DAFTAR:
        assert r.status_code == 404, url
    else:
        isi = r.content.decode()
        assert r.status_code == 200, url
        assert NAMA_B not in isi and "3201020001" not in isi and "777" not in isi, url
        if nama == "ekspor":
            r = client.get(reverse("hub:ekspor", args=["penduduk"]), data)
            assert r.status_code == 200 and "3201020001" not in r.content.decode()
    assert Kredensial.objects.get().status == "aktif"
    assert not dua_kecamatan["b"].kode_pendaftaran.exists()


@pytest.mark.parametrize("nama", NAMA_URL)
def test_pengguna_kabupaten_melihat_semua_desa(client, staf_hub, dua_kecamatan, nama):
    client.force_login(staf_hub["kab"])
    kwargs, metode = _argumen_b(nama, dua_kecamatan)
    url = reverse(f"hub:{nama}", kwargs=kwargs)
    r = getattr(client, metode)(url, {"alasan": "uji"})
    _tutup(r)
    if metode == "get":
        assert r.status_code == 200, url
        return
    # An action: done, then back to a hub page (never to the login page).
    assert r.status_code == 302 and "/login/" not in r["Location"], url
    b = dua_kecamatan["b"]
    if nama == "desa_kode":
        assert b.kode_pendaftaran.exists()
        tampil = client.get(r["Location"])
        assert tampil.status_code == 200 and 'id="kode-pendaftaran"' in tampil.content.decode()
    elif nama == "kredensial_cabut":
        assert Kredensial.objects.get().status != "aktif"


def test_halaman_hub_menolak_tanpa_lingkup_dan_tanpa_login(client, buat_staf, hub_aktif):
    assert client.get(reverse("hub:dasbor")).status_code == 302
    client.force_login(buat_staf("Administrator"))
    assert client.get(reverse("hub:dasbor")).status_code == 403


def test_hub_mati_semua_url_404(client, staf_hub, dua_kecamatan, settings):
    settings.SID_HUB = False
    client.force_login(staf_hub["kab"])
    assert client.get(reverse("hub:dasbor")).status_code == 404
    assert (
        client.post(reverse("hub_api:batch"), b"{}", content_type="application/json").status_code
        == 404
    )


def test_melihat_rekaman_perangkat_tercatat_di_log_akses(client, staf_hub, dua_kecamatan):
    client.force_login(staf_hub["kab"])
    b = dua_kecamatan["b"]
    sebelum = AksesRekaman.objects.count()
    assert client.get(reverse("hub:perangkat")).status_code == 200
    r = client.get(reverse("hub:perangkat_sk", args=[b.kode, "sk-b"]))
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    _tutup(r)
    client.get(reverse("hub:ekspor", args=["perangkat"]))
    baru = list(AksesRekaman.objects.order_by("pk")[sebelum:].values_list("jenis", "user"))
    assert baru == [
        ("perangkat_daftar", staf_hub["kab"].pk),
        ("perangkat_sk", staf_hub["kab"].pk),
        ("perangkat_ekspor", staf_hub["kab"].pk),
    ]
    _ = datetime
