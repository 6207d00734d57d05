"""Programmes and recipients: services, back office, demo filler."""

from __future__ import annotations

import datetime
import random

import pytest
from django.core.exceptions import ValidationError

from bantuan import services
from bantuan.models import Peserta, Program, Sasaran
from sid import kode
from sid.models import LogAktivitas
from tests.factories import KeluargaFactory, PendudukFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(buat_staf):
    return buat_staf("Operator", username="operator")


def _program(**ubah):
    data = {"nama": "PKH", "sasaran": Sasaran.KELUARGA, "sumber_dana": 1}
    data.update(ubah)
    return services.program_create(oleh=None, data=data)


def test_program_dibuat_dengan_audit(operator, desa):
    p = services.program_create(
        oleh=operator,
        data={
            "nama": " BLT  Dana Desa ",
            "sasaran": Sasaran.KELUARGA,
            "sumber_dana": 4,
            "tanggal_mulai": datetime.date(2026, 1, 1),
            "tanggal_selesai": datetime.date(2026, 12, 31),
        },
    )
    assert p.nama == "BLT Dana Desa"
    assert LogAktivitas.objects.filter(aksi="buat", pengguna=operator, object_id=str(p.pk)).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"nama": ""}, "nama"),
        ({"nama": "pkh"}, "nama"),  # the same name, any case
        ({"sasaran": 3}, "sasaran"),
        (
            {
                "tanggal_mulai": datetime.date(2026, 5, 1),
                "tanggal_selesai": datetime.date(2026, 1, 1),
            },
            "tanggal_selesai",
        ),
    ],
)
def test_program_tidak_sah_ditolak_tanpa_menulis(desa, data, field):
    _program()
    with pytest.raises(ValidationError) as e:
        services.program_create(
            oleh=None, data={"nama": "Lain", "sasaran": 1, "sumber_dana": 1, **data}
        )
    assert field in e.value.message_dict
    assert Program.objects.count() == 1


def test_peserta_harus_sesuai_sasaran_dan_tidak_ganda(desa):
    k = KeluargaFactory()
    orang = PendudukFactory(keluarga=k, shdk=kode.SHDK.KEPALA_KELUARGA)
    pkh = _program()
    with pytest.raises(ValidationError, match="untuk keluarga"):
        services.peserta_create(oleh=None, program=pkh, penduduk=orang)
    ps = services.peserta_create(oleh=None, program=pkh, keluarga=k, nomor_kartu="123")
    assert ps.kartu_nama == orang.nama and ps.kartu_nik == orang.nik
    with pytest.raises(ValidationError, match="sudah menjadi peserta"):
        services.peserta_create(oleh=None, program=pkh, keluarga=k)
    assert Peserta.objects.count() == 1


def test_penduduk_meninggal_tidak_bisa_jadi_peserta(desa):
    p = PendudukFactory()
    type(p).objects.filter(pk=p.pk).update(status_dasar=kode.StatusDasar.MATI)
    p.refresh_from_db()
    pip = _program(nama="PIP", sasaran=Sasaran.PENDUDUK)
    with pytest.raises(ValidationError, match="masih hidup"):
        services.peserta_create(oleh=None, program=pip, penduduk=p)
    assert not Peserta.objects.exists()


def test_program_berpeserta_tidak_bisa_dihapus_atau_diganti_sasarannya(desa):
    k = KeluargaFactory()
    pkh = _program()
    services.peserta_create(oleh=None, program=pkh, keluarga=k)
    with pytest.raises(ValidationError, match="masih memiliki 1 peserta"):
        services.program_hapus(oleh=None, program=pkh)
    with pytest.raises(ValidationError) as e:
        services.program_update(oleh=None, program=pkh, data={"sasaran": Sasaran.PENDUDUK})
    assert "sasaran" in e.value.message_dict
    assert Program.objects.get().sasaran == Sasaran.KELUARGA


def test_operator_mengelola_program_dan_peserta_lewat_admin(client, operator, desa):
    client.force_login(operator)
    r = client.post(
        "/admin/bantuan/program/add/",
        {"nama": "PIP", "sasaran": 1, "sumber_dana": 1, "keterangan": "Beasiswa"},
    )
    assert r.status_code == 302
    pip = Program.objects.get()
    r = client.post("/admin/bantuan/program/add/", {"nama": "pip", "sasaran": 1, "sumber_dana": 1})
    assert r.status_code == 200 and "sudah ada" in r.content.decode()
    anak = PendudukFactory(nama="Anak Sekolah")
    r = client.post(
        "/admin/bantuan/peserta/add/",
        {"program": pip.pk, "penduduk": anak.pk, "nomor_kartu": "PIP-9"},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    ps = Peserta.objects.get()
    assert ps.kartu_nama == "Anak Sekolah" and ps.nomor_kartu == "PIP-9"
    r = client.post("/admin/bantuan/peserta/add/", {"program": pip.pk, "penduduk": anak.pk})
    assert "sudah menjadi peserta" in r.content.decode()
    teks = client.get("/admin/bantuan/program/").content.decode()
    assert "PIP" in teks
    teks = client.get(f"/admin/bantuan/peserta/?program__id__exact={pip.pk}").content.decode()
    assert "Anak Sekolah" in teks
    # The Operator role has no delete permission.
    assert (
        client.post(f"/admin/bantuan/peserta/{ps.pk}/delete/", {"post": "yes"}).status_code == 403
    )


def test_administrator_menghapus_peserta_dengan_audit(klien_admin, desa):
    pip = _program(nama="PIP", sasaran=Sasaran.PENDUDUK)
    ps = services.peserta_create(oleh=None, program=pip, penduduk=PendudukFactory())
    r = klien_admin.post(f"/admin/bantuan/peserta/{ps.pk}/delete/", {"post": "yes"})
    assert r.status_code == 302 and not Peserta.objects.exists()
    assert LogAktivitas.objects.filter(aksi="hapus").exists()
    r = klien_admin.post(f"/admin/bantuan/program/{pip.pk}/delete/", {"post": "yes"})
    assert not Program.objects.exists()


def test_pengisi_demo_membuat_program_dan_peserta_sekali(desa):
    for _ in range(6):
        k = KeluargaFactory()
        PendudukFactory(keluarga=k, shdk=kode.SHDK.KEPALA_KELUARGA)
        PendudukFactory(tanggal_lahir=datetime.date(2015, 3, 1))
    from bantuan.demo import isi_demo

    hari_ini = datetime.date(2026, 11, 21)
    ringkasan = isi_demo(rng=random.Random(1), tanggal_mulai=hari_ini, hari_ini=hari_ini)
    assert "program" in ringkasan
    assert Program.objects.count() == 4 and Peserta.objects.count() > 0
    assert isi_demo(rng=random.Random(1), tanggal_mulai=hari_ini, hari_ini=hari_ini) is None
