"""SID — Sistem Informasi Desa: project package and core app."""

from .celery_app import app as celery_app

__all__ = ("celery_app",)
__version__ = "0.1.0"
