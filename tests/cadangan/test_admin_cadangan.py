"""Back-office screens: administrators only; download and restore are audit-logged."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sid.cadangan import folder_cadangan
from sid.models import LogAktivitas, LogCadangan
from tests.cadangan.isi import SAMA, potret, selisih, tanpa_penanda_jadwal

pytestmark = pytest.mark.django_db

DAFTAR = reverse("admin:sid_logcadangan_changelist")
BUAT = reverse("admin:sid_logcadangan_buat")
PULIHKAN = reverse("admin:sid_logcadangan_pulihkan")


def unduh(pk: int) -> str:
    return reverse("admin:sid_logcadangan_unduh", args=[pk])


@pytest.mark.parametrize("peran", ["Operator", "Sekretaris Desa", "Kepala Desa", "Redaksi"])
def test_staf_bukan_administrator_ditolak(arsip_demo, client, buat_staf, peran):
    staf = buat_staf(peran)
    client.force_login(staf)
    sebelum = potret()
    jumlah_log = LogCadangan.objects.count()
    for url in (DAFTAR, unduh(arsip_demo.log.pk), PULIHKAN, f"{DAFTAR}{arsip_demo.log.pk}/change/"):
        assert client.get(url).status_code == 403, url
    assert client.post(BUAT).status_code == 403
    arsip = SimpleUploadedFile("a.tar.gz", arsip_demo.path.read_bytes())
    assert client.post(PULIHKAN, {"unggahan": arsip}).status_code == 403
    assert client.post(PULIHKAN, {"token": "x", "paham": "on"}).status_code == 403
    assert potret() == sebelum
    assert LogCadangan.objects.count() == jumlah_log
    assert not LogAktivitas.objects.filter(aksi="cadangan_unduh").exists()


def test_staf_dengan_izin_model_tetap_ditolak(arsip_demo, client, buat_staf):
    """Even a granted view permission does not open backups: only the Administrator role."""
    from django.contrib.auth.models import Permission

    staf = buat_staf("Operator")
    staf.user_permissions.add(Permission.objects.get(codename="view_logcadangan"))
    client.force_login(staf)
    assert client.get(DAFTAR).status_code == 403
    assert client.get(unduh(arsip_demo.log.pk)).status_code == 403


def test_menu_cadangan_tidak_tampil_untuk_operator(desa, client, buat_staf):
    client.force_login(buat_staf("Operator"))
    assert DAFTAR not in client.get(reverse("admin:index")).content.decode()


def test_administrator_melihat_daftar_cadangan(arsip_demo, klien_admin):
    respons = klien_admin.get(DAFTAR)
    html = respons.content.decode()
    assert respons.status_code == 200
    assert "Buat cadangan sekarang" in html
    assert "Berhasil" in html and unduh(arsip_demo.log.pk) in html
    assert "penduduk" in html
    assert "setiap Minggu pukul 02:00 (Asia/Jakarta)" in html  # the schedule is shown


def test_unduh_mengalirkan_arsip_dan_tercatat(arsip_demo, klien_admin, admin_desa):
    respons = klien_admin.get(unduh(arsip_demo.log.pk))
    assert respons.status_code == 200
    assert respons.streaming
    assert b"".join(respons.streaming_content) == arsip_demo.path.read_bytes()
    assert "attachment" in respons["Content-Disposition"]
    entri = LogAktivitas.objects.get(aksi="cadangan_unduh")
    assert entri.pengguna == admin_desa
    assert entri.object_id == str(arsip_demo.log.pk)


def test_arsip_tidak_ada_di_url_publik(arsip_demo, client):
    assert arsip_demo.path.resolve().is_relative_to(folder_cadangan().resolve())
    assert client.get(f"/media/{arsip_demo.path.name}").status_code == 404


def test_buat_cadangan_sekarang(
    desa_demo, klien_admin, admin_desa, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        respons = klien_admin.post(BUAT)
    assert respons.status_code == 302
    log = LogCadangan.objects.get(jenis=LogCadangan.Jenis.MANUAL)
    assert log.status == LogCadangan.Status.OK and log.terverifikasi
    assert log.oleh == admin_desa
    html = klien_admin.get(DAFTAR).content.decode()
    assert "sid-lencana-ok" in html and unduh(log.pk) in html


def test_buat_cadangan_yang_gagal_ditampilkan_gagal(
    desa, klien_admin, settings, tmp_path, django_capture_on_commit_callbacks
):
    penghalang = tmp_path / "penuh"
    penghalang.write_text("x")
    settings.BACKUP_ROOT = penghalang
    with django_capture_on_commit_callbacks(execute=True):
        klien_admin.post(BUAT)
    assert LogCadangan.objects.get().status == LogCadangan.Status.GAGAL
    html = klien_admin.get(DAFTAR).content.decode()
    assert "sid-lencana-mati" in html and "Gagal" in html
    assert "Cadangan gagal:" in html  # the error text is shown, not hidden


def test_buat_cadangan_saat_lain_berjalan_ditolak(desa, klien_admin):
    LogCadangan.objects.create(jenis="manual", status="berjalan")
    respons = klien_admin.post(BUAT, follow=True)
    assert "sedang berjalan" in respons.content.decode()
    assert LogCadangan.objects.count() == 1


def test_unggah_bukan_arsip_ditolak_tanpa_perubahan(arsip_demo, klien_admin):
    sebelum = potret()
    jumlah_log = LogCadangan.objects.count()
    palsu = SimpleUploadedFile("cadangan-desa.tar.gz", b"ini teks biasa, bukan arsip")
    respons = klien_admin.post(PULIHKAN, {"unggahan": palsu})
    assert respons.status_code == 200
    assert "bukan arsip cadangan SID" in respons.content.decode()
    assert potret() == sebelum
    assert LogCadangan.objects.count() == jumlah_log
    assert not list((folder_cadangan() / "unggahan").iterdir())  # the refused upload is gone


def test_pulihkan_lewat_layar_admin(
    arsip_demo, desa_demo, klien_admin, django_capture_on_commit_callbacks
):
    from tests.factories import PendudukFactory

    PendudukFactory(nik="3201010101119993")  # a change the restore must undo
    # 1. choose an archive → dry run (nothing changes yet)
    respons = klien_admin.post(PULIHKAN, {"arsip": arsip_demo.log.berkas})
    html = respons.content.decode()
    assert respons.status_code == 200
    assert "Arsip sah" in html and "Penduduk" in html
    token = respons.context["form"].initial["token"]
    # 2. confirming without ticking the box is refused
    respons = klien_admin.post(PULIHKAN, {"token": token})
    assert "Centang pernyataan" in respons.content.decode()
    assert LogCadangan.objects.filter(jenis="pemulihan").count() == 0
    # 3. confirm → restore (eager here: the worker's job runs at commit)
    with django_capture_on_commit_callbacks(execute=True):
        respons = klien_admin.post(PULIHKAN, {"token": token, "paham": "on"})
    assert respons.status_code == 302
    log = LogCadangan.objects.get(jenis="pemulihan")
    assert log.status == LogCadangan.Status.OK, log.pesan_galat
    assert LogCadangan.objects.filter(jenis="sebelum_pulihkan", status="ok").exists()
    assert selisih(potret(setelah_pulih=True), tanpa_penanda_jadwal(arsip_demo.isi)) == SAMA
    entri = LogAktivitas.objects.get(aksi="cadangan_pulihkan")
    assert entri.pelaku == "admindesa"
    # Every session ended: the next request needs a new login.
    assert klien_admin.get(DAFTAR).status_code == 302


def test_token_konfirmasi_palsu_ditolak(arsip_demo, klien_admin):
    respons = klien_admin.post(PULIHKAN, {"token": "palsu", "paham": "on"}, follow=True)
    assert "kedaluwarsa" in respons.content.decode()
    assert not LogCadangan.objects.filter(jenis="pemulihan").exists()


def test_hapus_berkas_cadangan_tercatat(arsip_demo, klien_admin):
    respons = klien_admin.post(
        DAFTAR, {"action": "hapus_berkas", "_selected_action": [arsip_demo.log.pk]}, follow=True
    )
    assert respons.status_code == 200
    arsip_demo.log.refresh_from_db()
    assert arsip_demo.log.dihapus is not None
    assert not arsip_demo.path.exists()
    assert LogAktivitas.objects.filter(aksi="cadangan_hapus").exists()
