"""Facts about the machine and the code under test, recorded with every run."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bench.environment import BASE_DIR


@dataclass(frozen=True)
class RunInfo:
    database_key: str  # "postgres" or "sqlite"
    database: str  # engine and version, e.g. "PostgreSQL 16.4"
    dataset_size: int  # residents in the database during the run
    cache: str
    workers: int
    concurrency: int
    requests: int
    load_before: float  # 1-minute load average when the run started
    date: str
    commit: str
    cpu: str
    cores: int
    ram_gb: float
    python: str
    django: str
    gunicorn: str


def git_commit(base: Path = BASE_DIR) -> str:
    """Short commit, with "+perubahan" when the working tree differs from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=base,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=base,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "tidak diketahui"
    return f"{commit}+perubahan" if dirty else commit


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return platform.processor() or platform.machine() or "tidak diketahui"


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def ram_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def collect(
    *,
    database_key: str,
    database: str,
    dataset_size: int,
    cache: str,
    workers: int,
    concurrency: int,
    requests: int,
    load_before: float,
) -> RunInfo:
    return RunInfo(
        database_key=database_key,
        database=database,
        dataset_size=dataset_size,
        cache=cache,
        workers=workers,
        concurrency=concurrency,
        requests=requests,
        load_before=load_before,
        date=datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        commit=git_commit(),
        cpu=cpu_model(),
        cores=os.cpu_count() or 0,
        ram_gb=ram_gb(),
        python=platform.python_version(),
        django=_version("Django"),
        gunicorn=_version("gunicorn"),
    )
