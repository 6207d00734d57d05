"""Public statistics pages (/statistik/): aggregates only — no names, no NIK, no links to
residents. Anyone may read them.

Tables are cached for 10 minutes per (category, wilayah, day) with the low-level cache, under
the figures' version (penduduk.statistik.versi): a population event or a change of a resident
gives a new version, so it shows at once (docs/statistik.md). Health categories are not public (kategori.py).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from penduduk.statistik import kategori, kategori_publik, keluaran, per_kelompok
from penduduk.statistik.grafik import data_grafik
from penduduk.statistik.versi import DETIK_CACHE, hitung_tersimpan, versi_statistik
from sid.lib.wilayah import daftar_wilayah
from sid.models import Wilayah


def _wilayah(request) -> Wilayah | None:
    nilai = request.GET.get("wilayah") or ""
    if not nilai:
        return None
    if not nilai.isdigit():
        raise Http404("Wilayah tidak dikenal.")
    w = Wilayah.objects.select_related("dusun", "rw").filter(pk=int(nilai)).first()
    if w is None:
        raise Http404("Wilayah tidak dikenal.")
    return w


def tabel_publik(kunci: str, wilayah: Wilayah | None):
    """The table of a public category, from the cache while the figures are unchanged."""
    return hitung_tersimpan(kunci, wilayah=wilayah)


@require_GET
def indeks(request):
    return render(
        request,
        "publik/statistik/indeks.html",
        {"kelompok": per_kelompok(kategori_publik())},
    )


@require_GET
def halaman_kategori(request, kunci: str):
    try:
        kat = kategori(kunci)
    except KeyError:
        raise Http404("Kategori statistik tidak dikenal.") from None
    if not kat.publik:
        raise Http404("Statistik ini tidak ditampilkan di website.")
    wilayah = _wilayah(request)
    tabel = tabel_publik(kat.kunci, wilayah)
    format_ = request.GET.get("keluaran")
    if format_:
        return _berkas(tabel, format_)
    dasar = {"wilayah": wilayah.pk} if wilayah else {}
    return render(
        request,
        "publik/statistik/kategori.html",
        {
            "kategori": kat,
            "tabel": tabel,
            "wilayah": wilayah,
            "daftar_wilayah": daftar_wilayah(),
            "kelompok": per_kelompok(kategori_publik()),
            "grafik": data_grafik(tabel),
            "url_keluaran": {
                f: "?" + urlencode({**dasar, "keluaran": f}) for f in ("cetak", "pdf", "xlsx")
            },
            "nama_berkas": keluaran.nama_berkas(tabel),
        },
    )


def _berkas(tabel, format_: str):
    """Cetak (PDF in the browser), Unduh PDF, Unduh Excel of a public table. The file is kept
    in the cache as long as its table, under the same version (anyone may ask for it, and a
    PDF costs a render)."""
    if format_ not in ("cetak", "pdf", "xlsx"):
        raise Http404("Format tidak dikenal.")
    jenis = "xlsx" if format_ == "xlsx" else "pdf"
    w = tabel.wilayah.pk if tabel.wilayah else 0
    kunci = (
        f"sid:statistik-berkas:{versi_statistik()}:{jenis}:{tabel.kategori.kunci}:{w}:"
        f"{tabel.pada.isoformat()}"
    )
    isi = cache.get(kunci)
    if isi is None:
        isi = (
            keluaran.statistik_pdf(tabel, ttd=False)
            if jenis == "pdf"
            else keluaran.statistik_xlsx(tabel)
        )
        cache.set(kunci, isi, DETIK_CACHE)
    return keluaran.respons_berkas(isi, tabel, jenis, lampiran=format_ != "cetak")
