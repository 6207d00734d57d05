"""Issue #19 §4–5 on the sync screens: the officials dataset starts at records (SIPKATDES step
8) and the enrolment screen says what each dataset sends; the monthly-change headline is the
end-of-month count; the officials are counted and labelled the same on both sides."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hub.models import DesaHub, StatusDataset
from sid.lib.kabel import protokol
from sinkron.models import DatasetHub, Hub
from sinkron.services.batch import sinkron_siapkan
from sinkron.services.kirim import sinkron_kirim
from tests.sinkron.conftest import URL_HUB

pytestmark = pytest.mark.django_db


def test_layar_pendaftaran_menjelaskan_setiap_data_dan_perangkat_bawaan_rekaman(
    klien_admin, desa, transport, kode_pendaftaran
):
    html = klien_admin.get(reverse("admin:sinkron_hub_add")).content.decode()
    assert "Perangkat desa dan SK (SIPKATDES) — bawaan: Rekaman rinci" in html
    assert "tanpa NIK, agama, tempat lahir" in html
    assert "Perubahan penduduk bulanan — bawaan: Angka agregat saja" in html
    r = klien_admin.post(
        reverse("admin:sinkron_hub_add"), {"url": URL_HUB, "kode": kode_pendaftaran}
    )
    assert r.status_code == 302
    tingkat = dict(Hub.objects.get().dataset.values_list("dataset", "tingkat"))
    assert tingkat["perangkat"] == "rekaman"
    assert {t for d, t in tingkat.items() if d != "perangkat"} == {"agregat"}


def test_judul_angka_perubahan_bulanan_adalah_penduduk_akhir_bulan(klien_admin, terdaftar, warga):
    sinkron_siapkan(hub=terdaftar)
    sinkron_kirim(hub_id=terdaftar.pk, paksa=True)
    dh = DatasetHub.objects.get(hub=terdaftar, dataset="mutasi")
    ringkasan = dh.tanda_terima["ringkasan"]
    assert ringkasan["jumlah"] == len(warga)  # the end-of-month count, not awal+lahir+…+akhir
    assert dh.cocok is True
    assert StatusDataset.objects.get(desa=DesaHub.objects.get(), dataset="mutasi").cocok
    html = klien_admin.get(
        reverse("admin:sinkron_hub_change", args=[terdaftar.pk])
    ).content.decode()
    assert f"hub mencatat {len(warga)} penduduk akhir bulan" in html


def test_jumlah_angka_memakai_kunci_total():
    isi = {
        "kunci_total": "akhir",
        "angka": [
            {"kategori": "mutasi", "kunci": "awal", "jumlah": 1000},
            {"kategori": "mutasi", "kunci": "lahir", "jumlah": 2},
            {"kategori": "mutasi", "kunci": "akhir", "jumlah": 1001},
        ],
    }
    assert protokol.jumlah_angka(isi) == 1001
    assert protokol.jumlah_angka({"angka": isi["angka"]}) == 2003  # old content: every row
