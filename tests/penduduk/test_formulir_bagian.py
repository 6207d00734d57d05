"""The resident form in sections: required fields first, optional sections folded."""

import re

import pytest
from django.urls import reverse

from penduduk.forms import KELOMPOK_BIODATA, KELOMPOK_TERLIPAT, KOLOM_BIODATA
from penduduk.models import Penduduk

pytestmark = pytest.mark.django_db


def _bagian(html: str) -> list[tuple[str, bool]]:
    """(section title, folded) in page order."""
    hasil = []
    for fs in re.findall(r'<fieldset class="module aligned[^"]*">(.*?)</fieldset>', html, re.S):
        judul = re.search(r"<h2[^>]*>(.*?)</h2>", fs, re.S)
        teks = re.sub(r"<[^>]+>|\(tidak wajib\)", "", judul.group(1)).strip() if judul else ""
        hasil.append((teks, "<details>" in fs))
    return hasil


def test_kolom_wajib_di_bagian_pertama_dan_bagian_tidak_wajib_terlipat():
    wajib = {
        f.name for f in Penduduk._meta.concrete_fields if f.name in KOLOM_BIODATA and not f.blank
    }
    terbuka = {
        f for judul, kolom in KELOMPOK_BIODATA if judul not in KELOMPOK_TERLIPAT for f in kolom
    }
    assert wajib <= terbuka
    for judul, kolom in KELOMPOK_BIODATA:
        if judul in KELOMPOK_TERLIPAT:
            assert not wajib & set(kolom), judul
        else:  # required fields come before the optional ones of the same section
            urutan = [f in wajib for f in kolom]
            assert urutan == sorted(urutan, reverse=True), judul
    assert len(KOLOM_BIODATA) == len(set(KOLOM_BIODATA)) == 56


def test_formulir_ubah_biodata_berbagian_dan_terlipat(klien_operator, keluarga_budi):
    _k, kepala, *_ = keluarga_budi
    html = klien_operator.get(
        reverse("admin:penduduk_penduduk_ubah", args=[kepala.pk])
    ).content.decode()
    assert _bagian(html) == [
        ("Identitas", False),
        ("Pendidikan dan pekerjaan", False),
        ("Kelahiran", True),
        ("Keluarga", True),
        ("Dokumen dan kontak", True),
        ("Kesehatan", True),
    ]
    assert (
        html.index('name="nik"')
        < html.index('name="pekerjaan"')
        < html.index('name="golongan_darah"')
    )


def test_bagian_terlipat_terbuka_bila_ada_isian_salah(klien_operator, keluarga_budi):
    _k, kepala, *_ = keluarga_budi
    url = reverse("admin:penduduk_penduduk_ubah", args=[kepala.pk])
    r = klien_operator.get(url)
    data = {
        bf.html_name: bf.value() if bf.value() is not None else ""
        for bf in r.context["form"]
        if bf.name != "foto"
    }
    data = {k: v for k, v in data.items() if v is not False}
    data["email"] = "bukan-email"
    r = klien_operator.post(url, data)
    assert r.status_code == 200
    bagian = dict(_bagian(r.content.decode()))
    assert bagian["Dokumen dan kontak"] is False  # opened to show the error
    assert bagian["Kesehatan"] is True
