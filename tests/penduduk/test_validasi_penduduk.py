"""Bad input on a resident record is refused with a clear message and writes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from penduduk import services
from penduduk.models import Penduduk
from sid import kode
from sid.exceptions import PerluKonfirmasi
from sid.models import LogAktivitas
from tests.factories import PendudukFactory, data_penduduk

pytestmark = pytest.mark.django_db


def _jumlah():
    return Penduduk.objects.count(), LogAktivitas.objects.filter(
        content_type__model="penduduk"
    ).count()


def test_tambah_penduduk_data_awal_dicatat(operator, rt):
    p = services.penduduk_create(oleh=operator, data=data_penduduk(wilayah=rt))
    assert p.nik == "3201010101900001" and p.hidup
    log = LogAktivitas.objects.get(object_id=str(p.pk), aksi="buat")
    assert log.perubahan["nama"] == [None, "Budi Santoso"]


@pytest.mark.parametrize(
    "nik,pesan",
    [
        ("320101010190001", "harus tepat 16 digit (yang diisi 15 digit)"),
        ("32010101019000A1", "hanya boleh berisi angka"),
        ("", "wajib diisi"),
    ],
)
def test_nik_salah_ditolak(operator, rt, nik, pesan):
    sebelum = _jumlah()
    with pytest.raises(ValidationError) as err:
        services.penduduk_create(oleh=operator, data=data_penduduk(nik=nik, wilayah=rt))
    assert pesan in str(err.value)
    assert _jumlah() == sebelum


def test_nik_ganda_ditolak(operator, rt):
    services.penduduk_create(oleh=operator, data=data_penduduk(wilayah=rt))
    sebelum = _jumlah()
    with pytest.raises(ValidationError, match="sudah terdaftar atas nama Budi Santoso"):
        services.penduduk_create(oleh=operator, data=data_penduduk(nama="Orang Lain", wilayah=rt))
    assert _jumlah() == sebelum


def test_nik_ganda_milik_penduduk_pindah_menyarankan_kembali_datang(operator, rt):
    p = services.penduduk_create(oleh=operator, data=data_penduduk(wilayah=rt))
    hari_ini = datetime.date.today()
    services.peristiwa_pindah_keluar_catat(
        oleh=operator,
        penduduk=p,
        tanggal_peristiwa=hari_ini,
        tanggal_lapor=hari_ini,
        jenis_pindah=1,
        alamat_tujuan="Bandung",
    )
    with pytest.raises(ValidationError, match="catat peristiwa KEMBALI DATANG"):
        services.penduduk_create(oleh=operator, data=data_penduduk(wilayah=rt))


def test_nik_unik_juga_di_database(rt):
    PendudukFactory(nik="3201010101900001")
    with pytest.raises(IntegrityError), transaction.atomic():
        PendudukFactory(nik="3201010101900001", periksa=False)


def test_nik_15_digit_ditolak_database(rt):
    with pytest.raises(IntegrityError), transaction.atomic():
        PendudukFactory(nik="320101010190001", periksa=False)


def test_tanggal_lahir_di_nik_berbeda_perlu_konfirmasi(operator, rt):
    data = data_penduduk(tanggal_lahir=datetime.date(1990, 1, 2), wilayah=rt)
    with pytest.raises(PerluKonfirmasi, match="mengandung tanggal lahir"):
        services.penduduk_create(oleh=operator, data=data)
    assert not Penduduk.objects.exists()
    p = services.penduduk_create(oleh=operator, data=data, konfirmasi=True)
    assert p.pk


def test_nik_perempuan_hari_tambah_40(operator, rt):
    data = data_penduduk(nik="3201014101900001", jenis_kelamin=2, nama="Ani", wilayah=rt)
    assert services.penduduk_create(oleh=operator, data=data).pk


def test_nik_sementara_berurutan_dengan_kode_desa(operator, rt):
    a = services.penduduk_create(oleh=operator, data=data_penduduk(nik="0", wilayah=rt))
    b = services.penduduk_create(
        oleh=operator, data=data_penduduk(nik="0", nama="Citra", jenis_kelamin=2, wilayah=rt)
    )
    assert a.nik == "0320101200100001" and b.nik == "0320101200100002"
    assert set(Penduduk.objects.nik_sementara()) == {a, b}


def test_nik_sementara_kedua_untuk_orang_yang_sama_ditolak(operator, rt):
    services.penduduk_create(oleh=operator, data=data_penduduk(nik="0", wilayah=rt))
    with pytest.raises(ValidationError, match="Jangan mendaftarkan dua kali"):
        services.penduduk_create(
            oleh=operator, data=data_penduduk(nik="0", nama="budi  santoso", wilayah=rt)
        )
    assert Penduduk.objects.count() == 1


@pytest.mark.parametrize("nama", ["Budi123", "<script>", "B"])
def test_nama_dengan_karakter_tidak_sah_ditolak(operator, rt, nama):
    with pytest.raises(ValidationError, match="Nama"):
        services.penduduk_create(oleh=operator, data=data_penduduk(nama=nama, wilayah=rt))
    assert not Penduduk.objects.exists()


def test_tanggal_lahir_di_masa_depan_ditolak(operator, rt):
    besok = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="masa depan"):
        services.penduduk_create(
            oleh=operator, data=data_penduduk(tanggal_lahir=besok, wilayah=rt), konfirmasi=True
        )


@pytest.mark.parametrize(
    "ubah,kolom",
    [
        ({"akta_perkawinan": "123/2020"}, "akta_perkawinan"),
        ({"status_kawin": 2, "cara_kb": 1}, "cara_kb"),  # PIL is for women
        ({"cara_kb": 4}, "cara_kb"),  # unmarried
        ({"hamil": 1}, "hamil"),
        ({"dokumen_kitas": "KITAS-1"}, "dokumen_kitas"),
        ({"tempat_cetak_ktp": "Bogor"}, "tempat_cetak_ktp"),
    ],
)
def test_kolom_bersyarat_ditolak_bila_tidak_berlaku(operator, rt, ubah, kolom):
    with pytest.raises(ValidationError) as err:
        services.penduduk_create(oleh=operator, data=data_penduduk(wilayah=rt, **ubah))
    assert kolom in err.value.message_dict
    assert not Penduduk.objects.exists()


def test_kolom_bersyarat_diterima_bila_berlaku(operator, rt):
    data = data_penduduk(
        wilayah=rt,
        status_kawin=2,
        cara_kb=4,
        akta_perkawinan="12/2015",
        tanggal_perkawinan=datetime.date(2015, 3, 1),
        ktp_el=2,
        tempat_cetak_ktp="Bogor",
    )
    assert services.penduduk_create(oleh=operator, data=data).cara_kb == 4


def test_status_dasar_tidak_bisa_diubah_lewat_edit_biodata(operator, keluarga_budi):
    _k, kepala, _i, _a = keluarga_budi
    with pytest.raises(ValidationError, match="hanya berubah lewat peristiwa"):
        services.penduduk_update(
            oleh=operator, penduduk=kepala, data={"status_dasar": kode.StatusDasar.MATI}
        )


def test_ubah_biodata_mencatat_riwayat(operator, keluarga_budi):
    _k, kepala, _i, _a = keluarga_budi
    services.penduduk_update(
        oleh=operator, penduduk=kepala, data={"pekerjaan": 15, "telepon": "0812"}
    )
    log = LogAktivitas.objects.get(object_id=str(kepala.pk), aksi="ubah")
    assert log.perubahan["pekerjaan"] == ["9 PETANI/PEKEBUN", "15 KARYAWAN SWASTA"]
    assert log.pengguna == operator


def test_setelah_data_awal_penduduk_baru_hanya_lewat_peristiwa(operator, rt, desa):
    desa.data_awal_selesai = datetime.date(2020, 1, 1)
    desa.save()
    from django.core.cache import cache

    cache.clear()
    with pytest.raises(ValidationError, match="LAHIR atau PINDAH MASUK"):
        services.penduduk_create(oleh=operator, data=data_penduduk(wilayah=rt))
