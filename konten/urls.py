from django.contrib.sitemaps.views import sitemap
from django.urls import path

from konten import views
from konten.cache import halaman_publik
from konten.feeds import FeedArtikel
from konten.sitemaps import SITEMAPS

app_name = "konten"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("artikel/", views.artikel_daftar, name="artikel_daftar"),
    path(
        "artikel/<int:tahun>/<int:bulan>/<int:hari>/<slug:slug>/",
        views.artikel,
        name="artikel",
    ),
    path("artikel/pratinjau/<uuid:uuid>/", views.pratinjau, name="pratinjau"),
    path("artikel/<uuid:uuid>/dibaca/", views.dibaca, name="dibaca"),
    path("artikel/<uuid:uuid>/lampiran/", views.lampiran, name="lampiran"),
    path("artikel/<uuid:uuid>/komentar/", views.komentar, name="komentar"),
    path(
        "artikel/<uuid:uuid>/komentar/terkirim/",
        views.komentar_terkirim,
        name="komentar_terkirim",
    ),
    path("kategori/<slug:slug>/", views.kategori, name="kategori"),
    path("arsip/<int:tahun>/<int:bulan>/", views.arsip, name="arsip"),
    path("cari/", views.cari, name="cari"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/<uuid:uuid>/", views.agenda_detail, name="agenda_detail"),
    path("halaman/<slug:slug>/", views.halaman, name="halaman"),
    path("aparatur/", views.aparatur, name="aparatur"),
    path("informasi-publik/", views.dokumen, name="dokumen"),
    path("informasi-publik/<uuid:uuid>/", views.dokumen_unduh, name="dokumen_unduh"),
    path("rss/", halaman_publik(FeedArtikel()), name="rss"),
    path(
        "sitemap.xml",
        halaman_publik(parameter=("p",))(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
]
