"""Reading configuration from environment variables (documented in .env.example)."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit

BENAR = {"1", "true", "yes", "ya", "on"}
SALAH = {"0", "false", "no", "tidak", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in BENAR:
        return True
    if value in SALAH:
        return False
    gagal(f"{name} harus 1/0 (true/false), bukan {value!r}")
    return default  # pragma: no cover


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        gagal(f"{name} harus bilangan bulat, bukan {value!r}")
        return default  # pragma: no cover


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def gagal(pesan: str) -> None:
    """Stop at start-up with one clear line (no traceback)."""
    raise SystemExit(f"SID: {pesan}")


def secret_key(debug: bool, var_dir: Path) -> str:
    """SECRET_KEY from the environment; in debug, generated once into var/."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        if not debug and len(key) < 50:
            gagal("SECRET_KEY terlalu pendek (minimal 50 karakter acak)")
        return key
    if not debug:
        gagal(
            "SECRET_KEY wajib diisi saat DEBUG=0 "
            "(buat dengan: python -c 'import secrets; print(secrets.token_urlsafe(64))')"
        )
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    path.write_text(key)
    path.chmod(0o600)
    return key


def deskripsi_database() -> str:
    """The DATABASE_URL without its password, for error messages."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return "SQLite bawaan"
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def stderr(pesan: str) -> None:
    sys.stderr.write(pesan + "\n")
