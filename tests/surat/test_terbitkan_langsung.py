"""OpenSID's three operator actions (form → preview → PDF) when the village switched the
sekretaris' verification off: "Terbitkan dan unduh PDF" on the previewed draft sends, signs and
waits for the PDF; the PDF panel hears of a stored PDF at once instead of every two seconds.

The PDF is queued on commit: the screen tests run the commit callbacks after the request (the
view's wait is off, SID_TUNGGU_PDF_DETIK=0); the wait itself is tested with a real second
connection storing the PDF meanwhile (transactional)."""

import datetime
import threading
import time

import pytest
from django.db import connection
from django.test import Client

from sid.lib import kabar
from sid.models import LogAktivitas
from surat.models import PengaturanSurat, Surat
from surat.services.surat import kanal_pdf, tunggu_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tanpa_menunggu(settings):
    settings.SID_TUNGGU_PDF_DETIK = 0


S = Surat.Status
SP = Surat.StatusPdf


def klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def atur(**kolom):
    PengaturanSurat.ambil()
    PengaturanSurat.objects.filter(pk=1).update(**kolom)


def draf(c, jenis, kepala) -> Surat:
    """The operator saves an SKTM draft through the letter form."""
    c.post(
        f"/admin/surat/surat/buat/{jenis['sktm'].slug}/",
        {"penduduk": kepala.pk, "form_keperluan": "Beasiswa"},
    )
    return Surat.objects.get()


@pytest.fixture
def tanpa_verifikasi(db):
    atur(verifikasi_sekretaris=False, tanda_tangan_kepala_desa=False)


