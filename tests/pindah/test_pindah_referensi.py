"""The reference OpenSID v2410 backup moved into SID equals what OpenSID held and showed
(shared/reference/opensid/cadangan-v2410/manifest.json), read through SID's own screens.

Where OpenSID contradicts itself, the test says so and holds SID to the consistent answer:
- Family KK 3507111306229948: OpenSID's family table names ANDIK SUYONO its head, but his SHDK
  is 11 (LAINNYA) and no member has SHDK KEPALA KELUARGA. SID carries him as the head (the
  report says so).
- OpenSID's area page counts a dusun's families by living heads (SHDK 1); SID's counts families
  with living members, so a family whose head died still counts until it has a new head.
- OpenSID's Laporan Bulanan counts an event in the month of its report date (tgl_lapor); SID's
  counts it in the month it happened (tanggal peristiwa). Where the two dates of an event fall
  in different months the rows differ: the pindah keluar of 30-10 reported 05-11 (OpenSID:
  November, SID: October), the one of 25-11 reported 04-12 (OpenSID: December, SID: November)
  and the birth of 28-10 reported 03-11 … see `BEDA_BASIS`.
- OpenSID's Excel import logged every resident as PINDAH MASUK on the import day (06-12-2026)
  while the later events were back-dated; its start/end-of-month figures are not consistent
  (manifest notes). SID carries the events as they are; the start/end figures are not compared.
"""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count
from django.urls import reverse

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk.laporan.mutasi import laporan_bulanan
from penduduk.models import Penduduk, Peristiwa
from sid import kode
from sid.models import IdentitasDesa, LogAktivitas, Wilayah

pytestmark = pytest.mark.django_db

STATUS = {"HIDUP": 1, "MATI": 2, "PINDAH": 3, "HILANG": 4, "PERGI": 5, "TIDAK VALID": 6}


def test_jumlah_setiap_jenis_sama_dengan_opensid(desa_referensi, db):
    laporan, manifest = desa_referensi
    c = manifest["counts"]
    per_status = dict(Penduduk.objects.values_list("status_dasar").annotate(n=Count("pk")))
    for nama, kode_status in STATUS.items():
        assert per_status.get(kode_status, 0) == c["penduduk_by_status_dasar"][nama], nama
    assert Penduduk.objects.count() == c["penduduk_total_rows"]
    assert Keluarga.objects.count() == c["keluarga_rows"]
    hidup = Penduduk.objects.hidup()
    assert hidup.filter(shdk=kode.SHDK.KEPALA_KELUARGA).count() == c["keluarga_with_living_head"]
    assert Wilayah.objects.filter(tingkat=1).count() == c["wil_dusun_rows"]
    assert Wilayah.objects.filter(tingkat=2).count() == c["wil_rw_real"]
    assert Wilayah.objects.filter(tingkat=3).count() == c["wil_rt_real"]
    assert sorted(
        w.nama_lengkap.replace("Dusun ", "") for w in Wilayah.objects.filter(tingkat=3)
    ) == sorted(r.replace(" / RW - /", " /") for r in c["wil_rt_list"])
    per_jenis = dict(Peristiwa.objects.values_list("jenis").annotate(n=Count("pk")))
    for label, n in c["log_penduduk_by_kode_peristiwa"].items():
        assert per_jenis.get(int(label.split()[0]), 0) == n, label
    per_kk = dict(PeristiwaKeluarga.objects.values_list("jenis").annotate(n=Count("pk")))
    assert {str(k): v for k, v in per_kk.items()} == c["log_keluarga_by_id_peristiwa"]
    assert laporan.versi == "24.10"
    # Refused: the web menu's public "Pengaduan" item and the one public complaint sent without
    # a NIK, with its answer (SID takes complaints from registered residents in the portal;
    # tests/pindah/test_peta_akun.py, test_peta_surat_konten.py).
    assert laporan.ditolak == {"Menu web": 1, "Pengaduan": 1, "Balasan pengaduan": 1}, (
        laporan.masalah
    )


