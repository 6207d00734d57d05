"""`terapkan()`: copy a dict onto a row and report what changed, in the audit log's shape."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from sid import services
from sid.lib.audit import catat_aktivitas
from sid.lib.ubah import terapkan
from sid.models import IdentitasDesa, Wilayah

T = Wilayah.Tingkat


@pytest.fixture
def pohon(desa, admin_desa):
    dusun = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Krajan")
    rw = services.wilayah_create(oleh=admin_desa, tingkat=T.RW, nama="001", induk=dusun)
    rw2 = services.wilayah_create(oleh=admin_desa, tingkat=T.RW, nama="005", induk=dusun)
    rt = services.wilayah_create(oleh=admin_desa, tingkat=T.RT, nama="002", induk=rw)
    return rw, rw2, rt


def test_hanya_kolom_yang_berubah_dilaporkan_dan_belum_disimpan(pohon):
    _rw, _rw2, rt = pohon
    perubahan = terapkan(rt, {"nama": "003", "kepala_nama": ""})
    assert perubahan == {"nama": ["002", "003"]}
    assert rt.nama == "003"
    assert Wilayah.objects.get(pk=rt.pk).nama == "002"  # saving is the caller's step


def test_nilai_yang_sama_tidak_dilaporkan(pohon):
    _rw, _rw2, rt = pohon
    assert terapkan(rt, {"nama": "002", "tingkat": "3"}) == {}
    assert rt.tingkat == 3  # converted as full_clean() would


def test_kunci_asing_dilaporkan_dengan_teksnya(pohon):
    rw, rw2, rt = pohon
    assert terapkan(rt, {"induk": rw2}) == {"induk": [str(rw), str(rw2)]}
    assert rt.induk_id == rw2.pk


def test_baris_baru_dengan_kunci_asing_wajib_yang_belum_diisi(pohon):
    from keluarga.models import Keluarga

    _rw, _rw2, rt = pohon
    k = Keluarga(no_kk="3201010101010001")
    assert terapkan(k, {"wilayah": rt}) == {"wilayah": [None, str(rt)]}


def test_pilihan_dilaporkan_dengan_kode_dan_label(pohon):
    _rw, _rw2, rt = pohon
    assert terapkan(rt, {"tingkat": T.RW}) == {"tingkat": ["3 RT", "2 RW"]}


def test_tanggal_dilaporkan_iso_dan_teks_tanggal_diubah_ke_date(desa):
    desa.data_awal_selesai = None
    perubahan = terapkan(desa, {"data_awal_selesai": "2024-01-31"})
    assert perubahan == {"data_awal_selesai": [None, "2024-01-31"]}
    assert desa.data_awal_selesai == datetime.date(2024, 1, 31)
    assert terapkan(desa, {"data_awal_selesai": datetime.date(2024, 1, 31)}) == {}


def test_kolom_tidak_dikenal_ditolak_dan_tidak_ada_yang_diisi(pohon):
    _rw, _rw2, rt = pohon
    with pytest.raises(ValidationError, match="tidak dapat diubah di sini: hobi"):
        terapkan(rt, {"nama": "009", "hobi": "catur"})
    assert rt.nama == "002"


def test_kolom_di_luar_daftar_ditolak(pohon):
    rw, _rw2, rt = pohon
    with pytest.raises(ValidationError, match="induk"):
        terapkan(rt, {"nama": "009", "induk": rw}, kolom={"nama"})
    assert rt.nama == "002"


def test_nilai_yang_tidak_bisa_dibaca_ditolak_pada_kolomnya(desa):
    with pytest.raises(ValidationError) as err:
        terapkan(desa, {"nama_desa": "Baru", "data_awal_selesai": "kemarin"})
    assert set(err.value.message_dict) == {"data_awal_selesai"}
    assert IdentitasDesa.objects.get().nama_desa == desa.nama_desa == "Sukamaju"


def test_hasil_langsung_menjadi_isi_log_aktivitas(pohon, admin_desa):
    rw, rw2, rt = pohon
    perubahan = terapkan(rt, {"nama": "004", "induk": rw2})
    rt.save()
    entri = catat_aktivitas(oleh=admin_desa, aksi="ubah", objek=rt, perubahan=perubahan)
    entri.refresh_from_db()
    assert entri.perubahan == {"nama": ["002", "004"], "induk": [str(rw), str(rw2)]}
