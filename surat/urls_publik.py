"""Public letter URLs (no login): the QR verification page. UUIDs only, never sequential ids."""

from django.urls import path

from surat import views

app_name = "surat_publik"

urlpatterns = [
    path("cek/<uuid:kode>/", views.cek_surat, name="cek"),
]
