"""A small village as an OpenSID v2410 backup, written by the tests (no reference file needed):
two dusun (one with RWs, one without), three families, residents with a duplicate NIK and a
date that does not parse, and a short event history."""

from __future__ import annotations

from tests.pindah.tulis_dump import tulis_dump

PENDUDUK_KOLOM = [
    "id", "config_id", "nama", "nik", "id_kk", "kk_level", "sex", "tempatlahir", "tanggallahir",
    "agama_id", "pendidikan_kk_id", "pekerjaan_id", "status_kawin", "warganegara_id",
    "golongan_darah_id", "id_cluster", "status", "status_dasar", "tanggalperkawinan",
]  # fmt: skip


def _p(id_, nama, nik, id_kk, shdk, sex, lahir, cluster, kawin=1, status_dasar=1, tgl_kawin=None):
    return (id_, 1, nama, nik, id_kk, shdk, sex, "MALANG", lahir, 1, 5, 9, kawin, 1, 13, cluster,
            1, status_dasar, tgl_kawin)  # fmt: skip


def tabel_desa(versi: str = "24.10", **ubah) -> dict[str, tuple[list, list]]:
    tabel = {
        "config": (
            [
                "id",
                "nama_desa",
                "kode_desa",
                "kode_pos",
                "nama_kecamatan",
                "kode_kecamatan",
                "nama_kabupaten",
                "kode_kabupaten",
                "nama_propinsi",
                "kode_propinsi",
                "logo",
                "alamat_kantor",
                "email_desa",
                "telepon",
                "website",
                "lat",
                "lng",
            ],  # fmt: skip
            [
                (
                    1,
                    "Sukamaju",
                    "3507112099",
                    "65156",
                    "Tumpang",
                    "350711",
                    "Malang",
                    "3507",
                    "Jawa Timur",
                    "35",
                    None,
                    "Jl. Desa 1",
                    "desa@example.id",
                    "0341",
                    "",
                    None,
                    None,
                )
            ],  # fmt: skip
        ),
        "setting_aplikasi": (
            ["id", "key", "value"],
            [
                (18, "current_version", versi),
                (41, "tgl_data_lengkap", "01-11-2026"),
                (42, "tgl_data_lengkap_aktif", "1"),
            ],  # fmt: skip
        ),
        "tweb_wil_clusterdesa": (
            ["id", "rt", "rw", "dusun", "id_kepala"],
            [
                (1, "0", "0", "KRAJAN", None),
                (2, "0", "-", "KRAJAN", None),
                (3, "-", "-", "KRAJAN", None),
                (4, "0", "001", "KRAJAN", None),
                (5, "-", "001", "KRAJAN", None),
                (6, "001", "001", "KRAJAN", 1),
                (7, "0", "0", "GONDANG", None),
                (8, "0", "-", "GONDANG", None),
                (9, "-", "-", "GONDANG", None),
                (10, "001", "-", "GONDANG", None),
            ],  # fmt: skip
        ),
        "tweb_keluarga": (
            [
                "id",
                "config_id",
                "no_kk",
                "nik_kepala",
                "tgl_daftar",
                "kelas_sosial",
                "tgl_cetak_kk",
                "alamat",
                "id_cluster",
            ],  # fmt: skip
            [
                (1, 1, "3507112099000001", 1, "2026-01-05 10:00:00", None, None, "JL. MAWAR 1", 6),
                (
                    2,
                    1,
                    "3507112099000002",
                    4,
                    "2026-01-05 10:00:00",
                    None,
                    "0000-00-00",
                    "JL. GONDANG 2",
                    10,
                ),
                (
                    3,
                    1,
                    "3507112099000003",
                    6,
                    "2026-01-05 10:00:00",
                    None,
                    None,
                    "JL. GONDANG 3",
                    10,
                ),
            ],  # fmt: skip
        ),
        "tweb_penduduk": (
            PENDUDUK_KOLOM,
            [
                _p(1, "BUDI SANTOSO", "3507111201800001", 1, 1, 1, "1980-01-12", 6, 2),
                _p(2, "SITI AMINAH", "3507114503820002", 1, 3, 2, "1982-03-05", 6, 2),
                _p(3, "ADI SANTOSO", "3507110101100003", 1, 4, 1, "2010-01-01", 6),
                _p(4, "WATI", "3507114404900004", 2, 1, 2, "1990-04-04", 10),
                # The same NIK as BUDI: carried as TIDAK VALID under a temporary NIK.
                _p(5, "BAYU", "3507111201800001", 2, 4, 1, "2012-05-05", 10),
                _p(6, "JOKO", "3507111212700006", 3, 1, 1, "1970-12-12", 10, 2, 2),
                # A birth date that does not parse: refused with its reason.
                _p(7, "TONO", "3507111212750007", 3, 4, 1, "1975-13-45", 10),
            ],  # fmt: skip
        ),
        "log_penduduk": (
            [
                "id",
                "id_pend",
                "kode_peristiwa",
                "meninggal_di",
                "jam_mati",
                "sebab",
                "penolong_mati",
                "akta_mati",
                "alamat_tujuan",
                "tgl_lapor",
                "tgl_peristiwa",
                "catatan",
                "no_kk",
                "nama_kk",
                "ref_pindah",
                "created_at",
            ],  # fmt: skip
            [
                (
                    1,
                    3,
                    1,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    "2026-11-03 00:00:00",
                    "2026-10-28 00:00:00",
                    None,
                    "3507112099000001",
                    "BUDI SANTOSO",
                    None,
                    "2026-11-03 09:00:00",
                ),
                (
                    2,
                    6,
                    2,
                    "Rumah",
                    "04:15",
                    "1",
                    "4",
                    "",
                    None,
                    "2026-11-20 00:00:00",
                    "2026-11-18 00:00:00",
                    "Sakit",
                    "3507112099000003",
                    "JOKO",
                    None,
                    "2026-11-20 09:00:00",
                ),
            ],  # fmt: skip
        ),
        "log_keluarga": (
            ["id", "id_kk", "id_peristiwa", "tgl_peristiwa", "id_pend", "id_log_penduduk"],
            [
                (1, 1, 1, "2026-01-05 10:00:00", None, None),
                (2, 2, 1, "2026-01-05 10:00:00", None, None),
                (3, 3, 1, "2026-01-05 10:00:00", None, None),
                (4, 3, 2, "2026-11-20 09:00:00", None, 2),
            ],  # fmt: skip
        ),
        "tweb_rtm": (["id", "nik_kepala", "no_kk"], [(1, 1, "RTM001")]),
    }
    tabel.update(ubah)
    return tabel


def dump_desa(versi: str = "24.10", **ubah) -> str:
    return tulis_dump(tabel_desa(versi, **ubah))
