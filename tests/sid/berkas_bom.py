"""Decompression bombs for tests, built in well under a second without ever holding the
expanded bytes: one deflate piece of zeros (or of "A"s), compressed once and closed with a
full flush (so it does not refer back), is repeated as often as needed; the checksums are
updated piece by piece.

- `png_bom()`: the PNG of issue #17 — 13,300 × 13,300 RGBA (just under Pillow's default
  bomb limit), ~0.7 MB on disk, ~700 MB once decoded.
- `xlsx_bom()`: a real workbook whose shared string is 300 MB of "A" (~0.3 MB on disk).
"""

from __future__ import annotations

import io
import resource
import struct
import time
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

_MB = 1024 * 1024


def _deflate(data: bytes, akhir: bool) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    return z.compress(data) + z.flush(zlib.Z_FINISH if akhir else zlib.Z_FULL_FLUSH)


def _aliran(
    bagian: bytes, ulang: int, sisa: bytes, awal: bytes = b""
) -> tuple[bytes, int, int, int]:
    """Raw deflate of awal + bagian × ulang + sisa: (stream, crc32, adler32, size)."""
    potong = _deflate(bagian, False)
    crc, adler = zlib.crc32(awal), zlib.adler32(awal)
    for _ in range(ulang):
        crc = zlib.crc32(bagian, crc)
        adler = zlib.adler32(bagian, adler)
    crc, adler = zlib.crc32(sisa, crc), zlib.adler32(sisa, adler)
    kepala = _deflate(awal, False) if awal else b""
    aliran = kepala + potong * ulang + _deflate(sisa, True)
    return aliran, crc, adler, len(awal) + len(bagian) * ulang + len(sisa)


def _chunk(jenis: bytes, isi: bytes) -> bytes:
    return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi))


def png_bom(lebar: int = 13_300, tinggi: int = 13_300) -> bytes:
    """An RGBA PNG of zeros (filter byte 0 per row), as the issue's 688 KB file."""
    baris = b"\x00" * (1 + lebar * 4)
    per = 64
    aliran, _crc, adler, _n = _aliran(baris * per, tinggi // per, baris * (tinggi % per))
    idat = b"\x78\xda" + aliran + struct.pack(">I", adler)
    ihdr = struct.pack(">IIBBBBB", lebar, tinggi, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def unggahan_png_bom(nama: str = "bom.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, png_bom(), content_type="image/png")


def _zip(anggota: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP of (name, raw deflate, crc32, size) members."""
    keluar = io.BytesIO()
    pusat = []
    for nama, data, crc, ukuran in anggota:
        n = nama.encode()
        posisi = keluar.tell()
        keluar.write(
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), ukuran,
                        len(n), 0) + n + data
        )  # fmt: skip
        pusat.append(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data),
                        ukuran, len(n), 0, 0, 0, 0, 0, posisi) + n
        )  # fmt: skip
    awal = keluar.tell()
    keluar.write(b"".join(pusat))
    keluar.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(pusat), len(pusat),
                    keluar.tell() - awal, awal, 0)
    )  # fmt: skip
    return keluar.getvalue()


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_PKG = "http://schemas.openxmlformats.org/package/2006"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_BAGIAN_XLSX = {
    "[Content_Types].xml": f'<Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
    "</Types>",
    "_rels/.rels": f'<Relationships xmlns="{_PKG}/relationships"><Relationship Id="rId1" '
    f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook {_NS} xmlns:r="{_REL}"><sheets><sheet name="Sheet1" '
    'sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>",
    "xl/worksheets/sheet1.xml": f'<worksheet {_NS}><sheetData><row r="1"><c r="A1" t="s">'
    "<v>0</v></c></row></sheetData></worksheet>",
}


def xlsx_bom(mb: int = 300) -> bytes:
    """A workbook openpyxl opens, whose cell A1 is a shared string of `mb` MB of "A"."""
    anggota = []
    for nama, teks in _BAGIAN_XLSX.items():
        isi = (_XML + teks).encode()
        anggota.append((nama, _deflate(isi, True), zlib.crc32(isi), len(isi)))
    kepala = f'{_XML}<sst {_NS} count="1" uniqueCount="1"><si><t>'.encode()
    aliran, crc, _adler, ukuran = _aliran(b"A" * _MB, mb, b"</t></si></sst>", kepala)
    anggota.append(("xl/sharedStrings.xml", aliran, crc, ukuran))
    return _zip(anggota)


def unggahan_xlsx_bom(nama: str = "bom.xlsx", mb: int = 300) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        nama,
        xlsx_bom(mb),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


class Ukur:
    """Wall time and growth of the process's peak memory over a block."""

    def __enter__(self):
        self.rss, self.mulai = _rss_mb(), time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.detik = time.perf_counter() - self.mulai
        self.tambah_mb = _rss_mb() - self.rss

    def periksa(self, *, detik: float = 5.0, mb: float = 50.0):
        """Within bounds far below the bomb's cost before the fix (issue #17: 12 s, +1.6 GB
        for the PNG, 9 s and +730 MB for the workbook). A screen includes rendering the page."""
        assert self.detik < detik, f"{self.detik:.2f} s"
        assert self.tambah_mb < mb, f"+{self.tambah_mb:.0f} MB"
