"""Every page fits its screen: on a 1366×768 laptop and a 375×812 phone, no page of the public
website, the resident portal or the main back-office screens is wider than the window
(`document.documentElement.scrollWidth <= window.innerWidth`). Wide tables scroll inside their
own box; the page itself never scrolls sideways.

Screenshots of every page at both sizes go to tests/artefak/layar/ (git-ignored, or the folder
named by SID_LAYAR_ARTEFAK) so a person can look at them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from tests.factories import SANDI_UJI, StafFactory, buat_jabatan_bawaan

UKURAN = {"laptop": (1366, 768), "hp": (375, 812)}
PIN = "480315"
DAFTAR_TANPA_GULIR = ("/admin/penduduk/penduduk/", "/admin/keluarga/keluarga/")


class _Diam:
    def write(self, *_a, **_k):
        pass

    def flush(self):
        pass


def _folder(artefak: Path) -> Path:
    folder = Path(os.environ.get("SID_LAYAR_ARTEFAK") or artefak / "layar")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _dunia() -> dict:
    """A small demo village, a letter signed and checkable, a resident with a portal account."""
    from konten.models import Agenda, Artikel, Halaman, Kategori
    from mandiri.models import AkunMandiri
    from mandiri.services import pengaduan as mandiri_pengaduan
    from mandiri.services import permohonan as mandiri_permohonan
    from penduduk.models import Penduduk
    from surat import services as surat
    from surat.bawaan import pasang_jenis_bawaan
    from surat.models import JenisSurat

    buat_jabatan_bawaan()  # an earlier transactional test may have flushed the seeded posts
    call_command("isi_desa_demo", penduduk=40, seed=1, stdout=_Diam())
    admin = StafFactory(username="lebar_admin", is_superuser=True)
    warga = Penduduk.objects.filter(status_dasar=1, keluarga__isnull=False).order_by("pk").first()
    AkunMandiri.objects.create(penduduk=warga, pin=make_password(PIN), wajib_ganti_pin=False)
    pasang_jenis_bawaan(JenisSurat)
    jenis = JenisSurat.objects.get(slug="keterangan-domisili")
    isian = {
        f["kode"]: {"tanggal": "2024-03-05", "uang": "2500000", "angka": "3"}.get(
            f.get("jenis"), (f.get("pilihan") or [f"Isi {f['label']}"])[0]
        )
        for f in jenis.isian
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        s = surat.surat_create(oleh=admin, jenis=jenis, penduduk=warga, isian=isian)
        surat.surat_ajukan(oleh=admin, surat=s)
        surat.surat_verifikasi(oleh=admin, surat=s)
        surat.surat_tandatangani(oleh=admin, surat=s)
    s.refresh_from_db()
    permohonan = mandiri_permohonan.permohonan_create(
        penduduk=warga, jenis=jenis, isian=isian, dokumen=[], bawa_dokumen_fisik=True
    )
    pengaduan = mandiri_pengaduan.pengaduan_create(
        penduduk=warga,
        jenis="pengaduan",
        judul="Lampu jalan mati",
        isi="Lampu jalan di depan balai dusun mati sejak seminggu yang lalu.",
        foto=None,
    )
    artikel = Artikel.objects.terbit().order_by("-pk").first()
    terbit = timezone.localtime(artikel.terbit_pada) if artikel else timezone.localtime()
    return {
        "warga": warga,
        "surat": s,
        "permohonan": permohonan,
        "pengaduan": pengaduan,
        "jenis": jenis,
        "artikel": artikel,
        "terbit": terbit,
        "kategori": Kategori.objects.order_by("pk").first(),
        "agenda": Agenda.objects.order_by("pk").first(),
        "halaman": Halaman.objects.order_by("pk").first(),
    }


def _halaman_publik(d: dict) -> list[str]:
    from penduduk.statistik import kategori_publik

    kat = kategori_publik()[0].kunci
    url = [
        "/",
        "/artikel/",
        "/cari/?q=desa",
        "/agenda/",
        "/aparatur/",
        "/informasi-publik/",
        "/statistik/",
        f"/statistik/{kat}/",
        "/statistik/pendidikan-kk/",
        "/apbdes/",
        f"/apbdes/{timezone.localdate().year - 1}/",
        f"/surat/cek/{d['surat'].kode}/",
        "/tidak-ada-halaman-ini/",
    ]
    if d["artikel"]:
        url.append(d["artikel"].get_absolute_url())
        url.append(f"/arsip/{d['terbit'].year}/{d['terbit'].month}/")
    if d["kategori"]:
        url.append(f"/kategori/{d['kategori'].slug}/")
    if d["agenda"]:
        url.append(f"/agenda/{d['agenda'].uuid}/")
    if d["halaman"]:
        url.append(f"/halaman/{d['halaman'].slug}/")
    return url


def _halaman_mandiri(d: dict) -> list[str]:
    return [
        "/mandiri/",
        "/mandiri/biodata/",
        "/mandiri/keluarga/",
        "/mandiri/bantuan/",
        "/mandiri/informasi/",
        "/mandiri/permohonan/",
        "/mandiri/permohonan/baru/",
        f"/mandiri/permohonan/baru/{d['jenis'].slug}/",
        "/mandiri/pengaduan/",
        "/mandiri/pengaduan/baru/",
        f"/mandiri/permohonan/{d['permohonan'].uuid}/",
        f"/mandiri/pengaduan/{d['pengaduan'].uuid}/",
        "/mandiri/ganti-pin/",
    ]


def _halaman_admin(d: dict) -> list[str]:
    w = d["warga"]
    return [
        "/admin/",
        "/admin/penduduk/penduduk/",
        f"/admin/penduduk/penduduk/{w.pk}/change/",
        "/admin/keluarga/keluarga/",
        f"/admin/keluarga/keluarga/{w.keluarga_id}/change/",
        "/admin/surat/surat/",
        f"/admin/surat/surat/add/?jenis={d['jenis'].pk}",
        "/admin/surat/surat/add/",
        "/admin/penduduk/statistik/",
        "/admin/penduduk/statistik/?kategori=pendidikan-kk",
    ]


def _ukur(page, url: str, nama: str, folder: Path, ukuran: str) -> str | None:
    respons = page.goto(url)
    assert respons is not None and respons.status in (200, 404), f"{url}: {respons.status}"
    page.wait_for_load_state("load")
    lebar = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth,"
        " [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
        " > window.innerWidth + 1).slice(-3).map(e => e.tagName + '.' + e.className)]"
    )
    page.screenshot(path=str(folder / f"{ukuran}-{nama}.png"), full_page=True)
    if lebar[0] > lebar[1]:
        return f"{ukuran} {url}: lebar {lebar[0]} > {lebar[1]} ({lebar[2]})"
    if ukuran == "hp" and "/admin/" in url:
        # On a phone the back office's content uses the screen's width (the menu is hidden).
        isi = page.evaluate(
            "() => document.querySelector('#content').getBoundingClientRect().width"
        )
        if isi < lebar[1] * 0.9:
            return f"{ukuran} {url}: isi hanya {isi:.0f} px dari {lebar[1]}"
    if ukuran == "laptop" and url.split("?")[0].endswith(DAFTAR_TANPA_GULIR):
        # The resident and family lists fit a laptop whole: no scrolling inside either.
        tabel = page.evaluate(
            "() => [document.querySelector('#result_list').scrollWidth,"
            " document.querySelector('#changelist .results').clientWidth]"
        )
        if tabel[0] > tabel[1]:
            return f"{ukuran} {url}: tabel {tabel[0]} > {tabel[1]}"
    return None


def _nama(url: str) -> str:
    return url.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "beranda"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_setiap_halaman_muat_di_laptop_dan_hp(browser, live_server, desa, artefak):
    d = _dunia()
    folder = _folder(artefak)
    lewat: list[str] = []
    for ukuran, (lebar, tinggi) in UKURAN.items():
        konteks = browser.new_context(viewport={"width": lebar, "height": tinggi})
        page = konteks.new_page()
        page.set_default_timeout(15_000)
        for url in _halaman_publik(d):
            lewat.append(_ukur(page, live_server.url + url, "publik-" + _nama(url), folder, ukuran))

        page.goto(f"{live_server.url}/mandiri/masuk/")
        page.fill("#nik", d["warga"].nik)
        page.fill("#pin", PIN)
        page.click("#tombol-masuk")
        page.wait_for_url(f"{live_server.url}/mandiri/")
        for url in _halaman_mandiri(d):
            lewat.append(_ukur(page, live_server.url + url, _nama(url), folder, ukuran))

        page.goto(f"{live_server.url}/admin/login/")
        lewat.append(_ukur(page, page.url, "admin-masuk", folder, ukuran))
        page.fill("#id_username", "lebar_admin")
        page.fill("#id_password", SANDI_UJI)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        for url in _halaman_admin(d):
            lewat.append(_ukur(page, live_server.url + url, _nama(url), folder, ukuran))
        konteks.close()

    # The dark theme (the operator's system setting) keeps the same layout.
    gelap = browser.new_context(viewport={"width": 1366, "height": 768}, color_scheme="dark")
    page = gelap.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "lebar_admin")
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    for url in ["/admin/", "/admin/penduduk/penduduk/"]:
        lewat.append(_ukur(page, live_server.url + url, "gelap-" + _nama(url), folder, "laptop"))
    gelap.close()
    lewat = [x for x in lewat if x]
    assert not lewat, "Halaman lebih lebar dari layar:\n" + "\n".join(lewat)
