"""The entry screen: the whole year as a tree, each cell saved inline (HTMX) through the service,
messages inline, subtotals updated out of band."""

import datetime
import re
from decimal import Decimal

import pytest

from keuangan import services
from keuangan.models import RincianAnggaran
from sid.models import LogAktivitas

HX = {"HX-Request": "true"}


@pytest.fixture
def klien(client, operator, desa):
    client.force_login(operator)
    return client


@pytest.fixture
def rancangan(operator):
    return services.tahun_anggaran_create(oleh=operator, tahun=2026)


def kirim(klien, ta, **data):
    isi = {"kode": "4.2.1.", "kegiatan": "", "kolom": "anggaran", "nilai": ""} | data
    r = klien.post(f"/admin/keuangan/tahunanggaran/{ta.pk}/sel/", isi, headers=HX)
    assert r.status_code == 200
    return r.content.decode()


def td(html, id_):
    m = re.search(rf'<td id="{re.escape(id_)}"[^>]*>(.*?)</td>', html, re.S)
    assert m, id_
    return m.group(0)


def test_halaman_menampilkan_templat_sebagai_pohon(klien, rancangan):
    html = klien.get(rancangan.get_absolute_url()).content.decode()
    assert 'id="p-4_2_1_"' in html and "Dana Desa" in html and "Alokasi Dana Desa" in html
    assert 'id="f-6_1_1_"' in html and "SILPA Tahun Sebelumnya" in html
    assert "vendor/htmx/htmx.min.js" in html
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    assert 'name="kegiatan"' in html and "01.01.01. Penyediaan Penghasilan Tetap" in html


def test_sel_tersimpan_dan_jumlah_di_atasnya_ikut_diperbarui(klien, rancangan):
    html = kirim(klien, rancangan, nilai="1.500.000")
    assert RincianAnggaran.objects.get(tahun_anggaran=rancangan, kode="4.2.1.").anggaran == 1500000
    sel = td(html, "p-4_2_1_-anggaran")
    assert 'value="1.500.000"' in sel and "hx-swap-oob" not in sel
    # ancestors 4.2. and 4. and the year's totals come along out of band
    for id_ in ("p-4_2_-anggaran", "p-4_-anggaran", "r-pendapatan-anggaran", "r-silpa-anggaran"):
        assert 'hx-swap-oob="true"' in td(html, id_) and "1.500.000,00" in td(html, id_)
    assert 'id="p-4_2_1_-selisih"' in html
    assert "p-4_1_-anggaran" not in html  # other branches are left alone


def test_sel_belanja_memperbarui_kegiatan_sub_bidang_dan_bidang(klien, rancangan, operator):
    services.rincian_tambah(
        oleh=operator, tahun_anggaran=rancangan, kode="5.3.5.", kegiatan="02.03.10."
    )
    html = kirim(klien, rancangan, kode="5.3.5.", kegiatan="02.03.10.", nilai="800.000.000")
    assert 'value="800.000.000"' in td(html, "b-02_03_10_-5_3_5_-anggaran")
    for id_ in ("b-02_03_10_-anggaran", "b-02_03_-anggaran", "b-02_-anggaran", "b-5_-anggaran"):
        assert "800.000.000,00" in td(html, id_)
    assert "(800.000.000,00)" in td(html, "r-surplus-anggaran")


def test_nilai_negatif_dan_berhuruf_ditolak_di_sel_tanpa_menulis(klien, rancangan):
    log = LogAktivitas.objects.count()
    html = kirim(klien, rancangan, nilai="-5.000")
    sel = td(html, "p-4_2_1_-anggaran")
    assert "tidak boleh negatif" in sel and 'aria-invalid="true"' in sel and 'value="-5.000"' in sel
    html = kirim(klien, rancangan, nilai="1.000,123")
    assert "paling banyak 2 angka di belakang koma" in td(html, "p-4_2_1_-anggaran")
    html = kirim(klien, rancangan, nilai="sejuta")
    assert "hanya boleh berisi angka" in td(html, "p-4_2_1_-anggaran")
    assert not RincianAnggaran.objects.exists() and LogAktivitas.objects.count() == log


