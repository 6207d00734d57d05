"""Text helpers of the website: plain text from rich text, comment cleaning, unique slugs."""

from __future__ import annotations

import html
import re
import unicodedata

import nh3
from django.utils.text import slugify

_BLOK = re.compile(r"<(/?(?:p|div|br|li|h[1-6]|tr|td|th|blockquote|pre|hr)\b[^>]*)>", re.I)
_KONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def teks_polos(isi_html: str) -> str:
    """The words of a rich text, for search and excerpts (no tags, entities decoded)."""
    berjarak = _BLOK.sub(r" <\1> ", isi_html or "")
    teks = html.unescape(nh3.clean(berjarak, tags=set()))
    return " ".join(teks.split())


def bersihkan_komentar(teks: str) -> str:
    """A comment as plain text: tags and their scripts dropped, control characters removed.

    The result is stored as text and always escaped when shown (never rendered as HTML).
    """
    teks = unicodedata.normalize("NFC", teks or "")
    teks = html.unescape(nh3.clean(teks, tags=set()))
    teks = _KONTROL.sub("", teks.replace("\r\n", "\n").replace("\r", "\n"))
    baris = [" ".join(b.split()) for b in teks.split("\n")]
    teks = "\n".join(baris)
    teks = re.sub(r"\n{3,}", "\n\n", teks)
    return teks.strip()


def bersihkan_satu_baris(teks: str) -> str:
    return " ".join(_KONTROL.sub("", html.unescape(nh3.clean(teks or "", tags=set()))).split())


def slug_unik(model, dasar: str, *, kecuali_pk=None, panjang: int = 200) -> str:
    """slugify(dasar), with -2, -3 … appended when another row already uses it."""
    slug = slugify(dasar)[:panjang].strip("-") or "tanpa-judul"
    qs = model.objects.all()
    if kecuali_pk is not None:
        qs = qs.exclude(pk=kecuali_pk)
    calon, n = slug, 1
    while qs.filter(slug=calon).exists():
        n += 1
        calon = f"{slug[: panjang - len(str(n)) - 1]}-{n}"
    return calon
