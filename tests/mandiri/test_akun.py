"""Accounts made by the operator: PIN once, only a hash stored, reset, deactivate, CLI."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.utils import timezone

from mandiri import services
from mandiri.models import AkunMandiri
from sid import kode
from sid.models import KunciMasuk, LogAktivitas
from tests.mandiri.conftest import masuk

pytestmark = pytest.mark.django_db


def _pin_tidak_tersimpan(pin: str) -> None:
    """The PIN appears in no table: accounts, audit log, sessions."""
    assert not AkunMandiri.objects.filter(pin__contains=pin).exists()
    for e in LogAktivitas.objects.all():
        assert pin not in f"{e.keterangan} {e.perubahan} {e.objek} {e.pelaku}"
    from django.contrib.sessions.models import Session

    for s in Session.objects.all():
        assert pin not in str(s.get_decoded())


def test_akun_baru_memberi_pin_sekali_dan_hanya_hash_yang_tersimpan(operator, keluarga_budi):
    budi = keluarga_budi[1]
    akun, pin = services.akun_mandiri_create(oleh=operator, penduduk=budi)
    assert len(pin) == 6 and pin.isdigit()
    assert akun.wajib_ganti_pin and akun.aktif
    assert akun.pin.startswith("md5$") and pin not in akun.pin
    _pin_tidak_tersimpan(pin)
    entri = LogAktivitas.objects.get(aksi="buat", object_id=str(akun.pk))
    assert entri.pengguna == operator
    assert masuk(Client(), budi.nik, pin)["Location"] == "/mandiri/ganti-pin/"


def test_pin_dihash_dengan_hasher_kata_sandi_django_bawaan(settings, keluarga_budi):
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    akun, pin = services.akun_mandiri_create(oleh=None, penduduk=keluarga_budi[1])
    assert akun.pin.startswith("pbkdf2_sha256$")
    assert services.akun_masuk(nik=keluarga_budi[1].nik, pin=pin, ip="10.0.0.1") == akun


def test_akun_untuk_penduduk_meninggal_ditolak_tanpa_menulis(operator, keluarga_budi):
    budi = keluarga_budi[1]
    type(budi).objects.filter(pk=budi.pk).update(status_dasar=kode.StatusDasar.MATI)
    budi.refresh_from_db()
    with pytest.raises(ValidationError, match="hanya untuk penduduk yang masih hidup"):
        services.akun_mandiri_create(oleh=operator, penduduk=budi)
    assert not AkunMandiri.objects.exists()
    assert not LogAktivitas.objects.filter(aksi="buat").exists()


def test_akun_kedua_untuk_penduduk_yang_sama_ditolak(operator, keluarga_budi):
    services.akun_mandiri_create(oleh=operator, penduduk=keluarga_budi[1])
    with pytest.raises(ValidationError, match="sudah memiliki akun"):
        services.akun_mandiri_create(oleh=operator, penduduk=keluarga_budi[1])
    assert AkunMandiri.objects.count() == 1


def test_nik_sementara_tidak_bisa_mendapat_akun(operator, desa):
    from tests.factories import PendudukFactory

    p = PendudukFactory(nik="0320101200100001")
    with pytest.raises(ValidationError, match="NIK sementara"):
        services.akun_mandiri_create(oleh=operator, penduduk=p)


def test_reset_pin_mengganti_pin_mengakhiri_sesi_dan_membuka_kunci(operator, keluarga_budi):
    budi = keluarga_budi[1]
    akun, pin_lama = services.akun_mandiri_create(oleh=operator, penduduk=budi)
    for _ in range(5):
        masuk(Client(), budi.nik, "000001")
    assert KunciMasuk.objects.get(kunci=budi.nik).terkunci()
    pin = services.akun_mandiri_reset_pin(oleh=operator, akun=akun)
    akun.refresh_from_db()
    assert pin != pin_lama and akun.wajib_ganti_pin and akun.sesi_versi == 2
    assert not KunciMasuk.objects.get(kunci=budi.nik).terkunci()
    assert masuk(Client(), budi.nik, pin_lama).status_code == 200
    assert masuk(Client(), budi.nik, pin).status_code == 302
    _pin_tidak_tersimpan(pin)


def test_menonaktifkan_akun_butuh_alasan(operator, keluarga_budi):
    akun, _pin = services.akun_mandiri_create(oleh=operator, penduduk=keluarga_budi[1])
    with pytest.raises(ValidationError) as e:
        services.akun_mandiri_nonaktifkan(oleh=operator, akun=akun, alasan=" ")
    assert "alasan" in e.value.message_dict
    akun.refresh_from_db()
    assert akun.aktif
    services.akun_mandiri_nonaktifkan(oleh=operator, akun=akun, alasan="Pindah ke luar kota")
    akun.refresh_from_db()
    assert not akun.aktif and akun.sesi_versi == 2
    with pytest.raises(ValidationError, match="nonaktif"):
        services.akun_mandiri_reset_pin(oleh=operator, akun=akun)
    services.akun_mandiri_aktifkan(oleh=operator, akun=akun)
    akun.refresh_from_db()
    assert akun.aktif


def test_buka_kunci_oleh_petugas(operator, keluarga_budi):
    akun, _pin = services.akun_mandiri_create(oleh=operator, penduduk=keluarga_budi[1])
    KunciMasuk.objects.create(
        ranah="mandiri",
        jenis="nik",
        kunci=keluarga_budi[1].nik,
        gagal=0,
        terkunci_sampai=timezone.now() + datetime.timedelta(minutes=10),
    )
    services.akun_mandiri_buka_kunci(oleh=operator, akun=akun)
    assert not KunciMasuk.objects.get(kunci=keluarga_budi[1].nik).terkunci()
    assert LogAktivitas.objects.filter(aksi="buka_kunci", pengguna=operator).exists()


def test_perintah_buat_akun_mandiri_mencetak_pin_yang_bisa_dipakai(keluarga_budi):
    budi = keluarga_budi[1]
    keluaran = io.StringIO()
    call_command("buat_akun_mandiri", budi.nik, stdout=keluaran)
    teks = keluaran.getvalue()
    pin = next(b.split(": ")[1] for b in teks.splitlines() if b.startswith("PIN: "))
    assert "Akun dibuat untuk Budi Santoso" in teks
    assert masuk(Client(), budi.nik, pin).status_code == 302
    with pytest.raises(CommandError, match="--reset"):
        call_command("buat_akun_mandiri", budi.nik, stdout=io.StringIO())
    keluaran = io.StringIO()
    call_command("buat_akun_mandiri", budi.nik, "--reset", stdout=keluaran)
    pin_baru = keluaran.getvalue().split("PIN: ")[1].split()[0]
    assert pin_baru != pin
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("buat_akun_mandiri", "3201019999999999", stdout=io.StringIO())


def test_tidak_ada_kolom_pin_teks_biasa():
    kolom = [f.name for f in AkunMandiri._meta.get_fields()]
    assert "pin" in kolom and "pin_plain" not in kolom
    with connection.cursor() as c:
        nama = [
            d.name for d in connection.introspection.get_table_description(c, "mandiri_akunmandiri")
        ]
    assert {"pin", "sesi_versi"} <= set(nama)


def test_menghapus_penduduk_salah_input_ikut_menghapus_akunnya(admin_desa, desa):
    from penduduk.services import penduduk_delete
    from tests.factories import PendudukFactory

    p = PendudukFactory()
    services.akun_mandiri_create(oleh=admin_desa, penduduk=p)
    penduduk_delete(oleh=admin_desa, penduduk=p, alasan="Data ganda dengan NIK lain")
    assert not AkunMandiri.objects.exists()
    assert LogAktivitas.objects.filter(content_type__model="akunmandiri", aksi="buat").exists()


def test_pin_pbkdf2_memakai_600_ribu_iterasi_dan_hash_lama_diperbarui(settings, keluarga_budi):
    """Django's PBKDF2 with OWASP's 600,000 iterations for PINs; a PIN hashed with Django's
    1,000,000 still logs in and is re-hashed once."""
    from django.conf import global_settings
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    budi = keluarga_budi[1]
    akun, pin = services.akun_mandiri_create(oleh=None, penduduk=budi)
    assert akun.pin.startswith("pbkdf2_sha256$600000$")
    AkunMandiri.objects.filter(pk=akun.pk).update(pin=make_password(pin))  # Django's default
    assert AkunMandiri.objects.get(pk=akun.pk).pin.startswith("pbkdf2_sha256$1000000$")
    assert services.akun_masuk(nik=budi.nik, pin=pin, ip="10.0.0.1") == akun
    assert AkunMandiri.objects.get(pk=akun.pk).pin.startswith("pbkdf2_sha256$600000$")
    assert services.akun_masuk(nik=budi.nik, pin="000000", ip="10.0.0.1") is None
