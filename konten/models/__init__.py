"""The public website's content: articles and their categories, images and comments, agenda,
announcements, static pages, public documents and the navigation menu.

Writes go through konten.services (sanitising, image variants, audit, cache invalidation).
"""

from konten.models.artikel import (
    Artikel,
    ArtikelQuerySet,
    GambarArtikel,
    Kategori,
    Komentar,
    KomentarQuerySet,
)
from konten.models.lain import (
    Agenda,
    AgendaQuerySet,
    DokumenPublik,
    Halaman,
    ItemMenu,
    Pengumuman,
    PengumumanQuerySet,
)
from konten.models.umum import PANJANG_CUPLIKAN, UKURAN_KECIL, ukuran_kecil

__all__ = [
    "PANJANG_CUPLIKAN",
    "UKURAN_KECIL",
    "Agenda",
    "AgendaQuerySet",
    "Artikel",
    "ArtikelQuerySet",
    "DokumenPublik",
    "GambarArtikel",
    "Halaman",
    "ItemMenu",
    "Kategori",
    "Komentar",
    "KomentarQuerySet",
    "Pengumuman",
    "PengumumanQuerySet",
    "ukuran_kecil",
]
