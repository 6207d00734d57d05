"""Journey: a family arriving with three members, in one form, on a laptop and on a phone.

Counts what the operator does (page loads, clicks, fields filled) and writes it to the
artefacts folder (langkah-keluarga-datang.json); docs/penduduk.md § "Langkah operator"
quotes the figures."""

import datetime
import json

import pytest

from keluarga.models import Keluarga
from penduduk.models import Peristiwa
from sid import kode
from tests.factories import SANDI_UJI, buat_rt

LAYAR = {"laptop": (1366, 768), "ponsel": (375, 812)}


class Hitung:
    """Wraps the page: every click and every field filled is counted; page loads by event."""

    def __init__(self, page):
        self.page, self.muat, self.klik, self.isian = page, 0, 0, 0
        page.on("load", self._muat)

    def _muat(self, _page):
        self.muat += 1

    def buka(self, url):
        self.page.goto(url)

    def klik_(self, selector):
        self.klik += 1
        self.page.click(selector)

    def isi(self, selector, nilai):
        self.isian += 1
        if self.page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            self.page.select_option(selector, nilai)
        else:
            self.page.fill(selector, nilai)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("layar", list(LAYAR))
def test_keluarga_datang_tiga_anggota(browser, live_server, buat_staf, desa, artefak, layar):
    buat_staf("Operator", username="operatordatang")
    rt = buat_rt()
    lebar, tinggi = LAYAR[layar]
    kemarin = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    page = browser.new_page(viewport={"width": lebar, "height": tinggi})
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "operatordatang")
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    h = Hitung(page)
    # The operator opens Keluarga from the menu (one click, one page load) …
    h.klik += 1
    h.buka(f"{live_server.url}/admin/keluarga/keluarga/")
    # … then "Keluarga datang".
    h.klik_("text=Keluarga datang")
    page.wait_for_selector("#anggota-baru")
    page.screenshot(path=str(artefak / f"keluarga-datang-kosong-{layar}.png"), full_page=True)

    h.isi("#id_no_kk", "0")
    h.isi("#id_wilayah", str(rt.pk))
    h.isi("#id_alamat", "Gg. Mawar 3")
    h.isi("#id_alamat_asal", "Jl. Merdeka 1, Kota Bogor")
    h.isi("#id_tanggal_peristiwa", kemarin)
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
    page.screenshot(path=str(artefak / f"keluarga-datang-terisi-{layar}.png"), full_page=True)
    h.klik_("input[name=_simpan]")
    page.wait_for_selector("text=dan 3 anggotanya dicatat pindah masuk")

    assert (h.muat, h.klik) == (3, 3)
    hasil = artefak / "langkah-keluarga-datang.json"
    semua = json.loads(hasil.read_text()) if hasil.exists() else {}
    semua[f"{layar} {lebar}x{tinggi}"] = {
        "muat_halaman": h.muat,
        "klik": h.klik,
        "isian": h.isian,
        "anggota": len(anggota),
    }
    hasil.write_text(json.dumps(semua, indent=2))

    # Lands on the new KK's page: the members, their arrivals and the family event.
    k = Keluarga.objects.get()
    assert page.url == f"{live_server.url}{k.get_absolute_url()}"
    isi = page.inner_text("#anggota")
    assert all(nama in isi for _n, nama, *_ in anggota)
    assert page.inner_text("#peristiwa").count("PINDAH MASUK") == 3
    assert "KELUARGA BARU DATANG" in page.inner_text("#peristiwa")
    assert Peristiwa.objects.filter(jenis=kode.JenisPeristiwa.PINDAH_MASUK).count() == 3
    page.screenshot(path=str(artefak / f"keluarga-datang-hasil-{layar}.png"), full_page=True)

    # "Tambah anggota baru" is on the same page, prefilled with this family.
    page.click(".sid-tambah-anggota >> text=Pindah masuk")
    assert k.no_kk in page.inner_text("#content-main")
    page.screenshot(
        path=str(artefak / f"keluarga-pindah-masuk-anggota-{layar}.png"), full_page=True
    )
