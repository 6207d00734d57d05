"""Running gunicorn for the duration of a benchmark, always stopped afterwards."""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bench.environment import BASE_DIR, Instance, SetupError

HOST = "127.0.0.1"  # the harness never sends traffic anywhere else
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _health_status(port: int) -> int | None:
    conn = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        conn.request("GET", "/sehat/")
        response = conn.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        conn.close()


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _kill(process: subprocess.Popen[bytes]) -> None:
    # gunicorn runs in its own session, so its process group is exactly master + workers.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()  # gunicorn: graceful shutdown on SIGTERM
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        _kill(process)
    except BaseException:  # interrupted again while waiting: no grace left
        _kill(process)
        raise


@contextlib.contextmanager
def gunicorn(instance: Instance, workers: int) -> Iterator[int]:
    """Start gunicorn on a free local port, yield the port once /sehat/ answers 200."""
    port = free_port()
    log_path = instance.var_dir / "gunicorn.log"
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "sid.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--timeout",
        "60",
        "--graceful-timeout",
        "10",
    ]
    with log_path.open("wb") as log:
        # Own session: a Ctrl-C in the terminal reaches only us, and we stop gunicorn.
        process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=instance.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_ready(process, port, log_path)
            yield port
        finally:
            _stop(process)


def _wait_ready(process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    status: int | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SetupError(f"gunicorn berhenti (kode {process.returncode}):\n{_tail(log_path)}")
        status = _health_status(port)
        if status == 200:
            return
        time.sleep(0.2)
    raise SetupError(
        f"/sehat/ tidak menjawab 200 dalam {START_TIMEOUT_S} detik (terakhir: {status}):\n"
        f"{_tail(log_path)}"
    )
