"""The hub API refuses what it must (and logs it), and handles keys: enrolment codes, rotation,
revocation. Village and hub in one process; the network version is test_dua_server.py."""

from __future__ import annotations

import datetime
import time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hub.lingkup import Lingkup
from hub.models import BatchHub, DesaHub, KodePendaftaran, Kredensial, PenolakanHub
from hub.services.pendaftaran import desa_daftar, kode_pendaftaran_buat, kredensial_cabut
from sid.lib.kabel import protokol
from sinkron import klien
from sinkron.models import Hub, Kiriman
from sinkron.services.batch import sinkron_siapkan
from sinkron.services.kirim import sinkron_kirim
from sinkron.services.pendaftaran import hub_daftar, kunci_rotasi
from tests.sinkron.conftest import URL_HUB

pytestmark = pytest.mark.django_db


def _kirim_mentah(transport, hub, path, data, *, waktu=None, kunci=None, kredensial=None):
    body = protokol.json_kanonik(data)
    kepala = protokol.kepala_bertanda(
        privat_b64=kunci or hub.kunci_privat,
        kredensial=kredensial or str(hub.kredensial),
        method="POST",
        path=path,
        body=body,
    )
    if waktu is not None:
        kepala[protokol.H_WAKTU] = str(waktu)
        kepala[protokol.H_TANDA_TANGAN] = protokol.tanda_tangani(
            kunci or hub.kunci_privat,
            protokol.teks_permintaan(
                method="POST",
                path=path,
                body_sha256=protokol.sha256_hex(body),
                waktu=str(waktu),
                nonce=kepala[protokol.H_NONCE],
                kredensial=kredensial or str(hub.kredensial),
            ),
        )
    kepala["Content-Type"] = "application/json"
    return transport("POST", URL_HUB + path, kepala, body, 5)


def _batch(terdaftar):
    sinkron_siapkan(hub=terdaftar, hanya=["identitas"])
    return Kiriman.objects.get(dataset="identitas")


def test_kredensial_desa_a_dengan_kode_desa_b_ditolak_dan_dicatat(terdaftar, transport, staf_hub):
    desa_daftar(oleh=staf_hub["kab"], lingkup=Lingkup("3201"), kode="3201012002", nama="Tetangga")
    k = _batch(terdaftar)
    palsu = {**k.isi, "kode_desa": "3201012002"}
    status, _h, isi = _kirim_mentah(transport, terdaftar, k.path, palsu)
    assert status == 403 and b"kode_desa_tidak_cocok" in isi
    tolak = PenolakanHub.objects.get(alasan="kode_desa_tidak_cocok")
    assert tolak.kode_desa == "3201012002" and tolak.kredensial == str(terdaftar.kredensial)
    assert not BatchHub.objects.exists()


def test_permintaan_tanpa_tanda_tangan_ditolak(terdaftar, transport):
    k = _batch(terdaftar)
    status, _h, isi = transport(
        "POST",
        URL_HUB + k.path,
        {"Content-Type": "application/json"},
        protokol.json_kanonik(k.isi),
        5,
    )
    assert status == 401 and b"tanpa_tanda_tangan" in isi
    assert PenolakanHub.objects.filter(alasan="tanpa_tanda_tangan").exists()
    assert not BatchHub.objects.exists()


def test_permintaan_kedaluwarsa_ditolak(terdaftar, transport):
    k = _batch(terdaftar)
    status, _h, isi = _kirim_mentah(
        transport, terdaftar, k.path, k.isi, waktu=int(time.time()) - 400
    )
    assert status == 401 and b"kedaluwarsa" in isi
    status, _h, _ = _kirim_mentah(transport, terdaftar, k.path, k.isi, waktu=int(time.time()) + 400)
    assert status == 401
    # Both refusals from one address with one reason share a row, counted twice.
    tolak = PenolakanHub.objects.get(alasan="kedaluwarsa")
    assert tolak.jumlah == 2 and tolak.terakhir >= tolak.waktu
    assert not BatchHub.objects.exists()


def test_kunci_lain_ditolak(terdaftar, transport):
    k = _batch(terdaftar)
    privat_lain, _ = protokol.buat_pasangan_kunci()
    status, _h, isi = _kirim_mentah(transport, terdaftar, k.path, k.isi, kunci=privat_lain)
    assert status == 401 and b"tanda_tangan_salah" in isi
    assert not BatchHub.objects.exists()


def test_manifes_tidak_cocok_ditolak_final_dan_tampil_di_desa(terdaftar, transport):
    k = _batch(terdaftar)
    isi = dict(k.isi)
    isi["isi"] = {**isi["isi"], "nama_desa": "Diubah"}  # content changed, manifest not
    Kiriman.objects.filter(pk=k.pk).update(isi=isi)
    hasil = sinkron_kirim(hub_id=terdaftar.pk, paksa=True)
    assert hasil["ditolak"] == 1
    k.refresh_from_db()
    assert k.status == Kiriman.Status.DITOLAK
    assert "SHA-256 isi batch tidak cocok" in k.galat
    assert terdaftar.dataset.get(dataset="identitas").galat.startswith("Hub menolak")
    tolak = PenolakanHub.objects.get(alasan="manifes_tidak_cocok")
    assert tolak.kode_desa == terdaftar.kode_desa
    assert not BatchHub.objects.filter(dataset="identitas").exists()


