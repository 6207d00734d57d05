"""Accounts and complaints from OpenSID: staff keep their passwords and roles, residents keep
their PINs (both re-hashed by SID at the first login), complaints from residents keep their
thread; what SID cannot take is refused with its reason. The reference village here, edge
cases on small synthetic backups in test_peta_akun_tepi.py."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, get_hasher, make_password
from django.test import Client

from mandiri import sesi
from mandiri.hasher import hash_pin_opensid
from mandiri.models import AkunMandiri
from mandiri.pin import hasher_pin
from mandiri.services.akun import batas_nik
from sid.models import KunciMasuk

User = get_user_model()
HASHER_CEPAT = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "sid.hasher.HasherSandiOpenSID",
    "mandiri.hasher.HasherPinOpenSID",
]
# Hashes as OpenSID stored them in the reference backup (manifest: staff password, PIN 135792).
BCRYPT_OPERATOR = "$2y$10$UWXLMWEfzNvc3GCOjlQ/i.IVaC.xUp41PXLk7sAJF86mr9pBDdWs6"
SANDI_OPERATOR = "Operat0r#Smbr26"


def masuk_mandiri(client, nik, pin):
    return client.post("/mandiri/masuk/", {"nik": nik, "pin": pin})


def _masuk_admin(client, username, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
    )


# --- the reference village ------------------------------------------------------------------


def test_laporan_menyebut_akun_dan_pengaduan(db, desa_referensi):
    laporan, manifest = desa_referensi
    assert laporan.dibawa["Akun staf"] == 2
    assert laporan.dibawa["Akun Layanan Mandiri"] == len(manifest["mandiri"]["accounts"])
    dibaca = {"user", "user_grup", "tweb_penduduk_mandiri", "pengaduan"}
    assert not dibaca & {t["tabel"] for t in laporan.tidak_dibawa}
    # The one complaint was sent from the public form without a NIK: SID has no place for it.
    ditolak = {m["jenis"]: m for m in laporan.masalah if m["ditolak"]}
    assert "tanpa NIK" in ditolak["Pengaduan"]["alasan"]
    assert "Sulastri" in ditolak["Pengaduan"]["baris"]
    assert ditolak["Balasan pengaduan"]["alasan"] == "Pengaduannya tidak dibawa."
    assert laporan.ditolak["Pengaduan"] == laporan.ditolak["Balasan pengaduan"] == 1


def test_warga_masuk_dengan_pin_lama_lalu_pin_disimpan_ulang_dan_wajib_diganti(db, desa_referensi):
    _laporan, manifest = desa_referensi
    for data in manifest["mandiri"]["accounts"]:
        a = AkunMandiri.objects.get(penduduk__nik=data["nik"])
        assert a.pin.startswith("opensid_md5pin$") and a.wajib_ganti_pin
        client = Client()
        r = masuk_mandiri(client, data["nik"], data["pin"])
        assert r.status_code == 302 and r["Location"] == "/mandiri/ganti-pin/"
        assert client.session[sesi.SESI_AKUN] == str(a.uuid)
        a.refresh_from_db()
        assert a.pin.startswith(f"{hasher_pin().algorithm}$")
        # The portal asks for a new PIN before anything else.
        assert client.get("/mandiri/biodata/")["Location"].startswith("/mandiri/ganti-pin/")
        # And the old PIN still works until it is changed, now against SID's hash.
        assert masuk_mandiri(Client(), data["nik"], data["pin"]).status_code == 302


def test_pin_salah_ditolak_dan_dikunci_seperti_biasa(db, desa_referensi, settings):
    settings.PASSWORD_HASHERS = HASHER_CEPAT
    _laporan, manifest = desa_referensi
    data = manifest["mandiri"]["accounts"][0]
    client = Client()
    r = masuk_mandiri(client, data["nik"], "864209")
    assert r.status_code == 200 and "NIK atau PIN tidak cocok" in r.content.decode()
    assert sesi.SESI_AKUN not in client.session
    for _ in range(batas_nik() - 1):
        masuk_mandiri(client, data["nik"], "864209")
    assert KunciMasuk.objects.get(ranah="mandiri", jenis="nik", kunci=data["nik"]).terkunci()
    # Locked: even the right PIN is refused, and OpenSID's hash stays as it was.
    r = masuk_mandiri(Client(), data["nik"], data["pin"])
    assert r.status_code == 200 and "NIK atau PIN tidak cocok" in r.content.decode()
    assert AkunMandiri.objects.get(penduduk__nik=data["nik"]).pin.startswith("opensid_md5pin$")


def test_staf_masuk_back_office_dengan_sandi_lama_lalu_hash_diganti(db, desa_referensi):
    _laporan, manifest = desa_referensi
    staf = manifest["staff_user"]
    u = User.objects.get(username=staf["login_username"])
    assert u.password.startswith("opensid_bcrypt$$2y$")
    assert list(u.groups.values_list("name", flat=True)) == ["Operator"]
    assert u.is_staff and u.is_active and not u.is_superuser
    assert (u.first_name, u.email) == (staf["nama"], staf["email"])

    salah = Client()
    assert _masuk_admin(salah, staf["login_username"], "bukan-sandinya-1").status_code == 200
    assert "_auth_user_id" not in salah.session

    client = Client()
    r = _masuk_admin(client, staf["login_username"], staf["password"])
    assert r.status_code == 302 and r["Location"] == "/admin/"
    u.refresh_from_db()
    assert u.password.startswith(f"{get_hasher('default').algorithm}$")
    assert u.check_password(staf["password"])
    assert client.get("/admin/").status_code == 200


def test_admin_opensid_dibawa_sebagai_administrator(db, desa_referensi):
    _laporan, manifest = desa_referensi
    u = User.objects.get(username=manifest["admin_login"]["username"])
    assert list(u.groups.values_list("name", flat=True)) == ["Administrator"]
    assert check_password(manifest["admin_login"]["password"], u.password, setter=lambda _s: None)


# --- the hashers --------------------------------------------------------------------------------


def test_hash_pin_opensid_sama_dengan_yang_disimpan_opensid(rujukan):
    _sql, _zip, manifest = rujukan
    for data, tersimpan in zip(
        manifest["mandiri"]["accounts"], manifest["mandiri"]["sql"], strict=True
    ):
        assert hash_pin_opensid(data["pin"]) == tersimpan["pin_hash"]
    assert hash_pin_opensid("12345a") is None and hash_pin_opensid("١٢٣٤٥٦") is None


def test_hasher_opensid_menerima_hash_lama_sekali_saja(settings):
    settings.PASSWORD_HASHERS = HASHER_CEPAT
    pin = f"opensid_md5pin${hash_pin_opensid('135792')}"
    assert check_password("135792", pin, setter=lambda _s: None)
    assert not check_password("135793", pin) and not check_password("", pin)
    assert get_hasher("opensid_md5pin").must_update(pin)
    sandi = f"opensid_bcrypt${BCRYPT_OPERATOR}"
    assert check_password(SANDI_OPERATOR, sandi, setter=lambda _s: None)
    assert not check_password(SANDI_OPERATOR + "x", sandi)
    assert get_hasher("opensid_bcrypt").must_update(sandi)
    # PHP reads only 72 bytes of a password, like bcrypt; longer ones are not an error.
    panjang = make_password("a" * 72, hasher="opensid_bcrypt")
    assert panjang.startswith("opensid_bcrypt$$2y$10$")
    assert check_password("a" * 80, panjang, setter=lambda _s: None)
    # Nothing new is ever hashed with them: Django's hashers come first.
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.MD5PasswordHasher"


def test_hasher_opensid_terdaftar_setelah_hasher_django():
    from django.conf import global_settings, settings

    assert settings.PASSWORD_HASHERS[: len(global_settings.PASSWORD_HASHERS)] == (
        global_settings.PASSWORD_HASHERS
    )
    assert "sid.hasher.HasherSandiOpenSID" in settings.PASSWORD_HASHERS
    assert "mandiri.hasher.HasherPinOpenSID" in settings.PASSWORD_HASHERS
