"""On the demo village (isi_desa_demo: 3 years of events), the statistics, the monthly report
and the registers agree with each other and with the register's living count."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from penduduk.laporan import mutasi
from penduduk.laporan.buku import Parameter, buat_buku
from penduduk.models import Penduduk, Peristiwa
from penduduk.statistik import KATEGORI, hitung
from sid.models import Wilayah

N = 300


@pytest.fixture
def desa_demo(db):
    call_command("isi_desa_demo", penduduk=N, seed=3, stdout=io.StringIO())


def _bulan_mundur(n: int):
    hari_ini = timezone.localdate()
    t, b = hari_ini.year, hari_ini.month
    hasil = []
    for _ in range(n):
        hasil.append((t, b))
        t, b = (t - 1, 12) if b == 1 else (t, b - 1)
    return list(reversed(hasil))


def test_statistik_laporan_dan_buku_sepakat(desa_demo):
    hari_ini = timezone.localdate()
    hidup = Penduduk.objects.hidup().count()
    assert hidup == N
    assert mutasi.periksa_konsistensi() == {
        "tanpa_peristiwa_keluar": 0, "hidup_setelah_keluar": 0, "keluar_setelah_masuk": 0,
    }  # fmt: skip
    # Every resident category totals the living residents.
    for k in KATEGORI:
        if not k.lingkup and not k.per_keluarga:
            assert hitung(k).total.jumlah == hidup, k.kunci
    # The monthly report's end of this month, the Buku Induk today, the recap.
    lap = mutasi.laporan_bulanan(hari_ini.year, hari_ini.month)
    assert lap["akhir"].jumlah == hidup
    jk = hitung("jenis-kelamin")
    assert (lap["akhir"].l, lap["akhir"].p) == (jk.total.l, jk.total.p)
    wn = hitung("warganegara")
    assert lap["akhir"].wna == next(b.jumlah for b in wn.baris if b.label == "WNA")
    assert buat_buku("induk", Parameter(tanggal=hari_ini)).jumlah() == hidup
    assert buat_buku("ktp-kk", Parameter(tanggal=hari_ini)).jumlah() == lap["akhir"].anggota_kk
    assert lap["akhir"].kk == Penduduk.objects.hidup().values("keluarga").exclude(
        keluarga=None).distinct().count()  # fmt: skip
    baris, total = mutasi.rekapitulasi(hari_ini.year, hari_ini.month)
    assert total.akhir.sama(lap["akhir"]) and total.awal.sama(lap["awal"])
    for b in baris:  # per dusun: the recap equals the statistics of that dusun
        assert b.akhir.jumlah == hitung("jenis-kelamin", wilayah=b.dusun).total.jumlah
    assert sum(b.akhir.jumlah for b in baris) == hidup


def test_tiga_tahun_laporan_bulanan_berantai_dan_sama_dengan_buku(desa_demo):
    sebelumnya = None
    ada_peristiwa = 0
    for tahun, bulan in _bulan_mundur(37):
        lap = mutasi.laporan_bulanan(tahun, bulan)
        assert lap.seimbang, (tahun, bulan)
        if sebelumnya is not None:
            assert (
                lap["awal"].sama(sebelumnya["akhir"]) and lap["awal"].kk == sebelumnya["akhir"].kk
            )
        gerak = sum(lap[k].jumlah for k in ("lahir", "mati", "datang", "pindah", "hilang"))
        assert buat_buku("mutasi", Parameter(tahun=tahun, bulan=bulan)).jumlah() == gerak
        assert buat_buku("induk", Parameter(tanggal=lap.akhir)).jumlah() == lap["akhir"].jumlah
        ada_peristiwa += gerak
        sebelumnya = lap
    assert (
        ada_peristiwa
        == Peristiwa.objects.filter(
            dibatalkan=False, tanggal_peristiwa__gte=datetime.date(*_bulan_mundur(37)[0], 1)
        ).count()
    )
    assert ada_peristiwa > 30


def test_statistik_per_dusun_berjumlah_sama_dengan_desa(desa_demo):
    dusun = list(Wilayah.objects.filter(tingkat=Wilayah.Tingkat.DUSUN))
    for kunci in ("pendidikan-kk", "umur-rentang", "kelas-sosial", "ktp"):
        desa = hitung(kunci)
        per_dusun = [hitung(kunci, wilayah=d) for d in dusun]
        for i, b in enumerate(desa.semua_baris):
            assert b.jumlah == sum(t.semua_baris[i].jumlah for t in per_dusun), (kunci, b.label)
