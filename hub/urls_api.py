"""/api/sinkron/: the API villages call (answers 404 unless SID_HUB=1)."""

from django.urls import path

from hub import api

app_name = "hub_api"

urlpatterns = [
    path("daftar/", api.daftar, name="daftar"),
    path("status/", api.status, name="status"),
    path("batch/", api.batch, name="batch"),
    path("purge/", api.purge, name="purge"),
    path("kunci/rotasi/", api.rotasi, name="rotasi"),
    path("kunci/cabut/", api.cabut, name="cabut"),
    path("pengumuman/", api.pengumuman, name="pengumuman"),
    path("pengumuman/<int:id>/lampiran/", api.pengumuman_lampiran, name="pengumuman_lampiran"),
    path("pengumuman/<int:id>/dibaca/", api.pengumuman_dibaca, name="pengumuman_dibaca"),
    path("tiket/", api.tiket_tarik, name="tiket"),
    path("tiket/baru/", api.tiket_baru, name="tiket_baru"),
    path("tiket/<uuid:kode>/pesan/", api.tiket_pesan, name="tiket_pesan"),
    path("tiket/lampiran/<uuid:pesan>/", api.tiket_lampiran, name="tiket_lampiran"),
    path("forum/", api.forum, name="forum"),
    path("forum/baru/", api.forum_baru, name="forum_baru"),
    path("forum/<int:id>/", api.forum_topik, name="forum_topik"),
    path("forum/<int:id>/balas/", api.forum_balas, name="forum_balas"),
]
