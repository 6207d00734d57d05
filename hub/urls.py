"""/hub/: pages for kecamatan/kabupaten staff (answer 404 unless SID_HUB=1)."""

from django.urls import path

from hub import views

app_name = "hub"

urlpatterns = [
    path("", views.dasbor, name="dasbor"),
    path("desa/", views.desa_daftar, name="desa_daftar"),
    path("desa/<str:kode>/", views.desa, name="desa"),
    path("desa/<str:kode>/kode/", views.desa_kode, name="desa_kode"),
    path(
        "desa/<str:kode>/kredensial/<uuid:kredensial>/cabut/",
        views.kredensial_cabut_view,
        name="kredensial_cabut",
    ),
    path("desa/<str:kode>/perangkat/", views.desa_perangkat, name="desa_perangkat"),
    path("desa/<str:kode>/perangkat/<str:kunci>/sk/", views.perangkat_sk, name="perangkat_sk"),
    path("perangkat/", views.perangkat, name="perangkat"),
    path("ekspor/<str:jenis>.csv", views.ekspor, name="ekspor"),
    path("pengumuman/", views.pengumuman_daftar, name="pengumuman_daftar"),
    path("pengumuman/<int:id>/", views.pengumuman, name="pengumuman"),
    path("pengumuman/<int:id>/lampiran/", views.pengumuman_lampiran, name="pengumuman_lampiran"),
    path("laporan/", views.tiket_daftar, name="tiket_daftar"),
    path("laporan/<uuid:kode>/", views.tiket, name="tiket"),
    path("laporan/<uuid:kode>/lampiran/<uuid:pesan>/", views.tiket_lampiran, name="tiket_lampiran"),
    path("forum/", views.forum, name="forum"),
    path("forum/<int:id>/", views.topik, name="topik"),
    path("log/penolakan/", views.penolakan, name="penolakan"),
    path("log/akses/", views.akses, name="akses"),
]
