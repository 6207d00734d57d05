"""A real hub for the two-server tests: gunicorn (2 workers) on loopback with SID_HUB=1 on its
own PostgreSQL database, cloned from the migrated test database; plus an HTTP client with a
session (for the hub's pages) and a TCP proxy that can lose an answer on purpose."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SANDI = "sandi-uji-yang-panjang-123"
DIBERSIHKAN = ("SID_", "DATABASE_URL", "REDIS_URL", "PYTEST", "DJANGO_SETTINGS")

SKRIP_SIAPKAN = """
import datetime, json
from django.contrib.auth import get_user_model
from django.utils import timezone
from hub.lingkup import Lingkup
from hub.models import KodePendaftaran, PenggunaHub
from hub.services.pendaftaran import desa_daftar, kode_pendaftaran_buat
U = get_user_model()
for nama, lingkup in [("kab", "3201"), ("kec1", "320101"), ("kec2", "320102")]:
    u = U.objects.create_user(username="hub_" + nama, password=%(sandi)r, is_staff=True)
    PenggunaHub.objects.create(user=u, lingkup=lingkup, nama_lingkup=nama.upper())
kode = {}
for k in %(desa)r:
    d = desa_daftar(oleh=None, lingkup=Lingkup("3201"), kode=k, nama="Desa " + k,
                    nama_kecamatan="Kec " + k[:6])
    kode[k] = kode_pendaftaran_buat(oleh=None, desa=d)[0]
KodePendaftaran.objects.filter(desa__kode=%(basi)r).update(
    berlaku_sampai=timezone.now() - datetime.timedelta(hours=1))
