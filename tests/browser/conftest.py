"""Browser journeys: a real Chromium from Debian, driven by Playwright (no browser download).

Every page a journey opens is watched for Content-Security-Policy violations (the console
message Chromium prints when it refuses a script, style, image or frame, and the page's
`securitypolicyviolation` events): any one fails the journey at its end, naming the page.
`page.wait_for_function` takes an arrow function ("() => …"), never a bare expression: Playwright
evaluates the text once and keeps a function, but re-evaluates an expression with eval() on
every poll, which the policy (no 'unsafe-eval') refuses.
"""

import pytest

from tests.conftest import chromium_path

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# Runs in every page before its own scripts (Playwright injects it, so the policy does not
# apply to it): reports each violation event on the console, where the listener below sees it.
SKRIP_PELANGGARAN = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("securitypolicyviolation: " + e.violatedDirective + " blocked " +
                (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


def pelanggaran_csp(teks: str) -> bool:
    return "Content Security Policy" in teks or "securitypolicyviolation" in teks


class PengawasCsp:
    """Collects CSP violations from every context and page a journey opens."""

    def __init__(self):
        self.temuan: list[str] = []

    def awasi_halaman(self, page) -> None:
        def catat(pesan) -> None:
            if pelanggaran_csp(pesan.text):
                self.temuan.append(f"{page.url}: {pesan.text}")

        page.on("console", catat)

    def awasi_konteks(self, konteks) -> None:
        konteks.add_init_script(SKRIP_PELANGGARAN)
        konteks.on("page", self.awasi_halaman)
        for page in konteks.pages:
            self.awasi_halaman(page)


def _awasi(b, pengawas: PengawasCsp) -> None:
    """Wrap the browser's new_context/new_page so every page is watched."""
    asli_konteks = b.new_context

    def new_context(*args, **kwargs):
        konteks = asli_konteks(*args, **kwargs)
        pengawas.awasi_konteks(konteks)
        return konteks

    def new_page(*args, **kwargs):
        # Browser.new_page makes a context of its own: make it through the watched one (the
        # contexts close with the browser at the end of the journey).
        return new_context(*args, **kwargs).new_page()

    b.new_context = new_context
    b.new_page = new_page


@pytest.fixture(scope="module")
def browser_bersama():
    """One Chromium for a whole module of journeys (each test opens its own context): saves a
    launch per test. Same event-loop and connection rules as `browser`."""
    path = chromium_path()
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=path, headless=True, args=ARGS)
            b.pengawas_csp = PengawasCsp()  # checked after each test by `hitung`
            _awasi(b, b.pengawas_csp)
            yield b
            b.close()
            connections.close_all()


@pytest.fixture
def hitung(browser_bersama, live_server, artefak, request):
    """For journeys parametrized by `layar` (tests/browser/langkah.py): hitung(username, tugas)
    logs in on a new context at that viewport and returns a counting `Hitung` on the dashboard."""
    from tests.browser.langkah import Hitung, masuk

    layar = request.getfixturevalue("layar")
    halaman = []

    def _buka(username: str, tugas: str):
        page = masuk(browser_bersama, live_server, username, layar)
        halaman.append(page)
        return Hitung(page, artefak=artefak, tugas=tugas, layar=layar)

    yield _buka
    for page in halaman:
        page.context.close()
    temuan, browser_bersama.pengawas_csp.temuan = browser_bersama.pengawas_csp.temuan, []
    if temuan:
        pytest.fail("Pelanggaran Content-Security-Policy:\n" + "\n".join(temuan), pytrace=False)


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between page actions are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    path = chromium_path()
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=ARGS)
        pengawas = PengawasCsp()
        _awasi(b, pengawas)
        yield b
        b.close()
        # Connections opened while Playwright's loop ran belong to that context: close them
        # here, or PostgreSQL refuses to drop the test database at the end of the run.
        connections.close_all()
        if pengawas.temuan:
            pytest.fail(
                "Pelanggaran Content-Security-Policy:\n" + "\n".join(pengawas.temuan),
                pytrace=False,
            )
