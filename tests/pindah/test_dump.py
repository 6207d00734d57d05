"""Reading OpenSID's database backup without MySQL (issue 18): values, layouts, compression,
damaged and foreign files, bounded memory, and the real v2410 backup."""

# ruff: noqa: S608 - SQL text for the dump reader to parse, never sent to a database

import gzip
import io
import tracemalloc
import zipfile
from decimal import Decimal

import pytest

from pindah import dump
from pindah.dump import Baris, BukanCadanganOpenSID, DumpRusak, Tabel, ringkas, urai
from tests.pindah.tulis_dump import simpan, tulis_dump

AWAL = "CREATE TABLE `t` (\n  `a` text,\n  `b` text\n);\n"


def isi(teks: str | bytes, **kw) -> list:
    data = teks.encode() if isinstance(teks, str) else teks
    return list(urai(io.BytesIO(data), **kw))


def baris(teks: str | bytes, **kw) -> list[tuple[str, dict]]:
    return [(e.tabel, e.nilai) for e in isi(teks, **kw) if isinstance(e, Baris)]


def nilai_a(literal: str):
    """The value of one literal, read in the single-row and the multi-row way."""
    tunggal = baris(AWAL + f"INSERT INTO `t` (`a`) VALUES ({literal});")
    banyak = baris(AWAL + "INSERT INTO `t` VALUES " + ",".join([f"({literal},NULL)"] * 12) + ";")
    assert {b["a"].__class__ for _, b in banyak} == {tunggal[0][1]["a"].__class__}
    assert all(b["a"] == tunggal[0][1]["a"] for _, b in banyak)
    return tunggal[0][1]["a"]


@pytest.mark.parametrize(
    "literal,harapan",
    [
        (r"'a\0b'", "a\0b"),
        (r"'O\'Neil'", "O'Neil"),
        ("'O''Neil'", "O'Neil"),
        (r"'kata \"kutip\"'", 'kata "kutip"'),
        (r"'a\bb'", "a\bb"),
        (r"'baris1\nbaris2'", "baris1\nbaris2"),
        (r"'a\rb'", "a\rb"),
        (r"'a\tb'", "a\tb"),
        (r"'a\Zb'", "a\x1ab"),
        (r"'C:\\data\\desa'", "C:\\data\\desa"),
        (r"'50\% diskon'", "50\\% diskon"),  # MySQL keeps \% and \_ as two characters
        (r"'nama\_depan'", "nama\\_depan"),
        (r"'\q'", "q"),  # any other escaped character is itself
        (r"'\\n'", "\\n"),  # an escaped backslash before n is not a newline
        (r"'\'\'\''", "'''"),
        ("''''", "'"),
        ("''", ""),
        ('"dobel ""kutip"" \\n"', 'dobel "kutip" \n'),
        ("'Sumberejo – Tumpang’s'", "Sumberejo – Tumpang’s"),
    ],
)
def test_escape_mysql_dibaca_seperti_mysql(literal, harapan):
    assert nilai_a(literal) == harapan


def _mysql(isi: str) -> str:
    """MySQL's documented reading of a '...' literal's body, character by character."""
    hasil, i = [], 0
    peta = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a", "%": "\\%",
            "_": "\\_"}  # fmt: skip
    while i < len(isi):
        if isi[i] == "\\":
            hasil.append(peta.get(isi[i + 1], isi[i + 1]))
            i += 2
        elif isi[i] == "'":  # a doubled quote
            hasil.append("'")
            i += 2
        else:
            hasil.append(isi[i])
            i += 1
    return "".join(hasil)


def test_escape_acak_sama_dengan_aturan_mysql():
    import random

    acak = random.Random(18)
    potongan = ["\\\\", "\\'", "''", "\\n", "\\0", "\\%", "\\_", "\\q", "\\\"", "a", "n", "%",
                " ", "\n", "é", "\\Z", "\\t", "\\r", "\\b", ";", "),(", '"']  # fmt: skip
    isi_acak = ["".join(acak.choices(potongan, k=acak.randint(0, 12))) for _ in range(400)]
    sql = AWAL + "".join(f"INSERT INTO `t` VALUES ('{s}', NULL);\n" for s in isi_acak)
    sql += "INSERT INTO `t` VALUES " + ",".join(f"('{s}','{s}')" for s in isi_acak) + ";"
    hasil = baris(sql)
    harapan = [_mysql(s) for s in isi_acak]
    assert [b["a"] for _, b in hasil[:400]] == harapan
    assert [b["a"] for _, b in hasil[400:]] == harapan == [b["b"] for _, b in hasil[400:]]