def test_realisasi_di_atas_anggaran_minta_konfirmasi_di_sel(klien, rancangan):
    kirim(klien, rancangan, nilai="1.000.000")
    html = kirim(klien, rancangan, kolom="realisasi", nilai="1.100.000")
    sel = td(html, "p-4_2_1_-realisasi")
    assert "melebihi target pendapatan" in sel and "Simpan tetap" in sel
    assert '"konfirmasi": "1"' in sel and 'value="1.100.000"' in sel
    assert RincianAnggaran.objects.get().realisasi == 0
    html = kirim(klien, rancangan, kolom="realisasi", nilai="1.100.000", konfirmasi="1")
    assert "Simpan tetap" not in td(html, "p-4_2_1_-realisasi")
    assert RincianAnggaran.objects.get().realisasi == Decimal("1100000")
    assert "110,00" in td(html, "p-4_2_1_-persen")


def test_anggaran_apbdes_ditetapkan_tidak_bisa_diketik_tetapi_realisasi_bisa(klien, ta_ditetapkan):
    html = klien.get(ta_ditetapkan.get_absolute_url()).content.decode()
    sel_anggaran = td(html, "p-4_2_1_-anggaran")
    assert "<input" not in sel_anggaran and "1.000.000.000,00" in sel_anggaran
    assert "<input" in td(html, "p-4_2_1_-realisasi")
    assert 'id="p-4_3_6_"' not in html  # unused template rows are hidden once adopted
    html = kirim(klien, ta_ditetapkan, nilai="5")
    assert "sudah ditetapkan" in td(html, "p-4_2_1_-anggaran")
    assert ta_ditetapkan.rincian.get(kode="4.2.1.").anggaran == Decimal("1000000000")


def test_tambah_dan_hapus_baris_belanja(klien, rancangan):
    url = f"/admin/keuangan/tahunanggaran/{rancangan.pk}/"
    r = klien.post(
        f"{url}tambah-baris/", {"kegiatan": "02.02.02.", "kode": "5.2.7.", "anggaran": "25.000.000"}
    )
    assert r.status_code == 302 and r["Location"].endswith("#b-02_02_02_-5_2_7_")
    baris = RincianAnggaran.objects.get(kegiatan="02.02.02.")
    assert baris.anggaran == Decimal("25000000")
    html = klien.get(rancangan.get_absolute_url()).content.decode()
    assert "Penyelenggaraan Posyandu" in html and "BIDANG PELAKSANAAN PEMBANGUNAN DESA" in html
    r = klien.post(f"{url}tambah-baris/", {"kegiatan": "02.02.02.", "kode": "5.2.7."}, follow=True)
    assert "sudah ada" in r.content.decode()
    r = klien.post(f"{url}hapus-baris/{baris.pk}/")
    assert r.status_code == 302 and not RincianAnggaran.objects.exists()


def test_tetapkan_lewat_formulir_dengan_peringatan_tidak_seimbang(klien, rancangan):
    kirim(klien, rancangan, nilai="1.000.000")
    url = f"/admin/keuangan/tahunanggaran/{rancangan.pk}/tetapkan/"
    data = {"nomor_perdes": "2 Tahun 2026", "tanggal_perdes": "2026-01-10"}
    r = klien.post(url, data)
    assert r.status_code == 200 and "Anggaran belum seimbang" in r.content.decode()
    rancangan.refresh_from_db()
    assert rancangan.status == "draft"
    r = klien.post(url, data | {"konfirmasi": "on"})
    assert r.status_code == 302
    rancangan.refresh_from_db()
    assert (rancangan.status, rancangan.tanggal_perdes) == (
        "ditetapkan",
        datetime.date(2026, 1, 10),
    )


def test_buka_tahun_baru_menyalin_tahun_lalu_lewat_formulir(klien, ta_ditetapkan):
    r = klien.get("/admin/keuangan/tahunanggaran/add/")
    assert r.context["form"].initial["tahun"] == 2027
    assert r.context["form"].initial["salin_dari"] == ta_ditetapkan.pk
    r = klien.post(
        "/admin/keuangan/tahunanggaran/add/",
        {"tahun": "2027", "salin_dari": ta_ditetapkan.pk, "salin_anggaran": "on"},
    )
    assert r.status_code == 302
    r = klien.post("/admin/keuangan/tahunanggaran/add/", {"tahun": "2027"})
    assert "APBDes tahun 2027 sudah ada" in r.content.decode()


def test_daftar_apbdes_dan_kartu_dasbor(klien, ta_ditetapkan):
    html = klien.get("/admin/keuangan/tahunanggaran/").content.decode()
    assert "APBDes 2026" in html and "1.550.000.000,00" in html and "Ditetapkan" in html
    html = klien.get("/admin/").content.decode()
    assert "Keuangan Desa" in html and "84,08%" in html and "1,6 M" in html
