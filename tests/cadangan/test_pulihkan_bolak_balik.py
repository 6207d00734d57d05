"""Backup → restore gives back every table's rows and every file, byte for byte."""

from __future__ import annotations

import shutil

import pytest
from django.conf import settings

from sid.cadangan import database, jalur_berkas
from sid.cadangan.pemulihan import cadangan_periksa, cadangan_pulihkan
from sid.cadangan.services import cadangan_buat
from sid.models import LogAktivitas, LogCadangan
from tests.cadangan.isi import SAMA, potret, selisih, tanpa_penanda_jadwal

pytestmark = pytest.mark.django_db


def _kosongkan_semua():
    """An empty database and empty file folders (as on a fresh server)."""
    database.kosongkan(database.model_dicadangkan(), "default")
    for akar in (settings.MEDIA_ROOT, settings.PRIVATE_ROOT):
        shutil.rmtree(akar, ignore_errors=True)


def test_pulihkan_ke_database_kosong_mengembalikan_semua_baris_dan_berkas(arsip_demo):
    assert arsip_demo.isi["database"]["penduduk.penduduk"][0] >= 2
    assert len(arsip_demo.isi["berkas"]) >= 5  # the seed's files plus the demo's SK scans
    _kosongkan_semua()
    assert potret()["database"]["penduduk.penduduk"][0] == 0

    log = cadangan_pulihkan(berkas=arsip_demo.path, pelaku="uji")

    assert log.status == "ok", log.pesan_galat
    assert log.terverifikasi
    assert selisih(potret(setelah_pulih=True), tanpa_penanda_jadwal(arsip_demo.isi)) == SAMA
    entri = LogAktivitas.objects.get(aksi="cadangan_pulihkan")
    assert entri.pelaku == "uji" and arsip_demo.path.name in entri.keterangan


def test_pulihkan_mengganti_data_yang_berubah_dan_membuang_yang_baru(arsip_demo, desa_demo):
    from tests.factories import PendudukFactory

    kepala = desa_demo["kepala"]
    kepala.nama = "Nama Diubah"
    kepala.save()
    PendudukFactory(nik="3201010101119997")
    (settings.PRIVATE_ROOT / "surat" / "baru.pdf").write_bytes(b"%PDF baru")
    (settings.MEDIA_ROOT / "desa" / "logo.png").write_bytes(b"logo lain")

    log = cadangan_pulihkan(berkas=arsip_demo.path, pelaku="uji")

    assert log.status == "ok", log.pesan_galat
    assert selisih(potret(setelah_pulih=True), tanpa_penanda_jadwal(arsip_demo.isi)) == SAMA


def test_pulihkan_membuat_cadangan_keadaan_sekarang_dulu(arsip_demo):
    from tests.factories import PendudukFactory

    PendudukFactory(nik="3201010101119996")
    (settings.PRIVATE_ROOT / "surat" / "baru.pdf").write_bytes(b"%PDF baru")
    sekarang = potret()

    log = cadangan_pulihkan(berkas=arsip_demo.path, pelaku="uji")

    pra = LogCadangan.objects.get(pk=log.isi["cadangan_sebelum_id"])
    assert pra.jenis == LogCadangan.Jenis.SEBELUM_PULIHKAN
    assert pra.status == "ok" and pra.terverifikasi
    # …and that backup really holds the state just before the restore.
    LogAktivitas.objects.filter(aksi="cadangan_pulihkan").delete()
    cadangan_pulihkan(berkas=jalur_berkas(pra.berkas), pelaku="uji")
    assert selisih(potret(setelah_pulih=True), tanpa_penanda_jadwal(sekarang)) == SAMA


def test_id_berlanjut_setelah_pulihkan(arsip_demo):
    """Sequences are moved past the restored ids (PostgreSQL), so new rows get new ids."""
    from penduduk.models import Penduduk
    from tests.factories import PendudukFactory

    _kosongkan_semua()
    cadangan_pulihkan(berkas=arsip_demo.path, pelaku="uji")
    tertinggi = max(Penduduk.objects.values_list("pk", flat=True))
    assert PendudukFactory(nik="3201010101119995").pk > tertinggi
    LogAktivitas.objects.create(pelaku="uji", aksi="uji")  # no id clash in the audit log either


