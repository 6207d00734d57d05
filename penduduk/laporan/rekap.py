"""Counts over time: the Buku Rekapitulasi Jumlah Penduduk and the monthly report."""

from __future__ import annotations

from penduduk.laporan import mutasi
from penduduk.laporan.dasar import (
    Buku,
    Kolom,
    Parameter,
    _di,
)
from sid.lib.format import BULAN

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
