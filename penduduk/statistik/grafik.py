"""Chart data for a statistics table (Chart.js in the browser; JSON via json_script)."""

from __future__ import annotations

from penduduk.statistik.hitung import Tabel


def data_grafik(tabel: Tabel) -> dict:
    """Labels and L/P/total series of the non-empty rows (+ BELUM MENGISI when any)."""
    baris = [b for b in [*tabel.baris, *tabel.luar] if b.jumlah]
    if tabel.belum_mengisi.jumlah:
        baris.append(tabel.belum_mengisi)
    return {
        "judul": tabel.kategori.judul,
        "label": [b.label for b in baris],
        "jumlah": [b.jumlah for b in baris],
        "l": [b.l for b in baris],
        "p": [b.p for b in baris],
        "lingkaran": tabel.kategori.lingkaran,
        "satuan": tabel.kategori.satuan,
    }
