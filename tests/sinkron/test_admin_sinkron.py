"""The village's sync screens: enrol, the sync page (last success, receipt, errors in plain
Indonesian), "Kirim sekarang", the policy form; who may use them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.models import BatchHub
from sinkron.models import DatasetHub, Hub, Kiriman
from tests.sinkron.conftest import URL_HUB

pytestmark = pytest.mark.django_db


def test_operator_mendaftarkan_desa_lewat_formulir(klien_admin, desa, transport, kode_pendaftaran):
    r = klien_admin.post(
        reverse("admin:sinkron_hub_add"), {"url": URL_HUB + "/", "kode": kode_pendaftaran.lower()}
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    hub = Hub.objects.get()
    assert hub.url == URL_HUB and hub.aktif


def test_kode_salah_tampil_di_formulir_dan_tidak_menulis(klien_admin, desa, transport, staf_hub):
    r = klien_admin.post(reverse("admin:sinkron_hub_add"), {"url": URL_HUB, "kode": "SALAH"})
    assert r.status_code == 200
    assert "Kode pendaftaran tidak dikenal" in r.content.decode()
    assert not Hub.objects.exists()


def test_halaman_sinkron_menampilkan_tanda_terima_dan_kirim_sekarang(
    klien_admin, terdaftar, warga, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        r = klien_admin.post(reverse("admin:sinkron_hub_kirim", args=[terdaftar.pk]))
    assert r.status_code == 302
    assert BatchHub.objects.filter(dataset="penduduk").exists()
    isi = klien_admin.get(reverse("admin:sinkron_hub_change", args=[terdaftar.pk])).content.decode()
    assert "Statistik penduduk (per dusun, L/P)" in isi
    assert "hub mencatat 5" in isi and "cocok" in isi
    assert "Kirim sekarang" in isi
    daftar = klien_admin.get(reverse("admin:sinkron_hub_changelist")).content.decode()
    assert terdaftar.nama in daftar and "diterima" in daftar


def test_galat_jaringan_tampil_dalam_bahasa_indonesia(klien_admin, terdaftar, transport, warga):
    from sinkron.services.batch import sinkron_siapkan
    from sinkron.services.kirim import sinkron_kirim

    sinkron_siapkan(hub=terdaftar)
    transport.mati = True
    sinkron_kirim(hub_id=terdaftar.pk)
    isi = klien_admin.get(reverse("admin:sinkron_hub_change", args=[terdaftar.pk])).content.decode()
    assert "Hub tidak dapat dihubungi" in isi
    assert Kiriman.objects.filter(status=Kiriman.Status.MENUNGGU).exists()


def test_kebijakan_diubah_lewat_halaman(klien_admin, terdaftar, django_capture_on_commit_callbacks):
    dh = DatasetHub.objects.get(hub=terdaftar, dataset="perangkat")
    with django_capture_on_commit_callbacks(execute=True):
        r = klien_admin.post(
            reverse("admin:sinkron_hub_kebijakan", args=[terdaftar.pk, dh.pk]),
            {"tingkat": "agregat"},  # the officials default to records (SIPKATDES step 8)
        )
    assert r.status_code == 302
    dh.refresh_from_db()
    assert dh.tingkat == "agregat"


@pytest.mark.parametrize("peran", ["Redaksi", "Kontributor"])
def test_peran_tanpa_izin_ditolak(client, buat_staf, terdaftar, peran):
    client.force_login(buat_staf(peran))
    for url in [
        reverse("admin:sinkron_hub_changelist"),
        reverse("admin:sinkron_hub_change", args=[terdaftar.pk]),
        reverse("admin:sinkron_hub_forum", args=[terdaftar.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    r = client.post(reverse("admin:sinkron_hub_kirim", args=[terdaftar.pk]))
    assert r.status_code == 403
    assert not Kiriman.objects.exists()


def test_rotasi_dan_keluar_lewat_halaman(klien_admin, terdaftar):
    lama = terdaftar.kredensial
    r = klien_admin.post(reverse("admin:sinkron_hub_rotasi", args=[terdaftar.pk]), {"setuju": "on"})
    assert r.status_code == 302
    terdaftar.refresh_from_db()
    assert terdaftar.kredensial != lama
    r = klien_admin.post(reverse("admin:sinkron_hub_keluar", args=[terdaftar.pk]), {"setuju": "on"})
    assert r.status_code == 302
    terdaftar.refresh_from_db()
    assert terdaftar.status == Hub.Status.KELUAR


def test_operator_mengirim_dan_mengubah_kebijakan(
    client, buat_staf, terdaftar, warga, django_capture_on_commit_callbacks
):
    client.force_login(buat_staf("Operator"))
    assert client.get(reverse("admin:sinkron_hub_change", args=[terdaftar.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("admin:sinkron_hub_kirim", args=[terdaftar.pk]))
    assert r.status_code == 302
    assert BatchHub.objects.filter(dataset="penduduk").exists()
    dh = DatasetHub.objects.get(hub=terdaftar, dataset="perangkat")
    r = client.post(
        reverse("admin:sinkron_hub_kebijakan", args=[terdaftar.pk, dh.pk]), {"tingkat": "agregat"}
    )
    assert r.status_code == 302
    dh.refresh_from_db()
    assert dh.tingkat == "agregat"


@pytest.mark.parametrize("peran", ["Sekretaris Desa", "Kepala Desa"])
def test_pimpinan_melihat_dan_menandai_pengumuman_tetapi_tidak_mengirim(
    client, buat_staf, terdaftar, peran
):
    from sinkron.models import PengumumanDesa

    p = PengumumanDesa.objects.create(
        hub=terdaftar,
        id_hub=1,
        judul="Rapat koordinasi",
        isi="Senin 09.00",
        dikirim_pada=timezone.now(),
    )
    client.force_login(buat_staf(peran))
    assert client.get(reverse("admin:sinkron_hub_changelist")).status_code == 200
    assert client.get(reverse("admin:sinkron_hub_change", args=[terdaftar.pk])).status_code == 200
    assert client.post(reverse("admin:sinkron_hub_kirim", args=[terdaftar.pk])).status_code == 403
    assert not Kiriman.objects.exists()
    dh = DatasetHub.objects.get(hub=terdaftar, dataset="perangkat")
    r = client.post(
        reverse("admin:sinkron_hub_kebijakan", args=[terdaftar.pk, dh.pk]), {"tingkat": "rekaman"}
    )
    assert r.status_code == 403
    r = client.post(reverse("admin:sinkron_pengumumandesa_baca", args=[p.pk]))
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.dibaca_pada is not None