def test_bukan_utf8_di_teks_jadi_pengganti_di_blob_tetap_bait():
    sql = (
        b"CREATE TABLE `t` (`a` text, `b` blob);\n"
        b"INSERT INTO `t` VALUES ('caf\xe9 \xff', 'caf\xe9 \xff\\0');\n"
    )
    assert baris(sql) == [("t", {"a": "caf\ufffd \ufffd", "b": b"caf\xe9 \xff\x00"})]


@pytest.mark.parametrize("kode", ["utf-8-sig", "utf-16"])
def test_bom_utf8_dan_utf16_dibaca(kode):
    sql = tulis_dump({"t": (["a"], [("Sumberejo – ’",)])})
    assert baris(sql.encode(kode)) == [("t", {"a": "Sumberejo – ’"})]


@pytest.mark.parametrize(
    "literal,harapan",
    [
        ("NULL", None),
        ("null", None),
        ("'NULL'", "NULL"),
        ("42", 42),
        ("-42", -42),
        ("0", 0),
        ("12345678901234567890", 12345678901234567890),
        ("1024350000.00", Decimal("1024350000.00")),
        ("-0.5", Decimal("-0.5")),
        ("1.5e3", Decimal("1.5e3")),
        ("0x00FF41", b"\x00\xffA"),
        ("0xABC", b"\x0a\xbc"),
        ("X'4142'", b"AB"),
        ("_binary 'a\\0b'", b"a\x00b"),
        ("_binary'\\'x'", b"'x"),
        ("_utf8mb4'teks'", "teks"),
        ("N'teks'", "teks"),
        ("b'101'", 5),
        ("TRUE", 1),
    ],
)
def test_null_angka_dan_biner(literal, harapan):
    hasil = nilai_a(literal)
    assert hasil == harapan and type(hasil) is type(harapan)


@pytest.mark.parametrize(
    "teks",
    [
        "titik;koma", "a),(b", "x'),('y", "baris\nbaru\r\n", "(kurung (dalam))", "-- bukan komentar",
        "# bukan komentar", "/* bukan komentar */", "DELIMITER ;;", "`nama`", "\\", ";\n);",
    ],
)  # fmt: skip
def test_teks_dengan_tanda_sql_tetap_utuh(teks):
    data = [(teks, teks + "2")] * 3
    sql = tulis_dump({"t": (["a", "b"], data)}) + tulis_dump(
        {"u": (["a", "b"], data * 4)}, gaya="mysqldump", per_insert=5
    )
    assert (
        baris(sql)
        == [("t", {"a": teks, "b": teks + "2"})] * 3 + [("u", {"a": teks, "b": teks + "2"})] * 12
    )


def test_insert_banyak_baris_tanpa_daftar_kolom_memakai_urutan_create_table():
    sql = (
        "CREATE TABLE `p` (`id` int(11) NOT NULL, `nama` varchar(10), `umur` int) ENGINE=InnoDB;\n"
        "INSERT INTO `p` VALUES (1,'A',30),(2,'B',NULL) , ( 3 , 'C' , -1 );\n"
        "INSERT IGNORE INTO `p` VALUES (4,'D',5);\n"
        "REPLACE INTO `p` (`umur`, `id`, `nama`) VALUES (6, 5, 'E');\n"
        "INSERT INTO p (id, nama, umur) VALUES (7,'F',7) ON DUPLICATE KEY UPDATE nama='F';\n"
    )
    assert baris(sql) == [
        ("p", {"id": 1, "nama": "A", "umur": 30}),
        ("p", {"id": 2, "nama": "B", "umur": None}),
        ("p", {"id": 3, "nama": "C", "umur": -1}),
        ("p", {"id": 4, "nama": "D", "umur": 5}),
        ("p", {"umur": 6, "id": 5, "nama": "E"}),
        ("p", {"id": 7, "nama": "F", "umur": 7}),
    ]


