"""The statistics tables cached under the figures' version (penduduk.statistik.versi): the back
office reads them from the cache, and every change of the figures gives fresh numbers."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from penduduk.models import RentangUmur
from penduduk.statistik import hitung
from penduduk.statistik.rentang import rentang_umur_update
from penduduk.statistik.versi import versi_statistik
from sid import kode
from sid.models import Wilayah

URL = "/admin/penduduk/statistik/"


@pytest.fixture(autouse=True)
def _cache_bersama(settings):
    """As in production: Redis, one cache for every process (the tests' cache is local memory
    in one process, which is just as shared here)."""
    settings.REDIS_URL = "redis://cache-bersama.invalid/0"


def _kueri_statistik(klien, **params) -> tuple[list[str], str]:
    """The SQL of one page view that reads residents or families, and the page."""
    with CaptureQueriesContext(connection) as q:
        r = klien.get(URL, params)
    assert r.status_code == 200
    sql = [
        x["sql"]
        for x in q.captured_queries
        if '"penduduk_penduduk"' in x["sql"] or '"keluarga_keluarga"' in x["sql"]
    ]
    return sql, r.content.decode()


def _tanpa_csrf(teks: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", teks)


def _sel_total(klien, **params) -> int:
    r = klien.get(URL, params)
    return next(b for b in r.context["tabel"].semua_baris if b.jenis == "total").jumlah


@pytest.mark.django_db
@pytest.mark.parametrize("kunci", ["pendidikan-kk", "umur-rentang", "kelas-sosial"])
def test_halaman_kedua_dari_cache_tanpa_kueri_penduduk(klien_operator, populasi, kunci):
    pertama, teks_pertama = _kueri_statistik(klien_operator, kategori=kunci)
    assert pertama  # the grouped query ran once
    kedua, teks_kedua = _kueri_statistik(klien_operator, kategori=kunci)
    assert kedua == []
    assert _tanpa_csrf(teks_kedua) == _tanpa_csrf(teks_pertama)


@pytest.mark.django_db
def test_tanpa_cache_bersama_kantor_selalu_menghitung(klien_operator, populasi, settings):
    """A per-process cache (no Redis, several gunicorn workers) could hold another worker's
    old version: the back office then counts on every view."""
    settings.REDIS_URL = ""
    pertama, _ = _kueri_statistik(klien_operator, kategori="pendidikan-kk")
    kedua, _ = _kueri_statistik(klien_operator, kategori="pendidikan-kk")
    assert pertama and kedua


@pytest.mark.django_db
def test_cache_per_wilayah(klien_operator, populasi, rt_krajan, rt_sukasari):
    desa = _sel_total(klien_operator, kategori="pendidikan-kk")
    krajan = _sel_total(klien_operator, kategori="pendidikan-kk", wilayah=rt_krajan.pk)
    sukasari = _sel_total(klien_operator, kategori="pendidikan-kk", wilayah=rt_sukasari.pk)
    assert (desa, krajan, sukasari) == (6, 3, 3)
    assert _sel_total(klien_operator, kategori="pendidikan-kk", wilayah=rt_krajan.pk) == 3


def _adi_meninggal(populasi, operator) -> None:
    from penduduk.services import peristiwa_kematian_catat

    tanggal = populasi["Adi"].tanggal_lahir.replace(year=2024)
    peristiwa_kematian_catat(
        oleh=operator, penduduk=populasi["Adi"], tanggal_peristiwa=tanggal, tanggal_lapor=tanggal
    )


@pytest.mark.django_db
def test_kematian_tampil_seketika(
    klien_operator, populasi, operator, django_capture_on_commit_callbacks
):
    assert _sel_total(klien_operator, kategori="pendidikan-kk") == 6
    versi = versi_statistik()
    with django_capture_on_commit_callbacks(execute=True):
        _adi_meninggal(populasi, operator)
    assert versi_statistik() != versi
    assert _sel_total(klien_operator, kategori="pendidikan-kk") == 5
    assert hitung("pendidikan-kk").total.jumlah == 5


@pytest.mark.django_db
def test_ubah_rentang_umur_memberi_versi_baru(
    klien_operator, populasi, operator, django_capture_on_commit_callbacks
):
    r = klien_operator.get(URL, {"kategori": "umur-kategori"})
    assert not r.context["tabel"].luar
    tua = RentangUmur.objects.get(jenis="kategori", label="TUA")
    with django_capture_on_commit_callbacks(execute=True):
        rentang_umur_update(oleh=operator, rentang=tua, data={"sampai": 60})
    r = klien_operator.get(URL, {"kategori": "umur-kategori"})
    assert [(b.label, b.jumlah) for b in r.context["tabel"].luar] == [
        ("DI LUAR RENTANG YANG DITETAPKAN", 1)
    ]


@pytest.mark.django_db
def test_pindah_rt_ke_rw_lain_memberi_versi_baru(
    populasi, rt_krajan, django_capture_on_commit_callbacks
):
    versi = versi_statistik()
    # (own atomic block: the fixture's saves already wait for the test transaction's commit)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Wilayah.objects.get(pk=rt_krajan.pk).save()
    assert versi_statistik() != versi


@pytest.mark.django_db
def test_impor_memberi_versi_baru(admin_desa, desa, django_capture_on_commit_callbacks):
    """Bulk writes send no signals: the import asks for a new version itself."""
    from penduduk.ekspor import xlsx_penduduk
    from penduduk.impor.layanan import penduduk_impor
    from penduduk.models import Penduduk
    from tests.factories import KeluargaFactory, PendudukFactory

    kk = KeluargaFactory(no_kk="3201010101239999")
    PendudukFactory(keluarga=kk, shdk=kode.SHDK.KEPALA_KELUARGA, nik="3201010101900001")
    berkas = b"".join(xlsx_penduduk(Penduduk.objects.all()))
    Penduduk.objects.all().delete()
    kk.delete()
    versi = versi_statistik()
    with django_capture_on_commit_callbacks(execute=True):
        hasil = penduduk_impor(oleh=admin_desa, berkas=berkas, dry_run=False)
    assert hasil.disimpan
    assert versi_statistik() != versi


@pytest.mark.django_db
def test_berkas_publik_mengikuti_versi(
    client, populasi, operator, django_capture_on_commit_callbacks
):
    """The public Excel file is cached with its table: a death gives a new file at once."""
    import io

    import openpyxl

    def total() -> int:
        isi = client.get("/statistik/agama/", {"keluaran": "xlsx"}).content
        lembar = openpyxl.load_workbook(io.BytesIO(isi), read_only=True).active
        return next(r for r in lembar.iter_rows(values_only=True) if "TOTAL" in r)[2]

    assert total() == 6
    with django_capture_on_commit_callbacks(execute=True):
        _adi_meninggal(populasi, operator)
    assert total() == 5


@pytest.mark.django_db
def test_pemulihan_memberi_versi_baru(django_capture_on_commit_callbacks):
    """A restore replaces every row without signals: sid.cadangan tells the apps, and the
    statistics get a new version (sid imports no domain app, penduduk listens)."""
    from sid.cadangan import sinyal

    lama = versi_statistik()
    with django_capture_on_commit_callbacks(execute=True):
        sinyal.umumkan_pemulihan()
    assert versi_statistik() != lama
