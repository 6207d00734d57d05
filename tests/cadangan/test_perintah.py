"""`manage.py cadangkan` and `manage.py pulihkan ARSIP [--dry-run] [--noinput]`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sid.models import LogCadangan
from tests.cadangan.isi import SAMA, potret, selisih, tanpa_penanda_jadwal

pytestmark = pytest.mark.django_db


def test_cadangkan_mencetak_jalur_arsip(desa_demo):
    keluar = io.StringIO()
    call_command("cadangkan", stdout=keluar, stderr=io.StringIO())
    path = Path(keluar.getvalue().strip())
    assert path.is_file() and path.name.endswith(".tar.gz")
    log = LogCadangan.objects.get()
    assert log.status == "ok" and log.pelaku == "manage.py cadangkan"


def test_cadangkan_gagal_keluar_dengan_pesan(desa, settings, tmp_path):
    penghalang = tmp_path / "penuh"
    penghalang.write_text("x")
    settings.BACKUP_ROOT = penghalang
    with pytest.raises(CommandError, match="Cadangan gagal"):
        call_command("cadangkan", stdout=io.StringIO(), stderr=io.StringIO())


def test_pulihkan_dry_run_tidak_mengubah_apa_pun(arsip_demo):
    from tests.factories import PendudukFactory

    PendudukFactory(nik="3201010101119992")
    sebelum = potret()
    keluar = io.StringIO()
    call_command("pulihkan", str(arsip_demo.path), "--dry-run", stdout=keluar)
    teks = keluar.getvalue()
    assert "penduduk.penduduk" in teks and "tidak ada yang diubah" in teks
    assert potret() == sebelum
    assert not LogCadangan.objects.filter(jenis="pemulihan").exists()


def test_pulihkan_meminta_konfirmasi(arsip_demo, monkeypatch):
    sebelum = potret()
    monkeypatch.setattr("builtins.input", lambda _prompt: "ya")  # not exactly "YA"
    with pytest.raises(CommandError, match="Dibatalkan"):
        call_command("pulihkan", str(arsip_demo.path), stdout=io.StringIO())
    assert potret() == sebelum

    monkeypatch.setattr("builtins.input", lambda _prompt: "YA")
    keluar = io.StringIO()
    call_command("pulihkan", str(arsip_demo.path), stdout=keluar)
    assert "Pemulihan selesai dan terverifikasi" in keluar.getvalue()


def test_pulihkan_noinput_tanpa_pertanyaan(arsip_demo, monkeypatch):
    from tests.factories import PendudukFactory

    def jangan_bertanya(_prompt):
        raise AssertionError("tidak boleh bertanya dengan --noinput")

    monkeypatch.setattr("builtins.input", jangan_bertanya)
    PendudukFactory(nik="3201010101119991")
    keluar = io.StringIO()
    call_command("pulihkan", arsip_demo.log.berkas, "--noinput", stdout=keluar)  # relative name
    assert "Cadangan keadaan sebelum pemulihan" in keluar.getvalue()
    assert selisih(potret(setelah_pulih=True), tanpa_penanda_jadwal(arsip_demo.isi)) == SAMA


def test_pulihkan_arsip_tidak_ada(db, tmp_path):
    with pytest.raises(CommandError, match="Arsip ditolak: Arsip tidak dapat dibuka"):
        call_command("pulihkan", str(tmp_path / "tidak-ada.tar.gz"), "--noinput")
