from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from sid import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sehat/", views.sehat, name="sehat"),
    # Public media only (logo, article images), in production too: a village server rarely
    # has a separate file server. Private files live outside MEDIA_ROOT and have no URL.
    re_path(r"^media/(?P<path>.+)$", serve, {"document_root": settings.MEDIA_ROOT}),
    path("apbdes/", include("keuangan.urls")),
    path("surat/", include("surat.urls_publik")),
    path("statistik/", include("penduduk.urls")),
    path("api/sinkron/", include("hub.urls_api")),
    path("hub/", include("hub.urls")),
    path("mandiri/", include("mandiri.urls")),
    path("", include("konten.urls")),
]

handler404 = "konten.views.tidak_ditemukan"
