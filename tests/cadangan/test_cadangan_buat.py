"""Making a backup: what the archive holds, verification, honest failure, copy, retention."""

from __future__ import annotations

import datetime
import json
import tarfile

import pytest
from django.utils import timezone

import sid
from sid.cadangan import jalur_berkas
from sid.cadangan.services import cadangan_bersihkan, cadangan_buat, tandai_macet
from sid.models import LogAktivitas, LogCadangan

pytestmark = pytest.mark.django_db


def manifest_dari(path):
    with tarfile.open(path, "r:gz") as tar:
        nama = tar.getnames()
        return nama, json.loads(tar.extractfile("manifest.json").read())


def test_arsip_berisi_database_berkas_dan_manifest(arsip_demo):
    log = arsip_demo.log
    assert log.status == LogCadangan.Status.OK and log.terverifikasi
    assert log.selesai >= log.dimulai
    assert log.ukuran == arsip_demo.path.stat().st_size
    assert oct(arsip_demo.path.stat().st_mode & 0o777) == "0o600"
    nama, m = manifest_dari(arsip_demo.path)
    assert nama[0] == "format.json" and nama[-1] == "manifest.json"
    assert "db/penduduk.penduduk.jsonl" in nama
    assert "berkas/privat/surat/2026/surat keterangan (1).pdf" in nama
    assert "berkas/privat/dokumen/kk-ñandú ünïcode.pdf" in nama
    assert "berkas/media/desa/logo.png" in nama
    assert m["versi"] == sid.__version__
    assert m["format"] == 1
    assert "0004_log_cadangan" in m["migrasi"]["sid"]
    assert m["dibuat_oleh"] == "uji"
    baris = {t["model"]: t["baris"] for t in m["tabel"]}
    isi = arsip_demo.isi["database"]
    assert all(baris[label] == isi[label][0] for label in baris)
    assert "sessions.session" not in baris and "sid.logcadangan" not in baris
    assert set(m["bagian"]) == set(nama) - {"manifest.json"}
    assert all(len(b["sha256"]) == 64 for b in m["bagian"].values())
    assert log.isi["penduduk"] == baris["penduduk.penduduk"]
    # Every media and private file of the village: what the seed wrote plus the demo's
    # generated files (e.g. the officials' SK scans).
    assert log.isi["berkas"] == len([n for n in nama if n.startswith("berkas/")])
    assert log.isi["berkas"] >= 5


def test_cadangan_tercatat_di_log_audit(arsip_demo):
    entri = LogAktivitas.objects.get(aksi="cadangan_buat")
    assert entri.object_id == str(arsip_demo.log.pk)
    assert arsip_demo.log.berkas in entri.keterangan


def test_folder_cadangan_tidak_dapat_ditulis_tercatat_gagal(desa_demo, settings, tmp_path):
    penghalang = tmp_path / "bukan-folder"
    penghalang.write_text("sebuah berkas di tempat folder cadangan")
    settings.BACKUP_ROOT = penghalang / "cadangan"

    log = cadangan_buat(pelaku="uji")

    assert log.status == LogCadangan.Status.GAGAL
    assert not log.terverifikasi
    assert log.pesan_galat.startswith("Cadangan gagal:")
    assert "bukan-folder" in log.pesan_galat
    assert log.selesai is not None and log.berkas == ""
    assert LogAktivitas.objects.filter(aksi="cadangan_gagal", object_id=str(log.pk)).exists()


