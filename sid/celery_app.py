"""Celery application. Broker = REDIS_URL; without it tasks run in a background thread of the
web process (sid/tugas_latar.py)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")

app = Celery("sid", task_cls="sid.tugas_latar:TugasSID")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
