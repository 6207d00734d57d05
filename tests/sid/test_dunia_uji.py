"""The shared test world (tests/factories.py, tests/desa_uji.py) makes only data the app accepts."""

import pytest
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.db import transaction

from penduduk.validasi import tanggal_dari_nik
from sid import kode
from sid.models import Wilayah
from tests import desa_uji
from tests.factories import (
    AkunMandiriFactory,
    ArtikelFactory,
    JenisSuratFactory,
    KeluargaFactory,
    PendudukFactory,
    PengangkatanFactory,
    RtFactory,
    StafFactory,
    SuratFactory,
    buat_rt,
)

pytestmark = pytest.mark.django_db


def test_keluarga_budi_utuh_di_rt_krajan(keluarga_budi):
    k, budi, siti, adi = keluarga_budi
    assert keluarga_budi.kepala == budi and k.no_kk == desa_uji.NO_KK_BUDI
    assert {p.nik for p in k.anggota.all()} == {desa_uji.NIK_BUDI, desa_uji.NIK_SITI, adi.nik}
    assert str(k.wilayah) == "Dusun KRAJAN / RW 001 / RT 001"
    assert all(p.wilayah == k.wilayah for p in (budi, siti, adi))
    assert (adi.nama_ayah, adi.nama_ibu) == ("Budi Santoso", "Siti Aminah")
    assert buat_rt() == k.wilayah  # found again, not created twice


def test_keluarga_rina_di_rt_lain(keluarga_budi, keluarga_rina):
    assert keluarga_rina.keluarga.wilayah != keluarga_budi.keluarga.wilayah
    assert keluarga_rina.kepala.nama == "Rina Wati"


def test_penduduk_pabrik_nik_unik_dan_sesuai_tanggal_lahir(desa):
    warga = [PendudukFactory(jenis_kelamin=jk) for jk in (1, 2) * 3]
    assert len({p.nik for p in warga}) == len(warga)
    for p in warga:
        hari, bulan, tahun, jk = tanggal_dari_nik(p.nik)
        assert (hari, bulan, tahun, jk) == (
            p.tanggal_lahir.day,
            p.tanggal_lahir.month,
            p.tanggal_lahir.year % 100,
            p.jenis_kelamin,
        )


def test_penduduk_pabrik_menolak_yang_ditolak_aplikasi(keluarga_budi):
    k = keluarga_budi.keluarga
    with pytest.raises(ValidationError, match="sudah memiliki kepala"), transaction.atomic():
        PendudukFactory(keluarga=k, shdk=kode.SHDK.KEPALA_KELUARGA)
    with pytest.raises(ValidationError, match="16 digit"), transaction.atomic():
        KeluargaFactory(no_kk="320101")


def test_rt_pabrik_mengisi_leluhur(desa):
    rt = RtFactory()
    assert rt.tingkat == Wilayah.Tingkat.RT
    assert (rt.rw_id, rt.dusun_id) == (rt.induk_id, rt.induk.induk_id)


def test_pabrik_lewat_layanan(desa):
    operator = StafFactory(peran="Operator")
    budi = PendudukFactory()
    akun = AkunMandiriFactory(penduduk=budi, pin="480315")
    assert check_password("480315", akun.pin) and not akun.wajib_ganti_pin
    surat = SuratFactory(penduduk=budi, oleh=operator)
    assert surat.status == surat.Status.DRAF and surat.nik_penduduk == budi.nik
    assert JenisSuratFactory().judul.startswith("SURAT KETERANGAN UJI")
    artikel = ArtikelFactory(status="terbit")
    assert artikel.publik and artikel.slug
    sk = PengangkatanFactory(jabatan="Kepala Desa")
    assert sk.jabatan.kepala_desa and sk.nomor_sk.startswith("141/")
