"""A dusun without RW beside dusun with RWs (issue #18): lists, statistics, registers and the
upward sync count and name its RTs, which sit directly under the dusun."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from penduduk.statistik import hitung, kategori
from penduduk.statistik.tautan import tautan_tabel
from sid import kode, services
from sid.models import Wilayah
from tests.factories import KeluargaFactory, PendudukFactory

pytestmark = pytest.mark.django_db
T = Wilayah.Tingkat
STATISTIK = "/admin/penduduk/statistik/"
LAPORAN = "/admin/penduduk/laporankependudukan/"


@pytest.fixture
def gondang(populasi, admin_desa):
    """Dusun GONDANG / RT 001 (no RW) with one family: Wati (head) and her son Bayu, in a
    village whose KRAJAN and SUKASARI have RWs."""
    dusun = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Gondang")
    rt = services.wilayah_create(oleh=admin_desa, tingkat=T.RT, nama="001", induk=dusun)
    kk = KeluargaFactory(no_kk="3201010101230009", wilayah=rt, alamat="JL. GONDANG 1")
    S = kode.SHDK
    PendudukFactory(nama="Wati", jenis_kelamin=2, keluarga=kk, shdk=S.KEPALA_KELUARGA)
    PendudukFactory(nama="Bayu", jenis_kelamin=1, keluarga=kk, shdk=S.ANAK)
    return dusun, rt


def _jumlah_daftar(klien, url) -> int:
    r = klien.get(url)
    assert r.status_code == 200 and "cl" in r.context, url
    return r.context["cl"].result_count


@pytest.mark.parametrize("tingkat", ["dusun", "rt"])
def test_statistik_per_wilayah_dusun_tanpa_rw(klien_operator, gondang, tingkat):
    wilayah = gondang[0] if tingkat == "dusun" else gondang[1]
    r = klien_operator.get(STATISTIK, {"kategori": "jenis-kelamin", "wilayah": wilayah.pk})
    assert r.status_code == 200
    total = r.context["tabel"].total
    assert (total.jumlah, total.l, total.p) == (2, 1, 1)
    halaman = r.content.decode()
    # The picker lists the RT one step below its dusun, as the RT of an RW is below its RW.
    assert f'<option value="{gondang[1].pk}"' in halaman
    assert "— Dusun GONDANG / RT 001</option>" in halaman
    assert "— — Dusun KRAJAN / RW 001 / RT 001</option>" in halaman
    # Every figure links to a list with the same count (residents and families).
    for kunci in ("jenis-kelamin", "kelas-sosial"):
        tabel = hitung(kategori(kunci), wilayah=wilayah)
        tautan = tautan_tabel(tabel)
        assert tautan
        for (i, kolom), url in tautan.items():
            assert _jumlah_daftar(klien_operator, url) == getattr(tabel.semua_baris[i], kolom)


def test_daftar_penduduk_dan_keluarga_disaring_dusun_tanpa_rw(klien_operator, gondang):
    dusun, rt = gondang
    daftar = reverse("admin:penduduk_penduduk_changelist")
    for w in (dusun, rt):
        r = klien_operator.get(daftar, {"wilayah": w.pk, "status": "semua"})
        assert sorted(p.nama for p in r.context["cl"].result_list) == ["Bayu", "Wati"]
    halaman = r.content.decode()
    assert "GONDANG / RT 001" in halaman  # the wilayah column
    assert f'wilayah={rt.pk}">— RT 001</a>' in halaman  # the filter, one step under GONDANG
    keluarga = klien_operator.get(
        reverse("admin:keluarga_keluarga_changelist"), {"dusun": dusun.pk}
    )
    assert [k.no_kk for k in keluarga.context["cl"].result_list] == ["3201010101230009"]


def test_daftar_wilayah_menghitung_dusun_tanpa_rw(klien_admin, gondang):
    dusun, rt = gondang
    cl = klien_admin.get(reverse("admin:sid_wilayah_changelist")).context["cl"]
    hitungan = {w.pk: w._hitung for w in cl.result_list}
    assert hitungan[dusun.pk] == hitungan[rt.pk] == {"kk": 1, "l": 1, "p": 1}


def test_buku_induk_dan_rekapitulasi_dusun_tanpa_rw(klien_operator, gondang):
    dusun, _rt = gondang
    hari_ini = timezone.localdate()
    r = klien_operator.get(
        f"{LAPORAN}buku/induk/", {"tanggal": hari_ini.isoformat(), "wilayah": dusun.pk}
    )
    halaman = r.content.decode()
    assert "Wati" in halaman and "Bayu" in halaman and "Budi" not in halaman
    assert "JL. GONDANG 1, RT 001, Dusun GONDANG" in halaman

    r = klien_operator.get(
        f"{LAPORAN}buku/rekapitulasi/", {"bulan": hari_ini.month, "tahun": hari_ini.year}
    )
    baris = [b for b in r.context["buku"].baris() if b[1] == "GONDANG"]
    assert len(baris) == 1


def test_sinkron_mengirim_dusun_tanpa_rw(gondang):
    from sinkron import sumber

    isi = sumber.bangun_penduduk("2025-01", "desa")
    jk = [a for a in isi["angka"] if a["kategori"] == "jenis-kelamin" and a["dusun"] == "GONDANG"]
    assert sum(a["jumlah"] for a in jk) == 2
    assert sum(a["l"] for a in jk) == 1 and sum(a["p"] for a in jk) == 1
    assert "GONDANG" in sumber.bangun_identitas("2025-01", "desa")["dusun"]
