"""Login realm of Layanan Mandiri: NIK + PIN, uniform failures, lockout, session rules."""

from __future__ import annotations

import datetime
import re
import time

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.utils import timezone

from mandiri import sesi
from mandiri.models import AkunMandiri
from sid.models import KunciMasuk, LogAktivitas
from tests.mandiri.conftest import PIN_BUDI, PIN_RINA, buat_akun, masuk

pytestmark = pytest.mark.django_db
PESAN = "NIK atau PIN tidak cocok"


def _tanpa_csrf(html: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.decode())


def test_masuk_berhasil_membuka_sesi_warga_dengan_kunci_baru(client, akun_budi):
    client.get("/mandiri/masuk/")
    client.session.save()
    kunci_lama = client.session.session_key
    r = masuk(client, akun_budi.penduduk.nik, PIN_BUDI)
    assert r.status_code == 302 and r["Location"] == "/mandiri/"
    s = client.session
    assert s.session_key != kunci_lama
    assert s[sesi.SESI_AKUN] == str(akun_budi.uuid)
    assert s[sesi.SESI_VERSI] == akun_budi.sesi_versi
    assert "_auth_user_id" not in s  # never a staff User
    assert client.get("/mandiri/").status_code == 200
    akun_budi.refresh_from_db()
    assert akun_budi.terakhir_masuk is not None


def test_nik_boleh_diketik_dengan_spasi(client, akun_budi):
    r = masuk(client, "3201 0117 0580 0001", PIN_BUDI)
    assert r.status_code == 302


def test_respons_gagal_identik_untuk_nik_tak_dikenal_pin_salah_dan_akun_terkunci(
    akun_budi, akun_rina
):
    KunciMasuk.objects.create(
        ranah="mandiri",
        jenis="nik",
        kunci=akun_rina.penduduk.nik,
        terkunci_sampai=timezone.now() + datetime.timedelta(minutes=15),
    )
    hasil = []
    for nik, pin in [
        ("3201019999990009", "480315"),  # unknown NIK
        (akun_budi.penduduk.nik, "000001"),  # known NIK, wrong PIN
        (akun_rina.penduduk.nik, PIN_RINA),  # locked account, right PIN
        ("bukan-nik", "x"),  # garbage
    ]:
        r = masuk(Client(), nik, pin)
        hasil.append((r.status_code, _tanpa_csrf(r.content), sorted(r.cookies.keys())))
    assert all(h == hasil[0] for h in hasil)
    assert hasil[0][0] == 200
    assert PESAN in hasil[0][1]
    assert "480315" not in hasil[0][1] and akun_budi.penduduk.nik not in hasil[0][1]


def test_lima_kali_gagal_mengunci_nik_bahkan_pin_benar_ditolak(client, akun_budi):
    nik = akun_budi.penduduk.nik
    for _ in range(5):
        masuk(client, nik, "000001")
    kunci = KunciMasuk.objects.get(ranah="mandiri", jenis="nik", kunci=nik)
    assert kunci.terkunci()
    menit = (kunci.terkunci_sampai - timezone.now()).total_seconds() / 60
    assert 14 < menit <= 15
    r = masuk(client, nik, PIN_BUDI)
    assert r.status_code == 200 and PESAN in r.content.decode()
    assert sesi.SESI_AKUN not in client.session


def test_kunci_berulang_menjadi_dua_kali_lebih_lama(client, akun_budi):
    nik = akun_budi.penduduk.nik
    for _ in range(5):
        masuk(client, nik, "000001")
    KunciMasuk.objects.filter(kunci=nik).update(terkunci_sampai=timezone.now())  # lock over
    for _ in range(5):
        masuk(client, nik, "000001")
    kunci = KunciMasuk.objects.get(ranah="mandiri", jenis="nik", kunci=nik)
    menit = (kunci.terkunci_sampai - timezone.now()).total_seconds() / 60
    assert 29 < menit <= 30
    assert kunci.jumlah_terkunci == 2


def test_masuk_berhasil_mereset_hitungan_gagal_nik(client, akun_budi):
    nik = akun_budi.penduduk.nik
    for _ in range(4):
        masuk(client, nik, "000001")
    assert masuk(client, nik, PIN_BUDI).status_code == 302
    assert KunciMasuk.objects.get(ranah="mandiri", jenis="nik", kunci=nik).gagal == 0


class PenghitungMD5(MD5PasswordHasher):
    """Counts every hash computed (a check or a dummy hash for an unknown NIK)."""

    jumlah = 0

    def encode(self, password, salt):
        PenghitungMD5.jumlah += 1
        return super().encode(password, salt)


