"""The embedded default (`make run`: no Redis, tasks in-process): long work runs outside the
request, the operator sees its progress page at once, and every other screen keeps saving
while it runs — on SQLite ("database is locked" was a 500 on every other save) as on
PostgreSQL."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from konten.models import Artikel
from mandiri.models import AkunMandiri, CetakPin
from sid import tugas_latar
from tests.factories import KeluargaFactory, PendudukFactory, StafFactory
from tests.konten.formulir_uji import data_artikel

pytestmark = pytest.mark.django_db(transaction=True)

JUMLAH_WARGA = 12  # × one PBKDF2 hash of 600,000 iterations each: a few seconds of work


@pytest.fixture
def tanpa_broker(settings):
    """As `make run`: no Redis, so queued tasks go to the background thread."""
    from sid.celery_app import app

    settings.SID_TUGAS_DALAM_PROSES = True
    app.conf.task_always_eager = False
    yield
    tugas_latar.tunggu_selesai(120)
    app.conf.task_always_eager = True


def _warga():
    k = KeluargaFactory()
    for i in range(JUMLAH_WARGA):
        PendudukFactory(
            keluarga=k if i == 0 else None,
            shdk=1 if i == 0 else 11,
            tanggal_lahir=datetime.date(1970, 1, 1 + i),
        )


def _klien(peran: str) -> Client:
    c = Client()
    c.force_login(StafFactory(peran=peran))
    return c


def test_cetak_pin_massal_berjalan_di_latar_dan_layar_lain_tetap_menyimpan(desa, tanpa_broker):
    _warga()
    operator, redaksi = _klien("Administrator"), _klien("Redaksi")

    r = operator.post(reverse("admin:mandiri_akunmandiri_massal"), {"wilayah": "", "umur_min": "0"})
    assert r.status_code == 302
    cetak = CetakPin.objects.get()
    assert r["Location"] == reverse("admin:mandiri_cetakpin", args=[cetak.uuid])
    # The request came back while the slips are still being made.
    assert cetak.status in (CetakPin.Status.ANTRE, CetakPin.Status.BERJALAN)
    halaman = operator.get(r["Location"])
    assert halaman.status_code == 200

    # Meanwhile the website team publishes an article: saved, not "database is locked".
    simpan = redaksi.post(
        reverse("admin:konten_artikel_add"),
        data_artikel(judul="Jadwal posyandu", isi="<p>Posyandu buka Senin.</p>", status="terbit"),
    )
    assert simpan.status_code == 302, __import__("re").findall(
        r"errorlist.{0,300}", simpan.content.decode()
    )
    assert Artikel.objects.filter(judul="Jadwal posyandu").exists()
    cetak.refresh_from_db()
    assert cetak.status != CetakPin.Status.SELESAI, "the article waited for the slips"

    tugas_latar.tunggu_selesai(120)
    cetak.refresh_from_db()
    assert cetak.status == CetakPin.Status.SELESAI and cetak.jumlah_slip == JUMLAH_WARGA
    assert AkunMandiri.objects.count() == JUMLAH_WARGA
    status = operator.get(reverse("admin:mandiri_cetakpin_status", args=[cetak.uuid]))
    assert "Selesai" in status.content.decode()


def test_tugas_yang_gagal_di_latar_tercatat_gagal_bukan_menggantung(
    desa, tanpa_broker, monkeypatch
):
    """A task that raises in the thread marks its job failed; the thread takes the next one."""
    from mandiri.services import cetak as layanan_cetak

    def rusak(*_a, **_k):
        raise RuntimeError("printer rusak")

    _warga()
    operator = _klien("Administrator")
    monkeypatch.setattr(layanan_cetak, "render_slip", rusak)
    operator.post(reverse("admin:mandiri_akunmandiri_massal"), {"wilayah": "", "umur_min": "0"})
    tugas_latar.tunggu_selesai(120)
    gagal = CetakPin.objects.get()
    assert gagal.status == CetakPin.Status.GAGAL and "Gagal membuat slip PIN" in gagal.pesan_galat
    assert not AkunMandiri.objects.exists()

    # The thread is free again: the next job runs to the end.
    monkeypatch.undo()
    operator.post(reverse("admin:mandiri_akunmandiri_massal"), {"wilayah": "", "umur_min": "0"})
    tugas_latar.tunggu_selesai(120)
    berikut = CetakPin.objects.exclude(pk=gagal.pk).get()
    assert berikut.status == CetakPin.Status.SELESAI and berikut.jumlah_slip == JUMLAH_WARGA
