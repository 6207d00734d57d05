"""Who may do what: Operator edits; Kepala Desa and Sekretaris view and print; Redaksi is
refused; anonymous visitors see only adopted years on the website."""

import datetime

import pytest

from keuangan import services
from keuangan.models import RincianAnggaran, TahunAnggaran


def _url(ta, akhir=""):
    return f"/admin/keuangan/tahunanggaran/{ta.pk}/{akhir}"


def _sel(client, ta, **data):
    kirim = {"kode": "4.2.1.", "kegiatan": "", "kolom": "anggaran", "nilai": "5.000"} | data
    return client.post(_url(ta, "sel/"), kirim, headers={"HX-Request": "true"})


def test_operator_mengisi_dan_menetapkan(client, ta_contoh, operator, desa):
    client.force_login(operator)
    r = client.get(_url(ta_contoh, "change/"))
    assert r.status_code == 200 and b'name="nilai"' in r.content
    assert _sel(client, ta_contoh, kode="4.2.2.").status_code == 200
    assert ta_contoh.rincian.filter(kode="4.2.2.").exists()
    assert client.get(_url(ta_contoh, "tetapkan/")).status_code == 200
    assert client.get(_url(ta_contoh, "impor/")).status_code == 200
    assert client.get("/admin/keuangan/tahunanggaran/add/").status_code == 200
    # no deletes for the Operator
    assert client.get(_url(ta_contoh, "hapus/")).status_code == 403
    assert client.get("/admin/keuangan/rekening/add/").status_code == 403


@pytest.mark.parametrize("peran", ["Kepala Desa", "Sekretaris Desa"])
def test_kepala_desa_dan_sekretaris_melihat_dan_mencetak_tanpa_mengubah(
    client, buat_staf, ta_ditetapkan, peran, desa
):
    client.force_login(buat_staf(peran))
    r = client.get(_url(ta_ditetapkan, "change/"))
    assert r.status_code == 200
    assert b'name="nilai"' not in r.content and b"1.000.000.000,00" in r.content
    assert b"Tetapkan" not in r.content and b"Impor .xlsx" not in r.content
    assert client.get("/admin/keuangan/tahunanggaran/").status_code == 200
    for jenis in ("apbdes", "semester1", "tahunan"):
        assert client.get(_url(ta_ditetapkan, f"laporan/{jenis}/")).status_code == 200
    pdf = client.get(_url(ta_ditetapkan, "laporan/tahunan/"), {"unduh": "pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    xlsx = client.get(_url(ta_ditetapkan, "laporan/apbdes/"), {"unduh": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert client.get(_url(ta_ditetapkan, "ekspor/")).status_code == 200
    sebelum = list(RincianAnggaran.objects.values_list("kode", "realisasi"))
    assert _sel(client, ta_ditetapkan, kolom="realisasi").status_code == 403
    for akhir in ("tetapkan/", "perubahan/", "impor/", "semester-1/", "hapus/"):
        assert client.get(_url(ta_ditetapkan, akhir)).status_code == 403, akhir
    assert client.get("/admin/keuangan/tahunanggaran/add/").status_code == 403
    assert list(RincianAnggaran.objects.values_list("kode", "realisasi")) == sebelum


def test_redaksi_ditolak(client, buat_staf, ta_ditetapkan):
    client.force_login(buat_staf("Redaksi"))
    for url in (
        "/admin/keuangan/tahunanggaran/",
        _url(ta_ditetapkan, "change/"),
        _url(ta_ditetapkan, "laporan/tahunan/"),
        _url(ta_ditetapkan, "ekspor/"),
        "/admin/keuangan/rekening/",
    ):
        assert client.get(url).status_code == 403, url
    assert _sel(client, ta_ditetapkan).status_code == 403


def test_pengunjung_anonim_hanya_melihat_apbdes_ditetapkan(
    client, ta_contoh, operator, django_capture_on_commit_callbacks
):
    r = client.get(_url(ta_contoh, "change/"))
    assert r.status_code == 302 and "/admin/login/" in r["Location"]
    assert _sel(client, ta_contoh).status_code == 302
    assert client.get("/apbdes/2026/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.tahun_anggaran_tetapkan(
            oleh=operator,
            tahun_anggaran=ta_contoh,
            nomor_perdes="3 Tahun 2025",
            tanggal_perdes=datetime.date(2025, 12, 20),
        )
    assert client.get("/apbdes/2026/").status_code == 200


def test_administrator_menambah_kode_rekening_dan_menghapus_rancangan(
    client, admin_desa, ta_contoh
):
    client.force_login(admin_desa)
    r = client.post(
        "/admin/keuangan/rekening/add/", {"kode": "4.1.4.05.", "uraian": "Pungutan desa"}
    )
    assert r.status_code == 302
    r = client.post(_url(ta_contoh, "hapus/"), {"setuju": "on"})
    assert r.status_code == 302
    assert not TahunAnggaran.objects.exists()


def test_permintaan_sel_tanpa_csrf_ditolak(ta_contoh, operator):
    from django.test import Client

    klien = Client(enforce_csrf_checks=True)
    klien.force_login(operator)
    assert _sel(klien, ta_contoh).status_code == 403


def test_operator_melihat_templat_rekening_tanpa_bisa_mengubah(client, operator):
    from keuangan.models import Rekening

    client.force_login(operator)
    r = client.get("/admin/keuangan/rekening/", {"q": "Dana Desa"})
    assert r.status_code == 200 and "4.2.1." in r.content.decode()
    rek = Rekening.objects.get(kode="4.2.1.")
    r = client.post(f"/admin/keuangan/rekening/{rek.pk}/change/", {"uraian": "Dana Pusat"})
    assert r.status_code == 403
    assert Rekening.objects.get(kode="4.2.1.").uraian == "Dana Desa"
