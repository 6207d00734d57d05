import datetime

import pytest
from django.core.exceptions import ValidationError

from penduduk import services
from penduduk.models import Peristiwa

D = datetime.date


@pytest.mark.django_db
def test_peristiwa_tidak_boleh_sebelum_peristiwa_terakhir(keluarga_budi, operator):
    _k, _kepala, _istri, anak = keluarga_budi
    services.peristiwa_pindah_keluar_catat(
        oleh=operator,
        penduduk=anak,
        tanggal_peristiwa=D(2026, 9, 10),
        tanggal_lapor=D(2026, 9, 10),
        jenis_pindah=1,
        alamat_tujuan="Bogor",
    )
    with pytest.raises(ValidationError) as e:
        services.peristiwa_kembali_catat(
            oleh=operator,
            penduduk=anak,
            tanggal_peristiwa=D(2026, 9, 1),
            tanggal_lapor=D(2026, 9, 12),
        )
    assert "tidak boleh sebelum peristiwa terakhir penduduk ini (PINDAH KELUAR 10-09-2026)" in str(
        e.value
    )
    assert Peristiwa.objects.filter(penduduk=anak).count() == 1
    k = services.peristiwa_kembali_catat(
        oleh=operator, penduduk=anak, tanggal_peristiwa=D(2026, 9, 20), tanggal_lapor=D(2026, 9, 21)
    )
    keluar = Peristiwa.objects.get(penduduk=anak, jenis=3)
    with pytest.raises(ValidationError) as e:
        services.peristiwa_update(
            oleh=operator,
            peristiwa=keluar,
            data={"tanggal_peristiwa": D(2026, 9, 25), "tanggal_lapor": D(2026, 9, 25)},
        )
    assert "tidak boleh setelah peristiwa berikutnya (KEMBALI DATANG 20-09-2026)" in str(e.value)
    services.peristiwa_update(
        oleh=operator, peristiwa=k, data={"tanggal_peristiwa": D(2026, 9, 15)}
    )
