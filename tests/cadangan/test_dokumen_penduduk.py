"""Residents' supporting documents are in the backup and come back with a restore: the rows,
the kinds the village added, and the private files, still served by the download screen."""

from __future__ import annotations

import shutil

import pytest
from django.conf import settings
from django.urls import reverse

from penduduk.models import DokumenPenduduk, JenisDokumen
from penduduk.services import dokumen as layanan
from sid.cadangan import database, jalur_berkas
from sid.cadangan.arsip import baca
from sid.cadangan.pemulihan import cadangan_pulihkan
from sid.cadangan.services import cadangan_buat
from tests.mandiri.berkas_uji import PDF, pdf

pytestmark = pytest.mark.django_db


def test_dokumen_penduduk_ikut_dicadangkan_dan_dipulihkan(desa_demo, admin_desa, client):
    kepala = desa_demo["kepala"]
    jenis = layanan.jenis_dokumen_create(
        oleh=admin_desa, data={"nama": "Kartu Indonesia Sehat", "urutan": 90}
    )
    d = layanan.dokumen_tambah(
        oleh=admin_desa, penduduk=kepala, jenis=jenis, berkas=pdf(), nomor="KIS-77"
    )
    nama = d.berkas.name
    log = cadangan_buat(pelaku="uji")
    assert log.status == "ok", log.pesan_galat
    arsip = jalur_berkas(log.berkas)
    manifest = baca(arsip).manifest
    baris = {t["model"]: t["baris"] for t in manifest["tabel"]}
    assert baris["penduduk.dokumenpenduduk"] == 1 and baris["penduduk.jenisdokumen"] == 8
    assert f"berkas/privat/{nama}" in manifest["bagian"]

    # A fresh server: empty database and folders.
    database.kosongkan(database.model_dicadangkan(), "default")
    for akar in (settings.MEDIA_ROOT, settings.PRIVATE_ROOT):
        shutil.rmtree(akar, ignore_errors=True)
    assert not DokumenPenduduk.objects.exists()

    hasil = cadangan_pulihkan(berkas=arsip, pelaku="uji")
    assert hasil.status == "ok", hasil.pesan_galat
    d = DokumenPenduduk.objects.get()
    assert (d.nomor, d.jenis.nama, d.berkas.name) == ("KIS-77", "Kartu Indonesia Sehat", nama)
    assert JenisDokumen.objects.filter(nama="KTP").exists()
    client.force_login(d.diunggah_oleh)
    r = client.get(reverse("admin:penduduk_dokumenpenduduk_unduh", args=[d.pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
