#!/usr/bin/env python
"""Django's command-line utility for SID."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings")
    if sys.argv[1:2] == ["makemigrations"]:
        # Generating migrations serves nothing: no production SECRET_KEY needed for it.
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as exc:
        # An unreachable database is an operator problem, not a bug: one clear line.
        from sid.lib.env import deskripsi_database

        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.exit(f"SID: basis data tidak dapat dihubungi ({deskripsi_database()}): {first}")


if __name__ == "__main__":
    main()
