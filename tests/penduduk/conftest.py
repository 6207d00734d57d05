import datetime

import pytest

from sid import kode
from tests.factories import KeluargaFactory, PendudukFactory, buat_rt


@pytest.fixture
def rt(desa):
    return buat_rt()


@pytest.fixture
def keluarga_budi(rt):
    """A married head (Budi), his wife (Siti) and a son (Adi)."""
    k = KeluargaFactory(no_kk="3201010101230001", wilayah=rt)
    kepala = PendudukFactory(
        nama="Budi Santoso",
        keluarga=k,
        shdk=kode.SHDK.KEPALA_KELUARGA,
        status_kawin=2,
        tanggal_lahir=datetime.date(1980, 5, 17),
        jenis_kelamin=1,
        nik="3201011705800001",
    )
    istri = PendudukFactory(
        nama="Siti Aminah",
        keluarga=k,
        shdk=kode.SHDK.ISTRI,
        status_kawin=2,
        jenis_kelamin=2,
        tanggal_lahir=datetime.date(1983, 2, 3),
        nik="3201014302830002",
    )
    anak = PendudukFactory(
        nama="Adi Santoso",
        keluarga=k,
        shdk=kode.SHDK.ANAK,
        jenis_kelamin=1,
        tanggal_lahir=datetime.date(2008, 7, 9),
        nik="3201010907080003",
    )
    return k, kepala, istri, anak


@pytest.fixture
def operator(buat_staf):
    return buat_staf("Operator", username="operator")


@pytest.fixture
def klien_operator(client, operator, desa):
    client.force_login(operator)
    return client
