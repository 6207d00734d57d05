"""Issue #17 item 8: sid.lib.xlsx refuses a workbook whose ZIP would expand abnormally, from
the central directory alone (the screens' tests are in tests/bantuan, tests/keuangan and
tests/impor)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from sid.lib.xlsx import periksa_arsip_xlsx
from tests.sid.berkas_bom import Ukur, xlsx_bom


def _xlsx_biasa() -> bytes:
    wb = Workbook()
    for i in range(200):
        wb.active.append([f"baris {i}", i, i * 1.5])
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def test_bom_300_mb_ditolak_dari_direktori_zip_cepat_dan_hemat_memori():
    data = xlsx_bom(300)
    assert len(data) < 400 * 1024
    with Ukur() as u, pytest.raises(ValidationError) as galat:
        periksa_arsip_xlsx(data)
    u.periksa(detik=0.5, mb=5)
    assert galat.value.messages == [
        "Berkas Excel tidak wajar: isi terurai 300 MB melebihi batas 50 MB. Tidak ada data yang "
        "disimpan; periksa berkasnya atau pecah menjadi beberapa berkas."
    ]


def test_bagian_selain_lembar_dibatasi_sendiri():
    with pytest.raises(ValidationError) as galat:
        periksa_arsip_xlsx(xlsx_bom(60), batas_mb=250, rasio_maks=10_000)
    assert (
        "bagian xl/sharedStrings.xml terurai 60 MB melebihi batas 50 MB" in galat.value.messages[0]
    )


def test_rasio_pemampatan_berlebihan_ditolak(settings):
    with pytest.raises(ValidationError) as galat:
        periksa_arsip_xlsx(xlsx_bom(20))
    pesan = galat.value.messages[0]
    assert pesan.startswith("Berkas Excel tidak wajar: bagian xl/sharedStrings.xml termampatkan ")
    assert ":1 (terurai 20 MB), melebihi batas 100:1." in pesan
    settings.SID_XLSX_RASIO_MAKS = 2000
    periksa_arsip_xlsx(xlsx_bom(20))  # the limits are settings


def test_berkas_wajar_dan_bukan_zip_lolos():
    periksa_arsip_xlsx(_xlsx_biasa())
    periksa_arsip_xlsx(b"bukan zip")  # the import's own check says what it is
    berkas = io.BytesIO(_xlsx_biasa())
    berkas.seek(5)
    periksa_arsip_xlsx(berkas)
    assert berkas.tell() == 5
