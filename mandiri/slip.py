"""PIN slips (PDF): village letterhead, resident name, masked NIK, the PIN and how to log in.

One slip or a sheet of many (eight per A4 page, to be cut). Rendered with WeasyPrint through
`sid.lib.pdf.render_pdf`; the bytes are never written anywhere by this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from sid.lib.format import samarkan_nik, tanggal_indonesia
from sid.lib.pdf import konteks_kop, render_pdf


@dataclass
class Slip:
    nama: str
    nik_samar: str
    pin: str
    wilayah: str


def slip_untuk(penduduk, pin: str) -> Slip:
    return Slip(
        nama=penduduk.nama,
        nik_samar=samarkan_nik(penduduk.nik),
        pin=pin,
        wilayah=str(penduduk.wilayah) if penduduk.wilayah_id else "",
    )


def render_slip(slip: list[Slip], *, url_masuk: str) -> bytes:

    konteks = konteks_kop(kertas="A4")
    konteks.update(
        {
            "judul": "Slip PIN Layanan Mandiri",
            "slip": slip,
            "url_masuk": url_masuk,
            "tanggal_terbit": tanggal_indonesia(timezone.localdate()),
        }
    )
    return render_pdf("laporan/mandiri/slip_pin.html", konteks)
