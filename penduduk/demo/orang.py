"""Plan objects of the demo generator (pure Python, no database) and its random context."""

from __future__ import annotations

import bisect
import datetime
import random
from dataclasses import dataclass, field
from itertools import accumulate

from penduduk.demo import data
from sid import kode

L = kode.JenisKelamin.LAKI_LAKI
P = kode.JenisKelamin.PEREMPUAN
A = kode.Agama
HARI_SETAHUN = 365.2425
SATU_HARI = datetime.timedelta(days=1)


class Pilihan:
    """A weighted choice with precomputed cumulative weights: `Pilihan({nilai: bobot})(rng)`."""

    __slots__ = ("kumulatif", "nilai", "total")

    def __init__(self, bobot):
        pasangan = list(bobot.items() if isinstance(bobot, dict) else bobot)
        self.nilai = [v for v, _ in pasangan]
        self.kumulatif = list(accumulate(w for _, w in pasangan))
        self.total = self.kumulatif[-1]

    def __call__(self, rng: random.Random):
        return self.nilai[bisect.bisect_right(self.kumulatif, rng.random() * self.total)]


@dataclass(slots=True, eq=False)
class Kejadian:
    """A population event of one person (LAHIR, PINDAH MASUK, MATI, …)."""

    jenis: int
    tanggal: datetime.date
    lapor: datetime.date
    detail: dict = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class Orang:
    nama: str
    jk: int
    lahir: datetime.date
    kawin: int
    budaya: str
    agama: int
    shdk: int | None = None
    shdk_awal: int | None = None
    kk: KK | None = None
    rt: int = 0
    marga: str = ""
    tempat_lahir: str = ""
    ayah: Orang | None = None
    ibu: Orang | None = None
    nama_ayah: str = ""
    nama_ibu: str = ""
    pasangan: Orang | None = None
    tgl_kawin: datetime.date | None = None
    akta_kawin: str = ""
    tgl_cerai: datetime.date | None = None
    akta_cerai: str = ""
    tetap: bool = True
    masuk: Kejadian | None = None
    keluar: Kejadian | None = None
    kembar: bool = False
    anak_ke: int | None = None
    nik: str = ""
    d: dict = field(default_factory=dict)
    pk: int | None = None

    def umur(self, pada: datetime.date) -> int:
        lahir = self.lahir
        return pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day))

    @property
    def pada(self) -> datetime.date | None:
        """The reference date of the record: the exit date, or None (= today) if alive."""
        return self.keluar.tanggal if self.keluar else None


@dataclass(slots=True, eq=False)
class KK:
    rt: int
    anggota: list[Orang]
    datang: datetime.date | None = None
    terdaftar: datetime.date | None = None
    tanggal_kk: datetime.date | None = None
    tanggal_cetak: datetime.date | None = None
    no_kk: str = ""
    alamat: str = ""
    kelas_sosial: int | None = None
    asuransi: int | None = None
    aktif: bool = True
    pindah: bool = False
    # (from this date, new head) once a successor was chosen after the head left.
    kepala_baru: tuple[datetime.date, Orang] | None = None
    pk: int | None = None

    @property
    def kepala_awal(self) -> Orang:
        return self.anggota[0]

    def kepala_pada(self, tanggal: datetime.date) -> Orang | None:
        """The living head on a date (the snapshot an event recorded then stores)."""
        lama = self.kepala_awal
        if lama.keluar is None or tanggal <= lama.keluar.tanggal:
            return lama
        if self.kepala_baru and tanggal >= self.kepala_baru[0]:
            return self.kepala_baru[1]
        return None


def tahun_lalu(pada: datetime.date, tahun: int) -> datetime.date:
    try:
        return pada.replace(year=pada.year - tahun)
    except ValueError:  # 29 February
        return pada.replace(year=pada.year - tahun, day=28)


def tambah_tahun(pada: datetime.date, tahun: float) -> datetime.date:
    return pada + datetime.timedelta(days=int(tahun * HARI_SETAHUN))


