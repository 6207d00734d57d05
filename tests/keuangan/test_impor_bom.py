"""Issue #17 item 8 on the APBDes import screen: a workbook that would expand to 300 MB is
refused before it is opened (quickly, with little memory); nothing is written."""

from __future__ import annotations

import pytest

from keuangan import services
from keuangan.models import RincianAnggaran
from sid.models import LogAktivitas
from tests.sid.berkas_bom import Ukur, unggahan_xlsx_bom

pytestmark = pytest.mark.django_db


def test_bom_xlsx_ditolak_di_layar_impor_tanpa_menulis(client, operator):
    rancangan = services.tahun_anggaran_create(oleh=operator, tahun=2027)
    client.force_login(operator)
    log = LogAktivitas.objects.count()
    berkas = unggahan_xlsx_bom("apbdes.xlsx")
    with Ukur() as u:
        r = client.post(f"/admin/keuangan/tahunanggaran/{rancangan.pk}/impor/", {"berkas": berkas})
    u.periksa()
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Berkas Excel tidak wajar: isi terurai 300 MB melebihi batas 50 MB" in teks
    assert 'id="form-simpan-impor"' not in teks
    assert not RincianAnggaran.objects.exists()
    assert LogAktivitas.objects.count() == log
