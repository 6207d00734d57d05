"""The resident fields beyond the import format come along, each checked; a value SID cannot
accept is left empty and named in the report (nothing else about the resident is lost)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from penduduk.models import Penduduk
from tests.pindah.desa_kecil import PENDUDUK_KOLOM, tabel_desa
from tests.pindah.tulis_dump import tulis_dump

pytestmark = pytest.mark.django_db

TAMBAHAN = ["waktu_lahir", "tempat_dilahirkan", "berat_lahir", "panjang_lahir", "telepon",
            "email", "no_kk_sebelumnya", "sakit_menahun_id", "ket"]  # fmt: skip


def test_biodata_tambahan_dibawa_dan_yang_salah_dikosongkan(tmp_path):
    tabel = tabel_desa()
    _kolom, baris = tabel["tweb_penduduk"]
    baris = [
        (*b, *tambahan)
        for b, tambahan in zip(
            [b for b in baris if b[0] in (1, 2, 4)],
            [
                (
                    "04:30",
                    1,
                    3100,
                    "49,5",
                    "081234567890",
                    "budi@contoh.id",
                    "3507112099000009",
                    0,
                    "Ketua RT lama",
                ),
                (None, 99, None, None, None, "bukan-email", None, 14, None),
                ("25:99", None, None, "abc", None, None, None, None, None),
            ],  # fmt: skip
            strict=True,
        )
    ]
    tabel["tweb_penduduk"] = (PENDUDUK_KOLOM + TAMBAHAN, baris)
    tabel["tweb_keluarga"] = (tabel["tweb_keluarga"][0], tabel["tweb_keluarga"][1][:2])
    tabel["log_penduduk"] = (tabel["log_penduduk"][0], [])
    tabel["log_keluarga"] = (tabel["log_keluarga"][0], [])
    path = tmp_path / "cadangan.sql"
    path.write_text(tulis_dump(tabel))
    keluar = io.StringIO()
    try:
        call_command("impor_opensid", str(path), stdout=keluar)
    except CommandError as exc:
        pytest.fail(f"{exc}\n{keluar.getvalue()}")
    teks = keluar.getvalue()

    budi = Penduduk.objects.get(nik="3507111201800001")
    assert budi.waktu_lahir == datetime.time(4, 30)
    assert budi.tempat_dilahirkan == 1 and budi.berat_lahir == 3100
    assert str(budi.panjang_lahir) == "49.5"
    assert (budi.telepon, budi.email) == ("081234567890", "budi@contoh.id")
    assert budi.no_kk_sebelumnya == "3507112099000009" and budi.catatan == "Ketua RT lama"

    siti = Penduduk.objects.get(nama="SITI AMINAH")
    assert siti.tempat_dilahirkan is None and siti.email == ""
    assert siti.sakit_menahun == 14
    assert "tempat_dilahirkan '99' bukan kode yang dikenal SID: dikosongkan" in teks
    assert "email 'bukan-email' bukan alamat email yang sah: dikosongkan" in teks

    wati = Penduduk.objects.get(nama="WATI")
    assert wati.waktu_lahir is None and wati.panjang_lahir is None
    assert "panjang_lahir 'abc' bukan angka: dikosongkan" in teks
    assert "waktu_lahir '25:99' bukan jam yang sah: dikosongkan" in teks
