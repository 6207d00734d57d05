"""SIPKATDES step 7: the printed officials report is handed to the Kepala Desa in SID, who
records it received (with the date); the dashboard shows reports not yet received."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from perangkat.models import PenyerahanLaporan
from sid.models import LogAktivitas
from tests.factories import PerangkatFactory
from tests.perangkat.test_laporan import teks_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def kades_menjabat(desa, angkat):
    budi = PerangkatFactory(nama="Budi Hartono")
    return angkat(budi, "Kepala Desa", datetime.date(2025, 3, 1), nomor_sk="141/Kep.33-DPMD/2025")


def _serahkan(client, tanggal="2025-06-01"):
    return client.post(
        reverse("admin:perangkat_penyerahanlaporan_serahkan"), {"tanggal": tanggal, "kertas": "A4"}
    )


def _kartu(client):
    respons = client.get(reverse("admin:index"))
    return next(k for k in respons.context["kartu"] if k.judul == "Perangkat Desa")


def test_operator_menyerahkan_dan_kepala_desa_mencatat_diterima(
    client, operator, kades, kades_menjabat
):
    client.force_login(operator)
    halaman = client.get(reverse("admin:perangkat_laporan_data"), {"tanggal": "2025-06-01"})
    assert "Cetak dan serahkan ke Kepala Desa" in halaman.content.decode()
    respons = _serahkan(client)
    assert respons.status_code == 302
    p = PenyerahanLaporan.objects.get()
    assert p.tanggal_keadaan == datetime.date(2025, 6, 1) and p.diserahkan_oleh == operator
    assert p.jumlah_pengangkatan == 1 and not p.diterima
    assert any("belum diterima Kepala Desa" in w for w in _kartu(client).peringatan)

    client.force_login(kades)
    kartu = _kartu(client)
    assert any("belum diterima Kepala Desa" in w for w in kartu.peringatan)
    assert any(label.startswith("Terima laporan per 01-06-2025") for label, _ in kartu.pintasan)
    html = client.get(
        reverse("admin:perangkat_penyerahanlaporan_change", args=[p.pk])
    ).content.decode()
    assert "Catat diterima" in html and "Belum diterima" in html
    pdf = client.get(reverse("admin:perangkat_penyerahanlaporan_berkas", args=[p.pk]))
    isi = b"".join(pdf.streaming_content)
    assert "Budi Hartono" in teks_pdf(isi) and "141/Kep.33-DPMD/2025" in teks_pdf(isi)

    hari_ini = timezone.localdate()
    respons = client.post(
        reverse("admin:perangkat_penyerahanlaporan_terima", args=[p.pk]),
        {"tanggal": hari_ini.isoformat(), "catatan": "Sudah saya periksa."},
    )
    assert respons.status_code == 302
    p.refresh_from_db()
    assert p.tanggal_terima == hari_ini and p.diterima_oleh == kades
    assert LogAktivitas.objects.filter(aksi="terima_laporan_perangkat").exists()
    assert not any("belum diterima Kepala Desa" in w for w in _kartu(client).peringatan)


def test_tanggal_terima_mendatang_ditolak_tanpa_menulis(client, operator, kades, kades_menjabat):
    client.force_login(operator)
    _serahkan(client)
    p = PenyerahanLaporan.objects.get()
    client.force_login(kades)
    besok = timezone.localdate() + datetime.timedelta(days=1)
    respons = client.post(
        reverse("admin:perangkat_penyerahanlaporan_terima", args=[p.pk]),
        {"tanggal": besok.isoformat()},
    )
    assert respons.status_code == 200
    assert "tidak boleh di masa depan" in respons.content.decode()
    p.refresh_from_db()
    assert not p.diterima


def test_hanya_kepala_desa_yang_mencatat_penerimaan(client, operator, sekretaris, kades_menjabat):
    client.force_login(operator)
    _serahkan(client)
    p = PenyerahanLaporan.objects.get()
    for user in (operator, sekretaris):
        client.force_login(user)
        respons = client.post(
            reverse("admin:perangkat_penyerahanlaporan_terima", args=[p.pk]),
            {"tanggal": timezone.localdate().isoformat()},
        )
        assert respons.status_code == 403
    p.refresh_from_db()
    assert not p.diterima


def test_kepala_desa_tidak_bisa_menyerahkan(client, kades, kades_menjabat):
    client.force_login(kades)
    assert _serahkan(client).status_code == 403
    assert not PenyerahanLaporan.objects.exists()
