"""Parallel guesses at one NIK or one username: the lock's limit holds exactly (PostgreSQL).

The attempt is counted before the PIN is checked (sid.lib.penguncian.ambil_giliran), so 20
simultaneous guesses cannot all pass a "not locked yet" check while the first are hashing.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client

from mandiri.services import akun as layanan_akun
from sid.models import KunciMasuk, LogAktivitas
from tests.conftest import perlu_layanan
from tests.mandiri.conftest import PIN_BUDI, buat_akun, masuk

PESAN = "NIK atau PIN tidak cocok"


def _hitung_cek_pin(monkeypatch) -> list[int]:
    """Count the PIN checks; each costs 0.2 s, as a real hash does (the race's window)."""
    asli = layanan_akun.check_password
    jumlah = [0]
    kunci = threading.Lock()

    def cek(*args, **kwargs):
        with kunci:
            jumlah[0] += 1
        time.sleep(0.2)
        return asli(*args, **kwargs)

    monkeypatch.setattr(layanan_akun, "check_password", cek)
    return jumlah


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dua_puluh_tebakan_serentak_hanya_lima_pin_diperiksa(keluarga_budi, monkeypatch):
    if connection.vendor != "postgresql":
        perlu_layanan("Uji kunci baris butuh PostgreSQL (DATABASE_URL)")
    akun = buat_akun(keluarga_budi[1], PIN_BUDI)
    nik = akun.penduduk.nik
    cek = _hitung_cek_pin(monkeypatch)
    mulai = threading.Barrier(20)
    hasil: list[tuple[int, str]] = []
    galat: list[BaseException] = []

    def tebak(i: int) -> None:
        try:
            klien = Client(REMOTE_ADDR=f"198.51.100.{i + 1}")  # 20 addresses: only the NIK limits
            mulai.wait(timeout=30)
            r = masuk(klien, nik, f"{100000 + i}")
            hasil.append((r.status_code, r.content.decode()))
        except BaseException as exc:  # noqa: BLE001 - reported below
            galat.append(exc)
        finally:
            connections.close_all()

    utas = [threading.Thread(target=tebak, args=(i,)) for i in range(20)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=120)
    assert not galat, galat
    assert len(hasil) == 20
    assert all(status == 200 and PESAN in teks for status, teks in hasil)
    assert cek[0] == 5  # SID_MANDIRI_BATAS_NIK: exactly five PINs checked
    kunci = KunciMasuk.objects.get(ranah="mandiri", jenis="nik", kunci=nik)
    assert kunci.terkunci_sampai is not None and kunci.jumlah_terkunci == 1
    log = LogAktivitas.objects.filter(aksi="mandiri_gagal_masuk")
    assert log.filter(keterangan__contains="PIN salah").count() == 5
    assert log.filter(keterangan__contains="dikunci").count() == 15
    # The right PIN is refused too while the lock lasts.
    assert masuk(Client(), nik, PIN_BUDI).status_code == 200
    assert cek[0] == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dua_puluh_tebakan_serentak_di_login_staf_hanya_sepuluh_sandi_diperiksa(
    buat_staf, monkeypatch, settings
):
    if connection.vendor != "postgresql":
        perlu_layanan("Uji kunci baris butuh PostgreSQL (DATABASE_URL)")
    from django.contrib.auth.base_user import AbstractBaseUser

    buat_staf("Operator", username="korban")
    asli = AbstractBaseUser.check_password
    jumlah = [0]
    kunci = threading.Lock()

    def cek(self, raw):
        with kunci:
            jumlah[0] += 1
        time.sleep(0.2)
        return asli(self, raw)

    monkeypatch.setattr(AbstractBaseUser, "check_password", cek)
    mulai = threading.Barrier(20)
    hasil: list[int] = []
    galat: list[BaseException] = []

    def tebak(i: int) -> None:
        try:
            klien = Client(REMOTE_ADDR=f"198.51.100.{i + 1}")
            mulai.wait(timeout=30)
            r = klien.post("/admin/login/", {"username": "korban", "password": f"salah-{i}"})
            hasil.append(r.status_code)
        except BaseException as exc:  # noqa: BLE001 - reported below
            galat.append(exc)
        finally:
            connections.close_all()

    utas = [threading.Thread(target=tebak, args=(i,)) for i in range(20)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=120)
    assert not galat, galat
    assert hasil == [200] * 20
    assert jumlah[0] == settings.SID_KUNCI_BATAS_USERNAME == 10
    assert KunciMasuk.objects.get(ranah="staf", jenis="pengguna", kunci="korban").terkunci_sampai
