"""The shared test village: the families most tests meet, built in one place.

Dusun KRAJAN / RW 001 / RT 001 holds the Budi family (KK 3201010101230001, Jl. Melati No. 5):
Budi Santoso (head, married), Siti Aminah (wife) and Adi Santoso (son, his parents' names
filled). RT 002 holds the Rina family: Rina Wati (widowed head) and her son Bayu Pratama.

Fixtures `keluarga_budi` and `keluarga_rina` (tests/conftest.py) return these; letter tests call
the builders directly. Each returns a named tuple, so both `k, budi, siti, adi = keluarga_budi`
and `keluarga_budi.kepala` work.
"""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

from sid import kode
from tests.factories import KeluargaFactory, PendudukFactory, buat_rt

NO_KK_BUDI = "3201010101230001"
NIK_BUDI = "3201011705800001"
NIK_SITI = "3201014302830002"
NIK_ADI = "3201010907080003"
NO_KK_RINA = "3201010101230002"
NIK_RINA = "3201016109750004"
NIK_BAYU = "3201011403010005"


class KeluargaBudi(NamedTuple):
    keluarga: Any
    kepala: Any
    istri: Any
    anak: Any


class KeluargaRina(NamedTuple):
    keluarga: Any
    kepala: Any
    anak: Any


def keluarga_budi() -> KeluargaBudi:
    """A married head (Budi), his wife (Siti) and a son (Adi) in KRAJAN RW 001 RT 001."""
    k = KeluargaFactory(no_kk=NO_KK_BUDI, wilayah=buat_rt(), alamat="Jl. Melati No. 5")
    budi = PendudukFactory(
        nama="Budi Santoso",
        keluarga=k,
        shdk=kode.SHDK.KEPALA_KELUARGA,
        status_kawin=kode.StatusKawin.KAWIN,
        jenis_kelamin=kode.JenisKelamin.LAKI_LAKI,
        tanggal_lahir=datetime.date(1980, 5, 17),
        nik=NIK_BUDI,
    )
    siti = PendudukFactory(
        nama="Siti Aminah",
        keluarga=k,
        shdk=kode.SHDK.ISTRI,
        status_kawin=kode.StatusKawin.KAWIN,
        jenis_kelamin=kode.JenisKelamin.PEREMPUAN,
        tanggal_lahir=datetime.date(1983, 2, 3),
        nik=NIK_SITI,
    )
    adi = PendudukFactory(
        nama="Adi Santoso",
        keluarga=k,
        shdk=kode.SHDK.ANAK,
        jenis_kelamin=kode.JenisKelamin.LAKI_LAKI,
        tanggal_lahir=datetime.date(2008, 7, 9),
        nik=NIK_ADI,
        nama_ayah=budi.nama,
        nama_ibu=siti.nama,
    )
    return KeluargaBudi(k, budi, siti, adi)


def keluarga_rina() -> KeluargaRina:
    """Another family in another RT (KRAJAN RW 001 RT 002): Rina (widowed head), her son Bayu."""
    k = KeluargaFactory(no_kk=NO_KK_RINA, wilayah=buat_rt(rt="002"), alamat="Jl. Mawar 2")
    rina = PendudukFactory(
        nama="Rina Wati",
        keluarga=k,
        shdk=kode.SHDK.KEPALA_KELUARGA,
        jenis_kelamin=kode.JenisKelamin.PEREMPUAN,
        status_kawin=kode.StatusKawin.CERAI_MATI,
        tanggal_lahir=datetime.date(1975, 9, 21),
        nik=NIK_RINA,
    )
    bayu = PendudukFactory(
        nama="Bayu Pratama",
        keluarga=k,
        shdk=kode.SHDK.ANAK,
        jenis_kelamin=kode.JenisKelamin.LAKI_LAKI,
        tanggal_lahir=datetime.date(2001, 3, 14),
        nik=NIK_BAYU,
    )
    return KeluargaRina(k, rina, bayu)


def lahirkan(oleh, keluarga, nama: str, tanggal_lahir: datetime.date, **data):
    """A daughter born in Bogor into `keluarga`, recorded today through the birth service."""
    from penduduk import services

    return services.peristiwa_kelahiran_catat(
        oleh=oleh,
        keluarga=keluarga,
        data={"nama": nama, "jenis_kelamin": 2, "tempat_lahir": "Bogor",
              "tanggal_lahir": tanggal_lahir, **data},
        tanggal_lapor=datetime.date.today(),
    )  # fmt: skip
