"""A small known village for the statistics and report tests."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from penduduk.models import _tahun_lalu
from sid import kode
from tests.factories import KeluargaFactory, PendudukFactory, buat_rt

S = kode.SHDK
K = kode.StatusKawin


def lahir(umur: int, hari: int = 40) -> datetime.date:
    """A birth date giving exactly `umur` whole years today (`hari` days past the birthday)."""
    return _tahun_lalu(timezone.localdate(), umur) - datetime.timedelta(days=hari)


@pytest.fixture
def rt_krajan(desa):
    return buat_rt("KRAJAN", "001", "001")


@pytest.fixture
def rt_sukasari(desa):
    return buat_rt("SUKASARI", "002", "003")


@pytest.fixture
def populasi(rt_krajan, rt_sukasari):
    """Seven records: five living in KRAJAN/SUKASARI, a dead one, a living foreigner.

    | nama  | jk | umur | kawin | wilayah  | notes                                        |
    | Budi  | L  | 46   | KAWIN | KRAJAN   | head KK1, gol A, ktp-el, suku Jawa, BPJS PBI |
    | Siti  | P  | 43   | KAWIN | KRAJAN   | wife, hamil, KB pil, akta, ktp-el, "jawa "    |
    | Adi   | L  | 18   | BELUM | KRAJAN   | son, akta, KTP belum, suku empty             |
    | Rina  | P  | 36   | CERAI | SUKASARI | head KK2, hamil tidak, suku Sunda, S1        |
    | Dewi  | P  | 14   | BELUM | SUKASARI | daughter KK2, KIA (not wajib KTP)            |
    | Tono  | L  | 26   | BELUM | KRAJAN   | MATI: never counted                          |
    | Joko  | L  | 76   | KAWIN | SUKASARI | no KK, WNA, TIDAK TETAP, KB kondom           |
    """
    kk1 = KeluargaFactory(no_kk="3201010101230001", wilayah=rt_krajan, kelas_sosial=2)
    kk2 = KeluargaFactory(no_kk="3201010101230002", wilayah=rt_sukasari, kelas_sosial=None)
    orang = {}

    def buat(nama, **kw):
        orang[nama] = PendudukFactory(nama=nama, **kw)
        return orang[nama]

    buat("Budi", jenis_kelamin=1, tanggal_lahir=lahir(46), status_kawin=K.KAWIN, keluarga=kk1,
         shdk=S.KEPALA_KELUARGA, pendidikan_kk=5, golongan_darah=1, ktp_el=2, suku="Jawa",
         asuransi=2, pekerjaan=9)  # fmt: skip
    buat("Siti", jenis_kelamin=2, tanggal_lahir=lahir(43), status_kawin=K.KAWIN, keluarga=kk1,
         shdk=S.ISTRI, pendidikan_kk=4, hamil=1, cara_kb=1, akta_lahir="AL-0001", ktp_el=2,
         suku="jawa ", asuransi=2, pekerjaan=2)  # fmt: skip
    buat("Adi", jenis_kelamin=1, tanggal_lahir=lahir(18), status_kawin=K.BELUM_KAWIN,
         keluarga=kk1, shdk=S.ANAK, pendidikan_kk=5, akta_lahir="AL-0002", ktp_el=1,
         pendidikan_sedang=11, pekerjaan=3)  # fmt: skip
    buat("Rina", jenis_kelamin=2, tanggal_lahir=lahir(36), status_kawin=K.CERAI_HIDUP,
         keluarga=kk2, shdk=S.KEPALA_KELUARGA, pendidikan_kk=8, hamil=2, suku="SUNDA",
         pekerjaan=88)  # fmt: skip
    buat("Dewi", jenis_kelamin=2, tanggal_lahir=lahir(14), status_kawin=K.BELUM_KAWIN,
         keluarga=kk2, shdk=S.ANAK, pendidikan_kk=2, ktp_el=3, pendidikan_sedang=6,
         pekerjaan=3)  # fmt: skip
    buat("Tono", jenis_kelamin=1, tanggal_lahir=lahir(26), status_kawin=K.BELUM_KAWIN,
         wilayah=rt_krajan, status_dasar=kode.StatusDasar.MATI, pendidikan_kk=5, suku="Jawa",
         golongan_darah=1)  # fmt: skip
    buat("Joko", jenis_kelamin=1, tanggal_lahir=lahir(76), status_kawin=K.KAWIN,
         wilayah=rt_sukasari, warganegara=kode.WargaNegara.WNA,
         status_penduduk=kode.StatusPenduduk.TIDAK_TETAP, cara_kb=4, pendidikan_kk=5,
         pekerjaan=1)  # fmt: skip
    return orang


@pytest.fixture
def operator(buat_staf):
    return buat_staf("Operator", username="operator")


@pytest.fixture
def klien_operator(client, operator):
    client.force_login(operator)
    return client


@pytest.fixture(autouse=True)
def _berkas_laporan_di_penyimpanan_uji(settings):
    """Point LaporanBerkas.berkas at the per-test private storage (a FileField evaluates its
    callable storage once, at import, so the root conftest's settings override misses it)."""
    from django.core.files.storage import storages

    from penduduk.models import LaporanBerkas

    field = LaporanBerkas._meta.get_field("berkas")
    asli = field.storage
    field.storage = storages["privat"]
    yield
    field.storage = asli
