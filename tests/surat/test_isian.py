"""Placeholder codes: OpenSID's case rule, escaping, empty values, unknown codes."""

import datetime

import pytest

from surat.isian import (
    HtmlAman,
    hitung_berlaku_sampai,
    isi_template,
    kode_asing,
    kode_dalam,
    nilai_isian,
    ubah_huruf,
)

NILAI = {"nama": "budi SANTOSO", "nik": "3201011705800001", "alamat": "RT 001 Dusun KRAJAN"}


@pytest.mark.parametrize(
    ("kode", "hasil"),
    [
        ("[nama]", "budi santoso"),
        ("[Nama]", "Budi Santoso"),
        ("[NAma]", "BUDI SANTOSO"),
        ("[NAMA]", "BUDI SANTOSO"),
        ("[NamA]", "budi SANTOSO"),
    ],
)
def test_aturan_huruf_opensid(kode, hasil):
    assert isi_template(f"<p>{kode}</p>", NILAI) == f"<p>{hasil}</p>"


def test_kode_panjang_mengikuti_huruf_pertama_kedua_dan_terakhir():
    assert ubah_huruf("Alamat_jalaN", "Jl. Melati RT 001") == "Jl. Melati RT 001"
    assert ubah_huruf("Tempat_tgl_lahir", "BOGOR, 17 MEI 1980") == "Bogor, 17 Mei 1980"
    assert ubah_huruf("NAma_ibu", "siti") == "SITI"


def test_nilai_kosong_tercetak_strip():
    assert isi_template("[Form_lain] [telepon]", {"form_lain": "", "telepon": None}) == "- -"


def test_nilai_di_escape_dan_tidak_diproses_ulang():
    nilai = {"form_keperluan": "<script>alert(1)</script> [nama]", "nama": "Budi"}
    hasil = isi_template("<p>[Form_keperluaN]</p>", nilai)
    assert hasil == "<p>&lt;script&gt;alert(1)&lt;/script&gt; [nama]</p>"


def test_baris_baru_dalam_nilai_menjadi_br_setelah_escape():
    assert isi_template("[Form_xX]", {"form_xx": "a<b\nc"}) == "a&lt;b<br>c"


def test_html_buatan_sendiri_tidak_di_escape():
    assert (
        isi_template("[anggota_keluarga]", {"anggota_keluarga": HtmlAman("<table></table>")})
        == "<table></table>"
    )


def test_kode_tak_dikenal_dibiarkan_atau_ditandai():
    assert isi_template("[nama] [nmaa]", NILAI) == "budi santoso [nmaa]"
    ditandai = isi_template("[nmaa]", NILAI, tandai_asing=True)
    assert ditandai == '<mark class="kode-asing">[nmaa]</mark>'


def test_kode_asing_menyebut_kode_seperti_ditulis():
    isi = "<p>[Nama] [NIk] [Form_keperluaN] [form_alamt] [tgl_lahir] [Terbilang]</p>"
    isian = [{"kode": "form_keperluan", "label": "Keperluan", "jenis": "teks"}]
    assert kode_asing(isi, isian) == ["[form_alamt]", "[Terbilang]"]
    isian.append({"kode": "form_gaji", "label": "Gaji", "jenis": "uang"})
    assert kode_asing(isi, isian) == ["[form_alamt]"]
    assert kode_dalam("[a] [b] [a]") == ["a", "b"]


def test_isian_tanggal_uang_dan_terbilang():
    definisi = [
        {"kode": "form_tanggal", "label": "Tanggal", "jenis": "tanggal"},
        {"kode": "form_gaji", "label": "Gaji", "jenis": "uang"},
    ]
    nilai = nilai_isian(definisi, {"form_tanggal": "2026-11-21", "form_gaji": "2500000"})
    assert nilai["form_tanggal"] == "21 November 2026"
    assert nilai["form_gaji"] == "Rp 2.500.000"
    assert nilai["terbilang"] == nilai["terbilang_form_gaji"] == "dua juta lima ratus ribu rupiah"


def test_masa_berlaku_dihitung_sampai_hari_terakhir():
    class Jenis:
        masa_berlaku = 1
        satuan_masa_berlaku = "bulan"

    j = Jenis()
    assert hitung_berlaku_sampai(j, datetime.date(2026, 1, 31)) == datetime.date(2026, 2, 27)
    assert hitung_berlaku_sampai(j, datetime.date(2026, 1, 1)) == datetime.date(2026, 1, 31)
    j.satuan_masa_berlaku, j.masa_berlaku = "hari", 30
    assert hitung_berlaku_sampai(j, datetime.date(2026, 1, 1)) == datetime.date(2026, 1, 30)
    j.masa_berlaku = 0
    assert hitung_berlaku_sampai(j, datetime.date(2026, 1, 1)) is None
