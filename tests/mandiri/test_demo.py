import datetime
import random

import pytest

from mandiri.models import AkunMandiri, BalasanPengaduan, Pengaduan

pytestmark = pytest.mark.django_db


def test_demo_membuat_pengaduan_berbalasan_tanpa_akun_warga(keluarga_budi, keluarga_rina):
    from mandiri.demo import isi_demo
    from sid import demo

    assert any(nama == "mandiri.demo.isi_demo" for _u, nama, _f in demo._PENGISI)
    assert any(nama == "bantuan.demo.isi_demo" for _u, nama, _f in demo._PENGISI)
    hari_ini = datetime.date(2026, 11, 21)
    ringkasan = isi_demo(rng=random.Random(3), tanggal_mulai=hari_ini, hari_ini=hari_ini)
    assert "pengaduan" in ringkasan
    assert Pengaduan.objects.count() == 4
    assert BalasanPengaduan.objects.count() == 3
    assert not AkunMandiri.objects.exists()  # no default credentials
    assert isi_demo(rng=random.Random(3), tanggal_mulai=hari_ini, hari_ini=hari_ini) is None
