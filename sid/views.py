"""Views of the core app: the health endpoint."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _periksa(fungsi) -> dict:
    mulai = time.perf_counter()
    try:
        keterangan = fungsi()
    except Exception as exc:  # noqa: BLE001 - any failure means "not healthy"
        return {"status": "gagal", "pesan": f"{type(exc).__name__}: {str(exc)[:200]}"}
    hasil = {"status": "ok", "ms": round((time.perf_counter() - mulai) * 1000, 1)}
    if keterangan:
        hasil["keterangan"] = keterangan
    return hasil


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _cache():
    cache.set("sid:sehat", "1", 10)
    if cache.get("sid:sehat") != "1":
        raise RuntimeError("nilai cache tidak terbaca kembali")
    return None


def _broker():
    if not settings.REDIS_URL:
        return "tanpa broker: tugas dijalankan langsung di proses web"
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    finally:
        client.close()
    return "redis"


@never_cache
@require_GET
def sehat(request):
    """Public health check (no data): database, cache and broker as JSON, 200 or 503."""
    komponen = {
        "database": _periksa(_database),
        "cache": _periksa(_cache),
        "broker": _periksa(_broker),
    }
    ok = all(k["status"] == "ok" for k in komponen.values())
    return JsonResponse(
        {"status": "ok" if ok else "gagal", "komponen": komponen}, status=200 if ok else 503
    )
