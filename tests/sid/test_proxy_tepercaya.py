"""X-Forwarded-For is believed only from a trusted proxy, with the shipped defaults.

The documented production defaults (.env.example + docker-compose.yml) are read from the files
themselves, and the login screens are driven as an attacker who reaches gunicorn directly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from sid.lib import konteks
from sid.models import KunciMasuk, LogAktivitas
from tests.factories import SANDI_UJI
from tests.mandiri.conftest import PIN_BUDI, buat_akun
from tests.mandiri.conftest import masuk as masuk_mandiri

ROOT = Path(__file__).resolve().parents[2]
PENYERANG = "203.0.113.9"  # a client on the internet, talking to gunicorn directly
CADDY = "172.30.57.5"  # a proxy container on the compose network


def _env_example() -> dict[str, str]:
    teks = (ROOT / ".env.example").read_text()
    return dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", teks, flags=re.MULTILINE))


@pytest.fixture
def bawaan_produksi(settings):
    """The proxy settings exactly as .env.example ships them."""
    env = _env_example()
    settings.SID_JUMLAH_PROXY = int(env["SID_JUMLAH_PROXY"])
    settings.SID_PROXY_TEPERCAYA = [a.strip() for a in env["SID_PROXY_TEPERCAYA"].split(",")]
    return settings


# --- the files -------------------------------------------------------------------------------
def test_compose_menerbitkan_port_aplikasi_hanya_di_loopback_bila_tidak_diatur():
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    (port,) = compose["services"]["web"]["ports"]
    m = re.fullmatch(r"\$\{SID_PORT:-([^}]*)\}:8000", port)
    assert m, f"port web tidak lewat SID_PORT: {port}"
    assert m.group(1).startswith("127.0.0.1:"), f"bawaan {m.group(1)} terbuka ke semua antarmuka"


def test_jaringan_compose_tetap_dan_hanya_itu_yang_dipercaya_selain_loopback():
    yaml = pytest.importorskip("yaml")
    import ipaddress

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    (ipam,) = compose["networks"]["default"]["ipam"]["config"]
    subnet = re.fullmatch(r"\$\{SID_SUBNET:-([^}]*)\}", ipam["subnet"]).group(1)
    dipercaya = {
        ipaddress.ip_network(a.strip()) for a in _env_example()["SID_PROXY_TEPERCAYA"].split(",")
    }
    assert dipercaya == {
        ipaddress.ip_network("127.0.0.0/8"),
        ipaddress.ip_network("::1"),
        ipaddress.ip_network(subnet),
    }
    assert ipaddress.ip_network(subnet).is_private


def test_bawaan_produksi_tidak_mempercayai_header_dari_klien_langsung(bawaan_produksi):
    rf = RequestFactory()
    langsung = rf.get("/", REMOTE_ADDR=PENYERANG, HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert konteks.ip_klien(langsung) == PENYERANG
    lewat_proxy = rf.get("/", REMOTE_ADDR=CADDY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.20")
    assert konteks.ip_klien(lewat_proxy) == "198.51.100.20"
    nginx_host = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.21")
    assert konteks.ip_klien(nginx_host) == "198.51.100.21"


def test_tanpa_pengaturan_hanya_loopback_yang_dipercaya(settings):
    settings.SID_JUMLAH_PROXY = 1
    settings.SID_PROXY_TEPERCAYA = ["127.0.0.0/8", "::1"]  # the code's default
    rf = RequestFactory()
    assert konteks.ip_klien(
        rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="9.9.9.9")
    ) == ("10.1.2.3")
    # Two proxies: the second hop must be trusted too, else its claim is not believed.
    settings.SID_JUMLAH_PROXY = 2
    r = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 10.1.2.3")
    assert konteks.ip_klien(r) == "10.1.2.3"
    r = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 127.0.0.2")
    assert konteks.ip_klien(r) == "9.9.9.9"
    # A trusted proxy forwarding something that is not an address: the proxy's own address.
    r = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="bukan-ip")
    assert konteks.ip_klien(r) == "127.0.0.1"


# --- through the login screens -----------------------------------------------------------------
@pytest.mark.django_db
def test_login_staf_xff_palsu_tidak_lolos_kunci_ip_dan_tidak_masuk_log(bawaan_produksi, buat_staf):
    bawaan_produksi.SID_KUNCI_BATAS_IP = 5
    buat_staf("Operator", username="korban")
    for i in range(5):
        # A new "address" on every guess, a new username too: only the IP key could stop it.
        Client(REMOTE_ADDR=PENYERANG, HTTP_X_FORWARDED_FOR=f"10.9.0.{i + 1}").post(
            "/admin/login/", {"username": f"tebak{i}", "password": "salah-salah"}
        )
    r = Client(REMOTE_ADDR=PENYERANG, HTTP_X_FORWARDED_FOR="10.9.9.9").post(
        "/admin/login/?next=/admin/", {"username": "korban", "password": SANDI_UJI}
    )
    assert r.status_code == 200 and "dikunci sementara" in r.content.decode()
    assert KunciMasuk.objects.get(ranah="staf", jenis="ip", kunci=PENYERANG).terkunci_sampai
    assert not KunciMasuk.objects.filter(kunci__startswith="10.9.").exists()
    ip_log = set(LogAktivitas.objects.filter(aksi="gagal_masuk").values_list("ip", flat=True))
    assert ip_log == {PENYERANG}
    # The same login through the trusted proxy carries the real client address.
    r = Client(REMOTE_ADDR=CADDY, HTTP_X_FORWARDED_FOR="198.51.100.7").post(
        "/admin/login/?next=/admin/", {"username": "korban", "password": SANDI_UJI}
    )
    assert r.status_code == 302
    assert LogAktivitas.objects.get(aksi="masuk", pelaku="korban").ip == "198.51.100.7"


@pytest.mark.django_db
def test_login_mandiri_xff_palsu_tidak_lolos_kunci_ip_dan_tidak_masuk_log(
    bawaan_produksi, keluarga_budi
):
    bawaan_produksi.SID_KUNCI_BATAS_IP = 5
    bawaan_produksi.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    akun = buat_akun(keluarga_budi[1], PIN_BUDI)
    for i in range(5):
        klien = Client(REMOTE_ADDR=PENYERANG, HTTP_X_FORWARDED_FOR=f"10.9.0.{i + 1}")
        masuk_mandiri(klien, f"320101000000{i:04d}", "111111")  # five NIKs, never one locked
    klien = Client(REMOTE_ADDR=PENYERANG, HTTP_X_FORWARDED_FOR="10.9.9.9")
    r = masuk_mandiri(klien, akun.penduduk.nik, PIN_BUDI)
    assert r.status_code == 200 and "NIK atau PIN tidak cocok" in r.content.decode()
    assert KunciMasuk.objects.get(ranah="mandiri", jenis="ip", kunci=PENYERANG).terkunci_sampai
    assert not KunciMasuk.objects.filter(kunci__startswith="10.9.").exists()
    ip_log = set(
        LogAktivitas.objects.filter(aksi="mandiri_gagal_masuk").values_list("ip", flat=True)
    )
    assert ip_log == {PENYERANG}


@pytest.mark.django_db
def test_x_forwarded_proto_dari_klien_langsung_tidak_dipercaya(bawaan_produksi):
    bawaan_produksi.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    bawaan_produksi.SECURE_SSL_REDIRECT = True
    langsung = Client(REMOTE_ADDR=PENYERANG, HTTP_X_FORWARDED_PROTO="https")
    r = langsung.get("/admin/login/")
    assert r.status_code == 301 and r["Location"].startswith("https://")
    proxy = Client(REMOTE_ADDR=CADDY, HTTP_X_FORWARDED_PROTO="https")
    assert proxy.get("/admin/login/").status_code == 200
