"""The built-in letter types SID ships (seeded by migration 0003, editable by the village).

Each type is data: its settings in `templates/surat/bawaan/jenis.json` (name, title,
classification code, extra fields, requirements, validity) and its body in
`templates/surat/bawaan/<slug>.html`, which may include the shared blocks (`_pembuka.html`,
`_identitas.html` …). Line breaks in those files are for reading only: the stored body is the
lines joined.

Texts follow the common wording of village letters (and OpenSID's templates), with OpenSID's
case rule for codes: `[NAma]` prints in capitals, `[Nama_desa]` in Title Case, and free text
typed by the operator is printed as typed with codes ending in a capital (`[Form_keperluaN]`).
The village may change any text; the original stays in `JenisSurat.isi_asli` ("Pulihkan").
"""

from __future__ import annotations

import json
from pathlib import Path

from django.template.loader import render_to_string

from sid.lib.html import bersihkan_html

FOLDER = Path(__file__).resolve().parent / "templates" / "surat" / "bawaan"


def isi_bawaan(slug: str) -> str:
    """The body of a built-in type, as stored (shared blocks included, lines joined)."""
    teks = render_to_string(f"surat/bawaan/{slug}.html")
    return "".join(baris.strip() for baris in teks.splitlines())


def _jenis_bawaan() -> list[dict]:
    data = json.loads((FOLDER / "jenis.json").read_text(encoding="utf-8"))
    return [{**j, "isi": isi_bawaan(j["slug"])} for j in data]


JENIS_BAWAAN: list[dict] = _jenis_bawaan()


def pasang_jenis_bawaan(model) -> int:
    """Add the built-in types missing from the table (by slug); returns how many were added.

    `model` is the JenisSurat class (the historical one in migrations). A village's edits are
    never overwritten; the original text goes to `isi_asli` for "Pulihkan teks asli"."""

    ada = set(model.objects.values_list("slug", flat=True))
    baru = 0
    for urutan, data in enumerate(JENIS_BAWAAN, start=1):
        if data["slug"] in ada:
            continue
        data = dict(data)
        isi = bersihkan_html(data.pop("isi"))
        model.objects.create(**data, isi=isi, isi_asli=isi, bawaan=True, urutan=urutan * 10)
        baru += 1
    return baru
