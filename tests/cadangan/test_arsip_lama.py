"""An archive from an older SID (fewer migrations, fewer columns) is loaded into the current
schema: new columns get their defaults, and what `migrate` would have added is added."""

from __future__ import annotations

import hashlib
import json

import pytest

from sid.cadangan import database
from sid.cadangan.pemulihan import cadangan_periksa, cadangan_pulihkan
from sid.models import IdentitasDesa
from tests.cadangan.test_arsip_ditolak import baca_anggota, tulis_anggota

pytestmark = pytest.mark.django_db


def _jadikan_lama(path, tujuan):
    """Pretend the archive predates the weekly-job migration and IdentitasDesa.sebutan_nip_desa."""
    anggota = dict(baca_anggota(path))
    m = json.loads(anggota["manifest.json"])
    m["migrasi"]["sid"] = [n for n in m["migrasi"]["sid"] if "jadwal_cadangan" not in n]

    def ganti(model, ubah_baris, ubah_kolom=None):
        tabel = next(t for t in m["tabel"] if t["model"] == model)
        baris = [json.loads(b) for b in anggota[tabel["berkas"]].splitlines()]
        baris = [b for b in (ubah_baris(tabel["kolom"], b) for b in baris) if b is not None]
        if ubah_kolom:
            tabel["kolom"] = ubah_kolom(tabel["kolom"])
        data = b"".join(database.baris_json(b) for b in baris)
        anggota[tabel["berkas"]] = data
        tabel["baris"] = len(baris)
        sidik = sum(database.sidik_baris(database.baris_json(b)) for b in baris) % database.MODULUS
        tabel["sidik"] = f"{sidik:064x}"
        m["bagian"][tabel["berkas"]] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "ukuran": len(data),
        }

    def tanpa_kolom(kolom, b):
        return [v for k, v in zip(kolom, b, strict=True) if k != "sebutan_nip_desa"]

    ganti(
        "sid.identitasdesa",
        tanpa_kolom,
        lambda kolom: [k for k in kolom if k != "sebutan_nip_desa"],
    )
    ganti(
        "django_celery_beat.periodictask",
        lambda kolom, b: None if b[kolom.index("task")] == "sid.cadangan_mingguan" else b,
    )
    anggota["manifest.json"] = json.dumps(m).encode()
    return tulis_anggota(tujuan, list(anggota.items()))


def test_arsip_versi_lama_dipulihkan_dengan_nilai_bawaan(arsip_demo, tmp_path):
    from django_celery_beat.models import PeriodicTask

    desa = IdentitasDesa.ambil()
    desa.sebutan_nip_desa = "NIPDes"
    desa.save()
    lama = _jadikan_lama(arsip_demo.path, tmp_path / "lama.tar.gz")

    rencana = cadangan_periksa(berkas=lama)
    assert rencana.lebih_lama
    assert any("versi SID yang lebih lama" in p for p in rencana.peringatan)
    assert any("tidak dijalankan ulang" in p and "jadwal_cadangan" in p for p in rencana.peringatan)

    log = cadangan_pulihkan(berkas=lama, pelaku="uji")

    assert log.status == "ok", log.pesan_galat
    assert IdentitasDesa.ambil().sebutan_nip_desa == "NIPD"  # the model default
    assert IdentitasDesa.ambil().nama_desa == "Sukamaju"
    # The weekly job is part of what migrate would have created: it exists again.
    assert PeriodicTask.objects.filter(task="sid.cadangan_mingguan", enabled=True).exists()


def test_arsip_versi_sama_dengan_kolom_hilang_ditolak(arsip_demo, tmp_path):
    from sid.cadangan import ArsipDitolak

    anggota = dict(baca_anggota(arsip_demo.path))
    m = json.loads(anggota["manifest.json"])
    tabel = next(t for t in m["tabel"] if t["model"] == "sid.identitasdesa")
    tabel["kolom"] = tabel["kolom"][:-1]
    anggota["manifest.json"] = json.dumps(m).encode()
    path = tulis_anggota(tmp_path / "kolom.tar.gz", list(anggota.items()))
    with pytest.raises(ArsipDitolak, match="tidak lengkap"):
        cadangan_periksa(berkas=path)
