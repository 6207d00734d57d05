"""Resident A can never see, download, cancel or reply to resident B's objects: every portal
URL that takes an id is tried with the other resident's ids."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mandiri import services
from mandiri import urls as mandiri_urls
from mandiri.models import BalasanPengaduan, Pengaduan, Permohonan
from penduduk.models import JenisDokumen
from penduduk.services.dokumen import dokumen_tambah
from surat import services as surat_services
from tests.mandiri import berkas_uji
from tests.surat import siapan as surat_uji

pytestmark = pytest.mark.django_db
S = Permohonan.Status


@pytest.fixture
def milik_budi(desa, admin_desa, akun_budi, buat_staf, django_capture_on_commit_callbacks):
    """Budi's request with a document, an issued letter with its PDF, a request to complete,
    and a complaint with a photo."""
    budi = akun_budi.penduduk
    jenis = surat_uji.jenis_bawaan()
    surat_uji.siapkan_perangkat(admin_desa)
    operator = buat_staf("Operator", username="operator")
    sekdes = buat_staf("Sekretaris Desa", username="sekdes")
    kades = buat_staf("Kepala Desa", username="kades")
    isian = {
        "form_usaha": "Warung",
        "form_alamat_usaha": "Jl. Melati 5",
        "form_keperluan": "KUR",
    }
    p = services.permohonan_create(
        penduduk=budi,
        jenis=jenis["keterangan-usaha"],
        isian=isian,
        dokumen=[("Fotokopi KTP-el", berkas_uji.jpeg())],
    )
    p = services.permohonan_proses(oleh=operator, permohonan=p)
    surat_services.surat_ajukan(oleh=operator, surat=p.surat)
    surat_services.surat_verifikasi(oleh=sekdes, surat=p.surat)
    with django_capture_on_commit_callbacks(execute=True):
        surat_services.surat_tandatangani(oleh=kades, surat=p.surat)
    p.surat.refresh_from_db()
    assert p.surat.status_pdf == "siap"
    lengkapi = services.permohonan_create(
        penduduk=budi, jenis=jenis["keterangan-usaha"], isian=isian, bawa_dokumen_fisik=True
    )
    lengkapi = services.permohonan_kembalikan(
        oleh=operator, permohonan=lengkapi, pesan="Mohon unggah foto KTP."
    )
    menunggu = services.permohonan_create(
        penduduk=budi, jenis=jenis["keterangan-usaha"], isian=isian, bawa_dokumen_fisik=True
    )
    aduan = services.pengaduan_create(
        penduduk=budi,
        jenis="pengaduan",
        judul="Jalan rusak di RT 1",
        isi="Jalan berlubang besar di depan rumah nomor 5.",
        foto=berkas_uji.jpeg("jalan.jpg"),
    )
    arsip = dokumen_tambah(
        oleh=operator,
        penduduk=budi,
        jenis=JenisDokumen.objects.get(nama="KTP"),
        berkas=berkas_uji.jpeg("ktp-budi.jpg"),
        nomor="KTP-RAHASIA",
    )
    return {
        "diproses": p,
        "surat": p.surat,
        "dokumen": p.dokumen.get(),
        "arsip": arsip,
        "lengkapi": lengkapi,
        "menunggu": menunggu,
        "aduan": aduan,
    }


def _url_milik_budi(b) -> dict[str, list[tuple[str, dict]]]:
    """Every portal URL that names an object, filled with Budi's ids: name → [(method, kw)]."""
    return {
        "permohonan": [("get", {"uuid": b["diproses"].uuid})],
        "permohonan_batal": [("post", {"uuid": b["menunggu"].uuid})],
        "permohonan_lengkapi": [
            ("get", {"uuid": b["lengkapi"].uuid}),
            ("post", {"uuid": b["lengkapi"].uuid}),
        ],
        "permohonan_dokumen": [("get", {"uuid": b["diproses"].uuid, "dokumen": b["dokumen"].uuid})],
        "surat_pdf": [("get", {"kode": b["surat"].kode})],
        "pengaduan": [("get", {"uuid": b["aduan"].uuid}), ("post", {"uuid": b["aduan"].uuid})],
        "pengaduan_foto": [("get", {"uuid": b["aduan"].uuid})],
        "dokumen_unduh": [("get", {"uuid": b["arsip"].uuid})],
        "permohonan_baru": [],  # a letter type's slug, not an object of anyone
    }


