"""sid.lib.db.sisip_massal writes what bulk_create writes (COPY on PostgreSQL)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict

from keluarga.models import Keluarga
from penduduk.models import Penduduk
from sid.lib.db import sisip_massal
from sid.models import LogAktivitas
from tests.factories import buat_rt

ABAIKAN = {"id", "uuid", "dibuat", "diperbarui", "keluarga", "waktu"}


def _keluarga(rt, awal: int, n: int) -> list[Keluarga]:
    return [
        Keluarga(no_kk=f"32010101010{i:05d}", alamat=f"Jl. Mawar\t{i}\\", wilayah=rt, aktif=i % 2)
        for i in range(awal, awal + n)
    ]


def _penduduk(keluarga: list[Keluarga]) -> list[Penduduk]:
    return [
        Penduduk(
            nik=f"32010150018{i:05d}",
            nama=f"WARGA 'UJI' {i}",
            jenis_kelamin=1 + i % 2,
            tempat_lahir="BOGOR",
            tanggal_lahir=datetime.date(2000, 1, 1 + i % 28),
            agama=True if i == 0 else 1,  # a bool in an integer field is written as 1
            keluarga=k,
            wilayah=k.wilayah,
            shdk=1,
            pendidikan_kk=1,
            pekerjaan=1,
            status_kawin=1,
            lat=Decimal("-6.4815000") if i % 2 else None,
            catatan="baris\nkedua" if i == 1 else "",
        )
        for i, k in enumerate(keluarga)
    ]


def _isi(model) -> list[dict]:
    baris = []
    for obj in model.objects.order_by("pk"):
        d = {k: v for k, v in model_to_dict(obj).items() if k not in ABAIKAN}
        baris.append(d)
    return baris


@pytest.mark.django_db
def test_sisip_massal_menulis_sama_dengan_bulk_create():
    rt = buat_rt()
    ct = ContentType.objects.get_for_model(Penduduk)
    hasil = {}
    for cara in ("bulk_create", "sisip_massal"):
        with transaction.atomic():
            kk = _keluarga(rt, 0, 5)
            warga = _penduduk(kk)
            log = [
                LogAktivitas(
                    pelaku="uji",
                    ip="10.0.0.1" if i else None,
                    aksi="buat",
                    content_type=ct,
                    object_id=str(i),
                    objek="x",
                    perubahan={"nama": [None, f"A'\"{i}"], "angka": [1, 2.5], "ya": True},
                )
                for i in range(3)
            ]
            if cara == "bulk_create":
                Keluarga.objects.bulk_create(kk)
                Penduduk.objects.bulk_create(warga)
                LogAktivitas.objects.bulk_create(log)
            else:
                sisip_massal(Keluarga, kk, batch_size=2)
                sisip_massal(Penduduk, warga, batch_size=2)
                sisip_massal(LogAktivitas, log)
            assert all(o.pk and not o._state.adding for o in [*kk, *warga, *log])
            assert [p.keluarga_id for p in warga] == [k.pk for k in kk]
            assert list(Penduduk.objects.order_by("pk").values_list("pk", flat=True)) == [
                p.pk for p in warga
            ]
            assert all(k.dibuat and k.diperbarui for k in Keluarga.objects.all())
            hasil[cara] = (_isi(Keluarga), _isi(Penduduk), _isi(LogAktivitas))
            transaction.set_rollback(True)
    assert hasil["sisip_massal"] == hasil["bulk_create"]
    assert hasil["bulk_create"][1][0]["agama"] == 1


@pytest.mark.django_db(transaction=True)
def test_sisip_massal_nomor_ganda_integrity_error():
    rt = buat_rt()
    sisip_massal(Keluarga, _keluarga(rt, 0, 2))
    with pytest.raises(IntegrityError), transaction.atomic():
        sisip_massal(Keluarga, _keluarga(rt, 1, 2))
    assert Keluarga.objects.count() == 2
