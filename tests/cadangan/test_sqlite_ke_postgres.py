"""Moving a village from the embedded SQLite demo to PostgreSQL: back up on one, restore on
the other, and every row and file is identical."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from sid.cadangan.pemulihan import cadangan_pulihkan
from tests.cadangan.isi import SAMA, potret, selisih, tanpa_penanda_jadwal
from tests.conftest import perlu_layanan

ROOT = Path(__file__).resolve().parents[2]

SKRIP_ISI = """
import json
from tests.cadangan.benih import desa_dan_admin, isi_desa_kecil
from tests.cadangan.isi import potret
isi_desa_kecil(desa_dan_admin())
print("POTRET=" + json.dumps(potret()))
"""


def _jalankan(env: dict, *args: str) -> str:
    hasil = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    return hasil.stdout


@pytest.mark.postgres
@pytest.mark.django_db
def test_cadangan_sqlite_dipulihkan_ke_postgresql(tmp_path, settings):
    if connection.vendor != "postgresql":
        perlu_layanan("Uji SQLite → PostgreSQL butuh DATABASE_URL ke PostgreSQL")
    sumber = tmp_path / "sqlite"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SID_", "DATABASE_URL", "REDIS_URL", "PYTEST", "DJANGO_SETTINGS"))
    }
    env.update(
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="sid.settings",
        DATABASE_URL=f"sqlite:///{sumber / 'sid.sqlite3'}",
        SID_VAR_DIR=str(sumber),
        SID_MEDIA_ROOT=str(sumber / "media"),
        SID_PRIVATE_ROOT=str(sumber / "privat"),
        SID_BACKUP_ROOT=str(sumber / "cadangan"),
    )
    sumber.mkdir()
    _jalankan(env, "migrate", "--noinput", "-v0")
    keluaran = _jalankan(env, "shell", "-c", SKRIP_ISI)
    isi_sqlite = json.loads(keluaran.split("POTRET=", 1)[1])
    arsip = Path(_jalankan(env, "cadangkan").strip().splitlines()[-1])
    assert arsip.is_file()

    log = cadangan_pulihkan(berkas=arsip, pelaku="uji")

    assert log.status == "ok", log.pesan_galat
    assert connection.vendor == "postgresql"
    isi_pg = json.loads(json.dumps(potret(setelah_pulih=True)))  # same JSON form as the child's
    assert isi_sqlite["database"]["penduduk.penduduk"][0] >= 2
    assert selisih(isi_pg, tanpa_penanda_jadwal(isi_sqlite)) == SAMA
    # The restored PostgreSQL database keeps working: new rows get fresh ids.
    from tests.factories import PendudukFactory

    assert PendudukFactory(nik="3201010101119990").pk
