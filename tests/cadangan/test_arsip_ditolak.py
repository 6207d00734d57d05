"""A wrong file is refused with a clear message before anything changes."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from sid.cadangan import ArsipDitolak
from sid.cadangan.pemulihan import cadangan_pulihkan
from sid.models import LogCadangan
from tests.cadangan.isi import potret

pytestmark = pytest.mark.django_db


def baca_anggota(path: Path) -> list[tuple[str, bytes]]:
    with tarfile.open(path, "r:gz") as tar:
        return [(m.name, tar.extractfile(m).read()) for m in tar.getmembers()]


def tulis_anggota(path: Path, anggota: list[tuple[str, bytes]]) -> Path:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for nama, data in anggota:
            info = tarfile.TarInfo(nama)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    path.write_bytes(gzip.compress(buffer.getvalue()))
    return path


def ubah_manifest(anggota, ubah) -> list[tuple[str, bytes]]:
    hasil = []
    for nama, data in anggota:
        if nama == "manifest.json":
            manifest = json.loads(data)
            ubah(manifest)
            data = json.dumps(manifest).encode()
        hasil.append((nama, data))
    return hasil


@pytest.fixture
def tanpa_perubahan(arsip_demo):
    """Asserts after the test body that database, files and backup log are untouched."""
    sebelum = potret()
    jumlah_log = LogCadangan.objects.count()
    yield
    assert potret() == sebelum
    assert LogCadangan.objects.count() == jumlah_log
    for akar in (settings.MEDIA_ROOT, settings.PRIVATE_ROOT):
        assert not list(Path(akar).glob(".sid-*"))  # no staging folder left behind


def tolak(path: Path, *pesan: str) -> str:
    with pytest.raises(ArsipDitolak) as info:
        cadangan_pulihkan(berkas=path, pelaku="uji")
    teks = " ".join(info.value.messages)
    for p in pesan:
        assert p in teks, teks
    # The command line refuses the same way: exit status 1, one line, nothing asked.
    with pytest.raises(CommandError) as info_cli:
        call_command("pulihkan", str(path), "--noinput", stdout=io.StringIO())
    assert str(info_cli.value).startswith("Arsip ditolak:")
    assert "\n" not in str(info_cli.value)
    return teks


def test_arsip_terpotong_ditolak(arsip_demo, tanpa_perubahan, tmp_path):
    data = arsip_demo.path.read_bytes()
    for panjang in (len(data) // 2, len(data) - 10):
        rusak = tmp_path / f"terpotong-{panjang}.tar.gz"
        rusak.write_bytes(data[:panjang])
        tolak(rusak, "rusak atau terpotong")


def test_berkas_di_dalam_arsip_diubah_ditolak_karena_checksum(
    arsip_demo, tanpa_perubahan, tmp_path
):
    anggota = baca_anggota(arsip_demo.path)
    ubah = [
        (n, d.replace(b"Ratna", b"Ratni") if n == "db/penduduk.penduduk.jsonl" else d)
        for n, d in anggota
    ]
    assert ubah != anggota
    tolak(tulis_anggota(tmp_path / "ubah-db.tar.gz", ubah), "Checksum tidak cocok", "penduduk")
    ubah = [(n, b"%PDF palsu" if n.endswith("surat keterangan (1).pdf") else d) for n, d in anggota]
    tolak(tulis_anggota(tmp_path / "ubah-berkas.tar.gz", ubah), "Checksum tidak cocok")


def test_anggota_tambahan_atau_hilang_ditolak(arsip_demo, tanpa_perubahan, tmp_path):
    anggota = baca_anggota(arsip_demo.path)
    tambah = anggota[:-1] + [("berkas/privat/susupan.pdf", b"x")] + anggota[-1:]
    tolak(tulis_anggota(tmp_path / "tambah.tar.gz", tambah), "tidak sesuai manifest")
    kurang = [(n, d) for n, d in anggota if not n.endswith("ratna.jpg")]
    tolak(tulis_anggota(tmp_path / "kurang.tar.gz", kurang), "tidak sesuai manifest")


def test_jalur_keluar_folder_ditolak(arsip_demo, tanpa_perubahan, tmp_path):
    anggota = baca_anggota(arsip_demo.path)
    jahat = anggota[:-1] + [("berkas/privat/../../../etc/jahat", b"x")] + anggota[-1:]
    tolak(tulis_anggota(tmp_path / "jahat.tar.gz", jahat), "tidak sah")


def test_arsip_dari_format_lebih_baru_ditolak(arsip_demo, tanpa_perubahan, tmp_path):
    anggota = [
        (n, json.dumps({"aplikasi": "sid", "format": 2, "versi": "9.0.0"}).encode())
        if n == "format.json"
        else (n, d)
        for n, d in baca_anggota(arsip_demo.path)
    ]
    tolak(tulis_anggota(tmp_path / "format2.tar.gz", anggota), "versi SID yang lebih baru")


def test_arsip_dari_versi_sid_lebih_baru_ditolak(arsip_demo, tanpa_perubahan, tmp_path):
    anggota = baca_anggota(arsip_demo.path)

    def migrasi_baru(m):
        m["migrasi"]["sid"].append("9999_fitur_masa_depan")

    path = tulis_anggota(tmp_path / "migrasi.tar.gz", ubah_manifest(anggota, migrasi_baru))
    tolak(path, "versi SID yang lebih baru", "sid.9999_fitur_masa_depan")

    def versi_baru(m):
        m["versi"] = "99.0.0"

    path = tulis_anggota(tmp_path / "versi.tar.gz", ubah_manifest(anggota, versi_baru))
    tolak(path, "versi SID yang lebih baru", "99.0.0")


def test_tabel_yang_tidak_dikenal_ditolak(arsip_demo, tanpa_perubahan, tmp_path):
    anggota = baca_anggota(arsip_demo.path)

    def tabel_asing(m):
        m["tabel"][0]["model"] = "asing.rahasia"

    tolak(
        tulis_anggota(tmp_path / "asing.tar.gz", ubah_manifest(anggota, tabel_asing)),
        "asing.rahasia",
        "tidak dikenal",
    )


def test_berkas_bukan_arsip_ditolak(arsip_demo, tanpa_perubahan, tmp_path):
    teks = tmp_path / "cadangan.tar.gz"
    teks.write_text("ini hanya catatan, bukan arsip\n")
    tolak(teks, "bukan arsip cadangan SID")
    gz = tmp_path / "gz-bukan-tar.tar.gz"
    gz.write_bytes(gzip.compress(b"bukan tar " * 200))
    tolak(gz, "bukan arsip cadangan SID")
    asing = tulis_anggota(tmp_path / "asing.tar.gz", [("foto.jpg", b"x"), ("manifest.json", b"{}")])
    tolak(asing, "bukan arsip cadangan SID")
    kosong = tmp_path / "kosong.tar.gz"
    kosong.write_bytes(b"")
    tolak(kosong, "bukan arsip cadangan SID")


def test_arsip_terenkripsi_tanpa_kunci_atau_kunci_salah_ditolak(desa_demo, settings, tmp_path):
    from sid.cadangan import jalur_berkas
    from sid.cadangan.services import cadangan_buat

    settings.SID_CADANGAN_KUNCI = "kunci-yang-benar"
    log = cadangan_buat(pelaku="uji")
    path = jalur_berkas(log.berkas)
    sebelum = potret()
    jumlah_log = LogCadangan.objects.count()

    settings.SID_CADANGAN_KUNCI = ""
    tolak(path, "terenkripsi", "SID_CADANGAN_KUNCI")
    settings.SID_CADANGAN_KUNCI = "kunci-yang-salah"
    tolak(path, "kunci (SID_CADANGAN_KUNCI) salah")
    settings.SID_CADANGAN_KUNCI = "kunci-yang-benar"
    data = path.read_bytes()
    terpotong = tmp_path / "terpotong.tar.gz.enc"
    terpotong.write_bytes(data[: len(data) - 5])
    tolak(terpotong, "rusak, terpotong")
    diubah = tmp_path / "diubah.tar.gz.enc"
    tengah = len(data) // 2
    diubah.write_bytes(data[:tengah] + bytes([data[tengah] ^ 1]) + data[tengah + 1 :])
    tolak(diubah, "telah diubah")

    assert potret() == sebelum
    assert LogCadangan.objects.count() == jumlah_log


def _tanpa_log_audit(isi: dict) -> dict:
    return {
        "database": {k: v for k, v in isi["database"].items() if k != "sid.logaktivitas"},
        "berkas": isi["berkas"],
    }


def test_arsip_berubah_setelah_diperiksa_pemulihan_dibatalkan_seluruhnya(arsip_demo, tmp_path):
    """The restore re-reads the archive: a change after the dry run rolls everything back."""
    from sid.cadangan.pemulihan import cadangan_periksa

    salinan = tmp_path / "arsip.tar.gz"
    salinan.write_bytes(arsip_demo.path.read_bytes())
    rencana = cadangan_periksa(berkas=salinan)
    anggota = [
        (n, d.replace(b"Ratna", b"Ratni") if n == "db/penduduk.penduduk.jsonl" else d)
        for n, d in baca_anggota(salinan)
    ]
    tulis_anggota(salinan, anggota)
    sebelum = potret()

    log = cadangan_pulihkan(berkas=salinan, pelaku="uji", rencana=rencana)

    assert log.status == LogCadangan.Status.GAGAL
    assert "Checksum tidak cocok" in log.pesan_galat
    # Only the audit log gained entries (the automatic backup and the failed restore).
    assert _tanpa_log_audit(potret()) == _tanpa_log_audit(sebelum)
    assert not list(Path(settings.PRIVATE_ROOT).glob(".sid-*"))


def test_arsip_dengan_relasi_rusak_dibatalkan_tanpa_perubahan(arsip_demo, tmp_path):
    """Checksums recomputed by hand pass, but a broken foreign key aborts the transaction."""
    anggota = dict(baca_anggota(arsip_demo.path))
    manifest = json.loads(anggota["manifest.json"])
    tabel = next(t for t in manifest["tabel"] if t["model"] == "keluarga.keluarga")
    kolom = tabel["kolom"].index("wilayah_id")
    baris = [json.loads(b) for b in anggota[tabel["berkas"]].splitlines()]
    baris[0][kolom] = 987654321
    data = b"".join(json.dumps(b).encode() + b"\n" for b in baris)
    anggota[tabel["berkas"]] = data
    manifest["bagian"][tabel["berkas"]] = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "ukuran": len(data),
    }
    anggota["manifest.json"] = json.dumps(manifest).encode()
    path = tulis_anggota(tmp_path / "relasi.tar.gz", list(anggota.items()))
    sebelum = potret()

    log = cadangan_pulihkan(berkas=path, pelaku="uji")

    assert log.status == LogCadangan.Status.GAGAL
    assert "tidak konsisten" in log.pesan_galat or "berbeda dari arsip" in log.pesan_galat
    assert "tidak ada yang diubah" in log.pesan_galat or "dibatalkan" in log.pesan_galat
    assert _tanpa_log_audit(potret()) == _tanpa_log_audit(sebelum)