def test_seribu_tebakan_dari_satu_ip_dihentikan_dini(settings, keluarga_budi, keluarga_rina):
    settings.PASSWORD_HASHERS = ["tests.mandiri.test_masuk.PenghitungMD5"]
    PenghitungMD5.jumlah = 0
    budi = keluarga_budi[1]
    buat_akun(budi, PIN_BUDI)
    c = Client(REMOTE_ADDR="203.0.113.9")
    hash_sebelum = PenghitungMD5.jumlah
    berhasil, ditolak_sejak = 0, None
    for i in range(1000):
        # Many NIKs (Budi's among them, with his real PIN every 97th try), a new PIN each time.
        if i % 97 == 96:
            nik, pin = budi.nik, PIN_BUDI
        else:
            nik, pin = f"32010101{i:08d}", f"{(i * 7919) % 1_000_000:06d}"
        r = c.post("/mandiri/masuk/", {"nik": nik, "pin": pin})
        if r.status_code == 302:
            berhasil += 1
        if (
            ditolak_sejak is None
            and KunciMasuk.objects.filter(
                ranah="mandiri", jenis="ip", kunci="203.0.113.9", terkunci_sampai__gt=timezone.now()
            ).exists()
        ):
            ditolak_sejak = i
    assert ditolak_sejak is not None and ditolak_sejak < 40  # the IP limit (30) stops it early
    assert berhasil == 0  # Budi's right PIN first comes at try 96, after the lock started
    # Only the tries before the lock computed a hash; none after it.
    assert PenghitungMD5.jumlah - hash_sebelum <= 30
    assert LogAktivitas.objects.filter(aksi="mandiri_gagal_masuk").count() == 1000


def test_setiap_percobaan_tercatat_dengan_nik_tersamar_tanpa_pin(client, akun_budi):
    nik = akun_budi.penduduk.nik
    masuk(client, nik, "000001")
    masuk(client, nik, PIN_BUDI)
    log = list(LogAktivitas.objects.filter(aksi__startswith="mandiri_").order_by("id"))
    assert [e.aksi for e in log] == ["mandiri_gagal_masuk", "mandiri_masuk"]
    for e in log:
        assert e.pelaku == "Warga NIK 3201********0001"
        assert e.pengguna is None
        assert e.ip == "127.0.0.1"
        teks = f"{e.pelaku} {e.keterangan} {e.perubahan} {e.objek}"
        assert PIN_BUDI not in teks and "000001" not in teks and nik not in e.pelaku


def test_penduduk_meninggal_atau_akun_nonaktif_tidak_bisa_masuk(client, akun_budi, akun_rina):
    from sid import kode

    type(akun_budi.penduduk).objects.filter(pk=akun_budi.penduduk_id).update(
        status_dasar=kode.StatusDasar.MATI
    )
    AkunMandiri.objects.filter(pk=akun_rina.pk).update(aktif=False)
    assert masuk(client, akun_budi.penduduk.nik, PIN_BUDI).status_code == 200
    assert masuk(client, akun_rina.penduduk.nik, PIN_RINA).status_code == 200
    assert sesi.SESI_AKUN not in client.session


def test_login_wajib_token_csrf(akun_budi):
    c = Client(enforce_csrf_checks=True)
    r = masuk(c, akun_budi.penduduk.nik, PIN_BUDI)
    assert r.status_code == 403


def test_halaman_masuk_dan_portal_tidak_dicache(client, warga_budi):
    for url in ["/mandiri/masuk/", "/mandiri/", "/mandiri/biodata/"]:
        r = Client().get(url) if url.endswith("masuk/") else warga_budi.get(url)
        assert "no-store" in r["Cache-Control"] and "private" in r["Cache-Control"]


def test_setelah_masuk_hanya_diarahkan_ke_halaman_portal(client, akun_budi):
    r = client.post(
        "/mandiri/masuk/",
        {"nik": akun_budi.penduduk.nik, "pin": PIN_BUDI, "next": "https://jahat.example/"},
    )
    assert r["Location"] == "/mandiri/"
    c = Client()
    r = c.post(
        "/mandiri/masuk/",
        {"nik": akun_budi.penduduk.nik, "pin": PIN_BUDI, "next": "/admin/"},
    )
    assert r["Location"] == "/mandiri/"
    r = Client().post(
        "/mandiri/masuk/",
        {"nik": akun_budi.penduduk.nik, "pin": PIN_BUDI, "next": "/mandiri/bantuan/"},
    )
    assert r["Location"] == "/mandiri/bantuan/"


def test_pin_pertama_wajib_diganti_sebelum_halaman_lain(client, keluarga_budi):
    budi = keluarga_budi[1]
    buat_akun(budi, PIN_BUDI, wajib_ganti=True)
    r = masuk(client, budi.nik, PIN_BUDI)
    assert r["Location"] == "/mandiri/ganti-pin/"
    for url in ["/mandiri/", "/mandiri/biodata/", "/mandiri/permohonan/"]:
        assert client.get(url)["Location"] == "/mandiri/ganti-pin/"
    r = client.get("/mandiri/ganti-pin/")
    assert r.status_code == 200 and "ganti dulu PIN" in r.content.decode()


