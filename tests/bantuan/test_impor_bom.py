"""Issue #17 item 8 on the programme import screen: a workbook that would expand to 300 MB is
refused before it is opened (quickly, with little memory); nothing is stored."""

from __future__ import annotations

import pytest

from bantuan.models import Program
from tests.sid.berkas_bom import Ukur, unggahan_xlsx_bom

pytestmark = pytest.mark.django_db


def test_bom_xlsx_ditolak_di_layar_impor_tanpa_menyimpan(client, buat_staf, desa, settings):
    client.force_login(buat_staf("Operator", username="operator"))
    berkas = unggahan_xlsx_bom("bantuan.xlsx")
    with Ukur() as u:
        r = client.post("/admin/bantuan/program/impor/", {"berkas": berkas})
    u.periksa()
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Berkas Excel tidak wajar: isi terurai 300 MB melebihi batas 50 MB" in teks
    assert "Impor sekarang" not in teks
    assert "bantuan_impor" not in client.session
    assert not Program.objects.exists()
    folder = settings.PRIVATE_ROOT / "bantuan"
    assert not folder.exists() or not any(p.is_file() for p in folder.rglob("*"))