def test_pulihkan_arsip_terenkripsi(desa_demo, settings):
    settings.SID_CADANGAN_KUNCI = "kunci-rahasia-desa-sukamaju"
    isi = potret()
    log = cadangan_buat(pelaku="uji")
    assert log.status == "ok", log.pesan_galat
    assert log.terenkripsi and log.berkas.endswith(".tar.gz.enc")
    arsip = jalur_berkas(log.berkas)
    _kosongkan_semua()

    hasil = cadangan_pulihkan(berkas=arsip, pelaku="uji")

    assert hasil.status == "ok", hasil.pesan_galat
    assert selisih(potret(setelah_pulih=True), tanpa_penanda_jadwal(isi)) == SAMA


def test_pulihkan_mengakhiri_semua_sesi(arsip_demo, client, admin_desa):
    from django.contrib.sessions.models import Session

    client.force_login(admin_desa)
    assert Session.objects.exists()
    cadangan_pulihkan(berkas=arsip_demo.path, pelaku="uji")
    assert not Session.objects.exists()


def test_pulihkan_memberi_tahu_beat_agar_memuat_ulang_jadwal(arsip_demo):
    from django_celery_beat.models import PeriodicTasks

    sebelum = PeriodicTasks.last_change()
    cadangan_pulihkan(berkas=arsip_demo.path, pelaku="uji")
    assert PeriodicTasks.last_change() > sebelum


def test_uji_coba_menjelaskan_apa_yang_diganti_tanpa_mengubah(arsip_demo):
    from tests.factories import PendudukFactory

    PendudukFactory(nik="3201010101119994")
    sebelum = potret()
    log_sebelum = LogCadangan.objects.count()

    rencana = cadangan_periksa(berkas=arsip_demo.path)

    tabel = {t["model"]: t for t in rencana.tabel}
    assert tabel["penduduk.penduduk"]["arsip"] == tabel["penduduk.penduduk"]["sekarang"] - 1
    privat = [n for n in arsip_demo.isi["berkas"] if n.startswith("privat/")]
    assert rencana.berkas["privat"]["arsip"]["jumlah"] == len(privat) >= 3
    assert rencana.manifest["versi"]
    assert potret() == sebelum
    assert LogCadangan.objects.count() == log_sebelum


def test_dua_pemulihan_tidak_berjalan_bersamaan(arsip_demo):
    import fcntl

    from sid.cadangan import CadanganGagal, folder_cadangan
    from sid.cadangan.pemulihan import cadangan_pulihkan_antrean

    sebelum = potret()
    with open(folder_cadangan() / ".pemulihan.lock", "w") as kunci:
        fcntl.flock(kunci, fcntl.LOCK_EX)  # another restore is running
        with pytest.raises(CadanganGagal, match="Pemulihan lain sedang berjalan"):
            cadangan_pulihkan(berkas=arsip_demo.path, pelaku="uji")
        antre = LogCadangan.objects.create(
            jenis="pemulihan", status="antre", berkas=arsip_demo.log.berkas, pelaku="uji"
        )
        log = cadangan_pulihkan_antrean(log_id=antre.pk)
    assert log.status == "gagal" and "Pemulihan lain sedang berjalan" in log.pesan_galat
    assert potret()["database"]["penduduk.penduduk"] == sebelum["database"]["penduduk.penduduk"]
    assert potret()["berkas"] == sebelum["berkas"]


def test_pulihkan_membuang_daftar_wilayah_dan_identitas_tersimpan(arsip_demo, admin_desa):
    """Cached copies (dusun/RW/RT list, village identity) follow the restored database."""
    from sid import services
    from sid.lib.desa import identitas_desa
    from sid.lib.wilayah import daftar_wilayah
    from sid.models import Wilayah

    sebelum = [w.nama_lengkap for w in daftar_wilayah()]
    services.wilayah_create(oleh=admin_desa, tingkat=Wilayah.Tingkat.DUSUN, nama="Baru Sekali")
    assert "Dusun BARU SEKALI" in [w.nama_lengkap for w in daftar_wilayah()]
    nama_desa = identitas_desa().nama_desa

    log = cadangan_pulihkan(berkas=arsip_demo.path, pelaku="uji")

    assert log.status == "ok", log.pesan_galat
    assert [w.nama_lengkap for w in daftar_wilayah()] == sebelum
    assert identitas_desa().nama_desa == nama_desa
