"""The demo village generator (`manage.py isi_desa_demo`): counts, numbers, rules, events."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk import validasi
from penduduk.demo.orang import tahun_lalu
from penduduk.demo.rencana import rencanakan
from penduduk.models import KepalaWilayah, Penduduk, Peristiwa
from penduduk.selectors_keluarga import keluarga_perlu_kepala
from sid import kode
from sid.models import IdentitasDesa, LogAktivitas, Wilayah

N, SEED = 300, 7
JP = kode.JenisPeristiwa
MASUK = [JP.LAHIR, JP.PINDAH_MASUK]
KELUAR = list(kode.PERISTIWA_KELUAR)


@pytest.fixture
def desa_demo(db):
    keluaran = io.StringIO()
    call_command("isi_desa_demo", penduduk=N, seed=SEED, stdout=keluaran)
    return keluaran.getvalue()


def _awal():
    return tahun_lalu(timezone.localdate(), 3)


def test_jumlah_identitas_dan_wilayah(desa_demo):
    assert Penduduk.objects.hidup().count() == N
    assert "300 hidup" in desa_demo and "Selesai dalam" in desa_demo
    desa = IdentitasDesa.ambil()
    assert (desa.nama_desa, desa.kode_desa, desa.kode_pos) == ("Sukamaju", "3201012001", "16911")
    assert desa.data_awal_selesai == _awal()
    desa.full_clean()
    assert LogAktivitas.objects.filter(aksi="isi_desa_demo").count() == 1
    T = Wilayah.Tingkat
    assert Wilayah.objects.filter(tingkat=T.DUSUN).count() >= 2
    kepala = dict(KepalaWilayah.objects.values_list("wilayah_id", "penduduk_id"))
    assert kepala, "the demo names residents as area heads"
    for w in Wilayah.objects.select_related("induk"):
        if w.tingkat == T.DUSUN:
            assert (w.dusun_id, w.rw_id, w.induk_id) == (w.pk, None, None)
        elif w.tingkat == T.RW:
            assert (w.dusun_id, w.rw_id) == (w.induk_id, w.pk)
        else:
            assert (w.dusun_id, w.rw_id) == (w.induk.dusun_id, w.induk_id)
            assert re.fullmatch(r"\d{3}", w.nama)
        assert w.kepala_nama
        if w.pk in kepala:
            assert Penduduk.objects.hidup().di_wilayah(w).filter(pk=kepala[w.pk]).exists()
    # Residents and families live at the lowest level.
    assert not Penduduk.objects.exclude(wilayah__tingkat=T.RT).exists()
    assert not Keluarga.objects.exclude(wilayah__tingkat=T.RT).exists()
    assert (
        not Penduduk.objects.exclude(keluarga=None).exclude(wilayah=F("keluarga__wilayah")).exists()
    )


def test_nik_dan_nomor_kk(desa_demo):
    kode_desa = IdentitasDesa.ambil().kode_desa
    semua = list(Penduduk.objects.values_list("nik", "tanggal_lahir", "jenis_kelamin"))
    niks = [n for n, _, _ in semua]
    assert len(set(niks)) == len(niks)
    sementara = 0
    for nik, lahir, jk in semua:
        assert re.fullmatch(r"\d{16}", nik)
        if nik.startswith("0"):
            sementara += 1
            assert re.fullmatch(rf"0{kode_desa}\d{{5}}", nik)
            continue
        assert nik[:6] == kode_desa[:6]
        assert validasi.tanggal_dari_nik(nik) == (lahir.day, lahir.month, lahir.year % 100, jk)
    assert sementara <= len(semua) * 0.05
    no_kk = list(Keluarga.objects.values_list("no_kk", flat=True))
    assert len(set(no_kk)) == len(no_kk)
    assert all(re.fullmatch(rf"{kode_desa[:6]}\d{{10}}", n) for n in no_kk)
    # The next temporary NIK continues after the generated ones.
    baru = validasi.nik_sementara_berikutnya(kode_desa)
    assert baru not in set(niks)


def test_keluarga_dan_kepala(desa_demo):
    assert (
        not Penduduk.objects.exclude(keluarga=None)
        .exclude(status_penduduk=kode.StatusPenduduk.TETAP)
        .exists()
    )
    assert not Penduduk.objects.exclude(keluarga=None).filter(shdk=None).exists()
    tanpa_kk = Penduduk.objects.filter(keluarga=None)
    assert tanpa_kk.exists()
    assert not tanpa_kk.filter(status_penduduk=kode.StatusPenduduk.TETAP).exists()
    ganda = (
        Penduduk.objects.hidup()
        .filter(shdk=kode.SHDK.KEPALA_KELUARGA)
        .values("keluarga")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not ganda.exists()
    assert 0 <= keluarga_perlu_kepala().count() <= 5
    hidup = Penduduk.objects.hidup().filter(keluarga=OuterRef("pk"))
    assert not Keluarga.objects.filter(aktif=False).filter(Exists(hidup)).exists()
    assert not Keluarga.objects.filter(aktif=True).exclude(Exists(hidup)).exists()
    rata = (
        Penduduk.objects.hidup().exclude(keluarga=None).count() / Keluarga.objects.aktif().count()
    )
    assert 2.8 < rata < 4.2


def test_aturan_bersyarat_dan_shdk(desa_demo):
    kepala = {
        p.keluarga_id: p for p in Penduduk.objects.hidup().filter(shdk=kode.SHDK.KEPALA_KELUARGA)
    }
    hari_ini = timezone.localdate()
    for p in Penduduk.objects.all():
        assert validasi.validasi_bersyarat(p) == {}, (p, validasi.validasi_bersyarat(p))
        validasi.validasi_nama(p.nama)
        for nama in (p.nama_ayah, p.nama_ibu):
            if nama:
                validasi.validasi_nama(nama)
        if p.hidup and p.keluarga_id in kepala:
            try:
                validasi.validasi_shdk(p, kepala[p.keluarga_id])
            except ValidationError as exc:  # pragma: no cover - message for the failure
                pytest.fail(f"{p}: {exc}")
        if p.umur() < 17 and p.hidup:
            assert p.status_rekam == kode.StatusRekam.BELUM_WAJIB
            assert p.status_kawin == kode.StatusKawin.BELUM_KAWIN
        if p.hamil == kode.Hamil.HAMIL:
            assert p.status_kawin == kode.StatusKawin.KAWIN and 20 <= p.umur() <= 40
        if p.warganegara != kode.WargaNegara.WNI:
            assert p.negara_asal and p.dokumen_kitas and p.keluarga_id is None
        assert p.tanggal_lahir <= hari_ini
    # Children's parents: names (and NIKs) from the head and spouse of their family.
    for anak in Penduduk.objects.filter(shdk=kode.SHDK.ANAK).exclude(nik_ayah=""):
        ayah = Penduduk.objects.get(nik=anak.nik_ayah)
        assert ayah.nama == anak.nama_ayah and ayah.jenis_kelamin == kode.JenisKelamin.LAKI_LAKI
        assert ayah.tanggal_lahir < anak.tanggal_lahir
    assert Penduduk.objects.exclude(cara_kb=None).exists()
    assert Penduduk.objects.filter(warganegara=kode.WargaNegara.WNA).exists()


def test_peristiwa(desa_demo):
    hari_ini, awal = timezone.localdate(), _awal()
    semua = list(Peristiwa.objects.select_related("penduduk"))
    jenis = Counter(e.jenis for e in semua)
    for j in (JP.LAHIR, JP.MATI, JP.PINDAH_KELUAR, JP.PINDAH_MASUK, JP.HILANG, JP.PERGI):
        assert jenis[j] > 0, kode.JenisPeristiwa(j).label
    for e in semua:
        p = e.penduduk
        assert awal < e.tanggal_peristiwa <= e.tanggal_lapor <= hari_ini
        assert e.tanggal_peristiwa >= p.tanggal_lahir
        if e.jenis == JP.LAHIR:
            assert e.tanggal_peristiwa == p.tanggal_lahir
        if e.keluar:
            assert p.status_dasar == kode.PERISTIWA_KELUAR[e.jenis]
            assert e.status_dasar_sebelum == kode.StatusDasar.HIDUP
        if e.jenis == JP.PERGI:
            assert p.status_penduduk == kode.StatusPenduduk.TIDAK_TETAP
        if e.jenis == JP.MATI:
            assert e.sebab_kematian and e.penerang_kematian and e.tempat_kematian
        if e.jenis == JP.PINDAH_KELUAR:
            assert e.jenis_pindah and e.alamat_tujuan
        if e.jenis == JP.PINDAH_MASUK:
            assert e.alamat_asal
        if p.keluarga_id:
            assert e.keluarga_id == p.keluarga_id and e.no_kk == p.keluarga.no_kk
    # One exit for each resident who left, none for the living; at most one entry each.
    keluar = Counter(e.penduduk_id for e in semua if e.keluar)
    masuk = Counter(e.penduduk_id for e in semua if not e.keluar)
    assert set(keluar) == set(Penduduk.objects.exclude(status_dasar=1).values_list("pk", flat=True))
    assert max(keluar.values()) == 1 and max(masuk.values()) == 1
    assert not set(keluar) & set(masuk)
    # Everyone born in the period entered through LAHIR.
    lahir = set(Penduduk.objects.filter(tanggal_lahir__gt=awal).values_list("pk", flat=True))
    assert lahir == {e.penduduk_id for e in semua if e.jenis == JP.LAHIR}
    # Family events.
    pk = Counter(PeristiwaKeluarga.objects.values_list("jenis", flat=True))
    JK = kode.JenisPeristiwaKeluarga
    assert pk[JK.KELUARGA_BARU] + pk[JK.KELUARGA_BARU_DATANG] == Keluarga.objects.count()
    assert pk[JK.KELUARGA_BARU_DATANG] > 0
    for e in PeristiwaKeluarga.objects.filter(jenis=JK.KEPALA_KELUARGA_MATI):
        assert e.penduduk.status_dasar == kode.StatusDasar.MATI
        assert e.penduduk.shdk == kode.SHDK.KEPALA_KELUARGA


def _hidup_pada(tanggal):
    masuk_nanti = Peristiwa.objects.berlaku().filter(
        penduduk=OuterRef("pk"), jenis__in=MASUK, tanggal_peristiwa__gt=tanggal
    )
    sudah_keluar = Peristiwa.objects.berlaku().filter(
        penduduk=OuterRef("pk"), jenis__in=KELUAR, tanggal_peristiwa__lte=tanggal
    )
    return Penduduk.objects.exclude(Exists(masuk_nanti)).exclude(Exists(sudah_keluar))


def test_jumlah_hidup_dari_peristiwa(desa_demo):
    hari_ini, awal = timezone.localdate(), _awal()
    for tanggal in (awal, awal + (hari_ini - awal) / 2, hari_ini):
        qs = _hidup_pada(tanggal)
        masuk_nanti = Peristiwa.objects.filter(jenis__in=MASUK, tanggal_peristiwa__gt=tanggal)
        keluar_nanti = Peristiwa.objects.filter(jenis__in=KELUAR, tanggal_peristiwa__gt=tanggal)
        assert qs.count() == N - masuk_nanti.count() + keluar_nanti.count()
        assert not qs.filter(tanggal_lahir__gt=tanggal).exists()
    assert _hidup_pada(hari_ini).count() == N
    assert set(_hidup_pada(hari_ini).values_list("pk", flat=True)) == set(
        Penduduk.objects.hidup().values_list("pk", flat=True)
    )


def test_deterministik(desa_demo):
    hari_ini = timezone.localdate()
    satu = rencanakan(N, seed=SEED, hari_ini=hari_ini)
    dua = rencanakan(N, seed=SEED, hari_ini=hari_ini)
    lain = rencanakan(N, seed=SEED + 1, hari_ini=hari_ini)
    ringkas = [(o.nik, o.nama, o.lahir, o.shdk, o.d.get("pekerjaan")) for o in satu.orang]
    assert ringkas == [(o.nik, o.nama, o.lahir, o.shdk, o.d.get("pekerjaan")) for o in dua.orang]
    assert [o.nik for o in lain.orang] != [o.nik for o in satu.orang]
    # What was written is exactly the plan.
    assert sorted(Penduduk.objects.values_list("nik", flat=True)) == sorted(
        o.nik for o in satu.orang
    )
    assert sorted(Keluarga.objects.values_list("no_kk", flat=True)) == sorted(
        k.no_kk for k in satu.keluarga
    )


def test_jika_kosong_dan_database_berisi(desa_demo):
    jumlah = Penduduk.objects.count()
    keluaran = io.StringIO()
    call_command("isi_desa_demo", penduduk=50, jika_kosong=True, stdout=keluaran)
    assert "tidak dibuat" in keluaran.getvalue()
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("isi_desa_demo", penduduk=50, stdout=io.StringIO())
    assert Penduduk.objects.count() == jumlah
    assert LogAktivitas.objects.filter(aksi="isi_desa_demo").count() == 1


@pytest.mark.parametrize("n", [1, 7, 45])
def test_desa_kecil(db, n):
    call_command("isi_desa_demo", penduduk=n, seed=3, stdout=io.StringIO())
    assert Penduduk.objects.hidup().count() == n
    assert not Penduduk.objects.filter(~Q(nik__regex=r"^\d{16}$")).exists()


def test_kode_desa_dan_wilayah_yang_ada_dipakai(db):
    from tests.factories import buat_rt

    desa = IdentitasDesa.ambil()
    desa.nama_desa, desa.kode_desa = "Mekarwangi", "3273010004"
    desa.save()
    rt = buat_rt("KRAJAN", "002", "005")
    call_command("isi_desa_demo", penduduk=120, seed=5, stdout=io.StringIO())
    desa.refresh_from_db()
    assert (desa.nama_desa, desa.kode_desa) == ("Mekarwangi", "3273010004")
    assert Wilayah.objects.count() == 3
    assert set(Penduduk.objects.values_list("wilayah", flat=True)) == {rt.pk}
    assert (
        not Penduduk.objects.exclude(nik__startswith="327301")
        .exclude(nik__startswith="03273010004")
        .exists()
    )
    assert Penduduk.objects.hidup().count() == 120
