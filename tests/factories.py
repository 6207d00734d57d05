"""factory_boy factories shared by the tests."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

SANDI_UJI = "sandi-uji-yang-panjang-123"


class StafFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staf{n}")
    first_name = "Staf"
    is_staff = True

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or SANDI_UJI)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def peran(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.groups.add(Group.objects.get(name=extracted))


def buat_rt(nama_dusun: str = "KRAJAN", rw: str = "001", rt: str = "001"):
    """Dusun → RW → RT with ancestors filled (direct ORM, for fast fixtures)."""
    from sid.models import Wilayah

    T = Wilayah.Tingkat
    d, _ = Wilayah.objects.get_or_create(tingkat=T.DUSUN, nama=nama_dusun, induk=None)
    if d.dusun_id != d.pk:
        d.dusun_id = d.pk
        d.save(update_fields=["dusun"])
    w, _ = Wilayah.objects.get_or_create(tingkat=T.RW, nama=rw, induk=d, defaults={"dusun": d})
    if w.rw_id != w.pk:
        w.rw_id = w.pk
        w.save(update_fields=["rw"])
    t, _ = Wilayah.objects.get_or_create(
        tingkat=T.RT, nama=rt, induk=w, defaults={"dusun": d, "rw": w}
    )
    return t


def nik_untuk(tanggal_lahir, jenis_kelamin: int, urut: int, wilayah: str = "320101") -> str:
    """A NIK consistent with its birth date and sex (day + 40 for women)."""
    hari = tanggal_lahir.day + (40 if jenis_kelamin == 2 else 0)
    return f"{wilayah}{hari:02d}{tanggal_lahir.month:02d}{tanggal_lahir.year % 100:02d}{urut:04d}"


class KeluargaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "keluarga.Keluarga"

    no_kk = factory.Sequence(lambda n: f"3201010101{n:06d}")
    alamat = "Jl. Raya Sukamaju"
    wilayah = factory.LazyFunction(buat_rt)


class PendudukFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "penduduk.Penduduk"

    nama = factory.Sequence(lambda n: f"Warga Uji {chr(65 + n % 26)}")
    jenis_kelamin = 1
    tempat_lahir = "Bogor"
    tanggal_lahir = factory.Sequence(lambda n: __import__("datetime").date(1980, 1, 1 + n % 28))
    nik = factory.LazyAttributeSequence(
        lambda o, n: nik_untuk(o.tanggal_lahir, o.jenis_kelamin, n + 1)
    )
    agama = 1
    pendidikan_kk = 5
    pekerjaan = 9
    status_kawin = 1
    wilayah = factory.LazyAttribute(lambda o: o.keluarga.wilayah if o.keluarga else buat_rt())
    keluarga = None
    shdk = None


def data_penduduk(**ubah):
    """Valid biodata for services (a male born 1 January 1990, NIK consistent)."""
    import datetime

    data = {
        "nik": "3201010101900001",
        "nama": "Budi Santoso",
        "jenis_kelamin": 1,
        "tempat_lahir": "Bogor",
        "tanggal_lahir": datetime.date(1990, 1, 1),
        "agama": 1,
        "pendidikan_kk": 5,
        "pekerjaan": 9,
        "status_kawin": 1,
    }
    data.update(ubah)
    return data


class PerangkatFactory(factory.django.DjangoModelFactory):
    """An official with their own identity (not linked to the register)."""

    class Meta:
        model = "perangkat.Perangkat"

    nama = factory.Sequence(lambda n: f"Perangkat Uji {chr(65 + n % 26)}{n}")
    jenis_kelamin = 1
    tempat_lahir = "Bogor"
    tanggal_lahir = factory.Sequence(lambda n: __import__("datetime").date(1975, 1, 1 + n % 28))
    agama = 1
    pendidikan = 5


def buat_jabatan_bawaan() -> dict:
    """The standard posts by name, as the data migration seeds them (re-created here because
    transactional tests flush the seeded rows)."""
    import importlib

    from perangkat.models import Jabatan

    bawaan = importlib.import_module("perangkat.migrations.0002_jabatan_bawaan").JABATAN
    hasil = {}
    for nama, urutan, kades, sekdes, tunggal, per_dusun in bawaan:
        hasil[nama], _ = Jabatan.objects.get_or_create(
            nama=nama,
            defaults={
                "urutan": urutan,
                "kepala_desa": kades,
                "sekretaris": sekdes,
                "tunggal": tunggal,
                "per_dusun": per_dusun,
            },
        )
    return hasil
