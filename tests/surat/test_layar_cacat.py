"""Letter screens as an operator, a secretary and the head of the village see them (#15)."""

import pytest
from django.urls import reverse

from surat import services

pytestmark = pytest.mark.django_db


def test_halaman_verifikasi_dan_tanda_tangan_tidak_menyebut_draf(
    client, jenis, keluarga, operator, sekretaris, kades, perangkat
):
    _k, kepala, *_ = keluarga
    s = services.surat_create(
        oleh=operator, jenis=jenis["sktm"], penduduk=kepala, isian={"form_keperluan": "Beasiswa"}
    )
    services.surat_ajukan(oleh=operator, surat=s)
    client.force_login(sekretaris)
    html = client.get(reverse("admin:surat_surat_verifikasi", args=[s.pk])).content.decode()
    assert "(draf)" not in html and "(menunggu verifikasi)" in html

    services.surat_verifikasi(oleh=sekretaris, surat=s)
    client.force_login(kades)
    html = client.get(reverse("admin:surat_surat_tandatangani", args=[s.pk])).content.decode()
    assert "(draf)" not in html and "(menunggu tanda tangan)" in html
    html = client.get(s.get_absolute_url()).content.decode()
    assert "(draf)" not in html


def test_draf_tetap_disebut_draf(client, jenis, keluarga, operator):
    _k, kepala, *_ = keluarga
    s = services.surat_create(
        oleh=operator, jenis=jenis["sktm"], penduduk=kepala, isian={"form_keperluan": "Beasiswa"}
    )
    client.force_login(operator)
    assert "(draf)" in client.get(s.get_absolute_url()).content.decode()