def test_gagal_di_tengah_jalan_tidak_meninggalkan_arsip_setengah_jadi(
    desa_demo, settings, monkeypatch
):
    from sid.cadangan import buat

    def rusak(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(buat, "_tulis_berkas", rusak)
    log = cadangan_buat(pelaku="uji")
    assert log.status == LogCadangan.Status.GAGAL
    assert "No space left on device" in log.pesan_galat
    assert [p.name for p in settings.BACKUP_ROOT.iterdir() if not p.name.startswith(".")] == []
    assert not list(settings.BACKUP_ROOT.glob(".spool-*"))


def test_salinan_ke_folder_kedua(desa_demo, settings, tmp_path):
    settings.SID_CADANGAN_SALINAN_DIR = str(tmp_path / "disk-kedua")
    log = cadangan_buat(pelaku="uji")
    assert log.status == LogCadangan.Status.OK
    salinan = tmp_path / "disk-kedua" / jalur_berkas(log.berkas).name
    assert log.disalin_ke == str(salinan)
    assert salinan.read_bytes() == jalur_berkas(log.berkas).read_bytes()


def test_salinan_gagal_dilaporkan_tetapi_cadangan_tetap_sah(desa_demo, settings, tmp_path):
    (tmp_path / "disk-kedua").write_text("bukan folder")
    settings.SID_CADANGAN_SALINAN_DIR = str(tmp_path / "disk-kedua")
    log = cadangan_buat(pelaku="uji")
    assert log.status == LogCadangan.Status.OK and log.terverifikasi
    assert log.disalin_ke == ""
    assert "salinan ke" in log.pesan_galat and "gagal" in log.pesan_galat


def _log_mingguan(hari_lalu: int, settings) -> LogCadangan:
    folder = settings.BACKUP_ROOT
    folder.mkdir(parents=True, exist_ok=True)
    waktu = timezone.now() - datetime.timedelta(days=hari_lalu)
    nama = f"sid-{hari_lalu:04d}-mingguan.tar.gz"
    (folder / nama).write_bytes(b"arsip")
    return LogCadangan.objects.create(
        jenis=LogCadangan.Jenis.MINGGUAN,
        status=LogCadangan.Status.OK,
        dimulai=waktu,
        selesai=waktu,
        berkas=nama,
        terverifikasi=True,
    )


def test_retensi_menyimpan_n_mingguan_dan_m_bulanan(settings, db):
    settings.SID_CADANGAN_SIMPAN_MINGGUAN = 3
    settings.SID_CADANGAN_SIMPAN_BULANAN = 4
    semua = [_log_mingguan(7 * i, settings) for i in range(30)]  # 30 weeks of backups
    manual = LogCadangan.objects.create(
        jenis=LogCadangan.Jenis.MANUAL,
        status=LogCadangan.Status.OK,
        dimulai=timezone.now() - datetime.timedelta(days=400),
        berkas="manual-lama.tar.gz",
    )
    (settings.BACKUP_ROOT / "manual-lama.tar.gz").write_bytes(b"x")

    dihapus = cadangan_bersihkan()

    tersisa = [log for log in semua if jalur_berkas(log.berkas).exists()]
    bulan = {f"{timezone.localtime(log.dimulai):%Y-%m}" for log in tersisa}
    assert semua[0] in tersisa and semua[1] in tersisa and semua[2] in tersisa
    assert len(bulan) == 4
    assert len(tersisa) <= 3 + 4
    assert len(dihapus) == 30 - len(tersisa)
    for log in dihapus:
        log.refresh_from_db()
        assert log.dihapus is not None
    assert jalur_berkas(manual.berkas).exists()  # manual backups are never pruned
    assert LogAktivitas.objects.filter(aksi="cadangan_hapus").count() == len(dihapus)


def test_proses_macet_ditandai_gagal(db):
    lama = timezone.now() - datetime.timedelta(hours=13)
    macet = LogCadangan.objects.create(jenis="manual", status="berjalan", dimulai=lama)
    antre = LogCadangan.objects.create(jenis="manual", status="antre", dimulai=lama)
    tandai_macet()
    macet.refresh_from_db()
    antre.refresh_from_db()
    assert macet.status == antre.status == LogCadangan.Status.GAGAL
    assert "Terhenti" in macet.pesan_galat and "worker" in antre.pesan_galat


def test_arsip_terbaca_alat_standar(arsip_demo, tmp_path):
    """A plain .tar.gz: gzip and tar read it without SID (e.g. to inspect a copy)."""
    import shutil
    import subprocess

    if not shutil.which("tar") or not shutil.which("gzip"):
        pytest.skip("tar/gzip tidak ada")
    subprocess.run(["gzip", "-t", str(arsip_demo.path)], check=True)
    subprocess.run(["tar", "-xzf", str(arsip_demo.path), "-C", str(tmp_path)], check=True)
    assert (tmp_path / "berkas/media/desa/logo.png").read_bytes().startswith(b"\x89PNG")
    assert json.loads((tmp_path / "manifest.json").read_text())["aplikasi"] == "sid"
