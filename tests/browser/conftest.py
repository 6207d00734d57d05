"""Browser journeys: a real Chromium from Debian, driven by Playwright (no browser download)."""

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
        yield b
        b.close()
        # Connections opened while Playwright's loop ran belong to that context: close them
        # here, or PostgreSQL refuses to drop the test database at the end of the run.
        connections.close_all()
