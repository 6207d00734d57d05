"""Start-up configuration: clear one-line failures, and a clean deploy check in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def jalankan(args, **env):
    lingkungan = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    lingkungan.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=lingkungan,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_debug_0_tanpa_secret_key_gagal_dengan_satu_baris():
    hasil = jalankan(["check"], DEBUG="0", ALLOWED_HOSTS="desa.example.id")
    assert hasil.returncode == 1
    assert hasil.stderr.strip().startswith("SID: SECRET_KEY wajib diisi")
    assert len(hasil.stderr.strip().splitlines()) == 1
    assert "Traceback" not in hasil.stderr


def test_debug_0_tanpa_allowed_hosts_gagal_dengan_satu_baris():
    hasil = jalankan(["check"], DEBUG="0", SECRET_KEY="x" * 60)
    assert hasil.returncode == 1
    assert "ALLOWED_HOSTS wajib diisi" in hasil.stderr
    assert "Traceback" not in hasil.stderr


def test_database_tak_terjangkau_gagal_dengan_satu_baris():
    hasil = jalankan(
        ["migrate", "--check"], DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:1/tidakada"
    )
    assert hasil.returncode == 1
    baris = hasil.stderr.strip().splitlines()
    assert len(baris) == 1, hasil.stderr
    assert baris[0].startswith(
        "SID: basis data tidak dapat dihubungi (postgres://127.0.0.1:1/tidakada)"
    )


def test_check_deploy_bersih_saat_produksi():
    hasil = jalankan(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY="k" * 20 + "-Zx9!q" + "w" * 40,
        ALLOWED_HOSTS="desa.example.id",
    )
    assert hasil.returncode == 0, hasil.stderr + hasil.stdout
    assert "no issues" in hasil.stdout


def test_bahasa_dan_zona_waktu(settings):
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"


@pytest.mark.django_db
def test_secret_key_dibuat_sekali_di_var_saat_debug(tmp_path):
    env = {
        "DEBUG": "1",
        "SID_VAR_DIR": str(tmp_path),
        "DATABASE_URL": "sqlite:///" + str(tmp_path / "x.sqlite3"),
    }
    assert jalankan(["check"], **env).returncode == 0
    kunci = (tmp_path / "secret_key").read_text()
    assert len(kunci) >= 50
    assert jalankan(["check"], **env).returncode == 0
    assert (tmp_path / "secret_key").read_text() == kunci
