"""What every mapper gets: the spooled backup, the acting user, the id maps between OpenSID
and SID, the folder backup, and the report it writes into."""

from __future__ import annotations

import datetime
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile

from pindah.gudang import Gudang

BATAS_CONTOH = 500  # refused rows listed per kind (the counts are always whole)


@dataclass
class Laporan:
    """What was carried, what was refused and why, what SID has no place for."""

    sha256: str = ""
    versi: str = ""
    desa: str = ""
    sudah_diimpor: bool = False
    dibawa: dict[str, int] = field(default_factory=dict)  # kind → rows carried
    ditolak: dict[str, int] = field(default_factory=dict)  # kind → rows refused
    masalah: list[dict[str, str]] = field(default_factory=list)  # refused/changed rows
    tidak_dibawa: list[dict[str, Any]] = field(default_factory=list)  # tables left behind
    catatan: list[str] = field(default_factory=list)

    def hitung(self, jenis: str, n: int = 1) -> None:
        self.dibawa[jenis] = self.dibawa.get(jenis, 0) + n

    def tolak(self, jenis: str, rujukan: str, alasan: str) -> None:
        """A row not carried, with the reason (the row is named so the operator can find it)."""
        self.ditolak[jenis] = self.ditolak.get(jenis, 0) + 1
        self.ubah(jenis, rujukan, alasan, ditolak=True)

    def ubah(self, jenis: str, rujukan: str, alasan: str, *, ditolak: bool = False) -> None:
        """A row carried but changed to fit SID's rules (e.g. a temporary NIK)."""
        if sum(1 for m in self.masalah if m["jenis"] == jenis) < BATAS_CONTOH:
            self.masalah.append(
                {"jenis": jenis, "baris": rujukan, "alasan": alasan, "ditolak": ditolak}
            )

    @property
    def ada_yang_ditolak(self) -> bool:
        return bool(self.ditolak)

    def sebagai_dict(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "sudah_diimpor": self.sudah_diimpor,
            "versi": self.versi,
            "desa": self.desa,
            "dibawa": self.dibawa,
            "ditolak": self.ditolak,
            "masalah": self.masalah,
            "tidak_dibawa": self.tidak_dibawa,
            "catatan": self.catatan,
        }


@dataclass
class Konteks:
    gudang: Gudang
    oleh: Any
    laporan: Laporan
    tanggal: datetime.date
    nama_berkas: str
    dry_run: bool = False
    folder: zipfile.ZipFile | None = None
    # OpenSID id → SID pk, per OpenSID table ("tweb_penduduk", "tweb_keluarga", …)
    peta: dict[str, dict[Any, int]] = field(default_factory=lambda: defaultdict(dict))
    kemajuan: Callable[[str, int], None] | None = None
    berkas_ditulis: list[tuple[Any, str]] = field(default_factory=list)  # (storage, name)

    # The share of the progress bar of the mapper now running (set by the runner).
    rentang: tuple[int, int] = (0, 100)

    def tahap(self, teks: str, persen: int) -> None:
        if self.kemajuan:
            self.kemajuan(teks, persen)

    def sebagian(self, teks: str, selesai: int, total: int) -> None:
        """Progress inside the running mapper: `selesai` of `total` done."""
        awal, akhir = self.rentang
        self.tahap(teks, awal + (akhir - awal) * min(selesai, total) // max(total, 1))

    def baris(self, tabel: str):
        return self.gudang.baris(tabel)

    def berkas_folder(self, *kandidat: str) -> bytes | None:
        """A file of the `desa/` folder backup by its path inside `desa/` (first found)."""
        if self.folder is None:
            return None
        nama = set(self.folder.namelist())
        for k in kandidat:
            for awalan in ("", "desa/"):
                if f"{awalan}{k}" in nama:
                    return self.folder.read(f"{awalan}{k}")
        return None

    def simpan_berkas(self, storage, nama: str, isi: bytes) -> str:
        """Store a file; remembered so a failed or dry run removes it again."""
        disimpan = storage.save(nama, ContentFile(isi))
        self.berkas_ditulis.append((storage, disimpan))
        return disimpan

    def hapus_berkas_ditulis(self) -> None:
        for storage, nama in self.berkas_ditulis:
            storage.delete(nama)
        self.berkas_ditulis.clear()
