"""Driving one page with C concurrent keep-alive clients and timing every response."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.client import Client, Reply
from bench.pages import Page
from bench.server import HOST
from bench.stats import Summary, summarize


class Deadline:
    """The overall time guard of a run."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def check(self) -> None:
        if self.remaining() <= 0:
            raise TimeoutError(f"benchmark melewati batas waktu {self.seconds:.0f} detik")


@dataclass
class Worker:
    """Everything one load thread owns: an anonymous and a staff browser, plus a login poster."""

    anon: Client
    staff: Client
    poster: Client
    csrf: tuple[str, str] = ("", "")  # (cookie secret, form token) for login POSTs


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str


@dataclass
class PageResult:
    page: Page
    path: str
    summary: Summary
    sample_error: str = ""
    statuses: dict[int, int] = field(default_factory=dict)


def make_workers(port: int, count: int, pages: Sequence[Page], creds: Credentials) -> list[Worker]:
    """One worker per concurrent slot; staff sessions and CSRF tokens are set up here."""
    workers = [
        Worker(Client(HOST, port), Client(HOST, port), Client(HOST, port, keep_cookies=False))
        for _ in range(count)
    ]
    for worker in workers:
        if any(p.staff for p in pages):
            worker.staff.login(creds.username, creds.password)
        if any(p.method == "POST" for p in pages):
            worker.csrf = worker.anon.csrf_token()
    return workers


def close_workers(workers: Sequence[Worker]) -> None:
    for worker in workers:
        for client in (worker.anon, worker.staff, worker.poster):
            client.close()


def _send(worker: Worker, page: Page, path: str, creds: Credentials) -> Reply:
    if page.method == "POST":
        # Same CSRF pair every time and no session cookie: each POST is a fresh login.
        cookie, token = worker.csrf
        form = {
            "username": creds.username,
            "password": creds.password,
            "csrfmiddlewaretoken": token,
            "next": "/admin/",
        }
        return worker.poster.request("POST", path, form=form, cookies={"csrftoken": cookie})
    client = worker.staff if page.staff else worker.anon
    return client.request(page.method, path)


def _drive(
    workers: Sequence[Worker],
    page: Page,
    path: str,
    creds: Credentials,
    total: int,
    deadline: Deadline,
) -> tuple[list[Reply], float]:
    """Send `total` requests spread over the workers' threads; return replies and wall time."""
    lock = threading.Lock()
    remaining = [total]
    stop = threading.Event()
    per_thread: list[list[Reply]] = [[] for _ in workers]

    def loop(worker: Worker, out: list[Reply]) -> None:
        while not stop.is_set():
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            out.append(_send(worker, page, path, creds))

    threads = [
        threading.Thread(target=loop, args=(w, out), daemon=True)
        for w, out in zip(workers, per_thread, strict=True)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(timeout=0.5)
                deadline.check()
    finally:
        stop.set()
    elapsed = time.perf_counter() - start
    return [reply for out in per_thread for reply in out], elapsed


def _verify_warmup(page: Page, replies: Sequence[Reply]) -> None:
    for reply in replies:
        if reply.status != page.status:
            raise RuntimeError(
                f"pemanasan '{page.title}' gagal: status {reply.status} (harus {page.status})"
                f" {reply.error}".rstrip()
            )
        if page.reject_text and page.reject_text.encode() in reply.body:
            raise RuntimeError(
                f"pemanasan '{page.title}' menampilkan halaman yang salah ({page.reject_text!r})"
            )


def run_page(
    workers: Sequence[Worker],
    page: Page,
    path: str,
    requests: int,
    creds: Credentials,
    deadline: Deadline,
) -> PageResult:
    """Warm up (unmeasured, verified), then measure `requests` requests."""
    warm, _ = _drive(workers, page, path, creds, page.warmup, deadline)
    _verify_warmup(page, warm)
    replies, elapsed = _drive(workers, page, path, creds, requests, deadline)
    statuses: dict[int, int] = {}
    for reply in replies:
        statuses[reply.status] = statuses.get(reply.status, 0) + 1
    failed = [r for r in replies if r.status != page.status]
    sample = ""
    if failed:
        sample = failed[0].error or f"status {failed[0].status}"
    latencies = [r.elapsed_ms for r in replies if r.status]
    summary = summarize(latencies, len(replies), len(failed), elapsed)
    return PageResult(page, path, summary, sample, statuses)
