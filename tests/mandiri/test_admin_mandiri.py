"""Back office of Layanan Mandiri: accounts and PIN slips, bulk issue, request queue,
complaint inbox, and who may do what."""

from __future__ import annotations

import base64
import datetime
import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from mandiri import services
from mandiri.models import AkunMandiri, CetakPin, Permohonan
from sid.models import KunciMasuk, LogAktivitas
from tests.mandiri import berkas_uji
from tests.mandiri.conftest import masuk
from tests.surat import siapan as surat_uji

pytestmark = pytest.mark.django_db


@pytest.fixture
def klien_operator(client, operator):
    client.force_login(operator)
    return client


def _teks_pdf(isi: bytes) -> str:
    return "\n".join(h.extract_text() for h in PdfReader(io.BytesIO(isi)).pages)


def _pin_dari_halaman(html: str) -> str:
    return re.search(r'id="pin-baru">(\d+)<', html).group(1)


def test_operator_membuat_akun_pin_tampil_sekali_dengan_slip_pdf(
    klien_operator, keluarga_budi, operator
):
    budi = keluarga_budi[1]
    r = klien_operator.post("/admin/mandiri/akunmandiri/add/", {"penduduk": budi.pk})
    akun = AkunMandiri.objects.get(penduduk=budi)
    # Redirect after POST: a refresh of the PIN page never posts the form again.
    assert r.status_code == 302 and r["Location"] == f"/admin/mandiri/akunmandiri/{akun.pk}/pin/"
    r = klien_operator.get(r["Location"])
    assert r.status_code == 200
    html = r.content.decode()
    pin = _pin_dari_halaman(html)
    assert "no-store" in r["Cache-Control"]
    data = re.search(r'href="data:application/pdf;base64,([^"]+)"', html).group(1)
    slip = base64.b64decode(data)
    teks = _teks_pdf(slip)
    assert "SLIP PIN LAYANAN MANDIRI" in teks and "Budi Santoso" in teks
    assert "3201********0001" in teks and "3201011705800001" not in teks
    assert pin in teks and "/mandiri/masuk/" in teks and "SUKAMAJU" in teks
    assert pin not in akun.pin
    assert masuk(Client(), budi.nik, pin).status_code == 302
    # Shown once: a refresh says so and sends the operator to the account page.
    ulang = klien_operator.get(f"/admin/mandiri/akunmandiri/{akun.pk}/pin/", follow=True)
    assert (
        pin not in ulang.content.decode() and "hanya ditampilkan sekali" in ulang.content.decode()
    )
    assert AkunMandiri.objects.count() == 1
    # The account page never shows the PIN again.
    assert (
        pin
        not in klien_operator.get(f"/admin/mandiri/akunmandiri/{akun.pk}/change/").content.decode()
    )


def test_pin_tidak_terbaca_dari_sesi_di_database(klien_operator, keluarga_budi):
    """Between the POST and the PIN page the PIN sits in the session, encrypted."""
    from django.contrib.sessions.models import Session

    budi = keluarga_budi[1]
    klien_operator.post("/admin/mandiri/akunmandiri/add/", {"penduduk": budi.pk})
    sesi = Session.objects.get(session_key=klien_operator.session.session_key)
    data = sesi.get_decoded()
    akun = AkunMandiri.objects.get(penduduk=budi)
    html = klien_operator.get(f"/admin/mandiri/akunmandiri/{akun.pk}/pin/").content.decode()
    pin = _pin_dari_halaman(html)
    assert pin not in str(data)
    assert "sekali:pin" not in klien_operator.session


def test_akun_ganda_lewat_admin_ditolak_dengan_pesan(klien_operator, akun_budi):
    r = klien_operator.post("/admin/mandiri/akunmandiri/add/", {"penduduk": akun_budi.penduduk_id})
    assert r.status_code == 200 and "sudah memiliki akun" in r.content.decode()
    assert AkunMandiri.objects.count() == 1


