"""Family invariants: one living head, SHDK follows the head, only TETAP residents in a KK."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from keluarga import services as kk
from keluarga.models import Keluarga
from penduduk import services
from penduduk.models import Penduduk
from sid import kode
from tests.factories import PendudukFactory, data_penduduk

pytestmark = pytest.mark.django_db
S = kode.SHDK


def test_kepala_kedua_ditolak_service(operator, keluarga_budi):
    k, kepala, *_ = keluarga_budi
    with pytest.raises(ValidationError, match="sudah memiliki kepala keluarga \\(Budi Santoso\\)"):
        services.penduduk_create(
            oleh=operator,
            data=data_penduduk(
                nik="3201010101910009", nama="Dodi", tanggal_lahir=datetime.date(1991, 1, 1)
            ),
            keluarga=k,
            shdk=S.KEPALA_KELUARGA,
            konfirmasi=True,
        )
    assert k.anggota.count() == 3


def test_kepala_kedua_ditolak_database_lewat_orm(keluarga_budi):
    k, *_ = keluarga_budi
    with pytest.raises(IntegrityError), transaction.atomic():
        PendudukFactory(keluarga=k, shdk=S.KEPALA_KELUARGA, periksa=False)


def test_kepala_lama_yang_mati_tidak_menghalangi_kepala_baru_di_database(keluarga_budi):
    k, kepala, istri, _ = keluarga_budi
    Penduduk.objects.filter(pk=kepala.pk).update(status_dasar=kode.StatusDasar.MATI)
    Penduduk.objects.filter(pk=istri.pk).update(
        shdk=S.KEPALA_KELUARGA
    )  # allowed: one *living* head


def test_istri_di_bawah_kepala_belum_kawin_ditolak(operator, rt):
    k = kk.keluarga_create(oleh=operator, no_kk="3201010101230099", wilayah=rt)
    services.penduduk_create(
        oleh=operator, data=data_penduduk(), keluarga=k, shdk=S.KEPALA_KELUARGA
    )
    with pytest.raises(ValidationError, match="tidak berstatus KAWIN"):
        services.penduduk_create(
            oleh=operator,
            data=data_penduduk(nik="3201014101900002", nama="Rina", jenis_kelamin=2),
            keluarga=k,
            shdk=S.ISTRI,
        )


def test_penduduk_tidak_tetap_tidak_boleh_masuk_kk(operator, keluarga_budi):
    k, *_ = keluarga_budi
    with pytest.raises(ValidationError, match="Hanya penduduk TETAP"):
        services.penduduk_create(
            oleh=operator,
            data=data_penduduk(status_penduduk=2, nik="3201010101900007"),
            keluarga=k,
            shdk=S.FAMILI_LAIN,
            konfirmasi=True,
        )


def test_penduduk_tidak_tetap_di_kk_ditolak_database(keluarga_budi):
    k, *_ = keluarga_budi
    with pytest.raises(IntegrityError), transaction.atomic():
        PendudukFactory(keluarga=k, shdk=S.FAMILI_LAIN, status_penduduk=2, periksa=False)


def test_no_kk_15_digit_ditolak(operator, rt):
    with pytest.raises(ValidationError, match="16 digit"):
        kk.keluarga_create(oleh=operator, no_kk="320101010123001", wilayah=rt)
    assert not Keluarga.objects.exists()


def test_no_kk_sementara(operator, rt):
    k = kk.keluarga_create(oleh=operator, no_kk="0", wilayah=rt)
    assert k.no_kk == "0320101200100001" and k.no_kk_sementara


def test_pindah_rt_keluarga_memindahkan_anggota_tanpa_peristiwa(operator, keluarga_budi):
    from tests.factories import buat_rt

    k, kepala, istri, anak = keluarga_budi
    rt_baru = buat_rt(rt="005")
    services.keluarga_update(oleh=operator, keluarga=k, data={"wilayah": rt_baru})
    assert set(Penduduk.objects.filter(keluarga=k).values_list("wilayah", flat=True)) == {
        rt_baru.pk
    }
    assert not kepala.peristiwa.exists()
    from sid.models import LogAktivitas

    assert LogAktivitas.objects.filter(
        object_id=str(anak.pk), perubahan__has_key="wilayah"
    ).exists()


def test_anggota_kk_selalu_tinggal_di_rt_keluarga(operator, keluarga_budi):
    from tests.factories import buat_rt

    k, kepala, *_ = keluarga_budi
    services.penduduk_update(oleh=operator, penduduk=kepala, data={"wilayah": buat_rt(rt="009")})
    kepala.refresh_from_db()
    assert kepala.wilayah_id == k.wilayah_id


def test_daftar_anggota_urut_shdk(keluarga_budi):
    k, kepala, istri, anak = keluarga_budi
    assert list(k.anggota.order_by("shdk")) == [kepala, istri, anak]
