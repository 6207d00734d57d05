"""Letter requests: from the portal through the letter workflow to collection."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from mandiri import services
from mandiri.models import DokumenPermohonan, Permohonan
from sid.models import LogAktivitas
from surat import services as surat_services
from surat.models import Surat
from tests.mandiri import berkas_uji
from tests.surat import siapan as surat_uji

pytestmark = pytest.mark.django_db
S = Permohonan.Status
ISIAN_USAHA = {
    "form_usaha": "Warung sembako",
    "form_alamat_usaha": "Jl. Melati No. 5",
    "form_mulai_usaha": "2019",
    "form_keperluan": "Pengajuan KUR",
}


@pytest.fixture
def jenis(db):
    return surat_uji.jenis_bawaan()


@pytest.fixture
def perangkat(desa, admin_desa):
    return surat_uji.siapkan_perangkat(admin_desa)


def _ajukan(warga, slug="keterangan-usaha", **data):
    isi = {**ISIAN_USAHA, "dokumen_0": berkas_uji.jpeg(), **data}
    return warga.post(f"/mandiri/permohonan/baru/{slug}/", isi)


def test_halaman_pilih_hanya_menampilkan_jenis_online(warga_budi, jenis):
    teks = warga_budi.get("/mandiri/permohonan/baru/").content.decode()
    assert "Keterangan Usaha" in teks
    assert "Izin Keramaian" not in teks  # online=False
    assert warga_budi.get("/mandiri/permohonan/baru/pengantar-izin-keramaian/").status_code == 404


def test_warga_mengajukan_permohonan_dengan_foto_ktp(warga_budi, jenis, akun_budi):
    r = _ajukan(warga_budi)
    assert r.status_code == 302
    p = Permohonan.objects.get()
    assert r["Location"] == f"/mandiri/permohonan/{p.uuid}/"
    assert p.status == S.MENUNGGU and p.penduduk == akun_budi.penduduk
    assert p.isian["form_usaha"] == "Warung sembako"
    d = p.dokumen.get()
    assert d.nama == "Fotokopi KTP-el" and d.jenis_berkas == "jpg"
    with d.berkas.open("rb") as f:
        gambar = Image.open(io.BytesIO(f.read()))
        assert not gambar.getexif()  # re-encoded: EXIF/GPS dropped
    assert "ktp" not in d.berkas.name  # stored under a random name
    teks = warga_budi.get(r["Location"]).content.decode()
    assert "Menunggu Verifikasi" in teks
    log = LogAktivitas.objects.get(aksi="mandiri_permohonan")
    assert log.pelaku == "Warga NIK 3201********0001"


def test_permohonan_tanpa_dokumen_wajib_memilih_bawa_fisik(warga_budi, jenis):
    data = {**ISIAN_USAHA}
    r = warga_budi.post("/mandiri/permohonan/baru/keterangan-usaha/", data)
    assert r.status_code == 200
    assert "Unggah dokumen persyaratan" in r.content.decode()
    assert not Permohonan.objects.exists()
    data["bawa_dokumen_fisik"] = "on"
    assert warga_budi.post("/mandiri/permohonan/baru/keterangan-usaha/", data).status_code == 302
    assert Permohonan.objects.get().bawa_dokumen_fisik


def test_isian_wajib_kosong_ditolak_dengan_pesan_tanpa_menulis(warga_budi, jenis):
    r = _ajukan(warga_budi, form_usaha="")
    assert r.status_code == 200
    assert "tidak boleh kosong" in r.content.decode()
    assert not Permohonan.objects.exists() and not DokumenPermohonan.objects.exists()


@pytest.mark.parametrize(
    ("berkas", "pesan"),
    [
        (berkas_uji.palsu, "harus PDF, JPG atau PNG"),
        (berkas_uji.besar, "terlalu besar"),
        (
            lambda: __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
                "surat.pdf", b"%PDF-1.4 tanpa akhir"
            ),
            "bukan PDF",
        ),
    ],
)
def test_berkas_diperiksa_isinya_dan_yang_salah_ditolak(warga_budi, jenis, berkas, pesan, settings):
    r = _ajukan(warga_budi, dokumen_0=berkas())
    assert r.status_code == 200
    assert pesan in r.content.decode()
    assert not Permohonan.objects.exists() and not DokumenPermohonan.objects.exists()
    folder = settings.PRIVATE_ROOT / "mandiri"
    assert not folder.exists() or not any(p.is_file() for p in folder.rglob("*"))


def test_pdf_dan_png_diterima_png_dikodekan_ulang(warga_budi, jenis):
    r = _ajukan(warga_budi, dokumen_0=berkas_uji.pdf(), dokumen_1=berkas_uji.png())
    assert r.status_code == 302
    # An opaque PNG is re-encoded as JPEG by the shared image cleaner.
    assert sorted(Permohonan.objects.get().dokumen.values_list("jenis_berkas", flat=True)) == [
        "jpg",
        "pdf",
    ]


def test_jenis_yang_tidak_berlaku_untuk_warga_ditolak(warga_rina, jenis, keluarga_rina):
    # SKTM is only for a family head: Rina's son cannot request it.
    from django.test import Client

    from tests.mandiri.conftest import buat_akun, masuk

    assert jenis["sktm"].online
    bayu = keluarga_rina[2]
    buat_akun(bayu, "538204")
    c = Client()
    masuk(c, bayu.nik, "538204")
    r = c.post(
        "/mandiri/permohonan/baru/sktm/", {"form_keperluan": "Beasiswa", "bawa_dokumen_fisik": "on"}
    )
    assert r.status_code == 200
    assert "hanya untuk kepala keluarga" in r.content.decode()
    assert not Permohonan.objects.exists()


def test_warga_membatalkan_selama_menunggu_saja(warga_budi, jenis, operator, perangkat):
    _ajukan(warga_budi)
    p = Permohonan.objects.get()
    r = warga_budi.post(f"/mandiri/permohonan/{p.uuid}/batal/")
    p.refresh_from_db()
    assert r.status_code == 302 and p.status == S.DIBATALKAN
    _ajukan(warga_budi)
    p2 = Permohonan.objects.exclude(pk=p.pk).get()
    services.permohonan_proses(oleh=operator, permohonan=p2)
    r = warga_budi.post(f"/mandiri/permohonan/{p2.uuid}/batal/", follow=True)
    assert "tidak bisa dibatalkan" in r.content.decode()
    p2.refresh_from_db()
    assert p2.status == S.DIPROSES


def test_alur_lengkap_sampai_siap_diambil_dan_unduh_pdf(
    warga_budi, jenis, operator, sekretaris, kades, perangkat, django_capture_on_commit_callbacks
):
    _ajukan(warga_budi)
    p = Permohonan.objects.get()
    p = services.permohonan_proses(oleh=operator, permohonan=p)
    s = p.surat
    assert s.status == Surat.Status.DRAF and s.jenis.slug == "keterangan-usaha"
    assert s.penduduk == p.penduduk and s.isian["form_usaha"] == "Warung sembako"
    assert "Sedang Diproses" in warga_budi.get(f"/mandiri/permohonan/{p.uuid}/").content.decode()
    surat_services.surat_ajukan(oleh=operator, surat=s)
    assert "verifikasi" in warga_budi.get(f"/mandiri/permohonan/{p.uuid}/").content.decode().lower()
    surat_services.surat_verifikasi(oleh=sekretaris, surat=s)
    with django_capture_on_commit_callbacks(execute=True):
        surat_services.surat_tandatangani(oleh=kades, surat=s)
    s.refresh_from_db()
    assert s.status_pdf == Surat.StatusPdf.SIAP
    p = Permohonan.objects.dengan_status().get(pk=p.pk)
    assert p.status == S.DIPROSES and p.status_efektif == S.SIAP  # follows the letter
    teks = warga_budi.get(f"/mandiri/permohonan/{p.uuid}/").content.decode()
    assert "Siap Diambil" in teks and s.nomor in teks
    r = warga_budi.get(f"/mandiri/surat/{s.kode}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF") and "no-store" in r["Cache-Control"]
    assert LogAktivitas.objects.filter(aksi="mandiri_unduh_surat").exists()
    assert s.nomor in warga_budi.get("/mandiri/permohonan/").content.decode()
    services.permohonan_diambil(oleh=operator, permohonan=p)
    p.refresh_from_db()
    assert p.status == S.SELESAI and p.diambil_pada
    assert "Selesai" in warga_budi.get(f"/mandiri/permohonan/{p.uuid}/").content.decode()


def test_diambil_hanya_bila_surat_terbit(warga_budi, jenis, operator, perangkat):
    _ajukan(warga_budi)
    p = services.permohonan_proses(oleh=operator, permohonan=Permohonan.objects.get())
    with pytest.raises(ValidationError, match="Siap Diambil"):
        services.permohonan_diambil(oleh=operator, permohonan=p)


def test_kembalikan_ke_pemohon_membatalkan_draf_lalu_warga_melengkapi(
    warga_budi, jenis, operator, perangkat
):
    _ajukan(warga_budi, form_mulai_usaha="")
    p = services.permohonan_proses(oleh=operator, permohonan=Permohonan.objects.get())
    draf = p.surat
    p = services.permohonan_kembalikan(
        oleh=operator, permohonan=p, pesan="Lengkapi tahun mulai usaha dan foto KK."
    )
    draf.refresh_from_db()
    assert p.status == S.DILENGKAPI and p.surat is None and draf.status == Surat.Status.BATAL
    teks = warga_budi.get(f"/mandiri/permohonan/{p.uuid}/").content.decode()
    assert "Lengkapi tahun mulai usaha" in teks
    r = warga_budi.post(
        f"/mandiri/permohonan/{p.uuid}/lengkapi/",
        {**ISIAN_USAHA, "form_mulai_usaha": "2018", "dokumen_1": berkas_uji.png()},
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status == S.MENUNGGU and p.isian["form_mulai_usaha"] == "2018"
    assert p.dokumen.count() == 2
    p = services.permohonan_proses(oleh=operator, permohonan=p)
    assert p.surat.isian["form_mulai_usaha"] == "2018"


def test_tolak_dengan_alasan_terlihat_di_portal(warga_budi, jenis, operator):
    _ajukan(warga_budi)
    p = Permohonan.objects.get()
    with pytest.raises(ValidationError):
        services.permohonan_tolak(oleh=operator, permohonan=p, alasan="x")
    p.refresh_from_db()
    assert p.status == S.MENUNGGU
    services.permohonan_tolak(
        oleh=operator, permohonan=p, alasan="Usaha tidak berada di wilayah desa."
    )
    teks = warga_budi.get(f"/mandiri/permohonan/{p.uuid}/").content.decode()
    assert "Ditolak" in teks and "tidak berada di wilayah desa" in teks


def test_tolak_saat_diproses_membatalkan_surat_yang_belum_terbit(
    warga_budi, jenis, operator, perangkat
):
    _ajukan(warga_budi)
    p = services.permohonan_proses(oleh=operator, permohonan=Permohonan.objects.get())
    surat_services.surat_ajukan(oleh=operator, surat=p.surat)
    services.permohonan_tolak(oleh=operator, permohonan=p, alasan="Data usaha tidak benar.")
    p.surat.refresh_from_db()
    assert p.surat.status == Surat.Status.BATAL


def test_surat_dibatalkan_bisa_diproses_ulang(warga_budi, jenis, operator, perangkat):
    _ajukan(warga_budi)
    p = services.permohonan_proses(oleh=operator, permohonan=Permohonan.objects.get())
    lama = p.surat
    surat_services.surat_batalkan(oleh=operator, surat=lama, alasan="Salah ketik nama usaha")
    p = services.permohonan_proses(oleh=operator, permohonan=p)
    assert p.surat != lama and p.surat.status == Surat.Status.DRAF


def test_proses_dua_kali_ditolak(warga_budi, jenis, operator, perangkat):
    _ajukan(warga_budi)
    p = services.permohonan_proses(oleh=operator, permohonan=Permohonan.objects.get())
    with pytest.raises(ValidationError, match="hanya permohonan yang menunggu"):
        services.permohonan_proses(oleh=operator, permohonan=p)
    assert Surat.objects.count() == 1


def test_layanan_warga_menolak_permohonan_milik_orang_lain(warga_budi, jenis, akun_rina):
    _ajukan(warga_budi)
    p = Permohonan.objects.get()
    with pytest.raises(PermissionDenied):
        services.permohonan_batalkan(penduduk=akun_rina.penduduk, permohonan=p)
    p.refresh_from_db()
    assert p.status == S.MENUNGGU


def test_kartu_dasbor_menghitung_antrean(rf, warga_budi, jenis, operator, perangkat):
    from mandiri.dasbor import kartu_mandiri
    from sid import dasbor

    assert any(f is kartu_mandiri for _u, f in dasbor._KARTU)  # registered in ready()
    _ajukan(warga_budi)
    _ajukan(warga_budi)
    services.permohonan_proses(oleh=operator, permohonan=Permohonan.objects.first())
    request = rf.get("/admin/")
    request.user = operator
    kartu = kartu_mandiri(request)
    angka = {a.label: a.nilai for a in kartu.angka}
    assert angka["permohonan menunggu verifikasi"] == 1
    assert angka["sedang diproses"] == 1
    assert angka["siap diambil"] == 0
    assert angka["pengaduan belum dibalas"] == 0
    request.user = type(operator).objects.create(username="tamu", is_staff=True)
    assert kartu_mandiri(request) is None