def test_kode_pendaftaran_kedaluwarsa_ditolak_dan_dicatat(
    desa, transport, kode_pendaftaran, admin_desa
):
    KodePendaftaran.objects.update(berlaku_sampai=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError) as exc:
        hub_daftar(oleh=admin_desa, url=URL_HUB, kode=kode_pendaftaran)
    assert "kedaluwarsa" in " ".join(exc.value.messages)
    assert PenolakanHub.objects.filter(alasan="kode_kedaluwarsa", kode_desa=desa.kode_desa).exists()
    assert not Hub.objects.exists() and not Kredensial.objects.exists()


def test_kode_pendaftaran_sekali_pakai_dan_untuk_satu_desa(
    terdaftar, kode_pendaftaran, admin_desa, desa
):
    Hub.objects.all().delete()
    with pytest.raises(ValidationError) as exc:
        hub_daftar(oleh=admin_desa, url=URL_HUB, kode=kode_pendaftaran)
    assert "sudah dipakai" in " ".join(exc.value.messages)
    lain = desa_daftar(oleh=None, lingkup=Lingkup("3201"), kode="3201012009", nama="Lain")
    kode_lain, _ = kode_pendaftaran_buat(oleh=None, desa=lain)
    with pytest.raises(ValidationError) as exc:
        hub_daftar(oleh=admin_desa, url=URL_HUB, kode=kode_lain)
    assert "untuk desa 3201012009" in " ".join(exc.value.messages)
    assert Kredensial.objects.count() == 1


def test_desa_di_luar_wilayah_hub_tidak_bisa_didaftarkan(staf_hub):
    with pytest.raises(ValidationError) as exc:
        desa_daftar(oleh=staf_hub["kec1"], lingkup=Lingkup("320101"), kode="3201020001", nama="X")
    assert "di luar lingkup" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        desa_daftar(oleh=staf_hub["kab"], lingkup=Lingkup("3201"), kode="3301010001", nama="X")
    assert "di luar wilayah hub" in str(exc.value)
    assert not DesaHub.objects.exists()


def test_rotasi_kunci_kunci_lama_berhenti(terdaftar, transport, admin_desa):
    lama_privat, lama_kred = terdaftar.kunci_privat, str(terdaftar.kredensial)
    hub = kunci_rotasi(oleh=admin_desa, hub=terdaftar)
    assert str(hub.kredensial) != lama_kred
    assert Kredensial.objects.get(uuid=lama_kred).status == "dicabut"
    k = _batch(hub)
    status, _h, isi = _kirim_mentah(
        transport, hub, k.path, k.isi, kunci=lama_privat, kredensial=lama_kred
    )
    assert status == 401 and b"kredensial_dicabut" in isi
    sinkron_kirim(hub_id=hub.pk, paksa=True)
    k.refresh_from_db()
    assert k.status == Kiriman.Status.SELESAI


def test_kredensial_dicabut_hub_tampil_di_desa(terdaftar, transport, staf_hub):
    kredensial_cabut(oleh=staf_hub["kab"], kredensial=Kredensial.objects.get(), alasan="Uji")
    _batch(terdaftar)
    sinkron_kirim(hub_id=terdaftar.pk, paksa=True)
    hub = Hub.objects.get()
    assert hub.status == Hub.Status.DICABUT
    assert "mencabut kredensial" in hub.galat
    assert PenolakanHub.objects.filter(alasan="kredensial_dicabut").exists()


def test_jawaban_hub_ditandatangani(terdaftar, transport):
    jawaban = klien.kirim_ke_hub(terdaftar, path="/api/sinkron/status/", method="GET")
    assert jawaban.status == 200 and jawaban.data["kode_desa"] == terdaftar.kode_desa
    # A forged hub key makes every answer untrusted.
    _, palsu = protokol.buat_pasangan_kunci()
    terdaftar.kunci_publik_hub = palsu
    with pytest.raises(klien.GagalJaringan, match="tidak bertanda tangan sah"):
        klien.kirim_ke_hub(terdaftar, path="/api/sinkron/status/", method="GET")


def test_administrator_memberi_lingkup_pengguna_hub(klien_admin, hub_aktif, buat_staf):
    from django.urls import reverse

    from hub.models import PenggunaHub

    staf = buat_staf(None, username="camat")
    r = klien_admin.post(
        reverse("admin:hub_penggunahub_add"),
        {"user": staf.pk, "lingkup": "320105", "nama_lingkup": "Kecamatan Lima"},
    )
    assert r.status_code == 302
    assert PenggunaHub.objects.get(user=staf).lingkup == "320105"
    r = klien_admin.post(
        reverse("admin:hub_penggunahub_add"), {"user": buat_staf(None).pk, "lingkup": "3301"}
    )
    assert r.status_code == 200 and "di dalam wilayah hub" in r.content.decode()
