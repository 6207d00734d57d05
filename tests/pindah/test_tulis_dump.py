"""The test helper `tulis_dump` writes what `pindah.dump` reads back unchanged, in both layouts."""

import io
from decimal import Decimal

import pytest

from pindah.dump import Baris, Tabel, urai
from tests.pindah.tulis_dump import literal, tulis_dump

TEKS_SULIT = [
    "", " ", "biasa", "O'Neil", 'kata "kutip"', "C:\\data\\", "\\n bukan baris baru", "a\nb\r\nc",
    "tab\there", "nul\0nul", "ctrl-z\x1a", "backspace\b", "titik;koma", "a),(b", "(('));",
    "-- komentar?", "# pagar", "/* bukan */", "`backtick`", "50% \\% _ \\_", "''", "\\'",
    "NULL", "0x41", "_binary 'x'", "é – ’ 中文 🙂", "\u00a0nbsp", "DELIMITER ;;\n",
]  # fmt: skip

KOLOM = ["id", "teks", ("angka", "decimal(65,2)"), ("besar", "bigint(20)"), ("data", "blob"),
         "kosong"]  # fmt: skip
BARIS = [
    (i, t, Decimal(f"{i - 10}.{i % 100:02d}"), (-1) ** i * 2**62, bytes([i, 0, 255 - i]), None)
    for i, t in enumerate(TEKS_SULIT)
] + [
    (100, None, None, None, None, None),
    (101, "x", Decimal("0.00"), 0, b"", None),
    (102, "y", Decimal("-99999999999999999999999999999999999999999999999999999999999999.99"),
     -(2**63), b"\0" * 3, None),
]  # fmt: skip


def bolak_balik(tabel: dict, **kw) -> dict:
    hasil: dict[str, tuple[list, list]] = {}
    for e in urai(io.BytesIO(tulis_dump(tabel, **kw).encode())):
        if isinstance(e, Tabel):
            hasil[e.nama] = (list(e.nama_kolom), [])
        else:
            assert isinstance(e, Baris)
            hasil[e.tabel][1].append(tuple(e.nilai.values()))
    return hasil


@pytest.mark.parametrize(
    "kw", [{}, {"views": True}, {"gaya": "mysqldump"}, {"gaya": "mysqldump", "per_insert": 1}]
)
def test_tulis_lalu_baca_kembali_sama(kw):
    tabel = {
        "tweb_penduduk": (KOLOM, BARIS),
        "kosong": (["a", "b"], []),
        "nama `aneh` tabel": (["kolom spasi", "kolom`tik`"], [("a", 1), ("b", None)]),
    }
    hasil = bolak_balik(tabel, **kw)
    assert hasil == {
        "tweb_penduduk": ([k if isinstance(k, str) else k[0] for k in KOLOM], BARIS),
        "kosong": (["a", "b"], []),
        "nama `aneh` tabel": (["kolom spasi", "kolom`tik`"], [("a", 1), ("b", None)]),
    }
    tipe = {type(v) for baris in hasil["tweb_penduduk"][1] for v in baris}
    assert tipe == {int, str, Decimal, bytes, type(None)}


def test_tipe_ditebak_dari_nilai_dan_baris_dict():
    baris = [{"a": 1, "b": Decimal("2.50"), "c": b"\x00x"}, {"a": 2}]
    assert bolak_balik({"t": (["a", "b", "c"], baris)}) == {
        "t": (["a", "b", "c"], [(1, Decimal("2.50"), b"\x00x"), (2, None, None)])
    }


def test_literal_mengikuti_gaya_penulis():
    assert literal("O'Neil\n") == "'O\\'Neil\\n'"
    assert literal(Decimal("1.50")) == "'1.50'"  # OpenSID (CodeIgniter) quotes decimals
    assert literal(Decimal("1.50"), "mysqldump") == "1.50"
    assert (literal(None), literal(True), literal(-3), literal(b"\x01\xff")) == (
        "NULL", "1", "-3", "0x01ff"
    )  # fmt: skip
