"""Editable age groups: defaults from the CSV, overlaps refused, used by the table and list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from penduduk.models import RentangUmur
from penduduk.statistik import hitung
from penduduk.statistik.rentang import rentang_umur_create, rentang_umur_update
from sid.models import LogAktivitas

CSV = Path(__file__).resolve().parents[2] / "sid" / "data" / "kode" / "rentang_umur.csv"
URL_TAMBAH = "/admin/penduduk/rentangumur/add/"


@pytest.mark.django_db
def test_bawaan_sama_dengan_csv():
    with open(CSV, encoding="utf-8") as f:
        csv_ = [(r["jenis"], r["label"], int(r["dari"]), int(r["sampai"]) if r["sampai"] else None)
                for r in csv.DictReader(f)]  # fmt: skip
    db = [
        (r.jenis, r.label, r.dari, r.sampai)
        for r in RentangUmur.objects.order_by("jenis", "urutan")
    ]
    assert sorted(db) == sorted(csv_)
    assert RentangUmur.objects.filter(jenis="rentang").count() == 17


@pytest.mark.django_db
def test_tumpang_tindih_ditolak_dengan_pesan_jelas_dan_tidak_menulis(operator):
    jumlah = RentangUmur.objects.count()
    with pytest.raises(ValidationError) as e:
        rentang_umur_create(oleh=operator, data={"jenis": "kategori", "label": "REMAJA",
                                                 "dari": 12, "sampai": 20})  # fmt: skip
    pesan = " ".join(e.value.messages)
    assert "bertumpang tindih" in pesan and "ANAK-ANAK" in pesan and "6–17 tahun" in pesan
    assert RentangUmur.objects.count() == jumlah
    assert not LogAktivitas.objects.filter(aksi="buat", objek__startswith="REMAJA").exists()


@pytest.mark.django_db
def test_dari_lebih_besar_dari_sampai_ditolak(operator):
    with pytest.raises(ValidationError) as e:
        rentang_umur_create(oleh=operator, data={"jenis": "rentang", "label": "SALAH",
                                                 "dari": 90, "sampai": 80})  # fmt: skip
    assert "tidak boleh lebih kecil" in " ".join(e.value.messages)
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        RentangUmur.objects.create(jenis="rentang", label="SALAH", dari=90, sampai=80)


@pytest.mark.django_db
def test_ubah_kategori_dipakai_statistik_dan_filter_daftar(klien_operator, populasi, operator):
    balita = RentangUmur.objects.get(jenis="kategori", label="BALITA")
    anak = RentangUmur.objects.get(jenis="kategori", label="ANAK-ANAK")
    rentang_umur_update(oleh=operator, rentang=anak, data={"dari": 6, "sampai": 12})
    rentang_umur_create(oleh=operator, data={"jenis": "kategori", "label": "remaja",
                                             "dari": 13, "sampai": 17})  # fmt: skip
    assert LogAktivitas.objects.filter(aksi="ubah", objek__startswith="ANAK-ANAK").exists()
    t = hitung("umur-kategori")
    assert [(b.label, b.jumlah) for b in t.baris] == [
        ("BALITA", 0), ("ANAK-ANAK", 0), ("REMAJA", 1), ("DEWASA", 1), ("TUA", 4),
    ]  # fmt: skip
    r = klien_operator.get("/admin/penduduk/penduduk/", {"umur": "13-17"})
    assert r.context["cl"].result_count == 1  # Dewi (14)
    assert "REMAJA (13–17 tahun)" in r.content.decode()
    assert balita.kunci == "0-5"


@pytest.mark.django_db
def test_celah_rentang_tampil_di_luar_rentang(populasi, operator):
    tua = RentangUmur.objects.get(jenis="kategori", label="TUA")
    rentang_umur_update(oleh=operator, rentang=tua, data={"sampai": 60})
    t = hitung("umur-kategori")
    assert [(b.label, b.jumlah) for b in t.luar] == [
        ("DI LUAR RENTANG YANG DITETAPKAN", 1)
    ]  # Joko 76
    assert t.total.jumlah == 6


@pytest.mark.django_db
def test_operator_menambah_lewat_admin_dan_tumpang_tindih_ditolak_di_form(klien_operator):
    r = klien_operator.post(URL_TAMBAH, {"jenis": "rentang", "label": "80 KE ATAS", "dari": 80,
                                         "sampai": "", "urutan": 18})  # fmt: skip
    assert r.status_code == 200
    assert "bertumpang tindih" in r.content.decode()
    assert not RentangUmur.objects.filter(label="80 KE ATAS").exists()
    tua = RentangUmur.objects.get(jenis="rentang", label="75 TAHUN KE ATAS")
    r = klien_operator.post(
        reverse("admin:penduduk_rentangumur_change", args=[tua.pk]),
        {"jenis": "rentang", "label": "75 S/D 79 TAHUN", "dari": 75, "sampai": 79, "urutan": 17},
    )
    assert r.status_code == 302
    r = klien_operator.post(URL_TAMBAH, {"jenis": "rentang", "label": "80 tahun ke atas",
                                         "dari": 80, "sampai": "", "urutan": 18})  # fmt: skip
    assert r.status_code == 302
    assert RentangUmur.objects.filter(label="80 TAHUN KE ATAS", sampai=None).exists()
    assert LogAktivitas.objects.filter(aksi="buat", objek__startswith="80 TAHUN KE ATAS").exists()


@pytest.mark.django_db
def test_operator_tidak_boleh_menghapus_administrator_boleh(client, buat_staf):
    r = RentangUmur.objects.get(jenis="kategori", label="TUA")
    url = reverse("admin:penduduk_rentangumur_delete", args=[r.pk])
    client.force_login(buat_staf("Operator"))
    assert client.post(url, {"post": "yes"}).status_code == 403
    client.force_login(buat_staf("Administrator"))
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not RentangUmur.objects.filter(pk=r.pk).exists()
    assert LogAktivitas.objects.filter(aksi="hapus", objek__startswith="TUA").exists()
