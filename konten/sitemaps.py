"""sitemap.xml: only what the public may see (published articles, shown pages)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from konten import selectors
from konten.models import Artikel, Halaman, Kategori


class SitemapArtikel(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return (
            Artikel.objects.terbit()
            .only("slug", "terbit_pada", "diperbarui")
            .order_by("-terbit_pada", "-pk")
        )

    def lastmod(self, item):
        return item.diperbarui


class SitemapHalaman(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Halaman.objects.filter(terbit=True).only("slug", "diperbarui")

    def lastmod(self, item):
        return item.diperbarui


class SitemapKategori(Sitemap):
    changefreq = "daily"
    priority = 0.4

    def items(self):
        return Kategori.objects.only("slug")


class SitemapTetap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        nama = [
            "konten:beranda",
            "konten:artikel_daftar",
            "konten:agenda",
            "konten:aparatur",
            "konten:dokumen",
        ]
        return [reverse(n) for n in nama] + (
            [selectors.url_statistik()] if selectors.url_statistik() else []
        )

    def location(self, item):
        return item


SITEMAPS = {
    "tetap": SitemapTetap,
    "halaman": SitemapHalaman,
    "kategori": SitemapKategori,
    "artikel": SitemapArtikel,
}
