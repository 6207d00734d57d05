"""factory_boy factories shared by the tests: one per main model (docs/pengujian.md).

Rows are written through the app's own rules, so a factory never makes data the app would
refuse: a resident is saved with `simpan_penduduk` (NIK 16 digits and unique, SHDK rules, the
lowest wilayah level), a wilayah is checked by `validasi_wilayah`, a KK by the No. KK rule, and a
letter, a letter type, an article, an appointment and a portal account go through their services.
Unique values come from sequences, never from fixed primary keys, so the same factories run on
PostgreSQL and SQLite.

The shared village (the Budi family and its wilayah) is built in `tests/desa_uji.py`.
"""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from sid import peran

SANDI_UJI = "sandi-uji-yang-panjang-123"
TMT = datetime.date(2024, 1, 2)


# --- staff ---------------------------------------------------------------------------------------


class StafFactory(factory.django.DjangoModelFactory):
    """A back-office user; `peran=` one of sid.peran's roles (a Group seeded by migration)."""

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
            assert extracted in peran.SEMUA_PERAN, f"Peran tidak dikenal: {extracted}"
            obj.groups.add(Group.objects.get(name=extracted))


# --- wilayah -------------------------------------------------------------------------------------


def buat_rt(nama_dusun: str = "KRAJAN", rw: str = "001", rt: str = "001"):
    """The named Dusun → RW → RT, created once and found again (idempotent, for fixtures)."""
    from sid.models import Wilayah

    T = Wilayah.Tingkat
    d = Wilayah.objects.filter(tingkat=T.DUSUN, nama=nama_dusun, induk=None).first()
    d = d or DusunFactory(nama=nama_dusun)
    w = Wilayah.objects.filter(tingkat=T.RW, nama=rw, induk=d).first() or RwFactory(
        nama=rw, induk=d
    )
    return Wilayah.objects.filter(tingkat=T.RT, nama=rt, induk=w).first() or RtFactory(
        nama=rt, induk=w
    )


class _WilayahFactory(factory.django.DjangoModelFactory):
    """The level rules of `wilayah_create` (`validasi_wilayah`, model constraints) and its
    cached `dusun`/`rw` ancestors, without its audit entry: the village's wilayah exist before
    whatever a test does, and tests read the audit log."""

    class Meta:
        model = "sid.Wilayah"
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from sid.services import validasi_wilayah

        w = model_class(*args, **kwargs)
        validasi_wilayah(w)
        w.full_clean()
        w.save()
        induk = w.induk
        w.dusun_id = induk.dusun_id if induk else w.pk
        w.rw_id = w.pk if w.tingkat == w.Tingkat.RW else getattr(induk, "rw_id", None)
        w.save(update_fields=["dusun", "rw"])
        return w


class DusunFactory(_WilayahFactory):
    tingkat = 1
    nama = factory.Sequence(lambda n: f"DUSUN UJI {n}")
    induk = None


class RwFactory(_WilayahFactory):
    tingkat = 2
    nama = factory.Sequence(lambda n: f"{n % 1000:03d}")
    induk = factory.SubFactory(DusunFactory)


class RtFactory(_WilayahFactory):
    tingkat = 3
    nama = factory.Sequence(lambda n: f"{n % 1000:03d}")
    induk = factory.SubFactory(RwFactory)


# --- penduduk and keluarga -----------------------------------------------------------------------


def nik_untuk(tanggal_lahir, jenis_kelamin: int, urut: int, wilayah: str = "320101") -> str:
    """A NIK consistent with its birth date and sex (day + 40 for women)."""
    hari = tanggal_lahir.day + (40 if jenis_kelamin == 2 else 0)
    return f"{wilayah}{hari:02d}{tanggal_lahir.month:02d}{tanggal_lahir.year % 100:02d}{urut:04d}"


class KeluargaFactory(factory.django.DjangoModelFactory):
    """A KK with a valid 16-digit No. KK (no members: add them with PendudukFactory)."""

    class Meta:
        model = "keluarga.Keluarga"

    no_kk = factory.Sequence(lambda n: f"3201010101{n % 1_000_000:06d}")
    alamat = "Jl. Raya Sukamaju"
    wilayah = factory.LazyFunction(buat_rt)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from sid.lib.nomor import validasi_nomor_16
        from sid.services import tingkat_terendah

        k = model_class(*args, **kwargs)
        validasi_nomor_16(k.no_kk, "Nomor KK")
        assert k.wilayah.tingkat == tingkat_terendah(), "Keluarga harus di tingkat terendah (RT)."
        k.full_clean()
        k.save()
        return k


class PendudukFactory(factory.django.DjangoModelFactory):
    """A resident saved with the app's rules (`simpan_penduduk`): NIK consistent with the birth
    date and sex, SHDK allowed by the family head. `periksa=False` writes the row as given, for
    tests of records the rules would refuse (data imported before a rule existed)."""

    class Meta:
        model = "penduduk.Penduduk"

    nama = factory.Sequence(lambda n: f"Warga Uji {chr(65 + n % 26)}")
    jenis_kelamin = 1
    tempat_lahir = "Bogor"
    tanggal_lahir = factory.Sequence(lambda n: datetime.date(1980, 1, 1 + n % 28))
    nik = factory.LazyAttributeSequence(
        lambda o, n: nik_untuk(o.tanggal_lahir, o.jenis_kelamin, n % 9999 + 1)
    )
    agama = 1
    pendidikan_kk = 5
    pekerjaan = 9
    status_kawin = 1
    wilayah = factory.LazyAttribute(lambda o: o.keluarga.wilayah if o.keluarga else buat_rt())
    keluarga = None
    shdk = None
    periksa = True

    @classmethod
    def _create(cls, model_class, *args, periksa=True, **kwargs):
        from penduduk.services.biodata import simpan_penduduk

        p = model_class(*args, **kwargs)
        if periksa:
            simpan_penduduk(p, konfirmasi=True)
        else:
            p.save()
        return p