class Konteks:
    """The random source and the period: events fall in (awal, hari_ini]."""

    def __init__(self, seed: int, hari_ini: datetime.date, tahun: int = 3):
        self.rng = random.Random(seed)
        self.hari_ini = hari_ini
        self.awal = tahun_lalu(hari_ini, tahun)
        self.hari_periode = (hari_ini - self.awal).days
        self._tempat_lahir = Pilihan(data.TEMPAT_LAHIR_LOKAL)

    # --- dates
    def lahir(self, umur: float) -> datetime.date:
        """A birth date for an age in (fractional) years on the last day of the period."""
        return self.hari_ini - datetime.timedelta(days=int(umur * HARI_SETAHUN))

    def tanggal_periode(self, dari: datetime.date | None = None) -> datetime.date:
        """A date in the period (after `awal`, not after today), and after `dari` if given."""
        mulai = max(self.awal, dari or self.awal)
        if mulai >= self.hari_ini:
            return self.hari_ini
        return mulai + datetime.timedelta(days=self.rng.randint(1, (self.hari_ini - mulai).days))

    def antara(self, a: datetime.date, b: datetime.date) -> datetime.date:
        if b <= a:
            return a
        return a + datetime.timedelta(days=self.rng.randint(0, (b - a).days))

    def lapor(self, tanggal: datetime.date, cepat: bool = False) -> datetime.date:
        """Reporting date: a few days to weeks after the event, never in the future."""
        r = self.rng.random()
        hari = (
            self.rng.randint(0, 7)
            if r < (0.6 if cepat else 0.4)
            else self.rng.randint(8, 30)
            if r < 0.9
            else self.rng.randint(31, 90)
        )
        return min(self.hari_ini, tanggal + datetime.timedelta(days=hari))

    # --- names and places
    def nama(self, jk: int, budaya: str, agama: int, tahun: int, marga: str = "") -> str:
        r = self.rng
        laki = jk == L
        if budaya == "bali":
            awal = r.choice(data.BALI_LAKI_AWAL if laki else data.BALI_PEREMPUAN_AWAL)
            return f"{awal} {r.choice(data.BALI_LAKI if laki else data.BALI_PEREMPUAN)}"
        if budaya in ("batak", "timur", "tionghoa"):
            if budaya == "tionghoa":
                depan = r.choice(data.TIONGHOA_LAKI if laki else data.TIONGHOA_PEREMPUAN)
            else:
                depan = r.choice(data.KRISTEN_LAKI if laki else data.KRISTEN_PEREMPUAN)
            return f"{depan} {marga}" if marga else depan
        baru = tahun >= 1985 + r.randint(-6, 6)
        if agama in (A.KRISTEN, A.KATHOLIK):
            depan = data.KRISTEN_LAKI if laki else data.KRISTEN_PEREMPUAN
        elif baru:
            depan = data.LAKI_BARU if laki else data.PEREMPUAN_BARU
        else:
            depan = data.LAKI_LAMA if laki else data.PEREMPUAN_LAMA
        tengah = data.LAKI_BARU if laki else data.PEREMPUAN_BARU
        belakang = data.LAKI_BELAKANG if laki else data.PEREMPUAN_BELAKANG
        bagian = [r.choice(depan)]
        x = r.random()
        tambahan = (1 if x < 0.55 else 2 if x < 0.85 else 0) if baru else (0 if x < 0.45 else 1)
        if bagian[0] in ("Muhammad", "Siti", "Abdul") and tambahan == 0:
            tambahan = 1
        if tambahan == 2:
            bagian.append(r.choice(tengah))
        if tambahan:
            bagian.append(r.choice(belakang))
        return " ".join(dict.fromkeys(bagian))

    def marga(self, budaya: str) -> str:
        if budaya == "batak":
            return self.rng.choice(data.MARGA_BATAK)
        if budaya == "timur":
            return self.rng.choice(data.MARGA_TIMUR) if self.rng.random() < 0.6 else ""
        if budaya == "tionghoa":
            return self.rng.choice(data.MARGA_TIONGHOA)
        return ""

    def tempat_lahir(self, budaya: str, lahir: datetime.date, lokal: bool = False) -> str:
        r = self.rng
        if lokal or (lahir > self.awal and r.random() < 0.95):
            return "BOGOR" if r.random() < 0.6 else "CIBINONG"
        if budaya in data.TEMPAT_LAHIR_BUDAYA and r.random() < 0.7:
            return r.choice(data.TEMPAT_LAHIR_BUDAYA[budaya])
        return self._tempat_lahir(r)