def test_create_table_kolom_tipe_dan_kunci_primer():
    sql = (
        "CREATE TABLE IF NOT EXISTS `desa`.`t` (\n"
        "  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,\n"
        "  `kode` varchar(10) NOT NULL DEFAULT 'a,b' COMMENT 'kode (lama), jangan diubah',\n"
        "  `sex` enum('L','P, atau lain') DEFAULT NULL,\n"
        "  `nilai` decimal(65,2) NOT NULL,\n"
        "  `tgl` timestamp NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),\n"
        "  `x y` double precision,\n"
        "  PRIMARY KEY (`id`,`kode`),\n  UNIQUE KEY `u` (`kode`(5)),\n  KEY `k` (`sex`),\n"
        "  CONSTRAINT `fk` FOREIGN KEY (`id`) REFERENCES `lain` (`id`) ON DELETE CASCADE\n"
        ") ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;\n"
        "INSERT INTO `t` VALUES (1,'k','L','1.50',NULL,2);\n"
    )
    tabel, satu = isi(sql)
    assert tabel == Tabel(
        "t",
        (
            dump.Kolom("id", "int(10) unsigned", False),
            dump.Kolom("kode", "varchar(10)", False),
            dump.Kolom("sex", "enum('L','P, atau lain')", True),
            dump.Kolom("nilai", "decimal(65,2)", False),
            dump.Kolom("tgl", "timestamp", True),
            dump.Kolom("x y", "double precision", True),
        ),
        ("id", "kode"),
        1,
    )
    assert satu.nilai == {"id": 1, "kode": "k", "sex": "L", "nilai": Decimal("1.50"),
                          "tgl": None, "x y": Decimal(2)}  # fmt: skip


def test_tipe_kolom_menentukan_nilai_yang_dikutip_opensid():
    """OpenSID's backup quotes bigint, decimal and blob values; the column type says what
    they are."""
    sql = (
        "CREATE TABLE `t` (`a` bigint(20), `b` decimal(10,2), `c` blob, `d` varchar(5),"
        " `e` year(4), `f` double);\n"
        "INSERT INTO `t` (`a`, `b`, `c`, `d`, `e`, `f`) VALUES "
        "('9007199254740993', '12.50', 'ab\\0', '007', '2026', '0.25');\n"
    )
    assert baris(sql)[0][1] == {
        "a": 9007199254740993, "b": Decimal("12.50"), "c": b"ab\x00", "d": "007", "e": 2026,
        "f": Decimal("0.25"),
    }  # fmt: skip


def test_yang_bukan_tabel_dilewati():
    sql = (
        "-- MySQL dump\n/*!40101 SET NAMES utf8mb4 */;\nSET FOREIGN_KEY_CHECKS=0;\nUSE `desa`;\n"
        "DROP VIEW IF EXISTS v;\n# komentar\nDROP TABLE IF EXISTS `t`;\n"
        + AWAL
        + "LOCK TABLES `t` WRITE;\n"
        "/*!40000 ALTER TABLE `t` DISABLE KEYS */;\nINSERT INTO `t` VALUES ('1','2');\n"
        "UNLOCK TABLES;\n"
        "DELIMITER ;;\n/*!50003 CREATE*/ /*!50003 TRIGGER `tr` BEFORE INSERT ON `t` FOR EACH ROW "
        "BEGIN\n  INSERT INTO `log` VALUES (1);\n  SET NEW.a = 'x;y';\nEND */;;\nDELIMITER ;\n"
        "CREATE ALGORITHM=UNDEFINED VIEW `v` AS select `t`.`a` AS `a` from `t`;\n\n"
        "utf8mb3_general_ci;\n\nINSERT INTO `t` VALUES ('3','4');\n"
    )
    hasil = isi(sql)
    assert [type(e).__name__ for e in hasil] == ["Tabel", "Baris", "Baris"]
    assert [e.nilai for e in hasil[1:]] == [{"a": "1", "b": "2"}, {"a": "3", "b": "4"}]
    assert hasil[2].nomor_baris == sql.count("\n", 0, sql.index("INSERT INTO `t` VALUES ('3'")) + 1


def test_nomor_baris_insert():
    sql = AWAL + "\n\nINSERT INTO `t` VALUES ('x\ny','z');\nINSERT INTO `t` VALUES ('a','b');\n"
    assert [e.nomor_baris for e in isi(sql)] == [1, 7, 9]


