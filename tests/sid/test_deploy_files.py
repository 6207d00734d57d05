"""The production deployment files (Dockerfile, docker-compose.yml, .env.example) stay coherent.

The compose checks need PyYAML and are skipped where it is not installed; the rest read the
files as text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ("web", "worker", "beat")


def _compose() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _variabel_settings() -> set[str]:
    """Environment variable names read by sid/settings.py through sid.lib.env."""
    teks = (ROOT / "sid" / "settings.py").read_text()
    nama = set(re.findall(r"\benv_(?:str|bool|int|list)\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']", teks))
    # secret_key() in sid/lib/env.py reads SECRET_KEY itself.
    teks_env = (ROOT / "sid" / "lib" / "env.py").read_text()
    nama |= set(re.findall(r"os\.environ\.get\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']", teks_env))
    return nama


def _variabel_env_example() -> set[str]:
    """Names set (or shown commented out) in .env.example."""
    teks = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", teks, flags=re.MULTILINE))


def test_setiap_variabel_settings_terdokumentasi_di_env_example():
    dipakai = _variabel_settings()
    # Guard against a regex that silently finds nothing.
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"} <= dipakai
    hilang = sorted(dipakai - _variabel_env_example())
    assert not hilang, f"variabel dibaca settings tetapi tidak ada di .env.example: {hilang}"


def test_compose_punya_semua_layanan():
    layanan = _compose()["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(layanan)


def test_web_worker_beat_memakai_build_dan_image_yang_sama():
    layanan = _compose()["services"]
    for nama in APP:
        assert layanan[nama].get("build"), f"{nama} tidak punya build"
        assert layanan[nama].get("env_file"), f"{nama} tidak memakai env_file"
    assert len({repr(layanan[nama]["build"]) for nama in APP}) == 1
    assert len({layanan[nama].get("image") for nama in APP}) == 1


def test_setiap_layanan_kecuali_beat_punya_healthcheck():
    for nama, layanan in _compose()["services"].items():
        if nama == "beat":
            continue
        uji = (layanan.get("healthcheck") or {}).get("test")
        assert uji, f"layanan {nama} tidak punya healthcheck"


def test_healthcheck_web_memeriksa_sehat_dengan_host_dari_allowed_hosts():
    uji = _compose()["services"]["web"]["healthcheck"]["test"]
    perintah = " ".join(uji)
    assert "/sehat/" in perintah
    assert "ALLOWED_HOSTS" in perintah


def test_volume_bernama_dan_sandi_postgres_wajib():
    compose = _compose()
    assert {"pgdata", "sid-data"} <= set(compose["volumes"])
    assert "version" not in compose
    teks = (ROOT / "docker-compose.yml").read_text()
    assert "${POSTGRES_PASSWORD:?" in teks


def _instruksi_dockerfile() -> list[str]:
    """Dockerfile instructions with their continuation lines joined, comments dropped."""
    teks = (ROOT / "Dockerfile").read_text()
    baris = [b for b in teks.splitlines() if not b.lstrip().startswith("#")]
    return [i.strip() for i in re.split(r"(?<!\\)\n", "\n".join(baris)) if i.strip()]


def test_dockerfile_tanpa_rahasia_dan_bukan_root():
    instruksi = _instruksi_dockerfile()
    assert instruksi[0].startswith("FROM python:3.11-slim-bookworm")
    assert any("--require-hashes" in i for i in instruksi if i.startswith("RUN"))
    assert "USER sid" in instruksi
    # Build-only dummy secrets live in a RUN, never in ENV/ARG (which persist in the image).
    for i in instruksi:
        if i.startswith(("ENV", "ARG")):
            assert "SECRET_KEY" not in i, i
    assert (ROOT / "docker" / "entrypoint.sh").exists()


def test_dockerignore_menyingkirkan_rahasia_dan_data_lokal():
    baris = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".venv", "var", ".git"} <= baris