def test_identitas_desa_dan_dusun_tanpa_rw(desa_referensi, db):
    _laporan, manifest = desa_referensi
    desa, v = IdentitasDesa.ambil(), manifest["village"]
    for kolom in ("nama_desa", "kode_desa", "kode_pos", "nama_kecamatan", "kode_kecamatan",
                  "nama_kabupaten", "kode_kabupaten", "alamat_kantor", "email_desa", "telepon"):  # fmt: skip
        assert getattr(desa, kolom) == v[kolom], kolom
    assert desa.nama_provinsi == v["nama_propinsi"]
    assert desa.pakai_rw and desa.pakai_rt
    gondang = Wilayah.objects.get(tingkat=1, nama="GONDANG")
    assert not Wilayah.objects.filter(induk=gondang, tingkat=2).exists()
    assert Wilayah.objects.filter(induk=gondang, tingkat=3).count() == 3


def test_statistik_jenis_kelamin_di_website_sama(desa_referensi, client):
    _laporan, manifest = desa_referensi
    r = client.get(reverse("statistik:kategori", args=["jenis-kelamin"]))
    assert r.status_code == 200
    baris = {b.label: b.jumlah for b in r.context["tabel"].baris}
    for label, isi in manifest["ui"]["statistik_jenis_kelamin"]["rows"].items():
        assert baris[label] == isi["jumlah"], label


def test_per_dusun_di_layar_wilayah_sama(desa_referensi, admin_client):
    _laporan, manifest = desa_referensi
    cl = admin_client.get(reverse("admin:sid_wilayah_changelist"), {"tingkat__exact": 1})
    hitung = {w.nama: w._hitung for w in cl.context["cl"].result_list}
    for baris in manifest["ui"]["wilayah_per_dusun"]["rows"]:
        h = hitung[baris["dusun"]]
        assert (h["l"], h["p"]) == (baris["laki_laki"], baris["perempuan"]), baris["dusun"]
        # KK: OpenSID counts families whose head (SHDK 1) is alive; SID counts families that
        # still have living members. SUMBERSARI has two more: ANDIK SUYONO's (module docstring)
        # and HADI's, whose head died on 01-12 (his widow and children remain; the family
        # waits for a new head).
        tambah = 2 if baris["dusun"] == "SUMBERSARI" else 0
        assert h["kk"] == baris["kk"] + tambah, baris["dusun"]


# (month, row) where the event's date and its report date fall in different months.
BEDA_BASIS = {("2026-11", "pindah"), ("2026-12", "pindah"), ("2026-12", "lahir")}


def test_laporan_bulanan_mutasi_sama_kecuali_beda_tanggal_lapor(desa_referensi, db):
    _laporan, manifest = desa_referensi
    for bulan, isi in manifest["ui"]["laporan_bulanan"]["months"].items():
        tahun, b = (int(x) for x in bulan.split("-"))
        lap = laporan_bulanan(tahun, b)
        awal = datetime.date(tahun, b, 1)
        akhir = (awal + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        for baris in ("lahir", "mati", "datang", "pindah", "hilang"):
            angka = lap[baris]
            if (bulan, baris) in BEDA_BASIS:
                # SID counts by event date: exactly the carried events of that month.
                jenis = {"lahir": 1, "pindah": 3}[baris]
                n = Peristiwa.objects.filter(
                    jenis=jenis, tanggal_peristiwa__range=(awal, akhir)
                ).count()
                assert angka.l + angka.p == n, (bulan, baris)
                continue
            assert (angka.l, angka.p) == (isi[baris]["jumlah_L"], isi[baris]["jumlah_P"]), (
                bulan,
                baris,
            )


def test_impor_dicatat_di_log_aktivitas_dengan_sidik(desa_referensi, db):
    laporan, _manifest = desa_referensi
    entri = LogAktivitas.objects.filter(aksi="impor", keterangan__contains=laporan.sha256)
    assert entri.count() == 1
    assert "Penduduk 305" in entri.get().keterangan
