"""Tasks in-process, outside the request: the embedded default (`make run`, no Redis).

Without a broker, Celery's eager mode ran a task inside the request that queued it: printing
PIN slips for every resident took 75 s of one browser tab, and on SQLite every other save of the
back office meanwhile failed with "database is locked". Here a task queued with `.delay()` /
`.apply_async()` runs in one background thread of the web process instead: the request returns
at once to the same progress page a real worker feeds, and the task's own short transactions
take turns with the operators' saves (SQLite in WAL mode with a busy timeout, see settings).

One thread, so tasks run one after another as with a one-process worker. Tests keep Celery's
eager mode (synchronous); with REDIS_URL set, tasks go to the real worker.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from celery import Task, states
from celery.result import EagerResult
from celery.utils import uuid
from django.conf import settings
from django.db import connections

log = logging.getLogger(__name__)
_pelaksana = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sid-tugas")


def aktif(task: Task) -> bool:
    return bool(getattr(settings, "SID_TUGAS_DALAM_PROSES", False)) and not (
        task.app.conf.task_always_eager
    )


def jalankan(task: Task, args=None, kwargs=None, **options) -> EagerResult:
    """Run `task` in the background thread (after `countdown` seconds, if given)."""
    task_id = options.get("task_id") or uuid()

    def kerja():
        try:
            hasil = task.apply(args, kwargs, task_id=task_id, throw=False)
            if hasil.failed():
                log.error("Tugas %s gagal: %r", task.name, hasil.result)
        finally:
            connections.close_all()  # this thread's connections; the next task opens its own

    tunda = options.get("countdown") or 0
    if tunda:
        pewaktu = threading.Timer(float(tunda), _pelaksana.submit, args=[kerja])
        pewaktu.daemon = True
        pewaktu.start()
    else:
        _pelaksana.submit(kerja)
    return EagerResult(task_id, None, states.PENDING, name=task.name)


def tunggu_selesai(batas_detik: float = 60) -> None:
    """Block until every task queued so far has run (tests and management commands)."""
    _pelaksana.submit(lambda: None).result(timeout=batas_detik)


class TugasSID(Task):
    """Celery's Task, with the in-process background thread when there is no broker."""

    def apply_async(
        self,
        args=None,
        kwargs=None,
        task_id=None,
        producer=None,
        link=None,
        link_error=None,
        shadow=None,
        **options,
    ):
        if aktif(self):
            return jalankan(self, args, kwargs, task_id=task_id, **options)
        return super().apply_async(
            args, kwargs, task_id, producer, link, link_error, shadow, **options
        )
