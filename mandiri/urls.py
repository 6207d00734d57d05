"""The resident portal, under /mandiri/. Object ids are UUIDs (letter types by slug)."""

from django.urls import path

from mandiri import views

app_name = "mandiri"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("masuk/", views.masuk, name="masuk"),
    path("keluar/", views.keluar, name="keluar"),
    path("ganti-pin/", views.ganti_pin, name="ganti_pin"),
    path("biodata/", views.biodata, name="biodata"),
    path("keluarga/", views.keluarga, name="keluarga"),
    path("bantuan/", views.bantuan, name="bantuan"),
    path("informasi/", views.informasi, name="informasi"),
    path("permohonan/", views.permohonan_daftar, name="permohonan_daftar"),
    path("permohonan/baru/", views.permohonan_pilih, name="permohonan_pilih"),
    path("permohonan/baru/<slug:slug>/", views.permohonan_baru, name="permohonan_baru"),
    path("permohonan/<uuid:uuid>/", views.permohonan_detail, name="permohonan"),
    path("permohonan/<uuid:uuid>/batal/", views.permohonan_batal, name="permohonan_batal"),
    path("permohonan/<uuid:uuid>/lengkapi/", views.permohonan_lengkapi, name="permohonan_lengkapi"),
    path(
        "permohonan/<uuid:uuid>/dokumen/<uuid:dokumen>/",
        views.permohonan_dokumen,
        name="permohonan_dokumen",
    ),
    path("dokumen/", views.dokumen_daftar, name="dokumen_daftar"),
    path("dokumen/<uuid:uuid>/", views.dokumen_unduh, name="dokumen_unduh"),
    path("surat/<uuid:kode>/pdf/", views.surat_pdf, name="surat_pdf"),
    path("pengaduan/", views.pengaduan_daftar, name="pengaduan_daftar"),
    path("pengaduan/baru/", views.pengaduan_baru, name="pengaduan_baru"),
    path("pengaduan/<uuid:uuid>/", views.pengaduan_detail, name="pengaduan"),
    path("pengaduan/<uuid:uuid>/foto/", views.pengaduan_foto, name="pengaduan_foto"),
]
