"""Checks a laid-out report (sid.lib.pdf.tata_letak) for table cells that break a word or a
number across lines ("Keteranga/n", "PANGKAT/GOLONGA/N", a NIK split in two). A break after a
hyphen or a slash ("Kewarga-/negaraan", "PANGKAT/ GOLONGAN") is where a word may break."""

from __future__ import annotations

BOLEH_SETELAH = ("-", "/", "\u00ad")


def _sel(box):
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TableCellBox):
        yield box
        return
    for anak in getattr(box, "children", []):
        yield from _sel(anak)


def _baris(box, hasil):
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.LineBox):
        hasil.append("".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox)))
        return hasil
    for anak in getattr(box, "children", []):
        _baris(anak, hasil)
    return hasil


def kata_terpotong(dokumen) -> list[str]:
    """Every word broken inside a table cell, as "word → piece|piece" (empty: none)."""
    hasil = []
    for halaman in dokumen.pages:
        for sel in _sel(halaman._page_box):
            baris = [b for b in _baris(sel, []) if b.strip()]
            if len(baris) < 2:
                continue
            asli = _teks(sel.element).split() if sel.element is not None else []
            potongan = [t for b in baris for t in b.split()]
            hasil += _bandingkan(asli, potongan, baris)
    return hasil


def _teks(el) -> str:
    """A cell's source text, a line break (<br>) counting as a space."""
    bagian = [el.text or ""]
    for anak in el:
        bagian.append(" " if str(anak.tag).endswith("br") else _teks(anak))
        bagian.append(anak.tail or "")
    return "".join(bagian)


def _bandingkan(asli: list[str], potongan: list[str], baris: list[str]) -> list[str]:
    """Walk the source words against the words of the laid-out lines (compared without case:
    CSS may print a header in capitals)."""
    asli = [k.casefold() for k in asli]
    potongan = [k.casefold() for k in potongan]
    salah, j = [], 0
    for kata in asli:
        if j < len(potongan) and potongan[j] == kata:
            j += 1
            continue
        bagian, susun = [], ""
        while j < len(potongan) and len(susun) < len(kata) and kata.startswith(susun + potongan[j]):
            susun += potongan[j]
            bagian.append(potongan[j])
            j += 1
        if susun != kata:
            salah.append(f"{kata} → teks sel berbeda dari sumbernya: {' / '.join(baris)}")
            return salah
        if any(not b.endswith(BOLEH_SETELAH) for b in bagian[:-1]):
            salah.append(f"{kata} → {'|'.join(bagian)}")
    return salah
