"""Junk sent to the hub API cannot fill the refusal log: repeats share a row with a counter, and
an address refused too often is answered 429 without anything being read or written."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from hub.models import PenolakanHub

pytestmark = pytest.mark.django_db
SAMPAH = "/api/sinkron/batch/"


def _sampah(client: Client):
    return client.post(SAMPAH, b'{"apa": "saja"}', content_type="application/json")


def test_seratus_permintaan_sampah_menjadi_satu_baris_terhitung_lalu_429(hub_aktif):
    hub_aktif.SID_HUB_TOLAK_BATAS_IP = 20
    penyerang = Client(REMOTE_ADDR="203.0.113.50")
    status = [_sampah(penyerang).status_code for _ in range(100)]
    assert status[:20] == [401] * 20
    assert status[20:] == [429] * 80
    baris = PenolakanHub.objects.get()
    assert (baris.ip, baris.alasan, baris.jumlah) == ("203.0.113.50", "tanpa_tanda_tangan", 20)
    assert baris.terakhir >= baris.waktu
    r = _sampah(penyerang)
    assert r.status_code == 429 and r["Retry-After"] == "600"
    assert b"terlalu_sering" in r.content
    assert PenolakanHub.objects.count() == 1
    # Another address is not punished for it.
    assert _sampah(Client(REMOTE_ADDR="198.51.100.60")).status_code == 401
    assert PenolakanHub.objects.aggregate(n=Sum("jumlah"))["n"] == 21


def test_alasan_berbeda_baris_berbeda_dan_tetap_terbatas(hub_aktif):
    hub_aktif.SID_HUB_TOLAK_BATAS_IP = 20
    c = Client(REMOTE_ADDR="203.0.113.51")
    for i in range(60):
        if i % 2:
            _sampah(c)
        else:
            c.get("/api/sinkron/batch/")  # wrong method
    assert PenolakanHub.objects.count() == 2
    assert set(PenolakanHub.objects.values_list("alasan", "jumlah")) == {
        ("tanpa_tanda_tangan", 10),
        ("metode", 10),
    }


def test_jendela_lewat_baris_baru_dan_boleh_mencoba_lagi(hub_aktif):
    hub_aktif.SID_HUB_TOLAK_BATAS_IP = 3
    c = Client(REMOTE_ADDR="203.0.113.52")
    for _ in range(4):
        _sampah(c)
    assert _sampah(c).status_code == 429
    lama = timezone.now() - datetime.timedelta(minutes=11)
    PenolakanHub.objects.update(waktu=lama, terakhir=lama)
    assert _sampah(c).status_code == 401
    assert list(PenolakanHub.objects.order_by("waktu").values_list("jumlah", flat=True)) == [3, 1]


def test_log_penolakan_di_hub_menampilkan_jumlahnya(hub_aktif, staf_hub):
    for _ in range(5):
        _sampah(Client(REMOTE_ADDR="203.0.113.53"))
    c = Client()
    c.force_login(staf_hub["kab"])
    html = c.get("/hub/log/penolakan/").content.decode()
    assert "5×" in html and "tanpa_tanda_tangan" in html