@pytest.mark.parametrize(
    ("baru", "pesan"),
    [
        ("111111", "satu angka yang diulang"),
        ("345678", "angka berurutan"),
        ("170580", "tanggal lahir"),
        (PIN_BUDI, "berbeda dari PIN lama"),
        ("12345", "minimal 6 digit"),
        ("4a8c31", "hanya boleh berisi angka"),
    ],
)
def test_pin_baru_yang_lemah_ditolak_dan_tidak_ada_yang_berubah(warga_budi, akun_budi, baru, pesan):
    hash_lama = AkunMandiri.objects.get(pk=akun_budi.pk).pin
    r = warga_budi.post(
        "/mandiri/ganti-pin/", {"pin_lama": PIN_BUDI, "pin_baru": baru, "pin_ulang": baru}
    )
    assert r.status_code == 200
    assert pesan in r.content.decode()
    assert f'value="{baru}"' not in r.content.decode()  # PINs are never echoed back
    assert f'value="{PIN_BUDI}"' not in r.content.decode()
    akun = AkunMandiri.objects.get(pk=akun_budi.pk)
    assert akun.pin == hash_lama and akun.sesi_versi == akun_budi.sesi_versi


def test_pin_lama_salah_dihitung_sebagai_percobaan_gagal(warga_budi, akun_budi):
    r = warga_budi.post(
        "/mandiri/ganti-pin/", {"pin_lama": "000001", "pin_baru": "538204", "pin_ulang": "538204"}
    )
    assert "PIN lama salah" in r.content.decode()
    kunci = KunciMasuk.objects.get(ranah="mandiri", jenis="nik", kunci=akun_budi.penduduk.nik)
    assert kunci.gagal == 1


def test_ganti_pin_mengakhiri_sesi_lain_dan_sesi_ini_tetap(warga_budi, akun_budi):
    lain = Client()
    assert masuk(lain, akun_budi.penduduk.nik, PIN_BUDI).status_code == 302
    assert lain.get("/mandiri/").status_code == 200
    r = warga_budi.post(
        "/mandiri/ganti-pin/", {"pin_lama": PIN_BUDI, "pin_baru": "538204", "pin_ulang": "538204"}
    )
    assert r.status_code == 302 and r["Location"] == "/mandiri/"
    assert warga_budi.get("/mandiri/").status_code == 200
    r = lain.get("/mandiri/biodata/")
    assert r.status_code == 302 and r["Location"].startswith("/mandiri/masuk/")
    akun = AkunMandiri.objects.get(pk=akun_budi.pk)
    assert not akun.wajib_ganti_pin and akun.pin_diganti is not None
    assert masuk(Client(), akun_budi.penduduk.nik, "538204").status_code == 302
    assert masuk(Client(), akun_budi.penduduk.nik, PIN_BUDI).status_code == 200


def test_sesi_berakhir_setelah_diam_tiga_puluh_menit(warga_budi):
    s = warga_budi.session
    s[sesi.SESI_AKTIF] = int(time.time()) - 31 * 60
    s.save()
    r = warga_budi.get("/mandiri/biodata/")
    assert r.status_code == 302 and r["Location"].startswith("/mandiri/masuk/")
    r = warga_budi.get(r["Location"])
    assert "tidak ada aktivitas selama 30 menit" in r.content.decode()
    assert sesi.SESI_AKUN not in warga_budi.session


def test_aktivitas_memperpanjang_sesi(warga_budi):
    s = warga_budi.session
    s[sesi.SESI_AKTIF] = int(time.time()) - 29 * 60
    s.save()
    assert warga_budi.get("/mandiri/").status_code == 200
    assert time.time() - warga_budi.session[sesi.SESI_AKTIF] < 5


def test_keluar_hanya_lewat_post_dan_mengakhiri_sesi(warga_budi, akun_budi):
    assert warga_budi.get("/mandiri/keluar/").status_code == 405
    r = warga_budi.post("/mandiri/keluar/")
    assert r.status_code == 302 and r["Location"] == "/mandiri/masuk/"
    assert warga_budi.get("/mandiri/")["Location"].startswith("/mandiri/masuk/")
    assert LogAktivitas.objects.filter(aksi="mandiri_keluar").exists()


def test_akun_dinonaktifkan_mengakhiri_sesi_terbuka(warga_budi, akun_budi, operator):
    from mandiri import services

    services.akun_mandiri_nonaktifkan(oleh=operator, akun=akun_budi, alasan="Pindah domisili")
    assert warga_budi.get("/mandiri/")["Location"].startswith("/mandiri/masuk/")
