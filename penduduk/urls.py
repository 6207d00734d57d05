"""Public statistics pages. Included by sid/urls.py as path("statistik/", include(...))."""

from django.urls import path

from penduduk import views_publik

app_name = "statistik"

urlpatterns = [
    path("", views_publik.indeks, name="indeks"),
    path("<slug:kunci>/", views_publik.halaman_kategori, name="kategori"),
]