def test_pemilik_sendiri_bisa_membuka_semua_url_objeknya(warga_budi, milik_budi):
    for nama, percobaan in _url_milik_budi(milik_budi).items():
        for metode, kw in percobaan:
            if metode == "get":
                r = warga_budi.get(reverse(f"mandiri:{nama}", kwargs=kw))
                assert r.status_code == 200, nama


def test_warga_lain_mendapat_404_di_setiap_url_objek_dan_tidak_ada_yang_bocor(
    warga_budi, warga_rina, milik_budi
):
    peta = _url_milik_budi(milik_budi)
    berparameter = {
        p.name
        for p in mandiri_urls.urlpatterns
        if p.pattern.converters and p.name != "permohonan_baru"
    }
    assert berparameter == {n for n, v in peta.items() if v}  # a new URL must be added here
    rahasia = ["Budi", "3201011705800001", "Warung", "Jalan rusak", milik_budi["surat"].nomor]
    for nama, percobaan in peta.items():
        for metode, kw in percobaan:
            url = reverse(f"mandiri:{nama}", kwargs=kw)
            data = {"isi": "balasan titipan", "form_usaha": "Ubah", "bawa_dokumen_fisik": "on"}
            r = warga_rina.get(url) if metode == "get" else warga_rina.post(url, data)
            assert r.status_code == 404, (nama, metode, r.status_code)
            teks = r.content.decode(errors="ignore")
            for kata in rahasia:
                assert kata not in teks, (nama, kata)
            assert not r.content.startswith(b"%PDF") and b"JFIF" not in r.content[:20]
    # Nothing changed on Budi's side.
    assert Permohonan.objects.get(pk=milik_budi["menunggu"].pk).status == S.MENUNGGU
    lengkapi = Permohonan.objects.get(pk=milik_budi["lengkapi"].pk)
    assert lengkapi.status == S.DILENGKAPI and lengkapi.isian["form_usaha"] == "Warung"
    assert not BalasanPengaduan.objects.exists()


def test_dokumen_orang_lain_tidak_bisa_dibuka_lewat_permohonan_sendiri(
    warga_budi, warga_rina, milik_budi, akun_rina
):
    jenis = milik_budi["diproses"].jenis
    punya_rina = services.permohonan_create(
        penduduk=akun_rina.penduduk,
        jenis=jenis,
        isian={"form_usaha": "Jahit", "form_alamat_usaha": "Jl. Mawar", "form_keperluan": "KUR"},
        bawa_dokumen_fisik=True,
    )
    url = reverse(
        "mandiri:permohonan_dokumen",
        kwargs={"uuid": punya_rina.uuid, "dokumen": milik_budi["dokumen"].uuid},
    )
    assert warga_rina.get(url).status_code == 404


def test_daftar_warga_tidak_memuat_milik_warga_lain(warga_rina, milik_budi):
    for url in [
        "/mandiri/",
        "/mandiri/permohonan/",
        "/mandiri/pengaduan/",
        "/mandiri/keluarga/",
        "/mandiri/dokumen/",
        "/mandiri/permohonan/baru/keterangan-usaha/",
    ]:
        teks = warga_rina.get(url).content.decode()
        assert "KTP-RAHASIA" not in teks and str(milik_budi["arsip"].uuid) not in teks, url
        assert "Warung" not in teks and "Jalan rusak" not in teks and "Budi" not in teks, url
        assert milik_budi["surat"].nomor not in teks


def test_surat_milik_warga_lain_tidak_bisa_diunduh_walau_kode_diketahui(warga_rina, milik_budi):
    r = warga_rina.get(f"/mandiri/surat/{milik_budi['surat'].kode}/pdf/")
    assert r.status_code == 404


def test_layanan_pengaduan_menolak_balasan_untuk_milik_orang_lain(milik_budi, akun_rina):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.pengaduan_balas_warga(
            penduduk=akun_rina.penduduk, pengaduan=milik_budi["aduan"], isi="halo"
        )
    assert not BalasanPengaduan.objects.exists()


def test_berkas_privat_tidak_di_media_publik(milik_budi, settings):
    d = milik_budi["dokumen"]
    assert (settings.PRIVATE_ROOT / d.berkas.name).is_file()
    assert not (settings.MEDIA_ROOT / d.berkas.name).exists()
    with pytest.raises(ValueError):
        d.berkas.url  # noqa: B018 - private files have no URL
    aduan = Pengaduan.objects.get(pk=milik_budi["aduan"].pk)
    with pytest.raises(ValueError):
        aduan.foto.url  # noqa: B018
