"""Celery application. Broker = REDIS_URL; without it tasks run in a background thread of the
web process (sid/tugas_latar.py)."""

import os

from celery import Celery
from celery.signals import task_postrun

from sid.lib.memori import kembalikan_memori

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")
# Celery's Django fixup runs Django's system checks when a worker starts; they load what only
# the web needs (Pillow for the ImageField check, every admin class's checks): about 7 MB of a
# worker's memory. The same checks run with every management command: `migrate` when the web
# container starts, `makemigrations --check` in CI.
os.environ.setdefault("CELERY_SKIP_CHECKS", "1")

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
