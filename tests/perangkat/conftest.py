import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from perangkat.demo import pdf_sederhana
from tests.factories import PerangkatFactory, buat_jabatan_bawaan

TAHUN_LALU = datetime.date(2024, 1, 2)


@pytest.fixture(autouse=True)
def _sk_di_folder_uji(_tugas_langsung_dan_cache_lokal):
    """Point the SK field at the per-test private storage.

    A FileField evaluates a callable storage once, at import, so the settings override of the
    root conftest does not reach it (see the report: sid.lib.berkas.penyimpanan_privat).
    """
    from django.core.files.storage import storages

    from perangkat.models import Pengangkatan

    field = Pengangkatan._meta.get_field("berkas_sk")
    asli = field.storage
    field.storage = storages["privat"]
    yield
    field.storage = asli


@pytest.fixture
def jabatan(db):
    """The standard posts by name."""
    return buat_jabatan_bawaan()


@pytest.fixture
def operator(buat_staf):
    return buat_staf("Operator", username="operator")


@pytest.fixture
def orang(db):
    """Factory for officials: orang(nama="Ahmad Fauzi")."""
    return PerangkatFactory


def sk_pdf(nomor: str = "141/01/KPTS/2024", nama: str = "sk.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        nama, pdf_sederhana(["KEPUTUSAN KEPALA DESA", f"NOMOR {nomor}"]), "application/pdf"
    )


@pytest.fixture
def angkat(operator, jabatan):
    """Appoint through the service with sensible defaults: angkat(orang, "Kepala Desa", ...)."""
    from perangkat import services

    nomor = iter(range(1, 10_000))

    def _angkat(perangkat, nama_jabatan: str, tmt=TAHUN_LALU, **kwargs):
        kwargs.setdefault("nomor_sk", f"141/{next(nomor):03d}/KPTS/{tmt.year}")
        kwargs.setdefault("tanggal_sk", tmt)
        kwargs.setdefault("berkas_sk", sk_pdf(kwargs["nomor_sk"]))
        return services.pengangkatan_create(
            oleh=operator, perangkat=perangkat, jabatan=jabatan[nama_jabatan], tmt=tmt, **kwargs
        )

    return _angkat
