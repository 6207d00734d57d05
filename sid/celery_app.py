"""Celery application. Broker = REDIS_URL; without it tasks run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")

app = Celery("sid")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
