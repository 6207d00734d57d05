"""Preparing a throw-away SID instance: environment, database, migrations, dataset."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench.seed import MARKER

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_VAR = BASE_DIR / "var" / "bench"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = os.environ.get("SID_BENCH_DB", "sid_bench")  # own name for parallel runs
REDIS_URL = "redis://127.0.0.1:6379/14"
# Inherited variables that would point the instance at something else than the bench setup.
CLEARED_PREFIXES = ("SID_", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "CSRF_TRUSTED_ORIGINS")


class SetupError(RuntimeError):
    """A preparation step failed; the message is meant for the user."""


@dataclass(frozen=True)
class Instance:
    env: dict[str, str]
    var_dir: Path
    database: str  # "postgres" or "sqlite"
    cache: str  # "redis" or "locmem"


def build_env(database: str, redis: bool, var_dir: Path) -> dict[str, str]:
    """Environment for manage.py and gunicorn: production-like, local services only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(CLEARED_PREFIXES)}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(48)[:64],
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SID_HTTPS="0",
        SID_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="sid.settings",
        PYTHONUNBUFFERED="1",
    )
    if database == "postgres":
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    # SQLite: no DATABASE_URL, so the app's own embedded configuration (WAL, immediate
    # transactions) is what gets measured; the file is var_dir/sid.sqlite3.
    if redis:
        env["REDIS_URL"] = REDIS_URL
    return env


def env_pg(var_dir: Path, database: str, **tambahan: str) -> dict[str, str]:
    """build_env for a bench's own PostgreSQL database (and whatever else it names)."""
    env = build_env("postgres", False, var_dir)
    env.update(DATABASE_URL=f"{PG_SERVER}/{database}", **tambahan)
    return env


def buat_ulang_database(nama: str) -> None:
    """Drop and recreate a bench's own PostgreSQL database `nama` (never any other one)."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {nama} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {nama}")


def create_instance(database: str, redis: bool) -> Instance:
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="run-", dir=BENCH_VAR))
    return Instance(
        env=build_env(database, redis, var_dir),
        var_dir=var_dir,
        database=database,
        cache="redis" if redis else "locmem",
    )


def reset_postgres() -> None:
    """Drop and recreate the dedicated bench database (never any other one)."""
    import psycopg

    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    except psycopg.Error as exc:
        raise SetupError(f"PostgreSQL di {PG_SERVER} tidak bisa dipakai: {exc}") from exc


def python(instance: Instance, *args: str, timeout: float) -> str:
    """Run the venv's Python in the project directory with the bench environment."""
    try:
        done = subprocess.run(
            [sys.executable, *args],
            cwd=BASE_DIR,
            env=instance.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise SetupError(f"'{' '.join(args)}' melewati batas {timeout:.0f} detik") from exc
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise SetupError(f"'{' '.join(args)}' gagal (kode {done.returncode}):\n{tail}")
    return done.stdout


def manage(instance: Instance, *args: str, timeout: float = 600) -> str:
    return python(instance, "manage.py", *args, timeout=timeout)


def has_command(instance: Instance, name: str) -> bool:
    try:
        manage(instance, "help", name, timeout=120)
    except SetupError:
        return False
    return True


def seed(instance: Instance, username: str, password: str, lookups: dict[str, str]) -> dict:
    """Run bench.seed inside Django and return its JSON report."""
    env = {
        **instance.env,
        "BENCH_USERNAME": username,
        "BENCH_PASSWORD": password,
        "BENCH_LOOKUPS": json.dumps(lookups),
    }
    out = python(replace(instance, env=env), "-m", "bench.seed", timeout=300)
    for line in out.splitlines():
        if line.startswith(MARKER):
            result: dict[str, Any] = json.loads(line[len(MARKER) :])
            return result
    raise SetupError(f"bench.seed tidak melaporkan hasil:\n{out[-2000:]}")
