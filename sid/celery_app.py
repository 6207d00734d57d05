"""Celery application. Broker = REDIS_URL; without it tasks run in a background thread of the
web process (sid/tugas_latar.py)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")

app = Celery("sid", task_cls="sid.tugas_latar:TugasSID")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def antrekan(nama: str, *args, **kwargs):
    """Queue the task registered under `nama`. Services name the task they queue and never
    import their app's tasks module, so the arrow runs one way: tasks call services."""
    if nama not in app.tasks:
        # A web process has not imported the apps' tasks modules yet (a worker does at start).
        app.loader.import_default_modules()
    return app.tasks[nama].delay(*args, **kwargs)
