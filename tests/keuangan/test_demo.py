"""The demo village's budget: plausible, adopted, realised, and created only once."""

import datetime
import random
from decimal import Decimal

import pytest

from keuangan.demo import isi_keuangan_demo
from keuangan.models import TahunAnggaran
from keuangan.selectors import pohon_tahun


@pytest.mark.parametrize("benih", [1, 2, 3])
def test_demo_membuat_apbdes_ditetapkan_yang_masuk_akal_untuk_dua_tahun(db, benih):
    hari_ini = datetime.date(2026, 11, 21)
    hasil = isi_keuangan_demo(rng=random.Random(benih), tahun_sekarang=2026, hari_ini=hari_ini)
    assert hasil["dibuat"] == [2025, 2026]
    for tahun in (2025, 2026):
        ta = TahunAnggaran.objects.get(tahun=tahun)
        assert ta.ditetapkan and ta.nomor_perdes and ta.tanggal_perdes.year == tahun - 1
        p = pohon_tahun(ta)
        pendapatan = p.pendapatan.jumlah.anggaran
        assert Decimal("1500000000") <= pendapatan <= Decimal("2500000000")
        assert p.silpa.anggaran == 0  # balanced
        assert {"4.2.1.", "4.2.3.", "4.1.1."} <= {b.kode for b in ta.rincian.all()}
        assert len(p.belanja.anak) == 5  # every bidang has activities
        for b in ta.rincian.all():
            assert b.anggaran % 1000 == 0 and b.realisasi % 1000 == 0
            assert b.realisasi_semester_1 <= b.realisasi
            if not b.kode.startswith("4."):
                assert b.realisasi <= b.anggaran
    lalu = pohon_tahun(TahunAnggaran.objects.get(tahun=2025))
    kini = pohon_tahun(TahunAnggaran.objects.get(tahun=2026))
    assert lalu.belanja.jumlah.persen > 85
    assert 50 < kini.belanja.jumlah.persen < lalu.belanja.jumlah.persen
    assert kini.belanja.jumlah.realisasi_semester_1 > 0
    # this year's opening balance is last year's realised surplus
    assert kini.penerimaan_pembiayaan.anggaran == lalu.silpa.realisasi // 1000 * 1000


def test_demo_tidak_mengulang_tahun_yang_sudah_ada(db):
    isi_keuangan_demo(rng=random.Random(1), tahun_sekarang=2026)
    jumlah = (
        TahunAnggaran.objects.count(),
        sum(t.rincian.count() for t in TahunAnggaran.objects.all()),
    )
    hasil = isi_keuangan_demo(rng=random.Random(2), tahun_sekarang=2026)
    assert hasil["dibuat"] == [] and hasil["dilewati"] == [2025, 2026]
    assert (
        TahunAnggaran.objects.count(),
        sum(t.rincian.count() for t in TahunAnggaran.objects.all()),
    ) == jumlah


def test_demo_sama_untuk_benih_yang_sama(db):
    a = isi_keuangan_demo(
        rng=random.Random(5), tahun_sekarang=2026, hari_ini=datetime.date(2026, 3, 1)
    )
    TahunAnggaran.objects.all().delete()
    b = isi_keuangan_demo(
        rng=random.Random(5), tahun_sekarang=2026, hari_ini=datetime.date(2026, 3, 1)
    )
    assert a == b
    assert (
        pohon_tahun(TahunAnggaran.objects.get(tahun=2026)).belanja.jumlah.realisasi_semester_1 == 0
    )
