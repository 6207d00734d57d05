"""Streaming reader for OpenSID's database backup: a MySQL ``.sql`` dump, read without MySQL.

Pure Python (no Django), so it runs anywhere and is tested on its own. The file is read in
chunks and cut into statements by one regular expression that knows strings, quoted names and
comments; only the statement being read is held in memory, so memory is bounded by the largest
single statement (one ``INSERT``), whatever the size of the file.

What comes out of `urai`, in file order:

- `Tabel` for every ``CREATE TABLE``: name, ordered columns with their SQL type, primary key;
- `Baris` for every row of every ``INSERT`` / ``INSERT IGNORE`` / ``REPLACE`` (single- or
  multi-row, with or without a column list; without one, the columns of the table's
  ``CREATE TABLE`` in order): the table name and a dict column -> value.

Values: quoted text -> `str` (MySQL escapes undone), integers -> `int`, numbers with a fraction
or exponent -> `Decimal`, ``NULL`` -> `None`, ``_binary '...'`` / ``0x..`` / ``X'..'`` -> `bytes`,
``b'0101'`` -> `int`. The column types of the ``CREATE TABLE`` then settle what the dumping tool
left ambiguous (OpenSID's own backup quotes every value that is not a plain ``int``): integer
columns give `int`, ``decimal``/``float``/``double`` columns give `Decimal`, ``blob``/``binary``
columns give `bytes`.

Skipped: views, ``DROP``, ``LOCK``/``UNLOCK``, ``SET``, ``USE``, comments (``#``, ``--``,
``/* */`` including ``/*!40101 ... */``), the stray ``utf8mb3_general_ci;`` lines OpenSID writes
after each view, and ``DELIMITER`` blocks (triggers, procedures).

A file that is not an SQL dump raises `BukanCadanganOpenSID`; a dump that is cut short or
cannot be read raises `DumpRusak` naming the approximate line. Rows already yielded before a
`DumpRusak` were read correctly, but a caller that writes must treat the whole file as refused
(run `ringkas` first, or write inside one transaction).
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from itertools import islice, repeat
from typing import IO, NamedTuple

from pindah import nilai as _n
from pindah.berkas import GALAT_ARSIP, buka_cadangan
from pindah.exceptions import SARAN, BukanCadanganOpenSID, CadanganDitolak, DumpRusak

UKURAN_BACA = 1 << 20  # bytes read from the file per step
BATAS_PERNYATAAN = 256 << 20  # characters; a longer statement is refused (memory stays bounded)
BATCH = 1000  # rows of one INSERT converted together, column by column
SEDIKIT = 8  # fewer rows than this are converted row by row (OpenSID writes one per INSERT)

__all__ = [
    "Baris", "BukanCadanganOpenSID", "CadanganDitolak", "DumpRusak", "Kolom", "RingkasanTabel",
    "Tabel", "buka_cadangan", "ringkas", "urai",
]  # fmt: skip


class Kolom(NamedTuple):
    nama: str
    tipe: str  # as written in CREATE TABLE, e.g. "int(11)", "decimal(65,2)", "enum('L','P')"
    boleh_null: bool


class Tabel(NamedTuple):
    """One ``CREATE TABLE``. `nomor_baris`: the line of the dump where the statement starts."""

    nama: str
    kolom: tuple[Kolom, ...]
    kunci_primer: tuple[str, ...]
    nomor_baris: int

    @property
    def nama_kolom(self) -> tuple[str, ...]:
        return tuple(k.nama for k in self.kolom)


class Baris(NamedTuple):
    """One row of an ``INSERT``. `nomor_baris`: the line where its ``INSERT`` starts."""

    tabel: str
    nilai: dict[str, object]
    nomor_baris: int


class RingkasanTabel(NamedTuple):
    kolom: tuple[str, ...]
    jumlah_baris: int


# --- lexical pieces ---------------------------------------------------------------------------

_S1, _S2 = _n.S1, _n.S2
_ID = r"`[^`]*+(?:``[^`]*+)*+`"
_KOMENTAR = r"#[^\n]*+|--(?!\S)[^\n]*+|/\*.*?\*/"
# One whole statement up to its `;` (outside strings, names and comments). Possessive and
# atomic throughout: a statement whose end is not yet in the buffer fails fast, without
# backtracking, and is retried when more text has been read.
_PERNYATAAN = re.compile(rf"(?:[^'\"`;#/\-]++|{_S1}|{_S2}|{_ID}|{_KOMENTAR}|/(?!\*)|-)*+;", re.S)
_LEWATI = re.compile(rf"(?:\s++|{_KOMENTAR})*+", re.S)
_SAMPAI_TERBUKA = re.compile(rf"(?:[^'\"`#/\-]++|{_S1}|{_S2}|{_ID}|{_KOMENTAR}|/(?!\*)|-)*+", re.S)
_KATA = re.compile(r"[A-Za-z_]\w*")
_DELIMITER = re.compile(r"DELIMITER[ \t]+(\S+)[^\n]*(?:\n|\Z)", re.I)
_DELIMITER_BIASA = re.compile(r"^[ \t]*DELIMITER[ \t]+;[^\n]*(?:\n|\Z)", re.I | re.M)
_KATA_SQL = {
    "DROP", "CREATE", "INSERT", "REPLACE", "SET", "LOCK", "UNLOCK", "USE", "ALTER", "START",
    "BEGIN", "COMMIT", "DELIMITER", "TRUNCATE", "DELETE", "UPDATE", "RENAME", "ROLLBACK",
}  # fmt: skip

_NAMA = rf"(?:{_ID}|[A-Za-z0-9_$]+)"
_CREATE_TABLE = re.compile(
    rf"CREATE\s+(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:{_NAMA}\s*\.\s*)?({_NAMA})\s*\(",
    re.I,
)
_INSERT = re.compile(
    r"(?:INSERT(?:\s+(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY))?(?:\s+IGNORE)?"
    r"|REPLACE(?:\s+(?:LOW_PRIORITY|DELAYED))?)\s+(?:INTO\s+)?"
    rf"(?:{_NAMA}\s*\.\s*)?({_NAMA})\s*(?:\(([^)]*)\)\s*)?VALUES?(?=[\s(])",
    re.I | re.S,
)
_MULAI, _AKHIR, _GRUP = re.Match.start, re.Match.end, re.Match.groups
_ANTARA = re.compile(r"\s*+(?:,\s*+)?")
_SISA_INSERT = re.compile(r"\s*(?:ON\s+DUPLICATE\s+KEY\s+UPDATE\b.*)?", re.I | re.S)


def _nama(teks: str) -> str:
    return teks[1:-1].replace("``", "`") if teks.startswith("`") else teks


# --- CREATE TABLE -----------------------------------------------------------------------------

_BAGIAN = re.compile(rf"{_S1}|{_S2}|{_ID}|[(),]|[^'\"`(),]+", re.S)
_TIPE = re.compile(
    r"\s*([A-Za-z]+(?:\s+(?:PRECISION|VARYING))?)(\s*\((?:'(?:[^'\\]|\\.|'')*+'|[^)'])*+\))?"
    r"((?:\s+(?:unsigned|signed|zerofill))*)",
    re.I | re.S,
)
_BUKAN_KOLOM = {"PRIMARY", "KEY", "INDEX", "UNIQUE", "CONSTRAINT", "FOREIGN", "FULLTEXT",
                "SPATIAL", "CHECK", "PERIOD"}  # fmt: skip
_PK = re.compile(rf"(?:CONSTRAINT\s+(?:{_NAMA}\s+)?)?PRIMARY\s+KEY\s*(?:USING\s+\w+\s*)?\(", re.I)


def _pecah_koma(teks: str, awal: int) -> tuple[list[str], int] | None:
    """Top-level comma-separated parts from `awal` (just inside a `(`) to the matching `)`;
    None when the `)` is missing."""
    bagian, kini, dalam = [], [], 0
    for m in _BAGIAN.finditer(teks, awal):
        t = m.group()
        if t == "(":
            dalam += 1
        elif t == ")":
            if dalam == 0:
                bagian.append("".join(kini).strip())
                return [b for b in bagian if b], m.end()
            dalam -= 1
        elif t == "," and dalam == 0:
            bagian.append("".join(kini).strip())
            kini = []
            continue
        kini.append(t)
    return None


class _Pengurai:
    def __init__(self, sumber: str | os.PathLike | IO[bytes], batas: int):
        self.sumber, self.batas = sumber, batas
        self.f: IO[bytes]
        self.buf, self.pos, self.baris, self.eof = "", 0, 1, False
        self.dekoder = None
        self.tabel: dict[str, Tabel] = {}
        self.ubah: dict[tuple[str, tuple[str, ...]], tuple] = {}
        self.daftar: dict[str, tuple[str, ...]] = {}  # column-list text -> names (a cache)
        self.pola: dict[int, re.Pattern] = {}  # row width -> its row pattern, once common
        self.lebar: dict[int, int] = {}  # row width -> one-row INSERTs read without it
        self.ada_surrogat = False
        self.pertama = True  # no statement seen yet: the file may not be SQL at all
        self.isi = False  # a table or a row was read

    def _isi(self, minimal: int = 0) -> None:
        """Read at least `minimal` more bytes (so a long statement costs O(n), not O(n²))."""
        try:
            data = self.f.read(max(UKURAN_BACA, minimal))
        except (OSError, *GALAT_ARSIP) as e:
            raise DumpRusak(f"Berkas terpotong atau rusak saat dibuka ({e}). {SARAN}") from e
        if self.dekoder is None:
            self._awal(data)
        teks = self.dekoder.decode(data, final=not data)
        self.eof = not data
        if not self.ada_surrogat and _n.SURROGAT.search(teks):
            self.ada_surrogat = True
        self.buf = self.buf[self.pos :] + teks
        self.pos = 0

    def _awal(self, data: bytes) -> None:
        kode = "utf-8"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            kode = "utf-16"
        elif data.startswith(b"\xef\xbb\xbf"):
            kode = "utf-8-sig"
        self.dekoder = codecs.getincrementaldecoder(kode)("surrogateescape")
        # Binary files show NUL bytes at once; a dump never has one (MySQL writes \0). Bytes
        # that are not UTF-8 may be a blob dumped raw, so only the first word is judged.
        if kode != "utf-16" and b"\0" in data[:4096]:
            raise self._bukan()

    @staticmethod
    def _bukan() -> BukanCadanganOpenSID:
        return BukanCadanganOpenSID(
            "Berkas ini bukan cadangan database OpenSID. Unggah berkas .sql dari OpenSID "
            "(Pengaturan → Database → Backup → Backup Seluruh Database SID), boleh dikompres "
            "sebagai .gz atau .zip."
        )

    def _maju(self, ke: int) -> None:
        self.baris += self.buf.count("\n", self.pos, ke)
        self.pos = ke

    def jalan(self) -> Iterator[Tabel | Baris]:
        with buka_cadangan(self.sumber) as self.f:
            yield from self._jalan()

    def _jalan(self) -> Iterator[Tabel | Baris]:
        self._isi()
        while True:
            ujung = _LEWATI.match(self.buf, self.pos).end()
            if ujung == len(self.buf) and not self.eof:
                self._isi()  # a comment may continue in the next chunk
                continue
            self._maju(ujung)
            if self.pos == len(self.buf):
                break
            kata = _KATA.match(self.buf, self.pos)
            if kata and kata.end() == len(self.buf) and not self.eof:
                self._isi()  # the first word may continue in the next chunk
                continue
            kunci = kata.group().upper() if kata else ""
            if self.pertama and kunci not in _KATA_SQL and self.buf[self.pos] != ";":
                raise self._bukan()
            if kunci == "DELIMITER":
                self._delimiter()
                continue
            m = _PERNYATAAN.match(self.buf, self.pos)
            if m is None:
                if self.eof:
                    raise self._terpotong()
                if len(self.buf) - self.pos > self.batas:
                    raise DumpRusak(
                        f"Pernyataan SQL yang dimulai di baris {self.baris} terlalu besar "
                        f"(lebih dari {self.batas // (1 << 20)} MB) atau tidak pernah ditutup "
                        f"dengan `;`. {SARAN}",
                        self.baris,
                    )
                self._isi(len(self.buf) - self.pos)
                continue
            self.pertama = False
            teks, baris = self.buf[self.pos : m.end() - 1], self.baris
            self._maju(m.end())
            if kunci in ("INSERT", "REPLACE"):
                for kelompok in self._insert(teks, baris):
                    yield from kelompok
            elif kunci == "CREATE" and (c := _CREATE_TABLE.match(teks)):
                tabel = self._create_table(teks, c, baris)
                self.tabel[tabel.nama] = tabel
                self.isi = True
                yield tabel
        if not self.isi:
            raise BukanCadanganOpenSID(
                "Berkas ini berisi SQL tetapi tanpa tabel maupun data, jadi bukan cadangan "
                "database OpenSID. Unggah berkas .sql dari Pengaturan → Database → Backup."
            )

    def _delimiter(self) -> None:
        """`DELIMITER ;;` ... `DELIMITER ;` (triggers, procedures): skipped as a whole."""
        while not ((m := _DELIMITER.match(self.buf, self.pos)) and m.group().endswith("\n")):
            if self.eof:
                if m:
                    break
                raise DumpRusak(f"Baris DELIMITER tidak dapat dibaca (baris {self.baris}).")
            self._isi()
        baris = self.baris
        self._maju(m.end())
        if m.group(1) == ";":
            return
        while not (akhir := _DELIMITER_BIASA.search(self.buf, self.pos)):
            if self.eof:
                raise DumpRusak(
                    f"Cadangan terpotong: blok DELIMITER yang dimulai di baris {baris} tidak "
                    f"pernah ditutup dengan `DELIMITER ;`. {SARAN}",
                    baris,
                )
            self._isi(len(self.buf) - self.pos)
        self._maju(akhir.end())

    def _terpotong(self) -> DumpRusak:
        sisa = self.buf[self.pos :]
        kata = _KATA.match(sisa)
        kunci = kata.group().upper() if kata else ""
        if self.pertama and kunci not in _KATA_SQL:
            return self._bukan()
        henti = _SAMPAI_TERBUKA.match(sisa).end()
        if henti < len(sisa):
            baris = self.baris + sisa.count("\n", 0, henti)
            apa = {"`": "nama (tanda `)", "/": "komentar /* */"}.get(sisa[henti], "teks (string)")
            return DumpRusak(
                f"Cadangan terpotong: berkas berakhir di dalam {apa} yang dimulai sekitar "
                f"baris {baris}. {SARAN}",
                baris,
            )
        if kunci in ("INSERT", "REPLACE") and (m := _INSERT.match(sisa)):
            apa = f"pernyataan INSERT ke tabel `{_nama(m.group(1))}`"
        elif kunci == "CREATE" and (m := _CREATE_TABLE.match(sisa)):
            apa = f"pernyataan CREATE TABLE `{_nama(m.group(1))}`"
        else:
            apa = f"pernyataan {kunci or 'SQL'}"
        return DumpRusak(
            f"Cadangan terpotong: {apa} yang dimulai di baris {self.baris} tidak selesai "
            f"(tidak ada `;` penutup). {SARAN}",
            self.baris,
        )

    def _create_table(self, teks: str, c: re.Match, baris: int) -> Tabel:
        nama = _nama(c.group(1))
        hasil = _pecah_koma(teks, c.end())
        if hasil is None:
            raise DumpRusak(f"CREATE TABLE `{nama}` (baris {baris}) tidak dapat dibaca.", baris)
        kolom, pk = [], []
        for bagian in hasil[0]:
            kata = _KATA.match(bagian)
            if kata and kata.group().upper() in _BUKAN_KOLOM:
                if p := _PK.match(bagian):
                    isi = _pecah_koma(bagian, p.end())
                    pk = [_nama(_BAGIAN.match(k).group()) for k in (isi[0] if isi else [])]
                continue
            n = re.match(_NAMA, bagian)
            t = _TIPE.match(bagian, n.end()) if n else None
            if not t:
                raise DumpRusak(f"Kolom tabel `{nama}` tidak dapat dibaca: {bagian[:80]!r} "
                                f"(baris {baris}).", baris)  # fmt: skip
            sisa = re.sub(_S1, "''", bagian[t.end() :]).upper()
            tipe = " ".join((t.group(1) + (t.group(2) or "").strip() + t.group(3)).split())
            kolom.append(Kolom(_nama(n.group()), tipe, not re.search(r"\bNOT\s+NULL\b", sisa)))
            if re.search(r"\bPRIMARY\s+KEY\b", sisa):
                pk = [kolom[-1].nama]
        return Tabel(nama, tuple(kolom), tuple(pk), baris)

    def _rusak(self, teks: str, baris: int, di: int, tabel: str, alasan: str) -> DumpRusak:
        di = max(di, 0)
        n = baris + teks.count("\n", 0, di)
        cuplikan = " ".join(teks[di : di + 60].split())
        return DumpRusak(
            f"Cadangan rusak: data tabel `{tabel}` sekitar baris {n} tidak dapat dibaca "
            f"({alasan}; di sekitar: {cuplikan}). {SARAN}",
            n,
        )

    def _pengubah_untuk(self, tabel: str, kolom: tuple[str, ...]) -> tuple:
        kunci = (tabel, kolom)
        if kunci not in self.ubah:
            tipe = {k.nama: k.tipe for k in self.tabel[tabel].kolom} if tabel in self.tabel else {}
            self.ubah[kunci] = tuple(
                (i, f) for i, k in enumerate(kolom) if (f := _n.pengubah(tipe.get(k, "")))
            )
        return self.ubah[kunci]

    def _insert(self, teks: str, baris: int) -> Iterator[Iterator[Baris]]:
        """The rows of one INSERT, in groups of up to `BATCH` (an iterator each)."""
        m = _INSERT.match(teks)
        if not m:
            raise DumpRusak(
                f"Pernyataan INSERT di baris {baris} tidak dapat dibaca (hanya bentuk "  # noqa: S608
                f"INSERT ... VALUES yang didukung). {SARAN}",
                baris,
            )
        tabel = _nama(m.group(1))
        if m.group(2) is not None:
            if (kolom := self.daftar.get(m.group(2))) is None:
                kolom = tuple(_nama(k.strip()) for k in m.group(2).split(",") if k.strip())
                self.daftar[m.group(2)] = kolom
        elif tabel in self.tabel:
            kolom = self.tabel[tabel].nama_kolom
        else:
            raise DumpRusak(
                f"INSERT ke tabel `{tabel}` di baris {baris} tanpa daftar kolom, padahal "
                f"CREATE TABLE `{tabel}` tidak ada sebelumnya di cadangan. {SARAN}",
                baris,
            )
        ubah = self._pengubah_untuk(tabel, kolom)
        self.isi = True
        pos, lebar = m.end(), len(kolom)
        if (pola := self.pola.get(lebar)) is None:
            # The row pattern of a width costs a compile: until a width is common, a one-row
            # INSERT (OpenSID's own layout) is read with the generic row pattern.
            satu = _n.TUPEL.match(teks, pos)
            if satu and _SISA_INSERT.match(teks, satu.end()).end() == len(teks):
                token = _n.TOKEN.findall(satu.group(1) or "")
                if len(token) == lebar:
                    yield self._keluarkan(tabel, kolom, [token], ubah, teks, baris)
                    self.lebar[lebar] = self.lebar.get(lebar, 0) + 1
                    if self.lebar[lebar] >= 50:
                        self.pola[lebar] = _n.pola_baris(lebar)
                    return
            pola = self.pola[lebar] = _n.pola_baris(lebar)
        cocok = pola.finditer(teks, pos)
        while kumpulan := list(islice(cocok, BATCH)):
            # Rows must follow one another with nothing skipped in between: a row that does
            # not match (wrong number of values, broken literal) ends the rows at its place.
            mulai, akhir = [*map(_MULAI, kumpulan)], [*map(_AKHIR, kumpulan)]
            harap = [pos, *akhir[:-1]]
            utuh = mulai == harap
            if not utuh:
                kumpulan = kumpulan[: next(i for i, a in enumerate(mulai) if a != harap[i])]
            if kumpulan:
                yield self._keluarkan(tabel, kolom, [*map(_GRUP, kumpulan)], ubah, teks, baris)
                pos = akhir[len(kumpulan) - 1]
            if not utuh:
                break
        if pos == m.end() or _SISA_INSERT.match(teks, pos).end() != len(teks):
            di = _ANTARA.match(teks, pos).end()  # the line of the row, not of its comma
            raise self._rusak(teks, baris, di, tabel, self._sebab(teks, pos, len(kolom)))

    @staticmethod
    def _sebab(teks: str, pos: int, jumlah: int) -> str:
        t = _n.TUPEL.match(teks, pos)
        if t is None:
            return "tanda kurung atau nilai tidak lengkap"
        ada = len(_n.TOKEN.findall(t.group(1) or ""))
        return f"{ada} nilai untuk {jumlah} kolom" if ada != jumlah else "nilai tidak dikenali"

    def _keluarkan(self, tabel, kolom, kumpulan, ubah, teks, baris) -> Iterator[Baris]:
        """The rows of one group: raw literals -> values (column by column when many)."""
        try:
            if len(kumpulan) < SEDIKIT or not kolom:
                baris_nilai = [list(map(_n.nilai, g)) for g in kumpulan]
                for i, f in ubah:
                    for b in baris_nilai:
                        b[i] = f(b[i])
            else:
                kol = [_n.kolom(c) for c in zip(*kumpulan, strict=True)]
                for i, f in ubah:
                    kol[i] = _n.ubah_kolom(f, kol[i])
                baris_nilai = zip(*kol, strict=True)
        except _n.NilaiAsing as e:
            di = teks.find(str(e))
            raise self._rusak(
                teks, baris, di, tabel, f"nilai {str(e)[:40]!r} tidak dikenali"
            ) from e
        if self.ada_surrogat:
            biner = {i for i, f in ubah if f is _n.ke_bytes}
            baris_nilai = [
                [v if i in biner else _n.perbaiki(v) for i, v in enumerate(b)] for b in baris_nilai
            ]
        # Baris(tabel, dict(zip(kolom, b)), baris) for every row, built at C speed
        # (`tuple.__new__` is what NamedTuple._make uses).
        nilai = map(dict, map(zip, repeat(kolom), baris_nilai))
        return map(tuple.__new__, repeat(Baris), zip(repeat(tabel), nilai, repeat(baris)))


def urai(
    sumber: str | os.PathLike | IO[bytes], *, batas_pernyataan: int = BATAS_PERNYATAAN
) -> Iterator[Tabel | Baris]:
    """`Tabel` and `Baris` events of a backup (path or binary file object; ``.sql``,
    ``.sql.gz`` or ``.zip``), streaming. Raises `BukanCadanganOpenSID` or `DumpRusak`."""
    return _Pengurai(sumber, batas_pernyataan).jalan()


def ringkas(sumber: str | os.PathLike | IO[bytes]) -> dict[str, RingkasanTabel]:
    """Every table in dump order with its columns and number of rows, in one streaming pass
    (which also proves the whole file readable)."""
    kolom: dict[str, tuple[str, ...]] = {}
    jumlah: dict[str, int] = {}
    for e in urai(sumber):
        if isinstance(e, Tabel):
            kolom[e.nama] = e.nama_kolom
            jumlah.setdefault(e.nama, 0)
        else:
            kolom.setdefault(e.tabel, tuple(e.nilai))
            jumlah[e.tabel] = jumlah.get(e.tabel, 0) + 1
    return {t: RingkasanTabel(kolom[t], jumlah[t]) for t in kolom}
