"""The backup engine: writes one archive (see `arsip`) from one consistent database snapshot.

Memory stays flat: rows are streamed table by table (`iterator(chunk_size=2000)`) into a spool
file on the backup disk, which is then streamed into the archive and deleted; files are copied
in 1 MiB blocks. Only the manifest (one small entry per table and per file) is kept in memory.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections, transaction
from django.utils import timezone

import sid
from sid.cadangan import CadanganGagal, database
from sid.cadangan import berkas as berkas_mod
from sid.cadangan.arsip import FORMAT_ARSIP, NAMA_FORMAT, PenulisArsip

Progres = Callable[[dict[str, Any]], None]


@dataclass
class HasilTulis:
    path: Path
    ukuran: int
    sha256: str
    manifest: dict[str, Any]

    @property
    def ringkasan(self) -> dict[str, Any]:
        return ringkas_manifest(self.manifest)


def ringkas_manifest(m: dict[str, Any]) -> dict[str, Any]:
    """The short summary kept in `LogCadangan.isi` and shown in the list."""
    per_model = {t["model"]: t["baris"] for t in m.get("tabel", [])}
    berkas = m.get("berkas", {})
    return {
        "format": m.get("format"),
        "versi": m.get("versi"),
        "database": m.get("database", {}).get("vendor", ""),
        "tabel": len(per_model),
        "baris": sum(per_model.values()),
        "penduduk": per_model.get("penduduk.penduduk", 0),
        "keluarga": per_model.get("keluarga.keluarga", 0),
        "berkas": sum(b.get("jumlah", 0) for b in berkas.values()),
        "ukuran_berkas": sum(b.get("ukuran", 0) for b in berkas.values()),
    }


def tulis_cadangan(
    path: Path,
    *,
    jenis: str,
    pelaku: str,
    kunci: str = "",
    using: str = "default",
    progres: Progres | None = None,
) -> HasilTulis:
    """Write a complete archive to `path` (which must not exist). Removes it on any error."""
    spool = path.parent / f".spool-{uuid.uuid4().hex}"
    spool.mkdir(mode=0o700)
    penulis = PenulisArsip(path, kunci=kunci)
    try:
        penulis.tambah_bytes(
            NAMA_FORMAT,
            json.dumps(
                {"aplikasi": "sid", "format": FORMAT_ARSIP, "versi": sid.__version__}
            ).encode(),
        )
        tabel, migrasi = _tulis_database(penulis, spool, using, progres)
        ringkasan_berkas = _tulis_berkas(penulis, progres)
        manifest = {
            "aplikasi": "sid",
            "format": FORMAT_ARSIP,
            "versi": sid.__version__,
            "dibuat": timezone.now().isoformat(),
            "dibuat_oleh": pelaku,
            "jenis": jenis,
            "terenkripsi": bool(kunci),
            "database": database.versi_database(using),
            "migrasi": migrasi,
            "tabel": tabel,
            "berkas": ringkasan_berkas,
            "bagian": penulis.bagian,
        }
        ukuran, sha = penulis.tutup(manifest)
    except BaseException:
        penulis.batal()
        raise
    finally:
        for sisa in spool.glob("*"):
            sisa.unlink(missing_ok=True)
        spool.rmdir()
    return HasilTulis(path=path, ukuran=ukuran, sha256=sha, manifest=manifest)


def _tulis_database(
    penulis: PenulisArsip, spool: Path, using: str, progres: Progres | None
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """Every table from one snapshot: REPEATABLE READ on PostgreSQL, one transaction on SQLite."""
    conn = connections[using]
    models_ = database.model_dicadangkan()
    tabel: list[dict[str, Any]] = []
    if progres:
        progres({"tahap": "database", "tabel": 0, "dari": len(models_)})
    di_luar_transaksi = not conn.in_atomic_block
    with transaction.atomic(using=using):
        if conn.vendor == "postgresql" and di_luar_transaksi:
            with conn.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        migrasi = database.keadaan_migrasi(using)
        jumlah_snapshot = database.hitung_baris(models_, using)
        for model in models_:
            sementara = spool / f"{database.label(model)}.jsonl"
            with open(sementara, "wb") as keluar:
                entri = database.tulis_tabel(model, keluar, using)
            if entri["baris"] != jumlah_snapshot[entri["model"]]:
                raise CadanganGagal(
                    f"Jumlah baris {entri['model']} yang ditulis ({entri['baris']}) berbeda dari "
                    f"jumlah di basis data ({jumlah_snapshot[entri['model']]})."
                )
            penulis.tambah_berkas(entri["berkas"], sementara)
            sementara.unlink()
            tabel.append(entri)
    return tabel, migrasi


def _tulis_berkas(penulis: PenulisArsip, progres: Progres | None) -> dict[str, dict[str, int]]:
    hasil: dict[str, dict[str, int]] = {}
    kecuali = berkas_mod.dikecualikan()
    jumlah_semua = ukuran_semua = 0
    terakhir = time.monotonic()
    for kunci, akar in berkas_mod.akar_berkas().items():
        jumlah = ukuran = 0
        for relatif, path in berkas_mod.daftar(akar, kecuali):
            try:
                penulis.tambah_berkas(f"berkas/{kunci}/{relatif}", path)
            except FileNotFoundError:
                continue  # deleted between listing and reading: it is gone, so not backed up
            ukuran_ini = penulis.bagian[f"berkas/{kunci}/{relatif}"]["ukuran"]
            jumlah += 1
            ukuran += ukuran_ini
            jumlah_semua += 1
            ukuran_semua += ukuran_ini
            if progres and time.monotonic() - terakhir > 2:
                terakhir = time.monotonic()
                progres({"tahap": "berkas", "berkas": jumlah_semua, "ukuran": ukuran_semua})
        hasil[kunci] = {"jumlah": jumlah, "ukuran": ukuran}
    return hasil
