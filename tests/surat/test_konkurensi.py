"""Numbers under real concurrency (PostgreSQL row locks): threads, each with its own database
connection and transaction, sign letters at the same moment."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from sid.models import LogAktivitas
from surat import services
from surat.models import PenghitungNomor, Surat
from tests.conftest import perlu_layanan
from tests.surat import siapan

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _hanya_postgresql():
    if connection.vendor != "postgresql":
        perlu_layanan("Uji konkurensi nomor surat butuh PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def antrean_pdf(monkeypatch):
    """Record the queued renders instead of rendering (the numbering is under test here)."""
    from surat import tasks

    dikirim = []
    monkeypatch.setattr(tasks.surat_render_pdf, "delay", lambda surat_id: dikirim.append(surat_id))
    return dikirim


def serentak(fungsi, argumen):
    """Run fungsi(arg) in one thread per arg, all released at the same moment."""
    gerbang = threading.Barrier(len(argumen))
    hasil, galat = {}, {}

    def kerja(arg):
        try:
            gerbang.wait(timeout=30)
            hasil[arg] = fungsi(arg)
        except Exception as exc:  # noqa: BLE001 - collected for the assertions
            galat[arg] = exc
        finally:
            connection.close()

    benang = [threading.Thread(target=kerja, args=(a,)) for a in argumen]
    for b in benang:
        b.start()
    for b in benang:
        b.join(timeout=120)
    return hasil, galat


def _draf_siap_ttd(jumlah, *, operator, sekretaris, jenis, penduduk):
    hasil = []
    for i in range(jumlah):
        s = services.surat_create(
            oleh=operator,
            jenis=jenis,
            penduduk=penduduk,
            isian={**siapan.isian_contoh(jenis), "form_usaha": f"Usaha {i}"},
        )
        hasil.append(siapan.sampai_tanda_tangan(s, operator=operator, sekretaris=sekretaris).pk)
    return hasil


def test_dua_puluh_surat_serentak_mendapat_dua_puluh_nomor_berurutan(
    jenis, keluarga, perangkat, operator, sekretaris, kades, antrean_pdf
):
    _k, kepala, _istri, _anak = keluarga
    ids = _draf_siap_ttd(
        20,
        operator=operator,
        sekretaris=sekretaris,
        jenis=jenis["keterangan-usaha"],
        penduduk=kepala,
    )

    hasil, galat = serentak(
        lambda pk: services.surat_tandatangani(oleh=kades, surat=Surat(pk=pk)).nomor, ids
    )

    assert galat == {}
    surat = list(Surat.objects.filter(pk__in=ids))
    assert sorted(s.nomor_urut for s in surat) == list(range(1, 21))
    assert len({s.nomor for s in surat}) == 20
    assert all(s.status == Surat.Status.TERBIT for s in surat)
    assert PenghitungNomor.objects.get().nomor_terakhir == 20
    assert sorted(antrean_pdf) == sorted(ids)  # one render queued per letter, after its commit


def test_tanda_tangan_serentak_pada_draf_yang_sama_hanya_memberi_satu_nomor(
    surat_siap_ttd, kades, buat_staf, antrean_pdf
):
    kades2 = buat_staf("Kepala Desa", username="kades2")
    penanda = {"a": kades, "b": kades2}

    hasil, galat = serentak(
        lambda kunci: (
            services.surat_tandatangani(
                oleh=penanda[kunci], surat=Surat(pk=surat_siap_ttd.pk)
            ).nomor
        ),
        ["a", "b"],
    )

    assert len(hasil) == 1 and len(galat) == 1
    (pesan,) = list(galat.values())
    assert isinstance(pesan, ValidationError) and "sudah terbit dengan nomor" in pesan.messages[0]
    s = Surat.objects.get(pk=surat_siap_ttd.pk)
    assert s.nomor_urut == 1 and list(hasil.values()) == [s.nomor]
    assert PenghitungNomor.objects.get().nomor_terakhir == 1
    assert LogAktivitas.objects.filter(aksi="tandatangani", object_id=str(s.pk)).count() == 1
    assert antrean_pdf == [s.pk]
