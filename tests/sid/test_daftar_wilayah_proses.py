"""sid.lib.wilayah.daftar_wilayah(): this process's copy is used while the shared token is the
same, and a change of a wilayah (or a cleared cache) gives the new list at once."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sid import services
from sid.lib.wilayah import KUNCI_ISI, daftar_wilayah
from sid.models import Wilayah


@pytest.mark.django_db
def test_salinan_proses_dipakai_selama_token_sama(desa, admin_desa, monkeypatch):
    services.wilayah_create(oleh=admin_desa, tingkat=Wilayah.Tingkat.DUSUN, nama="Krajan")
    pertama = daftar_wilayah()
    dibaca = []

    class Pencatat:
        def get(self, kunci, *args, **kwargs):
            dibaca.append(kunci)
            return cache.get(kunci, *args, **kwargs)

    monkeypatch.setattr("sid.lib.wilayah.cache", Pencatat())
    with CaptureQueriesContext(connection) as q:
        kedua = daftar_wilayah()
    assert kedua is pertama
    assert len(q.captured_queries) == 0
    assert KUNCI_ISI not in dibaca  # the list itself is not unpickled again


@pytest.mark.django_db
def test_wilayah_baru_dan_cache_kosong_terbaca_seketika(
    desa, admin_desa, django_capture_on_commit_callbacks
):
    services.wilayah_create(oleh=admin_desa, tingkat=Wilayah.Tingkat.DUSUN, nama="Krajan")
    assert [w.nama_lengkap for w in daftar_wilayah()] == ["Dusun KRAJAN"]
    with django_capture_on_commit_callbacks(execute=True):
        services.wilayah_create(oleh=admin_desa, tingkat=Wilayah.Tingkat.DUSUN, nama="Sukasari")
    assert [w.nama_lengkap for w in daftar_wilayah()] == ["Dusun KRAJAN", "Dusun SUKASARI"]
    Wilayah.objects.filter(nama="SUKASARI").update(nama="MEKAR")  # no signal
    cache.clear()
    assert [w.nama_lengkap for w in daftar_wilayah()] == ["Dusun KRAJAN", "Dusun MEKAR"]
