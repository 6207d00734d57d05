"""Counting what an operator does in a browser journey: page loads, clicks, fields filled,
downloads; a screenshot at every step; the counts gathered in one JSON and one Markdown table
in the artefacts folder (tests/artefak/, gitignored).

Conventions (docs/langkah-operator.md):
- a task starts on the back-office dashboard (/admin/), already logged in; the login and that
  first dashboard load are not counted;
- a page load is a new document in the main frame, counted by its `domcontentloaded` event (not
  `load`: the letter page that starts the PDF download from its DOMContentLoaded handler never
  reports `load` to Playwright); HTMX swaps and downloads are not page loads;
- a click is a click on a link, button, checkbox or radio, or a click into a rich-text editor;
- a field is a text typed into a field or an option chosen in a select;
- a download is a file the browser saves (counted apart: it follows a click or a page load).
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.factories import SANDI_UJI

LAYAR = {"laptop": (1366, 768), "ponsel": (375, 812)}
BERKAS_JSON = "langkah-operator.json"
BERKAS_TABEL = "langkah-operator.md"


def masuk(browser, live_server, username: str, layar: str):
    """A new browser context at the viewport of `layar`, logged in, on the dashboard."""
    lebar, tinggi = LAYAR[layar]
    konteks = browser.new_context(
        viewport={"width": lebar, "height": tinggi}, accept_downloads=True
    )
    page = konteks.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


class Hitung:
    """Wraps the page: every click and every field filled is counted; page loads by event.

    `foto(nama)` saves a full-page screenshot named <tugas>-<nn>-<nama>-<layar>.png."""

    def __init__(self, page, *, artefak: Path | None = None, tugas: str = "", layar: str = ""):
        self.page, self.muat, self.klik, self.isian, self.unduhan = page, 0, 0, 0, 0
        self.artefak, self.tugas, self.layar, self._foto = artefak, tugas, layar, 0
        self.halaman: list[str] = []  # the path of every page load, in order
        self.melebar: dict[str, str] = {}  # screenshots wider than the viewport: name -> why
        page.on("domcontentloaded", self._muat)

    def _muat(self, page):
        self.muat += 1
        self.halaman.append(page.url.split("/", 3)[-1])

    def buka(self, url):
        self.page.goto(url)

    def klik_(self, selector):
        self.klik += 1
        self.page.click(selector)

    def centang(self, selector):
        self.klik += 1
        self.page.check(selector)

    def isi(self, selector, nilai):
        self.isian += 1
        if self.page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            self.page.select_option(selector, nilai)
        else:
            self.page.fill(selector, nilai)

    def klik_unduh(self, selector, simpan_ke: Path | None = None):
        """Click something whose result is a download (directly or via the next page)."""
        with self.page.expect_download() as unduhan:
            self.klik_(selector)
        self.unduhan += 1
        if simpan_ke is not None:
            unduhan.value.save_as(str(simpan_ke))
        return unduhan.value

    def foto(self, nama: str) -> None:
        if self.artefak is None:
            return
        self._foto += 1
        folder = self.artefak / "hari-operator"
        folder.mkdir(parents=True, exist_ok=True)
        berkas = folder / f"{self.tugas}-{self._foto:02d}-{nama}-{self.layar}.png"
        self.page.screenshot(path=str(berkas), full_page=True)
        lebar = self.lebar_halaman()
        if lebar > LAYAR[self.layar][0]:
            self.melebar[berkas.name] = f"{lebar}px: {self.terlebar()}"

    def lebar_halaman(self) -> int:
        return self.page.evaluate("document.documentElement.scrollWidth")

    def terlebar(self) -> str:
        """The first element that reaches past the viewport's right edge (tag#id.class)."""
        return self.page.evaluate(
            """() => {
                const batas = document.documentElement.clientWidth;
                const gulir = (e) => {
                    for (let a = e.parentElement; a; a = a.parentElement) {
                        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) {
                            return true;
                        }
                    }
                    return false;
                };
                const nama = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + (e.className && typeof e.className === 'string'
                       ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
                for (const e of document.querySelectorAll('body *')) {
                    const r = e.getBoundingClientRect();
                    if (r.right > batas + 1 && r.width > 0 && !gulir(e)) {
                        const jalur = [];
                        for (let a = e; a && a !== document.body; a = a.parentElement) {
                            jalur.unshift(nama(a));
                        }
                        return jalur.slice(-4).join(' > ');
                    }
                }
                return '?';
            }"""
        )

    def catat(self, judul: str, **lain) -> dict:
        """Write this run's counts to langkah-operator.json and refresh the Markdown table."""
        lebar, tinggi = LAYAR[self.layar]
        hasil = self.artefak / BERKAS_JSON
        semua = json.loads(hasil.read_text()) if hasil.exists() else {}
        baris = {
            "muat_halaman": self.muat,
            "klik": self.klik,
            "isian": self.isian,
            "unduhan": self.unduhan,
            "halaman": self.halaman,
            "melebar": self.melebar,
            **lain,
        }
        tugas = semua.setdefault(self.tugas, {"judul": judul, "layar": {}})
        tugas["judul"] = judul
        tugas["layar"][f"{lebar}x{tinggi}"] = baris
        hasil.write_text(json.dumps(semua, indent=2, ensure_ascii=False))
        (self.artefak / BERKAS_TABEL).write_text(tabel(semua))
        # Every step fits the viewport: no sideways scrolling of the whole page on a phone.
        assert not self.melebar, f"halaman lebih lebar dari layar: {self.melebar}"
        return baris


def tabel(semua: dict) -> str:
    """The Markdown table docs/langkah-operator.md copies: one row per task."""
    baris = [
        "| Tugas | Muat halaman 1366 | Klik 1366 | Isian 1366 | Muat halaman 375 | Klik 375 "
        "| Isian 375 | Unduhan |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for _kunci, t in semua.items():
        besar = t["layar"].get("1366x768", {})
        kecil = t["layar"].get("375x812", {})

        def n(d, k):
            return str(d[k]) if k in d else "–"

        baris.append(
            f"| {t['judul']} | {n(besar, 'muat_halaman')} | {n(besar, 'klik')} "
            f"| {n(besar, 'isian')} | {n(kecil, 'muat_halaman')} | {n(kecil, 'klik')} "
            f"| {n(kecil, 'isian')} | {n(besar or kecil, 'unduhan')} |"
        )
    return "\n".join(baris) + "\n"