def test_satu_baris_per_insert_dan_banyak_baris_per_insert_sama_hasilnya():
    kolom = ["id", "nama", "nik", ("berat", "decimal(6,2)"), "foto", ("tipe", "tinyint(4)"),
             ("data", "blob"), "ket"]  # fmt: skip
    data = [
        (i, ["BUDI", "O'NEIL", 'A "B"', "x\\y", "", "NULL"][i % 6], f"35071{i:011d}",
         Decimal(f"{i}.25") if i % 4 else None, None, i % 3 if i % 5 else None,
         bytes([i % 256, 0]) if i % 7 else None, "baris\n" * (i % 3) if i % 2 else None)
        for i in range(1, 60)
    ]  # fmt: skip
    opensid = ringkas(io.BytesIO(tulis_dump({"t": (kolom, data)}).encode()))
    satu = baris(tulis_dump({"t": (kolom, data)}))
    for per_insert in (1, 7, 1000):
        assert (
            baris(tulis_dump({"t": (kolom, data)}, gaya="mysqldump", per_insert=per_insert)) == satu
        )
    assert [tuple(b.values()) for _, b in satu] == data
    assert opensid["t"].jumlah_baris == 59


@pytest.mark.parametrize("ukuran", [1, 2, 3, 7, 64, 4096])
def test_potongan_baca_sekecil_apa_pun_tidak_mengubah_hasil(monkeypatch, ukuran):
    sql = tulis_dump(
        {"a": (["x", "y"], [("v;1", 1), ("/* no", None), ("é–’", 2)] * 5), "b": (["z"], [("#",)])},
        views=True,
    ) + tulis_dump({"c": (["x", "y"], [("),(", -3)] * 20)}, gaya="mysqldump", per_insert=9)
    sql += "DELIMITER ;;\nCREATE TRIGGER x BEGIN SELECT 1; END;;\nDELIMITER ;\n-- akhir"
    harapan = isi(sql)
    monkeypatch.setattr(dump, "UKURAN_BACA", ukuran)
    assert isi(sql) == harapan
    assert len([e for e in harapan if isinstance(e, Baris)]) == 36


def test_memori_tetap_kecil_untuk_berkas_besar(monkeypatch):
    monkeypatch.setattr(dump, "UKURAN_BACA", 16 << 10)
    baris_insert = ",".join(f"({i},'warga {i}; RT 001',NULL,'2024-01-01')" for i in range(400))
    blok = f"INSERT INTO `t` VALUES {baris_insert};\n".encode()

    class Aliran(io.RawIOBase):
        """A 1 MB dump generated while it is read, never held whole."""

        def __init__(self):
            self.sisa = b"CREATE TABLE `t` (`id` int, `n` text, `x` int, `d` date);\n"
            self.blok = (1 << 20) // len(blok)

        def readable(self):
            return True

        def readinto(self, b):
            if not self.sisa and self.blok:
                self.sisa, self.blok = blok, self.blok - 1
            n = min(len(b), len(self.sisa))
            b[:n], self.sisa = self.sisa[:n], self.sisa[n:]
            return n

    tracemalloc.start()
    try:
        jumlah = sum(1 for e in urai(io.BufferedReader(Aliran())) if isinstance(e, Baris))
        _, puncak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert jumlah == (1 << 20) // len(blok) * 400
    # about one statement and one read, whatever the size of the file (here ~0.35 MB)
    assert puncak < 1 << 19, f"puncak memori {puncak / 1e6:.2f} MB"


def test_gzip_dan_zip_dikenali_dari_isinya_bukan_namanya(tmp_path):
    sql = tulis_dump({"t": (["a"], [("x",), ("y",)])})
    harapan = baris(sql)
    gz = simpan(tmp_path / "cadangan.sql", sql, gz=True)  # gzip under a .sql name
    zip_ = tmp_path / "cadangan.gz"
    with zipfile.ZipFile(zip_, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("folder/backup-on-2026.sql", sql)
        z.writestr("__MACOSX/folder/._backup-on-2026.sql", b"\0\0")
    zip_gz = tmp_path / "arsip"
    with zipfile.ZipFile(zip_gz, "w") as z:
        z.writestr("backup.sql.gz", gzip.compress(sql.encode()))
    for berkas in (gz, zip_, zip_gz):
        assert [(e.tabel, e.nilai) for e in urai(berkas) if isinstance(e, Baris)] == harapan
        with berkas.open("rb") as f:  # a file object too; it is left open for the caller
            assert [(e.tabel, e.nilai) for e in urai(f) if isinstance(e, Baris)] == harapan
            assert not f.closed


def test_aliran_yang_tidak_bisa_di_seek():
    data = gzip.compress(tulis_dump({"t": (["a"], [("x",)])}).encode())

    class Pipa(io.RawIOBase):
        def __init__(self):
            self.f = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, b):
            return self.f.readinto(memoryview(b)[:3])  # a slow pipe: 3 bytes at a time

    assert [e.nilai for e in urai(Pipa()) if isinstance(e, Baris)] == [{"a": "x"}]