def test_reset_pin_lewat_admin_hanya_post(klien_operator, akun_budi):
    url = f"/admin/mandiri/akunmandiri/{akun_budi.pk}/reset-pin/"
    assert klien_operator.get(url).status_code == 405
    r = klien_operator.post(url)
    assert r.status_code == 302
    pin = _pin_dari_halaman(klien_operator.get(r["Location"]).content.decode())
    assert masuk(Client(), akun_budi.penduduk.nik, pin)["Location"] == "/mandiri/ganti-pin/"


def test_daftar_akun_menampilkan_terakhir_masuk_dan_kunci(klien_operator, akun_budi, akun_rina):
    masuk(Client(), akun_rina.penduduk.nik, "902731")
    KunciMasuk.objects.create(
        ranah="mandiri",
        jenis="nik",
        kunci=akun_budi.penduduk.nik,
        terkunci_sampai=timezone.now() + datetime.timedelta(minutes=15),
    )
    teks = klien_operator.get("/admin/mandiri/akunmandiri/").content.decode()
    assert "Budi Santoso" in teks and "Terkunci s.d." in teks
    teks = klien_operator.get("/admin/mandiri/akunmandiri/?terkunci=ya").content.decode()
    assert "Budi Santoso" in teks and "Rina Wati" not in teks
    teks = klien_operator.get(f"/admin/mandiri/akunmandiri/{akun_budi.pk}/change/").content.decode()
    assert "Terkunci sampai" in teks
    r = klien_operator.post(f"/admin/mandiri/akunmandiri/{akun_budi.pk}/buka-kunci/")
    assert r.status_code == 302
    assert not KunciMasuk.objects.get(kunci=akun_budi.penduduk.nik).terkunci()


def test_nonaktifkan_lewat_admin(klien_operator, akun_budi):
    url = f"/admin/mandiri/akunmandiri/{akun_budi.pk}/nonaktifkan/"
    r = klien_operator.post(url, {"alasan": ""})
    assert r.status_code == 200
    r = klien_operator.post(url, {"alasan": "Pindah ke Bandung"})
    assert r.status_code == 302
    akun_budi.refresh_from_db()
    assert not akun_budi.aktif
    r = klien_operator.post(f"/admin/mandiri/akunmandiri/{akun_budi.pk}/aktifkan/")
    akun_budi.refresh_from_db()
    assert akun_budi.aktif


