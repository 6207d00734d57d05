"""Issue #17 item 8 on the resident import screen: a workbook that would expand to 300 MB (or
whose shared strings alone are too big or too compressed) is refused before it is opened —
quickly, with little memory — and no import job or file is stored."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from penduduk.models import ImporPenduduk
from sid.models import LogAktivitas
from tests.sid.berkas_bom import Ukur, unggahan_xlsx_bom, xlsx_bom

pytestmark = pytest.mark.django_db
TAMBAH = reverse("admin:penduduk_imporpenduduk_add")


@pytest.fixture
def klien_operator(client, operator, desa):
    client.force_login(operator)
    return client


def _tidak_ada_yang_tersimpan(settings):
    assert not ImporPenduduk.objects.exists()
    assert not LogAktivitas.objects.filter(aksi="unggah").exists()
    folder = settings.PRIVATE_ROOT / "impor"
    assert not folder.exists() or not any(p.is_file() for p in folder.rglob("*"))


def test_bom_xlsx_ditolak_di_formulir_unggah(klien_operator, settings):
    berkas = unggahan_xlsx_bom("penduduk.xlsx")
    with Ukur() as u:
        r = klien_operator.post(TAMBAH, {"berkas": berkas})
    u.periksa()
    assert r.status_code == 200
    assert "Berkas Excel tidak wajar: isi terurai 300 MB melebihi batas 250 MB" in (
        r.content.decode()
    )
    _tidak_ada_yang_tersimpan(settings)


@pytest.mark.parametrize(
    ("mb", "pesan"),
    [
        (60, "bagian xl/sharedStrings.xml terurai 60 MB melebihi batas 50 MB"),
        (20, "melebihi batas 100:1"),
    ],
)
def test_teks_bersama_kebesaran_atau_termampatkan_berlebihan_ditolak(
    klien_operator, settings, mb, pesan
):
    r = klien_operator.post(TAMBAH, {"berkas": SimpleUploadedFile("p.xlsx", xlsx_bom(mb))})
    assert r.status_code == 200 and pesan in r.content.decode()
    _tidak_ada_yang_tersimpan(settings)
