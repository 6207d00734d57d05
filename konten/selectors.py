"""Reads of the public website. Each runs a fixed number of queries; the shared blocks (menu,
sidebar, announcements) are cached under the content version (konten.cache)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import Left, TruncMonth
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from konten.cache import ambil_atau_buat
from konten.models import PANJANG_CUPLIKAN, Agenda, Artikel, ItemMenu, Kategori, Pengumuman
from penduduk.statistik import hitung
from penduduk.statistik.hitung import keluarga_lingkup
from penduduk.statistik.versi import versi_statistik
from perangkat.selectors import aparatur_aktif

JUMLAH_TERBARU = 6
JUMLAH_AGENDA_BERANDA = 4
JUMLAH_APARATUR_BERANDA = 8
KUNCI_STATISTIK = "konten:statistik_ringkas"
KUNCI_APARATUR = "konten:aparatur"
TTL_DATA_LAIN = 600  # officials and population figures: other apps own them


def artikel_publik():
    """Published articles with what a list shows (one query, no body text loaded)."""
    return (
        Artikel.objects.terbit()
        .select_related("kategori")
        .defer("isi", "teks", "lampiran", "lampiran_judul")
        .annotate(teks_awal=Left("teks", PANJANG_CUPLIKAN + 40))
        .order_by("-terbit_pada", "-pk")
    )


# --- Menu --------------------------------------------------------------------------------------


def url_statistik() -> str:
    """The population statistics pages (penduduk.views_publik), when they are installed."""
    try:
        return reverse("statistik:indeks")
    except NoReverseMatch:
        return ""


def _url_internal(nama: str) -> str:
    if nama == ItemMenu.Internal.STATISTIK:
        return url_statistik()
    tujuan = {
        ItemMenu.Internal.BERANDA: "konten:beranda",
        ItemMenu.Internal.ARTIKEL: "konten:artikel_daftar",
        ItemMenu.Internal.AGENDA: "konten:agenda",
        ItemMenu.Internal.APARATUR: "konten:aparatur",
        ItemMenu.Internal.DOKUMEN: "konten:dokumen",
        ItemMenu.Internal.APBDES: "keuangan:apbdes",
    }.get(nama)
    try:
        return reverse(tujuan) if tujuan else ""
    except NoReverseMatch:
        return ""


def _url_item(item: ItemMenu) -> str:
    J = ItemMenu.Jenis
    if item.jenis == J.HALAMAN:
        return item.halaman.get_absolute_url() if item.halaman.terbit else ""
    if item.jenis == J.KATEGORI:
        return item.kategori.get_absolute_url()
    if item.jenis == J.INTERNAL:
        return _url_internal(item.internal)
    if item.jenis == J.TAUTAN:
        return item.url
    return ""


@dataclass
class EntriMenu:
    judul: str
    url: str
    luar: bool = False
    anak: list[EntriMenu] = field(default_factory=list)


def _susun_menu() -> list[EntriMenu]:
    items = list(
        ItemMenu.objects.filter(aktif=True)
        .select_related("halaman", "kategori")
        .order_by("urutan", "pk")
    )
    atas = [i for i in items if i.induk_id is None]
    hasil = []
    for item in atas:
        entri = EntriMenu(item.judul, _url_item(item), luar=item.jenis == ItemMenu.Jenis.TAUTAN)
        for anak in (i for i in items if i.induk_id == item.pk):
            url = _url_item(anak)
            if url:
                entri.anak.append(
                    EntriMenu(anak.judul, url, luar=anak.jenis == ItemMenu.Jenis.TAUTAN)
                )
        if entri.url or entri.anak:  # pages not shown yet leave no dead links
            hasil.append(entri)
    return hasil


def menu_publik() -> list[EntriMenu]:
    return ambil_atau_buat("menu", _susun_menu)


def pengumuman_tayang() -> list[dict]:
    return ambil_atau_buat(
        "pengumuman",
        lambda: [{"teks": p.teks, "tautan": p.tautan} for p in Pengumuman.objects.tayang()[:10]],
    )


# --- Sidebar -----------------------------------------------------------------------------------


def _tanggal(nilai) -> datetime.date:
    if isinstance(nilai, datetime.datetime):
        return timezone.localtime(nilai).date() if timezone.is_aware(nilai) else nilai.date()
    return nilai


def _susun_sidebar() -> dict:
    jumlah = dict(
        Artikel.objects.terbit()
        .values_list("kategori")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("kategori", "n")
    )
    semua = list(Kategori.objects.order_by("urutan", "nama"))
    kategori = []
    for k in (k for k in semua if k.induk_id is None):
        anak = [
            {"nama": a.nama, "url": a.get_absolute_url(), "jumlah": jumlah.get(a.pk, 0)}
            for a in semua
            if a.induk_id == k.pk
        ]
        total = jumlah.get(k.pk, 0) + sum(a["jumlah"] for a in anak)
        kategori.append(
            {"nama": k.nama, "url": k.get_absolute_url(), "jumlah": total, "anak": anak}
        )
    arsip = [
        {"bulan": _tanggal(b["bulan"]), "jumlah": b["n"]}
        for b in Artikel.objects.terbit()
        .annotate(bulan=TruncMonth("terbit_pada"))
        .values("bulan")
        .annotate(n=Count("pk"))
        .order_by("-bulan")[:24]
    ]
    return {"kategori": kategori, "arsip": arsip}


def sidebar() -> dict:
    return ambil_atau_buat("sidebar", _susun_sidebar)


# --- Beranda -----------------------------------------------------------------------------------


def ringkasan_penduduk() -> dict | None:
    """Living residents by sex and the number of active families, from the statistics layer
    (penduduk.statistik: one grouped query + one count), cached for 10 minutes under the
    figures' version (a birth or a death shows at once).

    Aggregates only, no names. The full statistics pages are penduduk's (/statistik/).
    """
    kunci = f"{KUNCI_STATISTIK}:{versi_statistik()}"
    hasil = cache.get(kunci)
    if hasil is not None:
        return hasil or None

    total = hitung("jenis-kelamin").total
    hasil = {
        "total": total.jumlah,
        "laki_laki": total.l,
        "perempuan": total.p,
        "keluarga": keluarga_lingkup(wilayah=None).count(),
    }
    if hasil["total"]:
        hasil["persen_laki_laki"] = round(100 * hasil["laki_laki"] / hasil["total"])
        hasil["persen_perempuan"] = 100 - hasil["persen_laki_laki"]
    cache.set(kunci, hasil if hasil["total"] else {}, TTL_DATA_LAIN)
    return hasil if hasil["total"] else None


def aparatur(batas: int | None = None) -> list:
    """Officials in office (perangkat.selectors.aparatur_aktif, one query), cached for
    10 minutes: appointments are not website content, so they do not change its version."""
    daftar = cache.get(KUNCI_APARATUR)
    if daftar is None:
        daftar = aparatur_aktif()
        cache.set(KUNCI_APARATUR, daftar, TTL_DATA_LAIN)
    return daftar[:batas] if batas else daftar


def beranda() -> dict:
    """Everything the home page shows, in a fixed number of queries."""
    terbit = artikel_publik()
    headline = terbit.filter(headline=True).first() or terbit.first()
    terbaru = list(terbit.exclude(pk=headline.pk)[:JUMLAH_TERBARU] if headline else [])
    return {
        "headline": headline,
        "terbaru": terbaru,
        "agenda": list(Agenda.objects.mendatang()[:JUMLAH_AGENDA_BERANDA]),
        "aparatur": aparatur(JUMLAH_APARATUR_BERANDA),
        "statistik": ringkasan_penduduk(),
        "url_statistik": url_statistik(),
    }


# --- Artikel -----------------------------------------------------------------------------------


def halaman_artikel(artikel: Artikel) -> dict:
    """What an article page shows besides the article itself (3 queries)."""
    terkait = artikel_publik().exclude(pk=artikel.pk)
    if artikel.kategori_id:
        terkait = terkait.filter(kategori_id=artikel.kategori_id)
    return {
        "galeri": list(artikel.galeri.all()),
        "komentar": list(
            artikel.komentar.disetujui()
            .order_by("dibuat", "pk")
            .only("nama", "isi", "dibuat")[:200]
        ),
        "terkait": list(terkait[:3]),
    }