SQL_CONTOH = tulis_dump(
    {"t": (["id", "nama"], [(1, "satu"), (2, "dua'); DROP"), (3, "tiga")]), "u": (["a"], [])},
    gaya="mysqldump",
)


def _baris_dari(teks: str, penanda: str) -> int:
    """The line of `teks` on which the last `penanda` starts."""
    return teks.count("\n", 0, teks.rindex(penanda)) + 1


@pytest.mark.parametrize(
    "potong,letak,mulai",
    [
        ("'dua\\'); DRO", "teks (string)", "'dua"),
        ("(1, 'satu'),(2, 'dua\\'); DROP'),", "pernyataan INSERT ke tabel `t`", "INSERT"),
        ("(2, 'dua\\'); DROP'),(3, 'tiga')", "pernyataan INSERT ke tabel `t`", "INSERT"),
        ("`nama` text DEFAULT NULL,\n  PRIMARY", "pernyataan CREATE TABLE `t`", "CREATE TABLE `t`"),
        ("/*!40000 ALTER TABLE `t` DIS", "komentar /* */", "/*!40000 ALTER TABLE `t` DIS"),
        ("LOCK TABLES `u", "nama (tanda `)", "`u"),
    ],
)
def test_cadangan_terpotong_ditolak_dengan_nomor_baris(potong, letak, mulai):
    ujung = SQL_CONTOH.index(potong) + len(potong)
    terpotong = SQL_CONTOH[:ujung]
    baris_ke = _baris_dari(terpotong, mulai)
    with pytest.raises(DumpRusak) as e:
        isi(terpotong)
    assert "terpotong" in str(e.value) and letak in str(e.value)
    assert f"baris {e.value.nomor_baris}" in str(e.value)
    assert e.value.nomor_baris == baris_ke


def test_setiap_titik_potong_di_tengah_pernyataan_ditolak():
    sql = tulis_dump({"t": (["id", "nama"], [(1, "a;b"), (2, "c),(d")])}, gaya="mysqldump",
                     per_insert=2)  # fmt: skip
    mulai = sql.index("INSERT INTO")
    for ujung in range(mulai + 1, sql.index(";\n", sql.index("'c),(d'")) + 1):
        with pytest.raises(DumpRusak, match="terpotong"):
            isi(sql[:ujung])


