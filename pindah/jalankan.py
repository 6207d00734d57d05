"""Read an OpenSID backup and carry it into SID: check it, spool it, run every mapper in one
transaction (rolled back for a dry run), refresh the planner statistics, log it."""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from penduduk.models import Penduduk
from penduduk.statistik.versi import statistik_berubah
from pindah import peta
from pindah.dump import BukanCadanganOpenSID
from pindah.gudang import Gudang
from pindah.konteks import Konteks, Laporan
from pindah.models import PindahOpenSID
from sid.lib.audit import catat_aktivitas
from sid.lib.db import perbarui_statistik_planner

# OpenSID versions whose table layout SID has been checked against (setting current_version).
VERSI_DIKENAL = {"24.10"}
# Tables every OpenSID database has; without them the file is not an OpenSID backup.
TABEL_WAJIB = {
    "config",
    "setting_aplikasi",
    "tweb_penduduk",
    "tweb_keluarga",
    "tweb_wil_clusterdesa",
}


def sidik(sumber: str | os.PathLike | IO[bytes]) -> str:
    h = hashlib.sha256()
    if hasattr(sumber, "read"):
        sumber.seek(0)
        for potong in iter(lambda: sumber.read(1 << 20), b""):
            h.update(potong)
        sumber.seek(0)
    else:
        with open(sumber, "rb") as f:
            for potong in iter(lambda: f.read(1 << 20), b""):
                h.update(potong)
    return h.hexdigest()


def sudah_diimpor(sha256: str) -> PindahOpenSID | None:
    """The finished move of this very file, if any: importing it again changes nothing."""
    return PindahOpenSID.objects.filter(sha256=sha256, status=PindahOpenSID.Status.SELESAI).first()


def _versi(gudang: Gudang) -> str:
    for b in gudang.baris("setting_aplikasi"):
        if b.get("key") == "current_version":
            return str(b.get("value") or "").strip()
    return ""


def periksa_cadangan(gudang: Gudang) -> str:
    """The OpenSID version of a spooled backup; refuses what SID cannot read."""
    kurang = sorted(TABEL_WAJIB - set(gudang.kolom))
    if kurang:
        raise BukanCadanganOpenSID(
            "Berkas ini bukan cadangan database OpenSID: tabel "
            + ", ".join(kurang)
            + " tidak ada. Buat cadangan di OpenSID lewat Pengaturan → Database → Backup."
        )
    versi = _versi(gudang)
    if versi not in VERSI_DIKENAL:
        raise BukanCadanganOpenSID(
            f"Cadangan ini dibuat oleh OpenSID versi {versi or '(tidak tercatat)'}, yang belum "
            f"dikenal SID. Versi yang dapat dipindahkan: {', '.join(sorted(VERSI_DIKENAL))}. "
            "Perbarui OpenSID ke versi itu, buat cadangan baru, lalu unggah lagi."
        )
    return versi


def pindah_opensid(
    *,
    oleh: Any,
    sumber: str | os.PathLike | IO[bytes],
    folder: str | os.PathLike | IO[bytes] | None = None,
    dry_run: bool,
    nama_berkas: str = "",
    kemajuan: Callable[[str, int], None] | None = None,
    sebelum_tulis: Callable[[Laporan], None] | None = None,
) -> Laporan:
    """Import a whole OpenSID backup into this (empty) village. Whole-file problems raise
    `CadanganDitolak` / `ValidationError` and write nothing; row problems are in the report."""
    nama_berkas = nama_berkas or os.path.basename(str(getattr(sumber, "name", sumber)))[:255]
    kemajuan = kemajuan or (lambda _t, _p: None)
    sha256 = sidik(sumber)
    laporan = Laporan(sha256=sha256)
    lama = sudah_diimpor(sha256)
    if lama is not None:
        laporan.sudah_diimpor = True
        laporan.catatan.append(
            f"Cadangan ini sudah diimpor pada {timezone.localtime(lama.selesai):%d-%m-%Y %H:%M}; "
            "tidak ada yang diubah."
        )
        return laporan
    if Penduduk.objects.exists():
        raise ValidationError(
            "Register desa ini sudah berisi penduduk. Pindah dari OpenSID hanya ke desa yang "
            "masih kosong (instalasi baru), agar data tidak tercampur."
        )
    with Gudang() as gudang:
        kemajuan("Membaca cadangan", 2)
        gudang.isi(
            sumber,
            peta.TABEL_DIBACA,
            laporan=lambda n: kemajuan(f"Membaca cadangan ({n} baris)", 5),
        )
        laporan.versi = periksa_cadangan(gudang)
        laporan.tidak_dibawa = peta.tidak_dibawa(gudang)
        arsip = zipfile.ZipFile(folder) if folder else None
        ktx = Konteks(
            gudang=gudang,
            oleh=oleh,
            laporan=laporan,
            tanggal=timezone.localdate(),
            nama_berkas=nama_berkas,
            dry_run=dry_run,
            folder=arsip,
            kemajuan=kemajuan,
        )
        try:
            with transaction.atomic():
                bobot = [getattr(m, "BOBOT", 1) for m in peta.PEMETA]
                sudah = 0
                for pemeta, b in zip(peta.PEMETA, bobot, strict=True):
                    ktx.rentang = (
                        10 + 85 * sudah // sum(bobot),
                        10 + 85 * (sudah + b) // sum(bobot),
                    )
                    kemajuan(pemeta.NAMA, ktx.rentang[0])
                    pemeta.jalankan(ktx)
                    sudah += b
                if sebelum_tulis:
                    sebelum_tulis(laporan)
                if dry_run:
                    transaction.set_rollback(True)
                else:
                    catat_aktivitas(
                        oleh=oleh,
                        aksi="impor",
                        keterangan=(
                            f"Pindah dari OpenSID {laporan.versi}: {nama_berkas}, SHA-256 "
                            f"{sha256}. Dibawa: "
                            + ", ".join(f"{k} {v}" for k, v in laporan.dibawa.items())
                            + ". Ditolak: "
                            + (", ".join(f"{k} {v}" for k, v in laporan.ditolak.items()) or "0")
                            + "."
                        ),
                    )
        except BaseException:
            ktx.hapus_berkas_ditulis()
            raise
        finally:
            if arsip:
                arsip.close()
        if dry_run:
            ktx.hapus_berkas_ditulis()
    if not dry_run:
        kemajuan("Memperbarui statistik database", 97)
        perbarui_statistik_planner(*peta.MODEL_DIISI)
        statistik_berubah()  # bulk writes send no signals: the cached figures are stale
    kemajuan("Selesai", 100)
    return laporan
