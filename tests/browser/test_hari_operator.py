"""The operator's ten daily tasks as browser journeys, on a laptop (1366×768) and on a phone
(375×812): each starts on the back-office dashboard, clicks through the real screens, saves a
screenshot at every step (tests/artefak/hari-operator/) and counts the page loads, clicks and
fields it takes (tests/artefak/langkah-operator.json and .md; docs/langkah-operator.md quotes
them). Counting conventions: tests/browser/langkah.py.

One Chromium for the module (`browser_bersama`), one browser context per test."""

from __future__ import annotations

import datetime

import pytest

from keluarga.models import Keluarga
from penduduk.models import Penduduk, Peristiwa
from sid import kode
from tests import desa_uji
from tests.browser.langkah import LAYAR, Hitung
from tests.factories import buat_rt

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("layar", list(LAYAR)),
]


def hari_ini(geser: int = 0) -> str:
    return (datetime.date.today() + datetime.timedelta(days=geser)).isoformat()


def _cari_penduduk(h: Hitung, nama: str) -> None:
    """Dashboard → "Cari penduduk" → type the name → Cari → the resident's page."""
    h.klik_(".sid-pintasan >> text=Cari penduduk")
    h.isi("#searchbar", nama)
    h.foto("cari")
    h.klik_("#changelist-search input[type=submit]")
    h.foto("hasil")
    h.klik_(f"#result_list >> text={nama}")
    h.page.wait_for_selector(f"h1:text-is('{nama}')")
    h.foto("halaman-penduduk")


def test_cari_penduduk(hitung, keluarga_budi, operator, layar):
    h = hitung(operator.username, "01-cari-penduduk")
    _cari_penduduk(h, "Siti Aminah")
    assert desa_uji.NIK_SITI in h.page.inner_text(".sid-kepala-halaman")
    h.catat("Cari penduduk (nama → halaman penduduk)")
    assert (h.muat, h.klik, h.isian) == (3, 3, 1)


def test_ubah_data_penduduk(hitung, keluarga_budi, operator, layar):
    h = hitung(operator.username, "02-ubah-data")
    _cari_penduduk(h, "Siti Aminah")
    h.klik_(".sid-aksi-baris >> text=Ubah biodata")
    h.isi("#id_tempat_lahir", "Cianjur")
    h.foto("formulir")
    h.klik_("input[name=_simpan]")
    h.page.wait_for_selector(".messagelist .success")
    h.foto("tersimpan")
    assert Penduduk.objects.get(nik=desa_uji.NIK_SITI).tempat_lahir == "Cianjur"
    h.catat("Ubah data penduduk (satu kolom)")
    assert (h.muat, h.klik, h.isian) == (5, 5, 2)


def test_catat_kelahiran(hitung, keluarga_budi, operator, layar):
    h = hitung(operator.username, "03-kelahiran")
    h.klik_(".sid-pintasan >> text=Keluarga")
    h.isi("#searchbar", "Budi Santoso")
    h.klik_("#changelist-search input[type=submit]")
    h.foto("hasil")
    h.klik_(f"#result_list >> text={desa_uji.NO_KK_BUDI}")
    h.foto("halaman-kk")
    h.klik_(".sid-tambah-anggota >> text=Kelahiran")
    assert h.page.input_value("#id_nama_ayah") == "Budi Santoso"  # parents prefilled
    h.isi("#id_nama", "Putri Santoso")
    h.isi("#id_jenis_kelamin", "2")
    h.isi("#id_tempat_lahir", "Bogor")
    h.isi("#id_tanggal_lahir", hari_ini())
    h.foto("formulir")
    h.klik_("input[name=_simpan]")
    h.page.wait_for_selector("text=Kelahiran dicatat.")
    h.foto("tersimpan")
    assert "LAHIR" in h.page.inner_text("#peristiwa")
    assert Penduduk.objects.get(nama="Putri Santoso").keluarga_id == keluarga_budi.keluarga.pk
    h.catat("Catat kelahiran (anak ke KK orang tuanya)")
    assert (h.muat, h.klik, h.isian) == (5, 5, 5)


def test_catat_kematian(hitung, keluarga_rina, operator, layar):
    h = hitung(operator.username, "04-kematian")
    _cari_penduduk(h, "Bayu Pratama")
    h.klik_(".sid-aksi-baris >> text=Kematian")
    h.isi("#id_tempat_kematian", "Rumah")
    h.isi("#id_sebab_kematian", "1")
    h.foto("formulir")
    h.klik_("input[name=_simpan]")
    h.page.wait_for_selector("text=Kematian dicatat.")
    h.foto("tersimpan")
    assert "MATI" in h.page.inner_text(".sid-kepala-halaman")
    assert Penduduk.objects.get(nik=desa_uji.NIK_BAYU).status_dasar == kode.StatusDasar.MATI
    h.catat("Catat kematian")
    assert (h.muat, h.klik, h.isian) == (5, 5, 3)