def test_operator_menerbitkan_surat_dalam_tiga_aksi(
    tanpa_verifikasi, jenis, keluarga, perangkat, operator, django_capture_on_commit_callbacks
):
    _k, kepala, _istri, _anak = keluarga
    c = klien(operator)
    sktm = jenis["sktm"]
    # 1. the form (opened from the resident's page with the resident chosen)
    r = c.get(f"/admin/surat/surat/buat/{sktm.slug}/?penduduk={kepala.pk}")
    assert r.status_code == 200
    # 2. saving it shows the preview, with the one-step button and no separate "Ajukan"
    r = c.post(
        f"/admin/surat/surat/buat/{sktm.slug}/",
        {"penduduk": kepala.pk, "form_keperluan": "Beasiswa"},
        follow=True,
    )
    s = Surat.objects.get()
    html = r.content.decode()
    assert "Terbitkan dan unduh PDF" in html and f"/admin/surat/surat/{s.pk}/ajukan/" not in html
    assert "Beasiswa" in html
    # three officials may sign: the choice is on the page, the kepala desa preselected
    assert 'name="penandatangan"' in html and 'value="kepala_desa"' in html
    # 3. one click: numbered, signed, PDF stored; the page starts the download
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(f"/admin/surat/surat/{s.pk}/terbitkan/", {"penandatangan": "kepala_desa"})
    assert r.status_code == 302 and r["Location"] == f"{s.get_absolute_url()}?unduh=1#pdf"
    s.refresh_from_db()
    assert s.status == S.TERBIT and s.nomor.startswith("401/001/")
    assert s.status_pdf == SP.SIAP
    html = c.get(r["Location"]).content.decode()
    assert f'data-unduh-otomatis="/admin/surat/surat/{s.pk}/pdf/"' in html
    assert "PDF sedang dibuat" in html  # the message of the moment of the click (no wait here)
    pdf = c.get(f"/admin/surat/surat/{s.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # both steps are in the letter's history, by the operator
    aksi = set(
        LogAktivitas.objects.filter(object_id=str(s.pk), pengguna=operator).values_list(
            "aksi", flat=True
        )
    )
    assert {"ajukan", "tandatangani"} <= aksi


def test_penanda_tangan_pilihan_dipakai(tanpa_verifikasi, jenis, keluarga, perangkat, operator):
    _k, kepala, _istri, _anak = keluarga
    c = klien(operator)
    s = draf(c, jenis, kepala)
    c.post(f"/admin/surat/surat/{s.pk}/terbitkan/", {"penandatangan": "an"})
    s.refresh_from_db()
    assert s.status == S.TERBIT and s.penandatangan_nama.startswith("Siti Rahmawati")


def test_ditolak_bila_verifikasi_aktif(jenis, keluarga, perangkat, operator):
    atur(verifikasi_sekretaris=True, tanda_tangan_kepala_desa=False)
    _k, kepala, _istri, _anak = keluarga
    c = klien(operator)
    s = draf(c, jenis, kepala)
    assert "Terbitkan dan unduh PDF" not in c.get(s.get_absolute_url()).content.decode()
    r = c.post(
        f"/admin/surat/surat/{s.pk}/terbitkan/", {"penandatangan": "kepala_desa"}, follow=True
    )
    assert "Verifikasi Sekretaris Desa aktif" in r.content.decode()
    s.refresh_from_db()
    assert s.status == S.DRAF and s.nomor == ""


def test_operator_tanpa_hak_tanda_tangan_403(jenis, keluarga, perangkat, operator):
    """With the kepala desa's signature step on, the operator may not issue alone."""
    atur(verifikasi_sekretaris=False, tanda_tangan_kepala_desa=True)
    _k, kepala, _istri, _anak = keluarga
    c = klien(operator)
    s = draf(c, jenis, kepala)
    html = c.get(s.get_absolute_url()).content.decode()
    assert "Terbitkan dan unduh PDF" not in html and f"/{s.pk}/ajukan/" in html
    r = c.post(f"/admin/surat/surat/{s.pk}/terbitkan/", {"penandatangan": "kepala_desa"})
    assert r.status_code == 403
    assert c.get(f"/admin/surat/surat/{s.pk}/terbitkan/").status_code == 405
    s.refresh_from_db()
    assert s.status == S.DRAF


def test_penanda_tangan_tak_dikenal_tidak_menulis(
    tanpa_verifikasi, jenis, keluarga, perangkat, operator
):
    _k, kepala, _istri, _anak = keluarga
    c = klien(operator)
    s = draf(c, jenis, kepala)
    r = c.post(f"/admin/surat/surat/{s.pk}/terbitkan/", {"penandatangan": "ub:999"}, follow=True)
    assert "Pilih penanda tangan surat." in r.content.decode()
    s.refresh_from_db()
    assert s.status == S.DRAF and s.nomor == ""


def _surat_menunggu(jenis, kepala, operator):
    s = Surat.objects.create(
        jenis=jenis["sktm"],
        penduduk=kepala,
        nama_penduduk=kepala.nama,
        nik_penduduk=kepala.nik,
        status=S.TERBIT,
        nomor="401/009/3201012001/XII/2026",
        tahun=2026,
        nomor_urut=9,
        tanggal_surat=datetime.date(2026, 12, 1),
        status_pdf=SP.MENUNGGU,
    )
    return s


@pytest.mark.django_db(transaction=True)
def test_tunggu_pdf_bangun_begitu_pdf_tersimpan(jenis, keluarga, operator, monkeypatch):
    """The wait returns as soon as the worker stores the PDF and announces it (as the task
    surat.render_pdf does), not on its fallback re-read."""
    _k, kepala, _istri, _anak = keluarga
    s = _surat_menunggu(jenis, kepala, operator)
    disimpan = {}

    def pekerja():
        time.sleep(0.3)
        Surat.objects.filter(pk=s.pk).update(status_pdf=SP.SIAP)
        disimpan["pada"] = time.monotonic()
        kabar.umumkan(kanal_pdf(s.pk))
        connection.close()

    monkeypatch.setattr(kabar, "SELANG_CADANGAN", 30)
    benang = threading.Thread(target=pekerja)
    mulai = time.monotonic()
    benang.start()
    assert tunggu_pdf(s.pk, batas_detik=5) == SP.SIAP
    selesai = time.monotonic()
    benang.join()
    # woken by the announcement, not by the 30 s re-read or the 5 s limit (generous bounds: a loaded CI machine)
    assert selesai - disimpan["pada"] < 0.5 and selesai - mulai < 2


def test_panel_pdf_menunggu_lalu_beralih_ke_polling_lambat(
    jenis, keluarga, operator, kades, monkeypatch
):
    from surat.admin import surat as admin_surat

    _k, kepala, _istri, _anak = keluarga
    s = _surat_menunggu(jenis, kepala, operator)
    tunggu = []
    monkeypatch.setattr(
        admin_surat, "tunggu_pdf", lambda pk, batas_detik: tunggu.append((pk, batas_detik))
    )
    c = klien(kades)
    html = c.get(f"/admin/surat/surat/{s.pk}/status-pdf/?ke=3&unduh=1").content.decode()
    assert tunggu == [(s.pk, 2)]  # waited on the server, not on a client timer
    assert 'hx-trigger="load"' in html and "?ke=4&amp;unduh=1" in html
    # still pending after 15 waits (~30 s): a plain poll every 5 s, the server no longer waits
    html = c.get(f"/admin/surat/surat/{s.pk}/status-pdf/?ke=15").content.decode()
    assert len(tunggu) == 1 and 'hx-trigger="load delay:5s"' in html
    Surat.objects.filter(pk=s.pk).update(status_pdf=SP.SIAP)
    html = c.get(f"/admin/surat/surat/{s.pk}/status-pdf/?ke=1&unduh=1").content.decode()
    assert "hx-get" not in html and "data-unduh-otomatis" in html
    html = c.get(f"/admin/surat/surat/{s.pk}/status-pdf/?ke=abc").content.decode()
    assert "Unduh PDF" in html and "data-unduh-otomatis" not in html
