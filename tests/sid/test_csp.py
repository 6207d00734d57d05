"""Content-Security-Policy (issue #17, item 4): every door sends a strict policy, and no
template carries JavaScript the policy would refuse (inline <script>, on*="" attributes,
javascript: URLs). The browser journeys (tests/browser) fail on any violation Chromium reports.
"""

from __future__ import annotations

import re
from pathlib import Path

import django
import pytest
from django.urls import reverse

from tests.sinkron.conftest import hub_aktif, staf_hub  # noqa: F401

AKAR = Path(__file__).resolve().parents[2]
ADMIN_DJANGO = Path(django.__file__).parent / "contrib" / "admin" / "templates"

KEBIJAKAN = {
    "default-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "img-src": "'self' data: blob:",
    "style-src": "'self' 'unsafe-inline'",
}


def _arahan(header: str) -> dict[str, str]:
    hasil = {}
    for bagian in header.split(";"):
        kata = bagian.split()
        if kata:
            hasil[kata[0]] = " ".join(kata[1:])
    return hasil


def _periksa_kebijakan(r) -> None:
    assert r.status_code == 200
    assert "Content-Security-Policy" in r, "tanpa header Content-Security-Policy"
    arahan = _arahan(r["Content-Security-Policy"])
    for nama, nilai in KEBIJAKAN.items():
        assert arahan.get(nama) == nilai, (nama, r["Content-Security-Policy"])
    assert "'unsafe-inline'" not in arahan["script-src"]
    assert "'unsafe-eval'" not in r["Content-Security-Policy"]


@pytest.mark.django_db
def test_halaman_back_office_mengirim_csp(klien_admin, desa):
    _periksa_kebijakan(klien_admin.get(reverse("admin:index")))
    _periksa_kebijakan(klien_admin.get(reverse("admin:penduduk_penduduk_changelist")))


@pytest.mark.django_db
def test_halaman_layanan_mandiri_mengirim_csp(client, desa):
    _periksa_kebijakan(client.get(reverse("mandiri:masuk")))


@pytest.mark.django_db
def test_website_publik_mengirim_csp(client, desa):
    _periksa_kebijakan(client.get("/"))
    _periksa_kebijakan(client.get("/statistik/"))


@pytest.mark.django_db
def test_hub_mengirim_csp(client, staf_hub):  # noqa: F811
    client.force_login(staf_hub["kab"])
    _periksa_kebijakan(client.get(reverse("hub:dasbor")))


# --- templates --------------------------------------------------------------------------------

POLA_SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
POLA_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9-]*\b(?:[^>{]|\{[^}]*\})*>", re.DOTALL)
POLA_ON = re.compile(r"(?:^|[\s\"'])(on[a-z]+)\s*=", re.IGNORECASE)
POLA_JS_URL = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)


def berkas_templat() -> list[Path]:
    """Every template of the project (templates/ and each app's templates/)."""
    hasil = []
    for folder in [AKAR / "templates", *AKAR.glob("*/templates")]:
        if ".venv" in folder.parts:
            continue
        hasil += sorted(folder.rglob("*.html"))
    return hasil


def pelanggaran(teks: str) -> list[str]:
    """What a strict script-src would refuse in one template's text."""
    masalah = []
    for m in POLA_SCRIPT.finditer(teks):
        atribut = m.group(1)
        if re.search(r"\bsrc\s*=", atribut, re.I):
            continue
        if re.search(r"""type\s*=\s*["']application/(ld\+)?json["']""", atribut, re.I):
            continue
        masalah.append(f"<script> tanpa src: {m.group(0)[:80]}")
    for m in POLA_TAG.finditer(teks):
        tanpa_tag_django = re.sub(r"\{[%{#].*?[%}#]\}", " ", m.group(0), flags=re.S)
        for on in POLA_ON.findall(tanpa_tag_django):
            masalah.append(f"atribut {on}=: {m.group(0)[:80]}")
    for m in POLA_JS_URL.finditer(teks):
        masalah.append(f"URL javascript: {m.group(0)[:80]}")
    return masalah


def test_pemindai_mengenali_skrip_sebaris():
    """The scanner itself: it must see what it is meant to refuse, and pass what is fine."""
    assert pelanggaran("<script>alert(1)</script>")
    assert pelanggaran("<SCRIPT type='text/javascript'>x()</SCRIPT>")
    assert pelanggaran('<form method="post" onsubmit="return confirm(\'x\')">')
    assert pelanggaran('<select class="a"\n  onchange="this.form.submit()">')
    assert pelanggaran('<a href="javascript:void(0)">x</a>')
    assert not pelanggaran("<script src=\"{% static 'sid/x.js' %}\" defer></script>")
    assert not pelanggaran('<script type="application/json" id="d">{}</script>')
    assert not pelanggaran('<form data-konfirmasi="Batalkan?" class="one">')
    assert not pelanggaran("<p>Jalan online = mudah</p>")
    assert not pelanggaran('<input name="x" {% if a %}disabled{% endif %}>')


def test_tidak_ada_skrip_sebaris_di_templat():
    """No template has an inline <script> (json_script output is data, not code), an on*=""
    handler or a javascript: URL: the policy's script-src 'self' would refuse them."""
    berkas = berkas_templat()
    assert len(berkas) > 100
    temuan = {
        str(p.relative_to(AKAR)): masalah
        for p in berkas
        if (masalah := pelanggaran(p.read_text(encoding="utf-8")))
    }
    assert temuan == {}


def test_templat_admin_django_yang_dipakai_bersih():
    """Django's own admin templates (which the back office renders) pass the same scan, so a
    Django upgrade that adds an inline script fails here, not silently in the browser."""
    temuan = {
        str(p.relative_to(ADMIN_DJANGO)): masalah
        for p in sorted(ADMIN_DJANGO.rglob("*.html"))
        if (masalah := pelanggaran(p.read_text(encoding="utf-8")))
    }
    assert temuan == {}
