"""RSS feed of the published articles (django.contrib.syndication)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from konten import selectors
from sid.lib.desa import identitas_desa

JUMLAH_RSS = 20


class FeedArtikel(Feed):
    feed_type = Rss201rev2Feed
    description_template = None

    def title(self):
        desa = identitas_desa()
        return f"Berita {desa}" if desa.nama_desa else "Berita Desa"

    def link(self):
        return reverse("konten:beranda")

    def description(self):
        desa = identitas_desa()
        return f"Berita dan artikel terbaru dari website resmi {desa}."

    def items(self):
        return list(selectors.artikel_publik()[:JUMLAH_RSS])

    def item_title(self, item):
        return item.judul

    def item_description(self, item):
        return item.cuplikan  # plain text (escaped by the feed generator)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.terbit_pada

    def item_updateddate(self, item):
        return item.diperbarui

    def item_categories(self, item):
        return [item.kategori.nama] if item.kategori_id else []