def data_penduduk(**ubah):
    """Valid biodata for services (a male born 1 January 1990, NIK consistent)."""
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


# --- Layanan Mandiri -----------------------------------------------------------------------------


class AkunMandiriFactory(factory.django.DjangoModelFactory):
    """A portal account made by `akun_mandiri_create` (living resident, real NIK), then given a
    PIN the test knows: AkunMandiriFactory(penduduk=budi, pin="480315")."""

    class Meta:
        model = "mandiri.AkunMandiri"

    penduduk = factory.SubFactory(PendudukFactory)
    pin = "480315"
    wajib_ganti_pin = False

    @classmethod
    def _create(cls, model_class, *, penduduk, pin, wajib_ganti_pin, **kwargs):
        from django.contrib.auth.hashers import make_password

        from mandiri.pin import hasher_pin
        from mandiri.services import akun_mandiri_create

        akun, _pin_acak = akun_mandiri_create(oleh=kwargs.pop("oleh", None), penduduk=penduduk)
        akun.pin = make_password(pin, hasher=hasher_pin())
        akun.wajib_ganti_pin = wajib_ganti_pin
        for nama, nilai in kwargs.items():
            setattr(akun, nama, nilai)
        akun.save()
        return akun


# --- surat ---------------------------------------------------------------------------------------


class JenisSuratFactory(factory.django.DjangoModelFactory):
    """A village's own letter type through `jenis_surat_create` (template sanitised)."""

    class Meta:
        model = "surat.JenisSurat"

    nama = factory.Sequence(lambda n: f"Keterangan Uji {n}")
    kode_surat = "474"
    isi = "<p>Yang bertanda tangan di bawah ini menerangkan bahwa [nama] warga desa kami.</p>"
    isian = factory.LazyFunction(list)

    @classmethod
    def _create(cls, model_class, **data):
        from surat.services import jenis_surat_create

        return jenis_surat_create(oleh=data.pop("oleh", None), data=data, konfirmasi=True)


class SuratFactory(factory.django.DjangoModelFactory):
    """A draft letter through `surat_create` (resident checked against the type's rules)."""

    class Meta:
        model = "surat.Surat"

    jenis = factory.SubFactory(JenisSuratFactory)
    penduduk = factory.SubFactory(PendudukFactory)
    isian = factory.LazyFunction(dict)
    oleh = None

    @classmethod
    def _create(cls, model_class, *, jenis, penduduk, isian, oleh):
        from surat.services import surat_create

        return surat_create(oleh=oleh, jenis=jenis, penduduk=penduduk, isian=isian)


# --- konten --------------------------------------------------------------------------------------


class ArtikelFactory(factory.django.DjangoModelFactory):
    """An article through `artikel_create` (HTML sanitised, slug unique). `penulis=` writes it as
    that user (a Kontributor's is always a draft); `status="terbit"` publishes it."""

    class Meta:
        model = "konten.Artikel"

    judul = factory.Sequence(lambda n: f"Kerja bakti ke-{n} di Dusun Krajan")
    isi = "<p>Warga membersihkan saluran air bersama-sama.</p>"
    penulis = None

    @classmethod
    def _create(cls, model_class, *, penulis, **data):
        from konten.services import artikel_create

        return artikel_create(oleh=penulis, data=data)


# --- perangkat -----------------------------------------------------------------------------------


class PerangkatFactory(factory.django.DjangoModelFactory):
    """An official with their own identity (not linked to the register)."""

    class Meta:
        model = "perangkat.Perangkat"

    nama = factory.Sequence(lambda n: f"Perangkat Uji {chr(65 + n % 26)}{n}")
    jenis_kelamin = 1
    tempat_lahir = "Bogor"
    tanggal_lahir = factory.Sequence(lambda n: datetime.date(1975, 1, 1 + n % 28))
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


class JabatanFactory(factory.django.DjangoModelFactory):
    """A post of the village's own (the standard ones: buat_jabatan_bawaan)."""

    class Meta:
        model = "perangkat.Jabatan"

    nama = factory.Sequence(lambda n: f"Staf Uji {n}")
    urutan = factory.Sequence(lambda n: 100 + n % 30_000)


class PengangkatanFactory(factory.django.DjangoModelFactory):
    """An appointment from its SK through `pengangkatan_create`. `jabatan=` takes a Jabatan or
    the name of a standard post: PengangkatanFactory(perangkat=p, jabatan="Kepala Desa")."""

    class Meta:
        model = "perangkat.Pengangkatan"

    perangkat = factory.SubFactory(PerangkatFactory)
    jabatan = "Kasi Pelayanan"
    tmt = TMT
    tanggal_sk = factory.SelfAttribute("tmt")
    nomor_sk = factory.LazyAttributeSequence(lambda o, n: f"141/{n + 1:03d}/KPTS/{o.tmt.year}")
    oleh = None

    @classmethod
    def _create(cls, model_class, *, jabatan, **kwargs):
        from perangkat import services

        if isinstance(jabatan, str):
            jabatan = buat_jabatan_bawaan()[jabatan]
        return services.pengangkatan_create(jabatan=jabatan, **kwargs)


def angkat(oleh, perangkat, nama_jabatan: str, *, tmt=TMT, **kwargs):
    """Appoint `perangkat` to a standard post, as `oleh` (SK number from a sequence)."""
    return PengangkatanFactory(
        oleh=oleh, perangkat=perangkat, jabatan=nama_jabatan, tmt=tmt, **kwargs
    )
