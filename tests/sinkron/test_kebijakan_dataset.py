"""The village keeps control: what each dataset sends at each policy level, records with their
SK file and tombstones, and the hub's purge receipt when a policy is lowered. Plus the
datasets of the other apps (monthly change, letters, APBDes, identity)."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hub.models import Anggaran, Angka, DataPeriode, DesaHub, PurgeHub, RekamanHub
from perangkat.demo import pdf_sederhana
from sinkron import dataset as ds
from sinkron.models import DatasetHub, Kiriman, RekamanTerkirim, Tingkat
from sinkron.services.batch import kebijakan_ubah, sinkron_siapkan
from sinkron.services.kirim import sinkron_kirim
from tests.factories import PerangkatFactory
from tests.sinkron.conftest import KODE_DESA
from tests.surat.siapan import angkat

pytestmark = pytest.mark.django_db


def _sinkron(hub, **kw):
    sinkron_siapkan(hub=hub, **kw)
    return sinkron_kirim(hub_id=hub.pk, paksa=True)


def _sk(nomor):
    return SimpleUploadedFile("sk.pdf", pdf_sederhana(["KEPUTUSAN", nomor]), "application/pdf")


@pytest.fixture
def perangkat_desa(desa, admin_desa):
    kades = angkat(
        admin_desa,
        PerangkatFactory(nama="Ahmad Fauzi", nipd="1001"),
        "Kepala Desa",
        nomor_sk="141/1/2024",
        berkas_sk=_sk("141/1/2024"),
    )
    sekdes = angkat(
        admin_desa,
        PerangkatFactory(nama="Siti Rahma", nipd="1002"),
        "Sekretaris Desa",
        nomor_sk="141/2/2024",
        berkas_sk=_sk("141/2/2024"),
    )
    return kades, sekdes


def test_perangkat_bawaan_rekaman_saat_pendaftaran(terdaftar):
    # SIPKATDES step 8: the kecamatan receives the officials' records.
    assert DatasetHub.objects.get(hub=terdaftar, dataset="perangkat").tingkat == Tingkat.REKAMAN


def test_perangkat_agregat_tanpa_data_pribadi(terdaftar, perangkat_desa):
    # A village that chose aggregates for its officials before the first send.
    DatasetHub.objects.filter(hub=terdaftar, dataset="perangkat").update(tingkat=Tingkat.AGREGAT)
    _sinkron(terdaftar, hanya=["perangkat"])
    desa = DesaHub.objects.get(kode=KODE_DESA)
    dp = DataPeriode.objects.get(desa=desa, dataset="perangkat")
    assert dp.isi["agregat"]["jumlah"] == 2
    assert not RekamanHub.objects.exists()
    kiriman = Kiriman.objects.get(dataset="perangkat")
    assert "Ahmad" not in str(kiriman.isi) and kiriman.isi["berkas"] == {}


def test_rekaman_perangkat_dengan_sk_penanda_hapus_dan_purge(
    terdaftar, perangkat_desa, admin_desa, django_capture_on_commit_callbacks
):
    from perangkat.services import pengangkatan_berhenti

    dh = DatasetHub.objects.get(hub=terdaftar, dataset="perangkat")
    kebijakan_ubah(oleh=admin_desa, dataset_hub=dh, tingkat=Tingkat.REKAMAN)
    _sinkron(terdaftar, hanya=["perangkat"])
    desa = DesaHub.objects.get(kode=KODE_DESA)
    rekaman = {r.data["nama"]: r for r in RekamanHub.objects.filter(desa=desa)}
    assert set(rekaman) == {"Ahmad Fauzi", "Siti Rahma"}
    with rekaman["Ahmad Fauzi"].berkas.open("rb") as f:
        assert f.read().startswith(b"%PDF")
    assert "nik" not in rekaman["Ahmad Fauzi"].data
    assert RekamanTerkirim.objects.filter(hub=terdaftar).count() == 2

    # The secretary leaves office: the next delta carries a tombstone and no file again.
    _kades, sekdes = perangkat_desa
    pengangkatan_berhenti(
        oleh=admin_desa,
        pengangkatan=sekdes,
        nomor_sk_berhenti="141/9/2026",
        tanggal_sk_berhenti=timezone.localdate() - datetime.timedelta(days=1),
    )
    _sinkron(terdaftar, hanya=["perangkat"])
    terakhir = Kiriman.objects.filter(dataset="perangkat").latest("dibuat")
    assert terakhir.isi["isi"]["hapus"] == [str(sekdes.uuid)]
    assert terakhir.isi["isi"]["rekaman"] == [] and terakhir.isi["berkas"] == {}
    assert list(RekamanHub.objects.values_list("data__nama", flat=True)) == ["Ahmad Fauzi"]
    dh.refresh_from_db()
    assert dh.cocok is True and dh.tanda_terima["ringkasan"]["rekaman"]["jumlah"] == 1

    # Lowering the policy makes the hub purge the records (and files) and return a receipt.
    berkas = RekamanHub.objects.get().berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        kebijakan_ubah(oleh=admin_desa, dataset_hub=dh, tingkat=Tingkat.AGREGAT)
    dh.refresh_from_db()
    assert dh.tanda_terima_purge["dihapus"] == {"rekaman": 1, "berkas": 1}
    assert dh.tanda_terima_purge["tingkat"] == "agregat"
    assert not RekamanHub.objects.exists()
    assert PurgeHub.objects.get().desa == desa
    assert not RekamanHub._meta.get_field("berkas").storage.exists(berkas)
    assert DataPeriode.objects.filter(desa=desa, dataset="perangkat").exists()


def test_turun_ke_mati_menghapus_angka_di_hub(
    terdaftar, warga, admin_desa, django_capture_on_commit_callbacks
):
    _sinkron(terdaftar, hanya=["penduduk"])
    assert Angka.objects.filter(dataset="penduduk").exists()
    dh = DatasetHub.objects.get(hub=terdaftar, dataset="penduduk")
    with django_capture_on_commit_callbacks(execute=True):
        kebijakan_ubah(oleh=admin_desa, dataset_hub=dh, tingkat=Tingkat.MATI)
    dh.refresh_from_db()
    assert dh.tanda_terima_purge["dihapus"]["angka"] > 0
    assert not Angka.objects.filter(dataset="penduduk").exists()
    # Nothing is built for a dataset switched off.
    assert not [k for k in sinkron_siapkan(hub=terdaftar) if k.dataset == "penduduk"]


def test_kebijakan_rekaman_ditolak_untuk_data_agregat(terdaftar, admin_desa):
    from django.core.exceptions import ValidationError

    dh = DatasetHub.objects.get(hub=terdaftar, dataset="penduduk")
    with pytest.raises(ValidationError, match="tidak dapat dikirim"):
        kebijakan_ubah(oleh=admin_desa, dataset_hub=dh, tingkat=Tingkat.REKAMAN)
    dh.refresh_from_db()
    assert dh.tingkat == Tingkat.AGREGAT
    assert not Kiriman.objects.exists()


def test_data_tidak_berubah_tidak_dikirim_ulang(terdaftar, warga):
    _sinkron(terdaftar)
    jumlah = Kiriman.objects.count()
    assert sinkron_siapkan(hub=terdaftar) == []
    assert Kiriman.objects.count() == jumlah


def test_mutasi_bulanan_sama_dengan_laporan_bulanan(terdaftar, warga):
    from penduduk.laporan.mutasi import laporan_bulanan

    _sinkron(terdaftar, hanya=["mutasi"])
    hari = timezone.localdate()
    lap = laporan_bulanan(hari.year, hari.month)
    desa = DesaHub.objects.get(kode=KODE_DESA)
    hub = {
        a.kunci: (a.jumlah, a.l, a.p)
        for a in Angka.objects.filter(desa=desa, dataset="mutasi", periode=f"{hari:%Y-%m}")
    }
    assert hub == {b.kunci: (b.angka.jumlah, b.angka.l, b.angka.p) for b in lap.baris}
    # 12 months go up in the first full snapshot.
    assert Angka.objects.filter(dataset="mutasi").values("periode").distinct().count() == 12


def test_surat_terbit_per_jenis_dan_bulan(terdaftar, warga):
    from surat.models import Surat
    from tests.surat.siapan import jenis_bawaan

    jenis = jenis_bawaan()
    hari = timezone.localdate()
    for i, kunci in enumerate(["sktm", "sktm", "keterangan-domisili"]):
        Surat.objects.create(
            jenis=jenis[kunci],
            penduduk=warga[0],
            nama_penduduk=warga[0].nama,
            nik_penduduk=warga[0].nik,
            status=Surat.Status.TERBIT,
            tanggal_surat=hari,
            tahun=hari.year,
            nomor_urut=i + 1,
            nomor=f"470/{i + 1}/{hari.year}",
        )
    _sinkron(terdaftar, hanya=["surat"])
    desa = DesaHub.objects.get(kode=KODE_DESA)
    hub = dict(
        Angka.objects.filter(desa=desa, dataset="surat", periode=f"{hari:%Y-%m}").values_list(
            "kunci", "jumlah"
        )
    )
    assert hub == {jenis["sktm"].slug: 2, jenis["keterangan-domisili"].slug: 1}


def test_apbdes_anggaran_dan_realisasi_per_rekening_dan_bidang(terdaftar, admin_desa):
    from keuangan import services
    from keuangan.selectors import data_sinkron
    from keuangan.templat import pastikan_templat

    pastikan_templat()
    tahun = timezone.localdate().year
    ta = services.tahun_anggaran_create(oleh=admin_desa, tahun=tahun)
    for kode, keg, nilai in [("4.2.1.", "", "1.000.000"), ("5.1.1.", "01.01.01.", "750.000")]:
        services.rincian_simpan(
            oleh=admin_desa,
            tahun_anggaran=ta,
            kode=kode,
            kegiatan=keg,
            data={"anggaran": nilai, "realisasi": "500.000"},
            konfirmasi=True,
        )
    services.tahun_anggaran_tetapkan(
        oleh=admin_desa,
        tahun_anggaran=ta,
        nomor_perdes=f"1 Tahun {tahun}",
        tanggal_perdes=datetime.date(tahun, 1, 2),
        konfirmasi=True,
    )
    _sinkron(terdaftar, hanya=["apbdes"])
    desa = DesaHub.objects.get(kode=KODE_DESA)
    data = data_sinkron(tahun)
    hub = {
        (a.jenis, a.kode): (str(a.anggaran), str(a.realisasi))
        for a in Anggaran.objects.filter(desa=desa, tahun=tahun)
    }
    harap = {("rekening", r["kode"]): (r["anggaran"], r["realisasi"]) for r in data["rekening"]} | {
        ("bidang", r["kode"]): (r["anggaran"], r["realisasi"]) for r in data["bidang"]
    }
    assert hub == harap
    assert hub[("rekening", "4.")] == ("1000000.00", "500000.00")


def test_identitas_desa_sampai_di_hub(terdaftar):
    _sinkron(terdaftar, hanya=["identitas"])
    desa = DesaHub.objects.get(kode=KODE_DESA)
    assert desa.identitas["nama_desa"] == "Sukamaju"
    assert desa.identitas["kode_desa"] == KODE_DESA


def test_dataset_aplikasi_yang_belum_ada_tidak_terdaftar():
    kode = {d.kode for d in ds.semua()}
    assert {"identitas", "penduduk", "mutasi", "surat", "apbdes", "perangkat"} <= kode


def test_bantuan_dan_pengaduan_sebagai_jumlah(terdaftar, warga):
    from bantuan.models import Peserta, Program
    from mandiri.models import Pengaduan

    blt = Program.objects.create(nama="BLT Dana Desa", sasaran=1, sumber_dana=4)
    for orang in warga[:3]:
        Peserta.objects.create(program=blt, penduduk=orang)
    Pengaduan.objects.create(penduduk=warga[0], jenis="pengaduan", judul="Jalan", isi="Rusak")
    Pengaduan.objects.create(
        penduduk=warga[1], jenis="pengaduan", judul="Lampu", isi="Mati", status="selesai"
    )
    _sinkron(terdaftar, hanya=["bantuan", "pengaduan"])
    desa = DesaHub.objects.get(kode=KODE_DESA)
    bantuan = Angka.objects.get(desa=desa, dataset="bantuan")
    assert (bantuan.label, bantuan.jumlah, bantuan.l, bantuan.p) == ("BLT Dana Desa", 3, 1, 2)
    pengaduan = dict(
        Angka.objects.filter(desa=desa, dataset="pengaduan").values_list("kunci", "jumlah")
    )
    assert pengaduan == {"menunggu": 1, "selesai": 1}
    kiriman = Kiriman.objects.get(dataset="bantuan")
    assert warga[0].nama not in str(kiriman.isi) and warga[0].nik not in str(kiriman.isi)
