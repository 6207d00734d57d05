"""Issue #19 §5: a birth or a death shows on the public pages at once (not after the 10-minute
cache); the dashboard reminds the website team when nothing was published for 7 days (SOP
Operator §5)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from konten.models import Artikel

pytestmark = pytest.mark.django_db
HARI_INI = timezone.localdate()


def _jumlah_penduduk(client) -> int:
    html = client.get("/").content.decode()
    return int(
        re.search(r'fw-bold mb-0">([\d.]+)</p><p class="small mb-0">penduduk', html)[1].replace(
            ".", ""
        )
    )


def _jumlah_statistik(client) -> str:
    return client.get(reverse("statistik:kategori", args=["jenis-kelamin"])).content.decode()


def test_kematian_langsung_tampil_di_halaman_publik(
    client, buat_staf, keluarga_budi, django_capture_on_commit_callbacks
):
    _k, kepala, *_ = keluarga_budi
    awal = _jumlah_penduduk(client)
    statistik_awal = _jumlah_statistik(client)
    assert _jumlah_penduduk(client) == awal  # served from the cache
    operator = buat_staf("Operator", username="operator_web")
    from django.test import Client

    kantor = Client()
    kantor.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        respons = kantor.post(
            reverse("admin:penduduk_penduduk_mati", args=[kepala.pk]),
            {
                "tanggal_peristiwa": HARI_INI.isoformat(),
                "tanggal_lapor": HARI_INI.isoformat(),
                "sebab_kematian": "1",
                "tempat_kematian": "Rumah",
            },
        )
    assert respons.status_code == 302
    assert _jumlah_penduduk(client) == awal - 1
    assert _jumlah_statistik(client) != statistik_awal


def test_perubahan_yang_dibatalkan_tidak_mengganti_versi(keluarga_budi):
    from django.db import transaction

    from penduduk.statistik.versi import versi_statistik

    _k, kepala, *_ = keluarga_budi
    versi = versi_statistik()
    with pytest.raises(RuntimeError), transaction.atomic():
        kepala.save()
        kepala.save()
        raise RuntimeError
    assert versi_statistik() == versi


def _kartu(client):
    respons = client.get(reverse("admin:index"))
    return next(k for k in respons.context["kartu"] if k.judul == "Website Desa")


def test_dasbor_mengingatkan_bila_seminggu_tidak_ada_terbitan(client, buat_staf, buat_artikel):
    client.force_login(buat_staf("Operator", username="operator_web"))
    a = buat_artikel("Berita lama")
    Artikel.objects.filter(pk=a.pk).update(terbit_pada=timezone.now() - datetime.timedelta(days=8))
    kartu = _kartu(client)
    assert any("Website belum diperbarui sejak" in p for p in kartu.peringatan)
    buat_artikel("Berita baru")
    assert not any("Website belum diperbarui" in p for p in _kartu(client).peringatan)


def test_pengingat_hanya_untuk_yang_menerbitkan(client, buat_staf, desa):
    client.force_login(buat_staf("Kontributor"))
    assert not any("Website belum diperbarui" in p for p in _kartu(client).peringatan)
    client.force_login(buat_staf("Redaksi", username="redaksi2"))
    assert any("Website belum diperbarui sama sekali" in p for p in _kartu(client).peringatan)
