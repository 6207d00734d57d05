"""Writes small synthetic OpenSID backups (MySQL dumps) for tests, without the reference file.

    teks = tulis_dump({"tweb_penduduk": (["id", "nama", ("berat", "decimal(5,2)")], rows)})

`tabel` maps a table name to (columns, rows). A column is a name or a (name, SQL type) pair;
without a type it is guessed from the first non-NULL value (int -> int(11), Decimal ->
decimal(65,2), bytes -> blob, else text), so values read back as the same Python types. Rows
are dicts (missing keys are NULL) or tuples in column order.

Two layouts:
- ``gaya="opensid"`` (default): as OpenSID's own backup writes it — ``# TABLE STRUCTURE FOR``
  comments, ``DROP TABLE IF EXISTS`` + ``CREATE TABLE``, one single-row ``INSERT`` with a column
  list per row, every value quoted except integers (as CodeIgniter does), and with
  ``views=True`` a ``CREATE VIEW`` followed by the stray ``utf8mb3_general_ci;`` line.
- ``gaya="mysqldump"``: a mysqldump-style file — ``--`` header, ``/*!40101 ... */;``,
  ``LOCK TABLES``, multi-row ``INSERT INTO `t` VALUES (...),(...);`` without a column list,
  ``per_insert`` rows per statement, numbers unquoted, bytes as ``0x`` hex.
"""

# ruff: noqa: S608 - SQL text for the dump reader to parse, never sent to a database

from __future__ import annotations

import gzip
from decimal import Decimal

_ESCAPE = {
    "\\": "\\\\",
    "'": "\\'",
    '"': '\\"',
    "\0": "\\0",
    "\n": "\\n",
    "\r": "\\r",
    "\x1a": "\\Z",
}  # fmt: skip  (what mysql_real_escape_string escapes)


def teks_sql(s: str) -> str:
    """A Python string as a quoted MySQL literal."""
    return "'" + "".join(_ESCAPE.get(c, c) for c in s) + "'"


def literal(v: object, gaya: str = "opensid") -> str:
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, int):
        return str(v)
    if isinstance(v, bytes):
        return "0x" + v.hex() if v else "''"
    if isinstance(v, Decimal):
        return teks_sql(str(v)) if gaya == "opensid" else str(v)
    return teks_sql(str(v))


def _tipe(nama: str, baris: list[dict]) -> str:
    contoh = next((b[nama] for b in baris if b.get(nama) is not None), None)
    if isinstance(contoh, bool | int):
        return "int(11)"
    if isinstance(contoh, Decimal):
        return "decimal(65,2)"
    if isinstance(contoh, bytes):
        return "blob"
    return "text"


def _nama(n: str) -> str:
    return "`" + n.replace("`", "``") + "`"


def tulis_dump(
    tabel: dict[str, tuple[list, list]],
    *,
    gaya: str = "opensid",
    per_insert: int = 100,
    views: bool = False,
) -> str:
    bagian = []
    if gaya == "mysqldump":
        bagian.append(
            "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost\n"
            "-- ------------------------------------------------------\n\n"
            "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
            "/*!40101 SET NAMES utf8mb4 */;\n/*!40014 SET FOREIGN_KEY_CHECKS=0 */;\n\n"
        )
    elif views:
        bagian.append("DROP VIEW IF EXISTS penduduk_hidup;\n")
    for nama, (kolom, baris) in tabel.items():
        nama_kolom = [k if isinstance(k, str) else k[0] for k in kolom]
        baris = [b if isinstance(b, dict) else dict(zip(nama_kolom, b, strict=True)) for b in baris]
        tipe = [_tipe(k, baris) if isinstance(k, str) else k[1] for k in kolom]
        definisi = [f"  {_nama(k)} {t} DEFAULT NULL" for k, t in zip(nama_kolom, tipe, strict=True)]
        if nama_kolom:
            definisi.append(f"  PRIMARY KEY ({_nama(nama_kolom[0])})")
        create = (
            f"CREATE TABLE {_nama(nama)} (\n" + ",\n".join(definisi) + "\n) ENGINE=InnoDB "
            "DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;\n\n"
        )
        nilai = ["(" + ", ".join(literal(b.get(k), gaya) for k in nama_kolom) + ")" for b in baris]
        if gaya == "mysqldump":
            bagian.append(f"--\n-- Table structure for table {_nama(nama)}\n--\n\n")
            bagian.append(f"DROP TABLE IF EXISTS {_nama(nama)};\n" + create)
            bagian.append(f"LOCK TABLES {_nama(nama)} WRITE;\n")
            bagian.append(f"/*!40000 ALTER TABLE {_nama(nama)} DISABLE KEYS */;\n")
            for i in range(0, len(nilai), per_insert):
                bagian.append(
                    f"INSERT INTO {_nama(nama)} VALUES "
                    + ",".join(nilai[i : i + per_insert])
                    + ";\n"
                )
            bagian.append(f"/*!40000 ALTER TABLE {_nama(nama)} ENABLE KEYS */;\nUNLOCK TABLES;\n\n")
        else:
            daftar = ", ".join(_nama(k) for k in nama_kolom)
            bagian.append(f"#\n# TABLE STRUCTURE FOR: {nama}\n#\n\n")
            bagian.append(f"DROP TABLE IF EXISTS {_nama(nama)};\n\n" + create)
            bagian.extend(f"INSERT INTO {_nama(nama)} ({daftar}) VALUES {n};\n" for n in nilai)
            bagian.append("\n\n")
    if views and gaya == "opensid":
        bagian.append(
            "#\n# TABLE STRUCTURE FOR: penduduk_hidup\n#\n\n"
            "CREATE VIEW `penduduk_hidup` AS select `p`.`id` AS `id` from `tweb_penduduk` `p` "
            "where `p`.`status_dasar` = 1;\n\nutf8mb3_general_ci;\n\n"
        )
    if gaya == "mysqldump":
        bagian.append("/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n\n")
        bagian.append("-- Dump completed on 2026-12-06  8:55:54\n")
    return "".join(bagian)


def simpan(path, teks: str, *, gz: bool = False):
    """Writes the dump text to `path` (UTF-8, gzip-compressed with gz=True); returns path."""
    data = teks.encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path