def test_gzip_terpotong_ditolak(tmp_path):
    data = gzip.compress(tulis_dump({"t": (["a"], [("x" * 50,)] * 2000)}).encode())
    with pytest.raises(DumpRusak, match="terpotong atau rusak"):
        list(urai(io.BytesIO(data[: len(data) // 2])))


def test_data_insert_yang_rusak_ditolak_dengan_nomor_baris():
    sql = AWAL + "INSERT INTO `t` VALUES ('a','b'),\n('c');\n"
    with pytest.raises(DumpRusak, match=r"sekitar baris 6 .*1 nilai untuk 2 kolom"):
        isi(sql)
    with pytest.raises(DumpRusak, match=r"di sekitar: \('a',NOW\(\)\)"):
        isi(AWAL + "INSERT INTO `t` VALUES ('a',NOW());")
    with pytest.raises(DumpRusak, match="tanpa daftar kolom"):
        isi("INSERT INTO `lain` VALUES (1);")
    with pytest.raises(DumpRusak, match="terlalu besar"):
        isi(AWAL + "INSERT INTO `t` VALUES ('" + "x" * 5000, batas_pernyataan=1000)


PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256))


@pytest.mark.parametrize(
    "data",
    [
        PNG,
        b"",
        b"   \n-- hanya komentar\n",
        b"Surat pengantar; untuk warga\nNama: Budi",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"nik,nama\n3507112407745976,FAJAR\n",
        gzip.compress(PNG),
        bytes(range(1, 256)) * 20,
    ],
)
def test_berkas_yang_bukan_dump_sql_ditolak(data):
    with pytest.raises(BukanCadanganOpenSID, match="bukan cadangan database OpenSID"):
        isi(data)


def test_zip_tanpa_berkas_sql_ditolak(tmp_path):
    zip_ = tmp_path / "backup_folder_desa.zip"
    with zipfile.ZipFile(zip_, "w") as z:
        z.writestr("desa/arsip/surat.pdf", b"%PDF-1.7")
        z.writestr("desa/config/config.php", "<?php")
    with pytest.raises(BukanCadanganOpenSID, match="tidak berisi tepat satu berkas .sql"):
        ringkas(zip_)


def test_zip_rusak_ditolak(tmp_path):
    with pytest.raises(DumpRusak, match="Arsip rusak"):
        ringkas(io.BytesIO(b"PK\x03\x04" + b"\0" * 40))


# --- the real OpenSID v2410 backup ------------------------------------------------------------


def test_cadangan_opensid_v2410_terbaca_utuh(rujukan):
    sql, _zip, manifest = rujukan
    r = ringkas(sql)
    hitung = manifest["counts"]
    assert len(r) == 244  # every base table; the 5 views are not tables
    assert "penduduk_hidup" not in r and "keluarga_aktif" not in r
    assert sum(t.jumlah_baris for t in r.values()) == 9487  # = the INSERT lines of the file
    jumlah = {
        "tweb_penduduk": hitung["penduduk_total_rows"],
        "tweb_keluarga": hitung["keluarga_rows"],
        "tweb_wil_clusterdesa": hitung["wil_clusterdesa_rows"],
        "log_penduduk": hitung["log_penduduk_rows"],
        "log_surat": hitung["log_surat_rows"],
        "tweb_desa_pamong": hitung["pamong_rows"],
        "ref_jabatan": hitung["ref_jabatan_rows"],
        "program": hitung["program_rows"],
        "program_peserta": hitung["program_peserta_rows"],
        "tweb_penduduk_mandiri": hitung["mandiri_rows"],
        "user": hitung["user_rows"],
        "kategori": hitung["kategori_rows"],
        "agenda": hitung["agenda_rows"],
        "komentar": hitung["komentar_rows"],
        "keuangan_manual_rinci": hitung["keuangan_manual_rinci_rows"],
    }
    assert {t: r[t].jumlah_baris for t in jumlah} == jumlah
    assert jumlah["tweb_penduduk"] == 305
    assert r["tweb_penduduk"].kolom[:4] == ("id", "config_id", "nama", "nik")


def test_isi_cadangan_opensid_v2410_sesuai_manifest(rujukan):
    sql, _zip, manifest = rujukan
    status, anggaran, desa, tabel = {}, {}, None, {}
    for e in urai(sql):
        if isinstance(e, Tabel):
            tabel[e.nama] = e
        elif e.tabel == "tweb_penduduk":
            status[e.nilai["status_dasar"]] = status.get(e.nilai["status_dasar"], 0) + 1
        elif e.tabel == "keuangan_manual_rinci":
            akun = e.nilai["Kd_Akun"]
            anggaran[akun] = anggaran.get(akun, 0) + e.nilai["Nilai_Anggaran"]
        elif e.tabel == "config":
            desa = e.nilai
    per_status = manifest["counts"]["penduduk_by_status_dasar"]
    assert status == {1: per_status["HIDUP"], 2: per_status["MATI"], 3: per_status["PINDAH"]}
    assert all(type(v) is Decimal for v in anggaran.values())
    total = manifest["apbdes_manual"]["totals_by_akun"]
    assert anggaran == {k: Decimal(v["anggaran"]) for k, v in total.items()}
    assert desa["nama_desa"] == manifest["village"]["nama_desa"]
    assert desa["kode_desa"] == manifest["village"]["kode_desa"]
    assert tabel["tweb_penduduk"].kunci_primer == ("id",)


def test_cadangan_opensid_v2410_terkompresi_sama_hasilnya(rujukan, tmp_path):
    sql, _zip, _manifest = rujukan
    harapan = ringkas(sql)
    gz = tmp_path / "unggahan"
    gz.write_bytes(gzip.compress(sql.read_bytes(), compresslevel=1))
    zip_ = tmp_path / "backup.zip"
    with zipfile.ZipFile(zip_, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.write(sql, "backup-on-2026-12-06-08-55-54.sql")
    assert ringkas(gz) == harapan
    assert ringkas(zip_) == harapan


def test_cadangan_folder_desa_opensid_ditolak_sebagai_bukan_database(rujukan):
    sql, _zip, _manifest = rujukan
    with pytest.raises(BukanCadanganOpenSID, match="cadangan folder desa"):
        ringkas(sql.parent / "opensid-v2410-sumberejo-desa.zip")
