#!/bin/sh
# SID container entrypoint.
#
# Role "web" (gunicorn): wait for the database (at most SID_TUNGGU_DB_DETIK seconds, default 60),
# apply migrations, then run the command. Other roles (Celery worker/beat, one-off commands)
# run the command directly. The role is taken from SID_PERAN (web / lain) when set, otherwise
# "web" whenever the command runs gunicorn.
set -eu

peran="${SID_PERAN:-}"
if [ -z "$peran" ]; then
    case " $* " in
        *" gunicorn "*) peran=web ;;
        *) peran=lain ;;
    esac
fi

if [ "$peran" = "web" ]; then
    python - <<'PY'
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")
import django

django.setup()
from django.db import connection
from django.db.utils import OperationalError

from sid.lib.env import deskripsi_database

batas_detik = int(os.environ.get("SID_TUNGGU_DB_DETIK") or 60)
batas = time.monotonic() + batas_detik
while True:
    try:
        connection.ensure_connection()
        break
    except OperationalError as exc:
        pesan = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        if time.monotonic() >= batas:
            sys.exit(
                f"SID: basis data ({deskripsi_database()}) tetap tidak dapat dihubungi "
                f"setelah {batas_detik} detik: {pesan}"
            )
        print(f"SID: menunggu basis data ({deskripsi_database()}): {pesan}", file=sys.stderr)
        time.sleep(2)
connection.close()
PY
    echo "SID: menerapkan migrasi basis data" >&2
    python manage.py migrate --noinput
fi

exec "$@"
