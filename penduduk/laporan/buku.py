"""The Bumindes population registers and the monthly report as tables (columns + rows).

Each register is a `Buku`: its numbered columns (with the group headers of the official
forms), a row source (a queryset, iterated in chunks, or a short list) and a function turning
one source item into the row's text. The same `Buku` feeds the screen (paginated), the PDF
(`keluaran.sebagai_pdf`, in chunks) and the .xlsx (`keluaran.sebagai_xlsx`, streamed).

Registers listing people "on a date" use `mutasi.hadir_pada()`, so the Buku Induk on the
last day of a month has exactly as many rows as the monthly report's end figure.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from penduduk import kode
from penduduk.laporan import mutasi
from penduduk.models import Penduduk, PendudukHapus, Peristiwa
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
def buku_induk(p: Parameter) -> Buku:
    kolom = [
        Kolom("No", "2.5%", "tengah", 6),
        Kolom("Nama lengkap / panggilan", "10%", lebar_xlsx=28),
        Kolom("Jenis kelamin", "4%", "tengah", 8),
        Kolom("Status perkawinan", "5.5%", lebar_xlsx=14),
        Kolom("Tempat lahir", "6%", lebar_xlsx=16),
        Kolom("Tanggal lahir", "5.5%", lebar_xlsx=14),
        Kolom("Agama", "5%", lebar_xlsx=12),
        Kolom("Pendidikan terakhir", "7%", lebar_xlsx=20),
        Kolom("Pekerjaan", "7%", lebar_xlsx=20),
        Kolom("Dapat membaca huruf", "5%", lebar_xlsx=12),
        Kolom("Kewarga-negaraan", "4.5%", "tengah", 10),
        Kolom("Alamat lengkap", "10.5%", lebar_xlsx=34),
        Kolom("Kedudukan dalam keluarga", "6%", lebar_xlsx=16),
        Kolom("NIK", "8.5%", lebar_xlsx=20),
        Kolom("Nomor KK", "8.5%", lebar_xlsx=20),
        Kolom("Keterangan", "4.5%", lebar_xlsx=16),
    ]
    sumber = (
        _penduduk_per_tanggal(p)
        .select_related("keluarga", "wilayah__dusun", "wilayah__rw")
        .order_by(
            "wilayah__dusun__nama",
            F("keluarga__no_kk").asc(nulls_last=True),
            F("shdk").asc(nulls_last=True),
            "tanggal_lahir",
            "pk",
        )
    )

    def isi(o: Penduduk) -> list[str]:
        ket = []
        if o.nik_sementara:
            ket.append("NIK sementara")
        if o.status_dasar != kode.StatusDasar.HIDUP:
            ket.append(f"Kini {o.get_status_dasar_display()}")
        if o.status_penduduk == kode.StatusPenduduk.TIDAK_TETAP:
            ket.append("Tidak tetap")
        return [
            o.nama,
            _jk(o),
            o.get_status_kawin_display(),
            o.tempat_lahir,
            _tgl_pendek(o.tanggal_lahir),
            o.get_agama_display(),
            o.get_pendidikan_kk_display(),
            o.get_pekerjaan_display(),
            _label(kode.DapatMembacaHuruf, o.dapat_membaca_huruf),
            _wn(o),
            _alamat(o),
            _label(kode.SHDK, o.shdk),
            _nik(o.nik, p.samarkan),
            _nik(o.keluarga.no_kk, p.samarkan) if o.keluarga_id else "-",
            "; ".join(ket),
        ]

    return Buku(
        "induk",
        "Buku Induk Penduduk",
        f"Keadaan per {tanggal_indonesia(p.tanggal)}{_di(p)}",
        kolom,
        sumber,
        isi,
        f"buku-induk-penduduk-{p.tanggal:%Y-%m-%d}",
        pesan_kosong="Tidak ada penduduk pada tanggal ini.",
    )


# --- Buku Mutasi Penduduk -----------------------------------------------------------------------
def buku_mutasi(p: Parameter) -> Buku:
    awal, akhir, periode = _periode(p)
    if p.tab == "hapus":
        return _buku_mutasi_hapus(p, awal, akhir, periode)
    kolom = [
        Kolom("No", "3%", "tengah", 6),
        Kolom("Nama lengkap / panggilan", "13%", lebar_xlsx=28),
        Kolom("Tempat & tanggal lahir", "11%", lebar_xlsx=24),
        Kolom("Jenis kelamin", "4%", "tengah", 8),
        Kolom("Kewarga-negaraan", "5%", "tengah", 10),
        Kolom("Datang dari", "12%", lebar_xlsx=28, kelompok="Penambahan"),
        Kolom("Tanggal", "7%", lebar_xlsx=14, kelompok="Penambahan"),
        Kolom("Pindah ke", "12%", lebar_xlsx=28, kelompok="Pengurangan"),
        Kolom("Tanggal", "7%", lebar_xlsx=14, kelompok="Pengurangan"),
        Kolom("Meninggal tanggal", "7%", lebar_xlsx=14, kelompok="Pengurangan"),
        Kolom("Tanggal lapor", "7%", lebar_xlsx=14),
        Kolom("Keterangan", "12%", lebar_xlsx=30),
    ]
    sumber = (
        Peristiwa.objects.filter(
            mutasi.q_wilayah(p.wilayah, "penduduk__"),
            dibatalkan=False,
            tanggal_peristiwa__gte=awal,
            tanggal_peristiwa__lte=akhir,
        )
        .select_related("penduduk")
        .order_by("tanggal_peristiwa", "pk")
    )

    def isi(e: Peristiwa) -> list[str]:
        o = e.penduduk
        tanggal = _tgl_pendek(e.tanggal_peristiwa)
        datang = pindah = ""
        tgl_datang = tgl_pindah = meninggal = ""
        if e.jenis == J.LAHIR:
            datang, tgl_datang = "Lahir", tanggal
        elif e.jenis in (J.PINDAH_MASUK, J.KEMBALI_DATANG):
            datang, tgl_datang = e.alamat_asal or o.alamat_sebelumnya or "-", tanggal
        elif e.jenis == J.PINDAH_KELUAR:
            pindah, tgl_pindah = e.alamat_tujuan or "-", tanggal
        elif e.jenis == J.PERGI:
            pindah, tgl_pindah = "Pergi (penduduk tidak tetap)", tanggal
        elif e.jenis == J.HILANG:
            pindah, tgl_pindah = "Hilang", tanggal
        elif e.jenis == J.MATI:
            meninggal = tanggal
        ket = [e.get_jenis_display()]
        if e.jenis_pindah:
            ket.append(e.get_jenis_pindah_display())
        if e.catatan:
            ket.append(e.catatan)
        return [
            o.nama,
            f"{o.tempat_lahir}, {_tgl_pendek(o.tanggal_lahir)}",
            _jk(o),
            _wn(o),
            datang,
            tgl_datang,
            pindah,
            tgl_pindah,
            meninggal,
            _tgl_pendek(e.tanggal_lapor),
            "; ".join(ket),
        ]

    return Buku(
        "mutasi",
        "Buku Mutasi Penduduk",
        f"{periode}{_di(p)} (menurut tanggal peristiwa)",
        kolom,
        sumber,
        isi,
        f"buku-mutasi-penduduk-{awal:%Y-%m}" if p.bulan else f"buku-mutasi-penduduk-{p.tahun}",
        pesan_kosong="Tidak ada peristiwa kependudukan pada periode ini.",
    )


def _buku_mutasi_hapus(p: Parameter, awal, akhir, periode) -> Buku:
    from django.utils import timezone

    kolom = [
        Kolom("No", "4%", "tengah", 6),
        Kolom("Nama", "16%", lebar_xlsx=28),
        Kolom("NIK", "12%", lebar_xlsx=20),
        Kolom("Jenis kelamin", "8%", lebar_xlsx=12),
        Kolom("Tempat & tanggal lahir", "14%", lebar_xlsx=24),
        Kolom("Waktu dihapus", "10%", lebar_xlsx=18),
        Kolom("Dihapus oleh", "10%", lebar_xlsx=16),
        Kolom("Alasan", "26%", lebar_xlsx=40),
    ]
    zona = timezone.get_current_timezone()
    mulai = datetime.datetime.combine(awal, datetime.time.min, zona)
    sampai = datetime.datetime.combine(akhir + datetime.timedelta(days=1), datetime.time.min, zona)
    sumber = PendudukHapus.objects.filter(waktu__gte=mulai, waktu__lt=sampai).order_by(
        "waktu", "pk"
    )

    def isi(h: PendudukHapus) -> list[str]:
        d = h.data or {}
        jk = str(d.get("jenis_kelamin") or "-").split(" ", 1)[-1]
        lahir = d.get("tanggal_lahir")
        try:
            lahir = _tgl_pendek(datetime.date.fromisoformat(lahir)) if lahir else "-"
        except ValueError:
            lahir = str(lahir)
        return [
            h.nama,
            _nik(h.nik, p.samarkan),
            jk,
            f"{d.get('tempat_lahir') or '-'}, {lahir}",
            f"{timezone.localtime(h.waktu):%d-%m-%Y %H:%M}",
            h.nama_pengguna,
            h.alasan,
        ]

    return Buku(
        "mutasi",
        "Buku Mutasi Penduduk — data dihapus karena salah input",
        periode,
        kolom,
        sumber,
        isi,
        f"buku-mutasi-penduduk-dihapus-{awal:%Y-%m}"
        if p.bulan
        else f"buku-mutasi-dihapus-{p.tahun}",
        pesan_kosong="Tidak ada data yang dihapus pada periode ini.",
    )


# --- Buku Penduduk Sementara ----------------------------------------------------------------------
def buku_sementara(p: Parameter) -> Buku:
    """TIDAK TETAP residents present on the date, or who left earlier in the same year."""
    kolom = [
        Kolom("No", "3%", "tengah", 6),
        Kolom("Nama lengkap", "10%", lebar_xlsx=28),
        Kolom("L", "2.5%", "tengah", 5, kelompok="Jenis kelamin"),
        Kolom("P", "2.5%", "tengah", 5, kelompok="Jenis kelamin"),
        Kolom("Nomor identitas / tanda pengenal", "9%", lebar_xlsx=22),
        Kolom("Tempat & tanggal lahir / umur", "9.5%", lebar_xlsx=26),
        Kolom("Pekerjaan", "8%", lebar_xlsx=20),
        Kolom("Kebangsaan", "6%", lebar_xlsx=14, kelompok="Kewarganegaraan"),
        Kolom("Keturunan", "6%", lebar_xlsx=14, kelompok="Kewarganegaraan"),
        Kolom("Datang dari", "9%", lebar_xlsx=26),
        Kolom("Maksud & tujuan kedatangan", "8.5%", lebar_xlsx=24),
        Kolom("Nama & alamat yang didatangi", "9.5%", lebar_xlsx=30),
        Kolom("Datang tanggal", "5.5%", lebar_xlsx=14),
        Kolom("Pergi tanggal", "5.5%", lebar_xlsx=14),
        Kolom("Keterangan", "4.5%", lebar_xlsx=16),
    ]
    awal_tahun = p.tanggal.replace(month=1, day=1)
    berlaku = Peristiwa.objects.filter(penduduk=OuterRef("pk"), dibatalkan=False)
    datang = berlaku.filter(jenis__in=mutasi.MASUK, tanggal_peristiwa__lte=p.tanggal).order_by(
        "-tanggal_peristiwa", "-id"
    )
    pergi = berlaku.filter(
        jenis__in=mutasi.KELUAR, tanggal_peristiwa__gte=awal_tahun, tanggal_peristiwa__lte=p.tanggal
    ).order_by("-tanggal_peristiwa", "-id")
    hadir = _penduduk_per_tanggal(p).values("pk")
    sumber = (
        Penduduk.objects.filter(
            mutasi.q_wilayah(p.wilayah), status_penduduk=kode.StatusPenduduk.TIDAK_TETAP
        )
        .filter(Q(pk__in=hadir) | Exists(pergi))
        .annotate(
            datang_tanggal=Subquery(datang.values("tanggal_peristiwa")[:1]),
            datang_dari=Subquery(datang.values("alamat_asal")[:1]),
            datang_maksud=Subquery(datang.values("catatan")[:1]),
            pergi_tanggal=Subquery(pergi.values("tanggal_peristiwa")[:1]),
            pergi_jenis=Subquery(pergi.values("jenis")[:1]),
        )
        .select_related("keluarga", "wilayah__dusun", "wilayah__rw")
        .order_by(Coalesce("datang_tanggal", "tanggal_lahir"), "nama", "pk")
    )

    def isi(o) -> list[str]:
        identitas = _nik(o.nik, p.samarkan)
        if o.warganegara == kode.WargaNegara.WNA:
            identitas = o.dokumen_kitas or o.dokumen_pasport or identitas
        kebangsaan = _wn(o) + (f" ({o.negara_asal})" if o.negara_asal else "")
        ket = []
        if o.pergi_jenis and o.pergi_jenis != J.PERGI:
            ket.append(kode.JenisPeristiwa(o.pergi_jenis).label)
        return [
            o.nama,
            "L" if _jk(o) == "L" else "",
            "P" if _jk(o) == "P" else "",
            identitas,
            f"{o.tempat_lahir}, {_tgl_pendek(o.tanggal_lahir)} / {o.umur(p.tanggal)} th",
            o.get_pekerjaan_display(),
            kebangsaan,
            o.suku or "-",
            o.datang_dari or o.alamat_sebelumnya or "-",
            o.datang_maksud or "-",
            _alamat(o),
            _tgl_pendek(o.datang_tanggal),
            _tgl_pendek(o.pergi_tanggal),
            "; ".join(ket),
        ]

    return Buku(
        "sementara",
        "Buku Penduduk Sementara",
        f"Tahun {p.tanggal.year} sampai {tanggal_indonesia(p.tanggal)}{_di(p)}",
        kolom,
        sumber,
        isi,
        f"buku-penduduk-sementara-{p.tanggal:%Y-%m-%d}",
        pesan_kosong="Tidak ada penduduk tidak tetap pada periode ini.",
    )


# --- Buku KTP dan KK ------------------------------------------------------------------------------
def buku_ktp_kk(p: Parameter) -> Buku:
    kolom = [
        Kolom("No", "2.5%", "tengah", 6),
        Kolom("No. KK", "7.5%", lebar_xlsx=20),
        Kolom("Nama lengkap", "8.5%", lebar_xlsx=28),
        Kolom("NIK", "7.5%", lebar_xlsx=20),
        Kolom("Jenis kelamin", "3%", "tengah", 8),
        Kolom("Tempat / tanggal lahir", "7%", lebar_xlsx=24),
        Kolom("Gol. darah", "3%", "tengah", 8),
        Kolom("Agama", "4%", lebar_xlsx=12),
        Kolom("Pendidikan", "5.5%", lebar_xlsx=20),
        Kolom("Pekerjaan", "5.5%", lebar_xlsx=20),
        Kolom("Alamat", "8.5%", lebar_xlsx=30),
        Kolom("Status perkawinan", "4.5%", lebar_xlsx=14),
        Kolom("Tempat & tanggal dikeluarkan", "5.5%", lebar_xlsx=22),
        Kolom("Status hubungan dalam keluarga", "4.5%", lebar_xlsx=16),
        Kolom("Kewarga-negaraan", "3.5%", "tengah", 10),
        Kolom("Ayah", "5%", lebar_xlsx=22, kelompok="Orang tua"),
        Kolom("Ibu", "5%", lebar_xlsx=22, kelompok="Orang tua"),
        Kolom("Tanggal mulai tinggal di desa", "4.5%", lebar_xlsx=14),
        Kolom("Keterangan", "5%", lebar_xlsx=18),
    ]
    masuk = Peristiwa.objects.filter(
        penduduk=OuterRef("pk"), dibatalkan=False, jenis__in=mutasi.MASUK_PERTAMA
    ).order_by("tanggal_peristiwa", "id")
    sumber = (
        _penduduk_per_tanggal(p)
        .filter(keluarga__isnull=False)
        .annotate(mulai_tinggal=Subquery(masuk.values("tanggal_peristiwa")[:1]))
        .select_related("keluarga", "wilayah__dusun", "wilayah__rw")
        .order_by("keluarga__no_kk", F("shdk").asc(nulls_last=True), "tanggal_lahir", "pk")
    )

    def isi(o) -> list[str]:
        dikeluarkan = ", ".join(
            x
            for x in [
                o.tempat_cetak_ktp,
                _tgl_pendek(o.tanggal_cetak_ktp) if o.tanggal_cetak_ktp else "",
            ]
            if x
        )
        ket = [_label(kode.KtpEl, o.ktp_el)] if o.ktp_el else []
        if o.status_rekam:
            ket.append(_label(kode.StatusRekam, o.status_rekam))
        return [
            _nik(o.keluarga.no_kk, p.samarkan),
            o.nama,
            _nik(o.nik, p.samarkan),
            _jk(o),
            f"{o.tempat_lahir}, {_tgl_pendek(o.tanggal_lahir)}",
            _label(kode.GolonganDarah, o.golongan_darah),
            o.get_agama_display(),
            o.get_pendidikan_kk_display(),
            o.get_pekerjaan_display(),
            _alamat(o),
            o.get_status_kawin_display(),
            dikeluarkan or "-",
            _label(kode.SHDK, o.shdk),
            _wn(o),
            o.nama_ayah or "-",
            o.nama_ibu or "-",
            _tgl_pendek(o.mulai_tinggal) if o.mulai_tinggal else "Data awal",
            "; ".join(ket),
        ]

    return Buku(
        "ktp-kk",
        "Buku KTP dan KK",
        f"Keadaan per {tanggal_indonesia(p.tanggal)}{_di(p)}",
        kolom,
        sumber,
        isi,
        f"buku-ktp-dan-kk-{p.tanggal:%Y-%m-%d}",
        pesan_kosong="Tidak ada penduduk ber-KK pada tanggal ini.",
    )


# --- Buku Rekapitulasi Jumlah Penduduk ------------------------------------------------------------
GRUP_REKAP = [
    ("awal", "Jumlah penduduk awal bulan"),
    ("lahir", "Tambahan: lahir"),
    ("datang", "Tambahan: datang"),
    ("mati", "Pengurangan: meninggal"),
    ("pindah", "Pengurangan: pindah/pergi"),
    ("hilang", "Pengurangan: hilang"),
    ("akhir", "Jumlah penduduk akhir bulan"),
]


def _empat(a: mutasi.Angka) -> list[str]:
    return [str(a.wna_l), str(a.wna_p), str(a.wni_l), str(a.wni_p)]


def buku_rekapitulasi(p: Parameter) -> Buku:
    kolom = [Kolom("No", "2.5%", "tengah", 5), Kolom("Nama dusun", "8.5%", lebar_xlsx=18)]
    for kunci, judul in GRUP_REKAP:
        keadaan = kunci in ("awal", "akhir")  # start/end: thousands; movements: a few
        kolom += [
            Kolom(s, lebar if keadaan else "2.4%", "kanan", 8, kelompok=judul)
            for s, lebar in (
                ("WNA L", "2.3%"),
                ("WNA P", "2.3%"),
                ("WNI L", "2.5%"),
                ("WNI P", "2.5%"),
            )
        ]
        if keadaan:
            kolom += [
                Kolom("KK", "2.8%", "kanan", 8, kelompok=judul),
                Kolom("Anggota KK", "3.4%", "kanan", 10, kelompok=judul),
                Kolom("Jiwa", "3%", "kanan", 8, kelompok=judul),
            ]
    kolom.append(Kolom("Ket.", "3%", lebar_xlsx=10))
    baris, total = mutasi.rekapitulasi(p.tahun, p.bulan)

    def sel_rekap(b: mutasi.BarisRekap) -> list[str]:
        sel = [
            *_empat(b.awal),
            str(b.awal.kk or 0),
            str(b.awal.anggota_kk or 0),
            str(b.awal.jumlah),
        ]
        for kunci in ("lahir", "datang", "mati", "pindah", "hilang"):
            sel += _empat(b.mutasi[kunci])
        sel += [
            *_empat(b.akhir),
            str(b.akhir.kk or 0),
            str(b.akhir.anggota_kk or 0),
            str(b.akhir.jumlah),
        ]
        return sel

    rows = [[str(i), b.dusun.nama, *sel_rekap(b), ""] for i, b in enumerate(baris, start=1)]
    rows.append(["", "JUMLAH", *sel_rekap(total), ""])
    return Buku(
        "rekapitulasi",
        "Buku Rekapitulasi Jumlah Penduduk",
        f"Bulan {BULAN[p.bulan - 1]} {p.tahun}",
        kolom,
        rows,
        lambda r: r,
        f"buku-rekapitulasi-penduduk-{p.tahun}-{p.bulan:02d}",
        bernomor=False,
        besar=False,
    )


# --- Laporan Bulanan ------------------------------------------------------------------------------
def laporan_bulanan(p: Parameter) -> Buku:
    lap = mutasi.laporan_bulanan(p.tahun, p.bulan, wilayah=p.wilayah)
    kolom = [
        Kolom("No", "4%", "tengah", 5),
        Kolom("Perincian", "28%", lebar_xlsx=44),
        *[
            Kolom(s, "", "kanan", 9, kelompok=g)
            for g in ("WNI", "WNA", "Jumlah")
            for s in ("L", "P", "L+P")
        ],
        Kolom("Jumlah KK", "8%", "kanan", 11),
    ]
    rows = []
    for i, b in enumerate(lap.baris, start=1):
        a = b.angka
        rows.append(
            [
                str(i),
                b.label,
                *map(str, (a.wni_l, a.wni_p, a.wni, a.wna_l, a.wna_p, a.wna, a.l, a.p, a.jumlah)),
                "-" if a.kk is None else str(a.kk),
            ]
        )
    buku = Buku(
        "bulanan",
        "Laporan Bulanan Penduduk",
        f"Bulan {BULAN[p.bulan - 1]} {p.tahun}{_di(p)} (menurut tanggal peristiwa)",
        kolom,
        rows,
        lambda r: r,
        f"laporan-bulanan-penduduk-{p.tahun}-{p.bulan:02d}",
        bernomor=False,
        besar=False,
    )
    buku.laporan = lap  # the figures, for the screen's drill-down links
    return buku


BUKU: dict[str, tuple[str, Callable[[Parameter], Buku], str]] = {
    # key: (title, builder, parameter kind: "tanggal" | "bulan" | "periode")
    "bulanan": ("Laporan Bulanan Penduduk", laporan_bulanan, "bulan"),
    "rekapitulasi": ("Buku Rekapitulasi Jumlah Penduduk", buku_rekapitulasi, "bulan"),
    "induk": ("Buku Induk Penduduk", buku_induk, "tanggal"),
    "mutasi": ("Buku Mutasi Penduduk", buku_mutasi, "periode"),
    "sementara": ("Buku Penduduk Sementara", buku_sementara, "tanggal"),
    "ktp-kk": ("Buku KTP dan KK", buku_ktp_kk, "tanggal"),
}


def buat_buku(kunci: str, p: Parameter) -> Buku:
    return BUKU[kunci][1](p)
