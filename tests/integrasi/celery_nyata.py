"""Real Celery processes for the integration tests: a worker (and beat) in subprocesses on the
test Redis, against the test database, with their output in a log file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

from tests.conftest import perlu_layanan

ROOT = Path(__file__).resolve().parents[2]
REDIS_UJI = os.environ.get("REDIS_URL", "")


def redis_hidup(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001
        return False


def url_database_uji() -> str:
    d = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{d['NAME']}"
    return f"postgres://{d['USER']}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"


def env_uji(**tambahan: str) -> dict[str, str]:
    """The environment of a celery subprocess; skips (or fails under SID_REQUIRE_SERVICES)
    without Redis."""
    if not REDIS_UJI or not redis_hidup(REDIS_UJI):
        perlu_layanan("Redis tidak tersedia (set REDIS_URL)")
    return {
        **os.environ,
        "REDIS_URL": REDIS_UJI,
        "DATABASE_URL": url_database_uji(),
        "DEBUG": "1",
        **tambahan,
    }


def celery(env: dict, log: Path, *args: str) -> subprocess.Popen:
    """`celery -A sid ARGS`; output goes to `log` (a pipe nobody reads can fill and stall it)."""
    with log.open("w") as keluaran:
        proses = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "sid", *args],
            cwd=ROOT,
            env=env,
            stdout=keluaran,
            stderr=subprocess.STDOUT,
            text=True,
        )
    proses.berkas_log = log  # type: ignore[attr-defined]
    return proses


def worker(env: dict, log: Path, nama: str, *args: str) -> subprocess.Popen:
    """A single-process worker named `nama` (quiet: no heartbeat, gossip or mingle)."""
    return celery(
        env,
        log,
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "--loglevel=WARNING",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-n",
        f"{nama}@%h",
        *args,
    )


def hentikan(proses: subprocess.Popen) -> str:
    """Stop the process and return everything it printed."""
    proses.terminate()
    try:
        proses.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proses.kill()
        proses.wait()
    log = Path(proses.berkas_log)  # type: ignore[attr-defined]
    return log.read_text(errors="replace") if log.exists() else ""
