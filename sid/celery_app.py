"""Celery application. Broker = REDIS_URL; without it tasks run in a background thread of the
web process (sid/tugas_latar.py)."""

import os

from celery import Celery
from celery.signals import task_postrun

from sid.lib.memori import kembalikan_memori

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")

app = Celery("sid", task_cls="sid.tugas_latar:TugasSID")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_postrun.connect(weak=False, dispatch_uid="sid-kembalikan-memori")
def _kembalikan_memori(**kwargs) -> None:
    """After every task (a PDF render, an export, a book) the worker hands the heap pages it
    freed back to the system, so it does not keep the peak of its biggest task (~0.2 ms)."""
    kembalikan_memori()


def antrekan(nama: str, *args, **kwargs):
    """Queue the task registered under `nama`. Services name the task they queue and never
    import their app's tasks module, so the arrow runs one way: tasks call services."""
    if nama not in app.tasks:
        # A web process has not imported the apps' tasks modules yet (a worker does at start).
        app.loader.import_default_modules()
    return app.tasks[nama].delay(*args, **kwargs)