def test_catat_pindah_keluar(hitung, keluarga_budi, operator, layar):
    h = hitung(operator.username, "05-pindah-keluar")
    _cari_penduduk(h, "Adi Santoso")
    h.klik_(".sid-aksi-baris >> text=Pindah keluar")
    h.isi("#id_jenis_pindah", "3")  # to another kabupaten/kota
    h.isi("#id_alamat_tujuan", "Jl. Kenanga 7, Kota Depok")
    h.foto("formulir")
    h.klik_("input[name=_simpan]")
    h.page.wait_for_selector(".messagelist .success")
    h.foto("tersimpan")
    assert "PINDAH" in h.page.inner_text(".sid-kepala-halaman")
    assert Penduduk.objects.get(nik=desa_uji.NIK_ADI).status_dasar == kode.StatusDasar.PINDAH
    h.catat("Catat pindah keluar (satu orang)")
    assert (h.muat, h.klik, h.isian) == (5, 5, 3)


def test_keluarga_datang_tiga_anggota(hitung, desa, operator, layar):
    """A family arriving with three members, in one form (the KK and one row per member)."""
    rt = buat_rt()
    h = hitung(operator.username, "06-keluarga-datang")
    h.klik_(".sid-pintasan >> text=Keluarga")
    h.klik_("text=Keluarga datang")
    h.page.wait_for_selector("#anggota-baru")
    h.foto("kosong")
    h.isi("#id_no_kk", "0")
    h.isi("#id_wilayah", str(rt.pk))
    h.isi("#id_alamat", "Gg. Mawar 3")
    h.isi("#id_alamat_asal", "Jl. Merdeka 1, Kota Bogor")
    h.isi("#id_tanggal_peristiwa", hari_ini(-1))
    anggota = [
        ("3201010101900001", "Budi Santoso", "1", "1990-01-01", "2", "5", "9", kode.SHDK.KEPALA_KELUARGA),
        ("3201014101920002", "Rina Wati", "2", "1992-01-01", "2", "5", "2", kode.SHDK.ISTRI),
        ("0", "Dewi Santoso", "2", "2015-06-01", "1", "2", "3", kode.SHDK.ANAK),
    ]  # fmt: skip
    for i, (nik, nama, jk, lahir, kawin, pendidikan, kerja, shdk) in enumerate(anggota):
        h.isi(f"#id_anggota-{i}-nik", nik)
        h.isi(f"#id_anggota-{i}-nama", nama)
        h.isi(f"#id_anggota-{i}-shdk", str(shdk))
        h.isi(f"#id_anggota-{i}-jenis_kelamin", jk)
        h.isi(f"#id_anggota-{i}-tempat_lahir", "Bogor")
        h.isi(f"#id_anggota-{i}-tanggal_lahir", lahir)
        h.isi(f"#id_anggota-{i}-agama", "1")
        h.isi(f"#id_anggota-{i}-status_kawin", kawin)
        h.isi(f"#id_anggota-{i}-pendidikan_kk", pendidikan)
        h.isi(f"#id_anggota-{i}-pekerjaan", kerja)
    h.foto("terisi")
    h.klik_("input[name=_simpan]")
    h.page.wait_for_selector("text=dan 3 anggotanya dicatat pindah masuk")
    h.foto("hasil")
    h.catat("Keluarga datang dengan 3 anggota (satu formulir)", anggota=len(anggota))
    assert (h.muat, h.klik, h.isian) == (3, 3, 35)

    # Lands on the new KK's page: the members, their arrivals and the family event.
    page = h.page
    k = Keluarga.objects.get()
    assert page.url.endswith(k.get_absolute_url())
    isi = page.inner_text("#anggota")
    assert all(nama in isi for _n, nama, *_ in anggota)
    assert page.inner_text("#peristiwa").count("PINDAH MASUK") == 3
    assert "KELUARGA BARU DATANG" in page.inner_text("#peristiwa")
    assert Peristiwa.objects.filter(jenis=kode.JenisPeristiwa.PINDAH_MASUK).count() == 3
    # "Tambah anggota baru" is on the same page, prefilled with this family.
    page.click(".sid-tambah-anggota >> text=Pindah masuk")
    assert k.no_kk in page.inner_text("#content-main")
    h.foto("pindah-masuk-anggota")