def test_cetak_pin_massal_satu_rt_satu_pdf_sekali_unduh(
    klien_operator, operator, keluarga_budi, keluarga_rina, django_capture_on_commit_callbacks
):
    rt = keluarga_budi[0].wilayah
    with django_capture_on_commit_callbacks(execute=True):
        r = klien_operator.post(
            "/admin/mandiri/akunmandiri/massal/", {"wilayah": rt.pk, "umur_min": 17}
        )
    c = CetakPin.objects.get()
    assert r["Location"] == f"/admin/mandiri/akunmandiri/massal/{c.uuid}/"
    assert c.status == "selesai" and c.jumlah_slip == 3 and c.progres == 100
    assert set(AkunMandiri.objects.values_list("penduduk__nama", flat=True)) == {
        "Budi Santoso",
        "Siti Aminah",
        "Adi Santoso",
    }
    halaman = klien_operator.get(r["Location"]).content.decode()
    assert "3 slip PIN dibuat" in halaman and "Unduh PDF slip PIN" in halaman
    r = klien_operator.get(f"/admin/mandiri/akunmandiri/massal/{c.uuid}/unduh/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = _teks_pdf(r.content)
    assert teks.count("SLIP PIN LAYANAN MANDIRI") == 3
    assert "Rina Wati" not in teks and "3201********0002" in teks
    pin_siti = re.search(r"Siti Aminah.*?PIN\s*(\d{6})", teks, re.S).group(1)
    assert masuk(Client(), "3201014302830002", pin_siti).status_code == 302
    c.refresh_from_db()
    assert not c.berkas and c.diunduh_pada and c.dihapus_pada
    r = klien_operator.get(f"/admin/mandiri/akunmandiri/massal/{c.uuid}/unduh/", follow=True)
    assert "sudah diunduh" in r.content.decode()
    assert LogAktivitas.objects.filter(aksi="buat", content_type__model="akunmandiri").count() == 3


def test_slip_massal_hanya_untuk_peminta_dan_terhapus_otomatis(
    klien_operator, operator, buat_staf, keluarga_budi, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        services.cetak_pin_create(
            oleh=operator,
            wilayah=keluarga_budi[0].wilayah,
            umur_min=30,
            url_masuk="http://desa.test/mandiri/masuk/",
        )
    c = CetakPin.objects.get()
    lain = Client()
    lain.force_login(buat_staf("Operator", username="operator2"))
    assert lain.get(f"/admin/mandiri/akunmandiri/massal/{c.uuid}/unduh/").status_code == 403
    jalur = settings.PRIVATE_ROOT / c.berkas.name
    assert jalur.is_file()
    CetakPin.objects.filter(pk=c.pk).update(selesai=timezone.now() - datetime.timedelta(hours=2))
    from mandiri.services.cetak import cetak_pin_bersihkan

    assert cetak_pin_bersihkan() == 1
    assert not jalur.exists()


def test_cetak_massal_tanpa_calon_ditolak(klien_operator, akun_budi, keluarga_budi):
    r = klien_operator.post(
        "/admin/mandiri/akunmandiri/massal/",
        {"wilayah": keluarga_budi[0].wilayah.pk, "umur_min": 50},
    )
    assert r.status_code == 200 and "Tidak ada penduduk" in r.content.decode()
    assert not CetakPin.objects.exists()


def test_cetak_massal_gagal_tidak_menyimpan_akun(
    operator, keluarga_budi, monkeypatch, django_capture_on_commit_callbacks
):
    from mandiri.services import cetak

    def rusak(*a, **kw):
        raise RuntimeError("renderer rusak")

    monkeypatch.setattr(cetak, "render_slip", rusak)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        services.cetak_pin_create(
            oleh=operator, wilayah=keluarga_budi[0].wilayah, url_masuk="http://x/"
        )
    c = CetakPin.objects.get()
    assert c.status == "gagal" and "tidak ada akun yang disimpan" in c.pesan_galat
    assert not AkunMandiri.objects.exists()


@pytest.mark.parametrize(
    ("peran", "lihat", "buat"),
    [("Operator", 200, 200), ("Sekretaris Desa", 200, 403), ("Redaksi", 403, 403)],
)
def test_hak_akses_halaman_akun(client, buat_staf, desa, peran, lihat, buat):
    client.force_login(buat_staf(peran, username=f"u-{peran[:4]}"))
    assert client.get("/admin/mandiri/akunmandiri/").status_code == lihat
    assert client.get("/admin/mandiri/akunmandiri/add/").status_code == buat
    assert client.get("/admin/mandiri/akunmandiri/massal/").status_code == buat


# --- request queue ----------------------------------------------------------------------------


@pytest.fixture
def permohonan_budi(akun_budi, desa, admin_desa):
    jenis = surat_uji.jenis_bawaan()
    surat_uji.siapkan_perangkat(admin_desa)
    return services.permohonan_create(
        penduduk=akun_budi.penduduk,
        jenis=jenis["keterangan-usaha"],
        isian={"form_usaha": "Warung", "form_alamat_usaha": "Jl. Melati", "form_keperluan": "KUR"},
        dokumen=[
            ("Fotokopi KTP-el", berkas_uji.jpeg()),
            ("Surat pengantar RT/RW", berkas_uji.pdf()),
        ],
    )


def test_antrean_permohonan_per_status(klien_operator, permohonan_budi):
    teks = klien_operator.get("/admin/mandiri/permohonan/").content.decode()
    assert "Budi Santoso" in teks and "Menunggu Verifikasi" in teks
    teks = klien_operator.get("/admin/mandiri/permohonan/?status=siap").content.decode()
    assert "Budi Santoso" not in teks
    assert (
        "Menunggu verifikasi: <a"
        in klien_operator.get("/admin/mandiri/permohonan/").content.decode()
    )


def test_membuka_permohonan_membuat_draf_dengan_dokumen_di_sampingnya(
    klien_operator, permohonan_budi
):
    p = permohonan_budi
    url = f"/admin/mandiri/permohonan/{p.pk}/change/"
    teks = klien_operator.get(url).content.decode()
    assert "Proses: buat draf surat" in teks and "Fotokopi KTP-el" in teks
    r = klien_operator.post(f"/admin/mandiri/permohonan/{p.pk}/proses/")
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status == "diproses" and p.surat.status == "draf"
    teks = klien_operator.get(url).content.decode()
    assert p.surat.get_absolute_url() in teks  # the letter to open and send on
    assert "pratinjau-surat" in teks and "Warung" in teks
    d = p.dokumen.first()
    r = klien_operator.get(f"/admin/mandiri/permohonan/{p.pk}/dokumen/{d.uuid}/")
    assert r.status_code == 200 and r["Content-Type"] in ("image/jpeg", "application/pdf")


def test_kembalikan_lewat_admin_butuh_pesan(klien_operator, permohonan_budi):
    url = f"/admin/mandiri/permohonan/{permohonan_budi.pk}/kembalikan/"
    r = klien_operator.post(url, {"pesan": ""})
    assert r.status_code == 200
    r = klien_operator.post(url, {"pesan": "Foto KTP buram, unggah ulang."})
    assert r.status_code == 302
    permohonan_budi.refresh_from_db()
    assert permohonan_budi.status == "dilengkapi"


def test_sekretaris_hanya_melihat_permohonan(client, buat_staf, permohonan_budi):
    client.force_login(buat_staf("Sekretaris Desa", username="sekdes"))
    assert client.get(f"/admin/mandiri/permohonan/{permohonan_budi.pk}/change/").status_code == 200
    assert client.post(f"/admin/mandiri/permohonan/{permohonan_budi.pk}/proses/").status_code == 403
    permohonan_budi.refresh_from_db()
    assert permohonan_budi.status == Permohonan.Status.MENUNGGU


def test_kotak_masuk_pengaduan_membalas_dan_mengubah_status(klien_operator, akun_budi):
    p = services.pengaduan_create(
        penduduk=akun_budi.penduduk,
        jenis="pengaduan",
        judul="Sampah menumpuk",
        isi="Sampah di pinggir sungai menumpuk.",
        foto=berkas_uji.jpeg("sampah.jpg"),
    )
    teks = klien_operator.get("/admin/mandiri/pengaduan/?status__exact=menunggu").content.decode()
    assert "Sampah menumpuk" in teks
    url = f"/admin/mandiri/pengaduan/{p.pk}/change/"
    assert klien_operator.get(f"/admin/mandiri/pengaduan/{p.pk}/foto/").status_code == 200
    r = klien_operator.post(url, {"isi": "Sudah diangkut hari ini.", "status": "selesai"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status == "selesai" and p.balasan.get().isi == "Sudah diangkut hari ini."


def test_jadwal_beat_menghapus_slip_kedaluwarsa(
    operator, keluarga_budi, django_capture_on_commit_callbacks
):
    from django_celery_beat.models import PeriodicTask

    from mandiri.tasks import bersihkan_slip

    assert PeriodicTask.objects.get(task="mandiri.bersihkan_slip").interval.every == 10
    with django_capture_on_commit_callbacks(execute=True):
        services.cetak_pin_create(
            oleh=operator, wilayah=keluarga_budi[0].wilayah, url_masuk="http://x/"
        )
    assert bersihkan_slip() == 0  # fresh: kept for its owner
    CetakPin.objects.update(selesai=timezone.now() - datetime.timedelta(minutes=61))
    assert bersihkan_slip() == 1
    assert not CetakPin.objects.get().berkas
