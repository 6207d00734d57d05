"""The public transparency page /apbdes/ and the home-page widget: adopted budgets only."""

import datetime

import pytest
from django.template import Context, Template

from keuangan import services
from keuangan.selectors import apbdes_publik, tahun_publik_utama


def test_tahun_yang_baru_rancangan_tidak_tampil_di_publik(client, ta_contoh):
    assert client.get("/apbdes/2026/").status_code == 404
    r = client.get("/apbdes/")
    assert r.status_code == 200
    assert "Belum ada APBDes yang ditetapkan" in r.content.decode()
    assert b"<canvas" not in r.content


def test_apbdes_ditetapkan_tampil_dengan_grafik_dan_tabel(client, ta_ditetapkan, desa):
    r = client.get("/apbdes/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Transparansi APBDes Desa Sukamaju" in html
    assert "APBDes Tahun Anggaran 2026" in html
    for kanvas in ("grafik-pendapatan", "grafik-belanja", "grafik-pembiayaan", "grafik-realisasi"):
        assert f'<canvas id="{kanvas}" role="img"' in html
    for tabel in ("tabel-pendapatan", "tabel-belanja", "tabel-pembiayaan", "tabel-ringkasan"):
        assert f'id="{tabel}"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html and "cdn" not in html.lower()
    assert "Dana Desa" in html and "Pelaksanaan pembangunan desa" in html


def test_tahun_sebelumnya_bisa_dipilih(client, ta_ditetapkan, operator, isi):
    lalu = services.tahun_anggaran_create(oleh=operator, tahun=2025)
    isi(lalu, "4.2.1.", anggaran="900.000.000", realisasi="900.000.000")
    isi(lalu, "5.1.1.", "01.01.01.", anggaran="900.000.000", realisasi="850.000.000")
    services.tahun_anggaran_tetapkan(
        oleh=operator,
        tahun_anggaran=lalu,
        nomor_perdes="9 Tahun 2024",
        tanggal_perdes=datetime.date(2024, 12, 28),
    )
    html = client.get("/apbdes/").content.decode()
    assert 'href="/apbdes/2025/"' in html and 'aria-current="page" href="/apbdes/2026/"' in html
    r = client.get("/apbdes/2025/")
    assert r.status_code == 200 and "900.000.000,00" in r.content.decode()
    assert client.get("/apbdes/2024/").status_code == 404


def test_perubahan_yang_masih_rancangan_belum_tampil(
    client, ta_ditetapkan, operator, isi, django_capture_on_commit_callbacks
):
    client.get("/apbdes/2026/")  # fills the cache
    with django_capture_on_commit_callbacks(execute=True):
        p = services.tahun_anggaran_buka_perubahan(oleh=operator, tahun_anggaran=ta_ditetapkan)
        isi(p, "4.2.1.", anggaran="1.234.567.000")
    html = client.get("/apbdes/2026/").content.decode()
    assert "1.234.567.000" not in html and "APBDes Tahun Anggaran 2026" in html
    with django_capture_on_commit_callbacks(execute=True):
        isi(p, "4.1.1.", anggaran="50.000.000")
        services.tahun_anggaran_tetapkan(
            oleh=operator,
            tahun_anggaran=p,
            nomor_perdes="8 Tahun 2026",
            tanggal_perdes=datetime.date(2026, 9, 1),
            konfirmasi=True,
        )
    html = client.get("/apbdes/2026/").content.decode()
    assert "1.234.567.000,00" in html and "APBDes Perubahan Tahun Anggaran 2026" in html


def test_realisasi_baru_langsung_tampil_setelah_disimpan(
    client, ta_ditetapkan, operator, isi, django_capture_on_commit_callbacks
):
    assert "999.999.999,00" not in client.get("/apbdes/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        isi(ta_ditetapkan, "4.2.1.", oleh=operator, realisasi="999.999.999")
    assert "999.999.999,00" in client.get("/apbdes/").content.decode()


def test_tahun_utama_halaman_publik(ta_ditetapkan, settings):
    assert tahun_publik_utama([2026, 2025]) == 2026
    assert tahun_publik_utama([2025, 2024]) == 2025
    assert tahun_publik_utama([2030]) == 2030
    assert tahun_publik_utama([]) is None


def _kueri_keuangan(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return sum("keuangan_" in k["sql"] for k in q.captured_queries)


def test_halaman_publik_memakai_kueri_terbatas(client, ta_ditetapkan):
    # adopted years, the version, the template codes, the lines: whatever the number of lines
    assert _kueri_keuangan(client, "/apbdes/") == 4
    assert _kueri_keuangan(client, "/apbdes/") == 0  # cached until the next write
    assert _kueri_keuangan(client, "/apbdes/2026/") == 4


def test_widget_beranda_menampilkan_ringkasan_apbdes(ta_ditetapkan):
    html = Template("{% load keuangan %}{% widget_apbdes %}").render(Context({}))
    assert "APBDes 2026" in html and "1.550.000.000,00" in html and 'href="/apbdes/"' in html
    assert apbdes_publik()["data"]["tahun"] == 2026


@pytest.mark.django_db
def test_widget_kosong_tanpa_apbdes_ditetapkan():
    assert Template("{% load keuangan %}{% widget_apbdes %}").render(Context({})).strip() == ""
