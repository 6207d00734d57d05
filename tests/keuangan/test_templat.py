"""The APBDes account template: a copy of the official list, seeded exactly, extended only
deliberately by an administrator."""

import csv

import pytest
from django.core.exceptions import ValidationError

from keuangan import services
from keuangan.models import Rekening, kunci_urut
from keuangan.templat import CSV_TEMPLAT, baca_templat
from tests.rujukan import folder_rujukan


def test_salinan_templat_sama_persis_dengan_rujukan_resmi():
    rujukan = folder_rujukan("kode", "rekening_apbdes.csv")
    assert CSV_TEMPLAT.read_bytes() == rujukan.read_bytes()


def test_migrasi_mengisi_semua_kode_templat_dengan_uraian_persis(db):
    baris = baca_templat()
    ada = {r.kode: r for r in Rekening.objects.all()}
    assert len(ada) == len(baris) == len({b["kode"] for b in baris})
    for b in baris:
        r = ada[b["kode"]]
        assert (r.uraian, r.jenis, r.bawaan) == (b["uraian"], b["jenis"], True)
    # typos are kept: imported Siskeudes data carries the same strings
    assert ada["01."].uraian == "BIDANG PENYELENGGARAN PEMERINTAHAN DESA"


def test_induk_diturunkan_dari_awalan_kode(db):
    r = Rekening.objects.select_related("induk__induk").get(kode="4.2.1.")
    assert r.induk.kode == "4.2." and r.induk.induk.kode == "4."
    assert Rekening.objects.get(kode="01.01.01.").induk.kode == "01.01."
    assert Rekening.objects.get(kode="4.").induk is None
    with open(CSV_TEMPLAT, encoding="utf-8") as f:
        assert sum(1 for _ in csv.DictReader(f)) == Rekening.objects.count()


def test_urutan_kode_mengikuti_angka():
    assert kunci_urut("4.1.10.") > kunci_urut("4.1.9.")
    assert kunci_urut("01.04.97.") < kunci_urut("01.05.")


def test_administrator_menambah_kode_di_bawah_kode_yang_ada(db):
    rek = services.rekening_create(oleh=None, kode="4.1.4.01", uraian="  Pungutan   Desa ")
    assert (rek.kode, rek.uraian, rek.jenis, rek.induk.kode, rek.bawaan) == (
        "4.1.4.01.",
        "Pungutan Desa",
        "pendapatan",
        "4.1.4.",
        False,
    )
    keg = services.rekening_create(oleh=None, kode="01.01.93.", uraian="Kegiatan khusus")
    assert keg.jenis == "kegiatan"
    # the former leaf is now a group: lines go on its new child
    with pytest.raises(ValidationError) as e:
        services.PetaRekening().periksa("4.1.4.")
    assert "kelompok" in str(e.value)


@pytest.mark.parametrize(
    "kode,pesan",
    [
        ("4.2.1.", "sudah ada"),
        ("7.1.", "induknya"),
        ("4.9.1.", "induknya"),
        ("01.01.01.01.", "Kegiatan tidak bisa memiliki sub-kode"),
        ("01.01.1.", "dua angka"),
    ],
)
def test_kode_baru_yang_salah_ditolak(db, kode, pesan):
    sebelum = Rekening.objects.count()
    with pytest.raises(ValidationError) as e:
        services.rekening_create(oleh=None, kode=kode, uraian="Coba")
    assert pesan in " ".join(e.value.messages)
    assert Rekening.objects.count() == sebelum


def test_rekening_yang_sudah_dipakai_rincian_tidak_bisa_diberi_anak(ta_contoh):
    with pytest.raises(ValidationError) as e:
        services.rekening_create(oleh=None, kode="4.2.1.01.", uraian="Dana Desa tahap I")
    assert "sudah dipakai dalam rincian anggaran" in " ".join(e.value.messages)


def test_uraian_kode_templat_resmi_tidak_bisa_diubah(db):
    with pytest.raises(ValidationError):
        services.rekening_update(
            oleh=None, rekening=Rekening.objects.get(kode="4.2.1."), uraian="Dana Pusat"
        )
    assert Rekening.objects.get(kode="4.2.1.").uraian == "Dana Desa"
