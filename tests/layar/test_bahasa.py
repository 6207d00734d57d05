"""Every screen the harness opens speaks plain Indonesian: no English words of Django's admin
or its plug-ins, no raw field names, ids or UUIDs in the text a person reads.

Each page is opened once, by who uses its door (the back office as a superuser, who sees every
link and button; the portal as a resident; the hub as hub staff; the public site as a
visitor). What is scanned is what a person reads: text nodes (scripts, styles and the
contents of text boxes left out), button labels, placeholders and tooltips.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.layar import harapan as h
from tests.layar.conftest import klien_untuk
from tests.layar.penjelajah import GalatServer, tutup

pytestmark = pytest.mark.django_db

# English words and phrases Django, its admin and the plug-ins print when a string is not
# translated, or when a model or field has no Indonesian name. Whole words, case-sensitive
# where the Indonesian text could contain the same letters in lower case.
INGGRIS = [
    r"\bAdd\b",
    r"\bChange\b",
    r"\bDelete\b",
    r"\bSave\b",
    r"\bHistory\b",
    r"\bFilter\b",
    r"\bSearch\b",
    r"\bAction\b",
    r"\bSelect\b",
    r"\bView site\b",
    r"\bLog ?out\b",
    r"\bPassword\b",
    r"\bUsers?\b",
    r"\bGroups\b",
    r"\bPermissions?\b",
    r"\bPeriodic\b",
    r"\bCrontabs?\b",
    r"\bIntervals?\b",
    r"\bClocked\b",
    r"\bSolar\b",
    r"\buser-group\b",
    r"\bgroup-permission\b",
    r"\buser-permission\b",
    r"\bcontent types?\b",
    r"\bsessions?\b",
    r"\blog entr(?:y|ies)\b",
    r"\bperiodic task",
    r"\bObject\b",
    r"\bobject\b",
    r"\bNone\b",
    r"\bTrue\b",
    r"\bFalse\b",
    r"\bUnknown\b",
    r"\bToday\b",
    r"\bNow\b",
    r"\bShow all\b",
    r"\bAll\b",
    r"\bYes\b",
    r"\bby\b",
    r"\bof\b",
    r"\bthe\b",
    r"\bRUBAH\b",
    r"\bTAUTAN KUNJUNGAN\b",
]
# Raw field names and ids: "id: 5", "uuid", "foo_id", a snake_case token such as
# "tanggal_lahir", a UUID.
MENTAH = [
    r"\bid:",
    r"\bpk\b",
    r"\buuid\b",
    r"\b[a-z]+_id\b",
    r"\b[a-z]{2,}_[a-z_]{2,}\b",
    r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
]
POLA = re.compile("|".join(f"(?:{p})" for p in INGGRIS + MENTAH))

# Text that is not the back office's wording but data or a fixed technical name a person
# types or copies as is, left out of the scan: e-mail addresses, file names, URLs and paths,
# the letter codes an operator writes into a letter template ("[nama_ayah]", shown in brackets or
# as <code>, exactly as they are typed), and OpenSID's table names on the move-in report (the old system's names for what was or was
# not carried, each shown beside its Indonesian description, so the operator can find the
# rows in the old database).
_BUKAN_KATA = re.compile(
    r"\S+@\S+\.\S+"
    r"|\b\S+\.(?:csv|xlsx|xls|pdf|docx|rtf|zip|json|sql|gz|png|jpg)\b"
    r"|https?://\S+|/[\w/.-]+/"
    r"|\[[^\]]*\]"
    r"|\btweb_\w+(?: id \d+)?"
)


class _Teks(HTMLParser):
    """The text a person reads on a page. An image's alt text is not read here: Django's admin
    writes its icons' alt as "True"/"False"/"Search" in code (no translation hook), and the
    icon, not the word, is what a person sees."""

    LEWATI = {"script", "style", "textarea", "template", "noscript", "code"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bagian: list[str] = []
        self._lewati = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.LEWATI:
            self._lewati += 1
        for nama in ("placeholder", "title", "aria-label"):
            if a.get(nama):
                self.bagian.append(a[nama])
        if tag == "input" and a.get("type") in ("submit", "button", "reset") and a.get("value"):
            self.bagian.append(a["value"])

    def handle_endtag(self, tag):
        if tag in self.LEWATI and self._lewati:
            self._lewati -= 1

    def handle_data(self, data):
        if not self._lewati and data.strip():
            self.bagian.append(data.strip())


def teks_terlihat(html: str) -> list[str]:
    p = _Teks()
    p.feed(html)
    return p.bagian


def temuan(html: str, data: re.Pattern | None = None) -> set[str]:
    """What breaks the rule on a page; `data` matches the world's own data (user names) to
    leave out."""
    hasil = set()
    for potong in teks_terlihat(html):
        bersih = _BUKAN_KATA.sub(" ", potong)
        if data is not None:
            bersih = data.sub(" ", bersih)
        for m in POLA.finditer(bersih):
            awal = max(m.start() - 30, 0)
            hasil.add(f"{m.group(0)!r} dalam «{bersih[awal : m.end() + 30]}»")
    return hasil


def _siapa(route: str) -> str:
    if route.startswith("mandiri/"):
        return h.WARGA
    if route.startswith("hub/"):
        return h.STAF_HUB
    if route.startswith("admin/"):
        return h.SUPERUSER
    return h.ANONIM


def test_setiap_layar_berbahasa_indonesia_tanpa_nama_kolom_mentah(dunia, peta):
    from django.contrib.auth.models import User

    klien = {s: klien_untuk(dunia, s)[0] for s in (h.SUPERUSER, h.WARGA, h.STAF_HUB, h.ANONIM)}
    nama_pengguna = sorted(User.objects.values_list("username", flat=True), key=len, reverse=True)
    data = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in nama_pengguna))
    salah = []
    with GalatServer():
        for route, path in h.urutan_jalan(peta.url):
            if route in h.KELUAR:
                continue
            respon = klien[_siapa(route)].get(path)
            if respon.status_code != 200 or "html" not in respon.get("Content-Type", ""):
                tutup(respon)
                continue
            for t in sorted(temuan(respon.content.decode(errors="replace"), data)):
                salah.append(f"{path}: {t}")
    assert not salah, f"{len(salah)} temuan:\n" + "\n".join(salah)