print("KODE=" + json.dumps(kode))
"""


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HubNyata:
    def __init__(self, *, pg: str, nama_db: str, template: str, tmp: Path):
        self.pg = pg  # postgres://user@host:port
        self.nama_db = nama_db
        self.template = template
        self.tmp = tmp
        self.port = port_bebas()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proses: subprocess.Popen | None = None
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(DIBERSIHKAN)}
        self.env.update(
            DEBUG="1",
            SECRET_KEY=secrets.token_urlsafe(48),
            DJANGO_SETTINGS_MODULE="sid.settings",
            DATABASE_URL=f"{pg}/{nama_db}",
            SID_HUB="1",
            SID_HUB_NAMA="Hub Uji Kabupaten",
            SID_HUB_KODE_WILAYAH="3201",
            SID_VAR_DIR=str(tmp),
            SID_MEDIA_ROOT=str(tmp / "media"),
            SID_PRIVATE_ROOT=str(tmp / "privat"),
            SID_STATIC_ROOT=str(tmp / "static"),
            SID_LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        self.kode: dict[str, str] = {}

    # --- database ------------------------------------------------------------------------------
    def _admin(self, *perintah: str) -> None:
        import psycopg

        with psycopg.connect(f"{self.pg}/postgres", autocommit=True) as conn:
            for p in perintah:
                conn.execute(p)

    def buat_database(self) -> None:
        """Clone the migrated test database (fast); migrate an empty one if that fails."""
        import psycopg

        self._admin(f'DROP DATABASE IF EXISTS "{self.nama_db}" WITH (FORCE)')
        try:
            self._admin(f'CREATE DATABASE "{self.nama_db}" TEMPLATE "{self.template}"')
        except psycopg.Error:
            self._admin(f'CREATE DATABASE "{self.nama_db}"')
            self.manage("migrate", "--noinput", "-v0")

    def hapus_database(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.nama_db}" WITH (FORCE)')

    def sql(self, query: str, *args):
        import psycopg

        with psycopg.connect(f"{self.pg}/{self.nama_db}") as conn:
            return conn.execute(query, args).fetchall()

    def manage(self, *args: str) -> str:
        hasil = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert hasil.returncode == 0, hasil.stdout + hasil.stderr
        return hasil.stdout

    def siapkan_data(self, desa: list[str], basi: str) -> None:
        keluaran = self.manage(
            "shell", "-c", SKRIP_SIAPKAN % {"sandi": SANDI, "desa": desa, "basi": basi}
        )
        self.kode = json.loads(keluaran.split("KODE=", 1)[1])

    # --- process -------------------------------------------------------------------------------
    def mulai(self) -> None:
        self.log = (self.tmp / "gunicorn.log").open("ab")
        self.proses = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "sid.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "60",
                "--graceful-timeout",
                "2",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        batas = time.monotonic() + 60
        while time.monotonic() < batas:
            if self.proses.poll() is not None:
                raise RuntimeError("gunicorn hub berhenti:\n" + self.ekor())
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(self.url + "/sehat/", timeout=2) as r,  # noqa: S310
            ):
                if r.status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError("hub tidak siap:\n" + self.ekor())

    def hentikan(self) -> None:
        if self.proses is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proses.pid, signal.SIGKILL)
        self.proses.wait(timeout=10)
        self.proses = None
        self.log.close()

    def ekor(self) -> str:
        try:
            return "\n".join((self.tmp / "gunicorn.log").read_text().splitlines()[-30:])
        except OSError:
            return ""


class Peramban:
    """A logged-in session on the hub's pages (cookies + CSRF), over real HTTP."""

    def __init__(self, url: str):
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _buka(self, req) -> tuple[int, str]:
        try:
            with self.opener.open(req, timeout=20) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, exc.read().decode("utf-8", "replace")

    def get(self, path: str) -> tuple[int, str]:
        return self._buka(urllib.request.Request(self.url + path))  # noqa: S310 - loopback

    def post(self, path: str, data: dict, *, dari: str | None = None) -> tuple[int, str]:
        _status, halaman = self.get(dari or path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', halaman)
        data = {**data, "csrfmiddlewaretoken": token.group(1) if token else ""}
        body = urllib.parse.urlencode(data).encode()
        req = urllib.request.Request(self.url + path, data=body, method="POST")  # noqa: S310
        return self._buka(req)

    def masuk(self, username: str) -> None:
        status, isi = self.post(
            "/admin/login/?next=/hub/", {"username": username, "password": SANDI, "next": "/hub/"}
        )
        assert status == 200 and "Dasbor" in isi, isi[:500]


class ProxyPemutus:
    """A TCP proxy in front of the hub that forwards request number `putus` (1-based) but
    drops the hub's answer to it: the hub applied the batch, the village never heard."""

    def __init__(self, tujuan_port: int, putus: int):
        self.tujuan = ("127.0.0.1", tujuan_port)
        self.putus = putus
        self.nomor = 0
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.benang = threading.Thread(target=self._layani, daemon=True)
        self.benang.start()

    def _baca_permintaan(self, s: socket.socket) -> bytes:
        data = b""
        while b"\r\n\r\n" not in data:
            potong = s.recv(65536)
            if not potong:
                return data
            data += potong
        kepala, _, isi = data.partition(b"\r\n\r\n")
        panjang = re.search(rb"content-length:\s*(\d+)", kepala, re.I)
        perlu = int(panjang.group(1)) if panjang else 0
        while len(isi) < perlu:
            isi += s.recv(65536)
        return kepala + b"\r\n\r\n" + isi

    def _layani(self) -> None:
        while True:
            try:
                klien, _ = self.server.accept()
            except OSError:
                return
            with klien:
                permintaan = self._baca_permintaan(klien)
                if not permintaan:
                    continue
                self.nomor += 1
                try:
                    with socket.create_connection(self.tujuan, timeout=30) as hub:
                        hub.sendall(permintaan)
                        jawaban = b""
                        while True:
                            potong = hub.recv(65536)
                            if not potong:
                                break
                            jawaban += potong
                except OSError:
                    continue  # hub down: the village sees the connection close
                if self.nomor != self.putus:
                    klien.sendall(jawaban)

    def tutup(self) -> None:
        self.server.close()
