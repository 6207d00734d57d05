"""What every register shares: its columns, the operator's choices (`Parameter`), the
`Buku` itself, and the small formatting helpers of cells."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from penduduk.laporan import mutasi
from penduduk.models import Penduduk
from sid import kode
from sid.lib.format import BULAN, samarkan_nik, tanggal_indonesia
from sid.models import Wilayah

J = kode.JenisPeristiwa


@dataclass(frozen=True)
class Kolom:
    judul: str
    lebar: str = ""  # CSS width in the PDF, e.g. "6%"
    kelas: str = ""  # "tengah" / "kanan" alignment
    lebar_xlsx: int = 12
    kelompok: str = ""  # group header above; consecutive columns with the same one merge


@dataclass
class Parameter:
    """What the operator chose on the register page (JSON-safe for the background job)."""

    tanggal: datetime.date | None = None
    tahun: int | None = None
    bulan: int | None = None  # None with a year: the whole year (Buku Mutasi)
    wilayah_id: int | None = None
    kertas: str = "F4"
    samarkan: bool = False
    tab: str = ""  # Buku Mutasi: "" (events) or "hapus" (deleted as wrong input)

    def sebagai_dict(self) -> dict[str, Any]:
        return {
            "tanggal": self.tanggal.isoformat() if self.tanggal else None,
            "tahun": self.tahun,
            "bulan": self.bulan,
            "wilayah_id": self.wilayah_id,
            "kertas": self.kertas,
            "samarkan": self.samarkan,
            "tab": self.tab,
        }

    @classmethod
    def dari_dict(cls, d: dict[str, Any]) -> Parameter:
        d = dict(d)
        if d.get("tanggal"):
            d["tanggal"] = datetime.date.fromisoformat(d["tanggal"])
        return cls(**d)

    @property
    def wilayah(self) -> Wilayah | None:
        if not self.wilayah_id:
            return None
        return Wilayah.objects.select_related("dusun", "rw").filter(pk=self.wilayah_id).first()


@dataclass
class Buku:
    kunci: str
    judul: str
    subjudul: str
    kolom: list[Kolom]
    sumber: Any  # QuerySet or list
    isi_baris: Callable[[Any], list[str]]  # one item → its cells after "No"
    nama_berkas: str
    pesan_kosong: str = "Tidak ada data."
    ringkasan: list[tuple[str, Any]] = field(default_factory=list)
    bernomor: bool = True  # first column is the running number
    besar: bool = True  # one row per person: PDF/xlsx made by the background job

    def jumlah(self) -> int:
        return len(self.sumber) if isinstance(self.sumber, list) else self.sumber.count()

    def baris(self, mulai: int = 0, batas: int | None = None) -> Iterator[list[str]]:
        """Rows as text, numbered from `mulai + 1`; the whole source is read in chunks."""
        if isinstance(self.sumber, list):
            item: Iterable = self.sumber[mulai : None if batas is None else mulai + batas]
        elif batas is None:
            item = (
                self.sumber[mulai:].iterator(chunk_size=2000)
                if mulai
                else self.sumber.iterator(chunk_size=2000)
            )
        else:
            item = self.sumber[mulai : mulai + batas]
        for i, obj in enumerate(item, start=mulai + 1):
            sel = self.isi_baris(obj)
            yield [str(i), *sel] if self.bernomor else sel

    def kelompok_kolom(self) -> list[tuple[str, int, list[Kolom]]]:
        """[(group title, span, columns)] for a two-row header ('' = a column without group)."""
        hasil: list[tuple[str, int, list[Kolom]]] = []
        for k in self.kolom:
            if k.kelompok and hasil and hasil[-1][0] == k.kelompok:
                judul, n, daftar = hasil[-1]
                hasil[-1] = (judul, n + 1, [*daftar, k])
            else:
                hasil.append((k.kelompok, 1, [k]))
        return hasil

    @property
    def berkelompok(self) -> bool:
        return any(k.kelompok for k in self.kolom)


# --- helpers --------------------------------------------------------------------------------
def _tgl(t) -> str:
    return tanggal_indonesia(t) if t else "-"


def _tgl_pendek(t) -> str:
    return f"{t:%d-%m-%Y}" if t else "-"


def _nik(nik: str, samarkan: bool) -> str:
    return samarkan_nik(nik) if samarkan else (nik or "-")


def _jk(p) -> str:
    return "L" if p.jenis_kelamin == kode.JenisKelamin.LAKI_LAKI else "P"


def _wn(p) -> str:
    return "WNA" if p.warganegara == kode.WargaNegara.WNA else "WNI"


def _alamat(p: Penduduk) -> str:
    dasar = p.alamat_sekarang or (p.keluarga.alamat if p.keluarga_id else "")
    w = p.wilayah
    bagian = [dasar] if dasar else []
    if w.tingkat == Wilayah.Tingkat.RT:
        bagian.append(f"RT {w.nama}")
    if w.rw_id:
        bagian.append(f"RW {w.rw.nama}")
    if w.dusun_id:
        bagian.append(f"Dusun {w.dusun.nama}")
    return ", ".join(bagian) or "-"


def _label(pilihan, nilai) -> str:
    if nilai in (None, ""):
        return "-"
    try:
        return pilihan(nilai).label
    except ValueError:
        return str(nilai)


def _periode(p: Parameter) -> tuple[datetime.date, datetime.date, str]:
    if p.bulan:
        awal, akhir = mutasi.batas_bulan(p.tahun, p.bulan)
        return awal, akhir, f"Bulan {BULAN[p.bulan - 1]} {p.tahun}"
    return datetime.date(p.tahun, 1, 1), datetime.date(p.tahun, 12, 31), f"Tahun {p.tahun}"


def _di(p: Parameter) -> str:
    w = p.wilayah
    return f" — {w.nama_lengkap}" if w else ""


def _penduduk_per_tanggal(p: Parameter):
    return mutasi.hadir_pada(p.tanggal, Penduduk.objects.filter(mutasi.q_wilayah(p.wilayah)))


# --- Buku Induk Penduduk ------------------------------------------------------------------------
