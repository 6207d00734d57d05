"""SID's own wording for Django's strings (locale/id): in force, and the committed .mo is the
compiled .po."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

FOLDER = Path(__file__).resolve().parents[2] / "locale" / "id" / "LC_MESSAGES"


def test_kata_django_yang_janggal_diganti():
    with translation.override("id"):
        assert translation.gettext("Change or view list link") == "Buka daftar"
        assert translation.gettext("Filter") == "Saring"
        assert translation.gettext("users") == "akun staf"
        assert translation.gettext("groups") == "peran"


def test_berkas_mo_sesuai_po(tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) tidak terpasang")
    hasil = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(hasil), str(FOLDER / "django.po")], check=True)
    assert hasil.read_bytes() == (FOLDER / "django.mo").read_bytes(), "jalankan `make bahasa`"
