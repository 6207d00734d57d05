"""Enrolment, a full sync, idempotent batches, sequence numbers and the outbox's retries, with
village and hub in one process (the two-server version is test_dua_server.py)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from hub.models import Angka, BatchHub, DesaHub, Kredensial, PenolakanHub, StatusDataset
from penduduk.statistik import KATEGORI, hitung
from sinkron import klien
from sinkron.models import DatasetHub, Hub, Kiriman
from sinkron.services.batch import sinkron_siapkan
from sinkron.services.kirim import sinkron_kirim
from tests.sinkron.conftest import KODE_DESA, URL_HUB

pytestmark = pytest.mark.django_db


def _sinkron(hub, **kw):
    sinkron_siapkan(hub=hub, **kw)
    return sinkron_kirim(hub_id=hub.pk, paksa=True)


def test_pendaftaran_memberi_kredensial_terikat_kode_desa(terdaftar):
    kred = Kredensial.objects.get()
    assert str(kred.uuid) == str(terdaftar.kredensial)
    assert kred.desa.kode == KODE_DESA == terdaftar.kode_desa
    assert kred.kunci_publik == terdaftar.kunci_publik
    assert terdaftar.kunci_publik_hub
    assert terdaftar.nama == "Hub Kabupaten Bogor"
    assert set(terdaftar.dataset.values_list("dataset", flat=True)) >= {
        "identitas",
        "penduduk",
        "mutasi",
        "perangkat",
    }


def test_sinkron_penuh_angka_hub_sama_dengan_statistik_desa(terdaftar, warga):
    hasil = _sinkron(terdaftar)
    assert hasil["ditolak"] == 0 and hasil["gagal"] == 0
    assert not Kiriman.objects.filter(status=Kiriman.Status.MENUNGGU).exists()
    desa = DesaHub.objects.get(kode=KODE_DESA)
    for kat in KATEGORI:
        tabel = hitung(kat)
        hub = {
            a.kunci: (a.jumlah, a.l, a.p)
            for a in Angka.objects.filter(
                desa=desa, dataset="penduduk", kategori=kat.kunci, terkini=True
            )
        }
        desa_sendiri = {
            str(b.kunci if b.kunci is not None else b.jenis): (b.jumlah, b.l, b.p)
            for b in [*tabel.baris, *tabel.luar, tabel.belum_mengisi]
            if b.jumlah
        }
        assert hub == desa_sendiri, kat.kunci
    dh = DatasetHub.objects.get(hub=terdaftar, dataset="penduduk")
    assert dh.tanda_terima["hasil"] == "diterapkan"
    assert dh.tanda_terima["ringkasan"]["jumlah"] == len(warga)
    assert dh.cocok is True
    assert dh.terakhir_berhasil is not None
    assert StatusDataset.objects.get(desa=desa, dataset="penduduk").cocok


def test_batch_diulang_mendapat_tanda_terima_sama_dan_tidak_mengubah_apa_pun(
    terdaftar, warga, transport
):
    _sinkron(terdaftar)
    kiriman = Kiriman.objects.filter(dataset="penduduk").latest("dibuat")
    jumlah_angka = Angka.objects.count()
    jumlah_batch = BatchHub.objects.count()
    jawaban = klien.kirim_ke_hub(terdaftar, path=kiriman.path, data=kiriman.isi)
    assert jawaban.status == 200
    assert jawaban.data == kiriman.tanda_terima
    assert Angka.objects.count() == jumlah_angka
    assert BatchHub.objects.count() == jumlah_batch


def test_nomor_urut_lama_tidak_menimpa_yang_baru(terdaftar, warga, transport):
    sinkron_siapkan(hub=terdaftar, hanya=["penduduk"])
    lama = Kiriman.objects.get(dataset="penduduk")
    # A newer batch of the same period is built and sent first (e.g. the old one was stuck).
    isi_baru = dict(lama.isi)
    isi_baru.update(batch="5d0f6d7e-1c59-4f7c-9a3c-2b1d55aa0001", urutan=lama.urutan + 5)
    assert (
        klien.kirim_ke_hub(terdaftar, path=lama.path, data=isi_baru).data["hasil"] == "diterapkan"
    )
    jawaban = klien.kirim_ke_hub(terdaftar, path=lama.path, data=lama.isi)
    assert jawaban.data["hasil"] == "usang"
    desa = DesaHub.objects.get(kode=KODE_DESA)
    status = StatusDataset.objects.get(desa=desa, dataset="penduduk")
    assert status.urutan_terakhir == lama.urutan + 5
    from hub.models import DataPeriode

    assert DataPeriode.objects.get(desa=desa, dataset="penduduk").urutan == lama.urutan + 5


def test_hub_mati_kiriman_dicoba_lagi_dan_diterapkan_sekali(terdaftar, warga, transport):
    sinkron_siapkan(hub=terdaftar)
    jumlah = Kiriman.objects.filter(status=Kiriman.Status.MENUNGGU).count()
    assert jumlah >= 3
    transport.mati = True
    hasil = sinkron_kirim(hub_id=terdaftar.pk)
    assert hasil["gagal"] == 1
    hub = Hub.objects.get(pk=terdaftar.pk)
    assert hub.gagal_berturut == 1 and hub.coba_lagi_pada > timezone.now()
    assert "tidak dapat dihubungi" in hub.galat
    # Before the backoff has passed, the scheduled run leaves the hub alone.
    transport.mati = False
    assert sinkron_kirim(hub_id=terdaftar.pk)["terkirim"] == 0
    hasil = sinkron_kirim(hub_id=terdaftar.pk, paksa=True)
    assert hasil["terkirim"] == jumlah
    assert BatchHub.objects.count() == jumlah
    hub.refresh_from_db()
    assert hub.gagal_berturut == 0 and hub.galat == ""


def test_permintaan_ditolak_dicatat_dan_tidak_menulis(terdaftar, warga, transport):
    from sid.lib.kabel import protokol

    sinkron_siapkan(hub=terdaftar, hanya=["penduduk"])
    kiriman = Kiriman.objects.get(dataset="penduduk")
    body = protokol.json_kanonik(kiriman.isi)
    kepala = protokol.kepala_bertanda(
        privat_b64=terdaftar.kunci_privat,
        kredensial=str(terdaftar.kredensial),
        method="POST",
        path=kiriman.path,
        body=body,
    )
    kepala["Content-Type"] = "application/json"
    ubah = body.replace(b'"jumlah":1', b'"jumlah":9', 1)
    assert ubah != body
    status, _h, isi = transport("POST", URL_HUB + kiriman.path, kepala, ubah, 5)
    assert status == 401 and b"tanda_tangan_salah" in isi
    status, _h, _ = transport("POST", URL_HUB + kiriman.path, kepala, body, 5)
    assert status == 200
    status, _h, isi = transport("POST", URL_HUB + kiriman.path, kepala, body, 5)
    assert status == 409 and b"ulangan" in isi
    alasan = set(PenolakanHub.objects.values_list("alasan", flat=True))
    assert {"tanda_tangan_salah", "ulangan"} <= alasan
    assert BatchHub.objects.count() == 1


def test_halaman_desa_di_hub_menampilkan_penduduk_per_dusun(terdaftar, warga):
    from hub import selectors
    from sid.models import Wilayah

    _sinkron(terdaftar)
    d = selectors.desa_detail(DesaHub.objects.get(kode=KODE_DESA))
    harap = []
    for dusun in Wilayah.objects.filter(tingkat=Wilayah.Tingkat.DUSUN).order_by("nama"):
        t = hitung("jenis-kelamin", wilayah=dusun).total
        harap.append({"dusun": dusun.nama, "jumlah": t.jumlah, "l": t.l, "p": t.p})
    assert d["dusun"] == harap
    assert d["status"][0]["s"] is not None
