"""Runs inside Django (`python -m bench.seed`, in a subprocess with the bench environment).

Creates the staff superuser, fills the village identity so the dashboard shows, resolves
the `{id}` lookups of the pages, and reports the dataset size and database version.
Input through environment variables (BENCH_USERNAME, BENCH_PASSWORD, BENCH_LOOKUPS as a
JSON object key -> expression; BENCH_ARTIKEL, optional, a number of published website articles
to create first); output is one line `BENCH_JSON {...}` on stdout.
"""

from __future__ import annotations

import json
import os
from typing import Any

MARKER = "BENCH_JSON "


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")
    import django

    django.setup()


def _model(label: str) -> Any:
    from django.apps import apps

    return apps.get_model(label)


def _middle_pk(label: str) -> Any:
    queryset = _model(label).objects.order_by("pk").values_list("pk", flat=True)
    total = queryset.count()
    return queryset[total // 2] if total else None


def _create_staff(username: str, password: str) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from sid.peran import ADMINISTRATOR

    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model.objects.create_superuser(username=username, email="", password=password)
    else:
        user.set_password(password)
        user.is_staff = user.is_superuser = user.is_active = True
        user.save()
    group = Group.objects.filter(name=ADMINISTRATOR).first()
    if group is not None:
        user.groups.add(group)


def _fill_identity() -> None:
    from sid.models import IdentitasDesa

    desa = IdentitasDesa.ambil()
    desa.nama_desa = "Sukamaju"
    desa.kode_desa = "3201012001"
    desa.save()


def _dataset_size() -> int:
    try:
        return _model("penduduk.Penduduk").objects.count()
    except LookupError:
        return 0


def _database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
    return connection.display_name


def _resolve(lookups: dict[str, str]) -> dict[str, Any]:
    names = {"model": _model, "middle_pk": _middle_pk}
    found: dict[str, Any] = {}
    for key, expression in lookups.items():
        try:
            found[key] = eval(expression, {"__builtins__": {}}, names)  # noqa: S307 - our own code
        except LookupError:
            found[key] = None
    return found


def main() -> None:
    _setup_django()
    from django.core.cache import cache

    _create_staff(os.environ["BENCH_USERNAME"], os.environ["BENCH_PASSWORD"])
    _fill_identity()
    artikel = int(os.environ.get("BENCH_ARTIKEL") or 0)
    if artikel:
        from konten.demo import buat_artikel_bench

        buat_artikel_bench(artikel)
    cache.clear()  # a Redis cache may still hold the previous run's village identity
    result = {
        "dataset_size": _dataset_size(),
        "database": _database_version(),
        "lookups": _resolve(json.loads(os.environ.get("BENCH_LOOKUPS", "{}"))),
    }
    print(MARKER + json.dumps(result, default=str))


if __name__ == "__main__":
    main()
