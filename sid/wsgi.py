"""WSGI entry point (gunicorn sid.wsgi)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")

application = get_wsgi_application()


def _periksa_database() -> None:
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        from sid.lib.env import deskripsi_database

        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.stderr.write(
            f"SID: basis data tidak dapat dihubungi ({deskripsi_database()}): {first}\n"
        )
        sys.exit(1)
    finally:
        connection.close()


_periksa_database()
