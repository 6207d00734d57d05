"""The real reference files import exactly as issue 4 says."""

import datetime

import pytest

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk.impor.layanan import penduduk_impor
from penduduk.models import Penduduk, Peristiwa
from sid import kode
from sid.models import IdentitasDesa, LogAktivitas, Wilayah
from tests.impor.conftest import CONTOH, SIAK

pytestmark = pytest.mark.django_db
S = kode.StatusDasar


def test_contoh_penduduk_masuk_97_penduduk_37_keluarga_4_dusun(desa, admin_desa):
    pratinjau = penduduk_impor(oleh=admin_desa, berkas=CONTOH, dry_run=True)
    assert pratinjau.ringkasan == "97 baru, 0 diubah, 0 tidak berubah, 0 ditolak"
    assert Penduduk.objects.count() == 0  # the dry run wrote nothing

    hasil = penduduk_impor(oleh=admin_desa, berkas=CONTOH, dry_run=False)

    assert hasil.disimpan and hasil.galat == []
    assert Penduduk.objects.count() == 97
    assert Keluarga.objects.count() == 37
    kepala = Penduduk.objects.filter(shdk=kode.SHDK.KEPALA_KELUARGA, status_dasar=S.HIDUP)
    assert sorted(kepala.values_list("keluarga_id", flat=True)) == sorted(
        Keluarga.objects.values_list("pk", flat=True)
    )  # one living head each
    assert set(Wilayah.objects.filter(tingkat=1).values_list("nama", flat=True)) == {
        "MANGSIT",
        "SENGGIGI",
        "KERANDANGAN",
        "LOCO",
    }
    # rw "-" in the file: the village has no RW level; RT directly under the dusun.
    assert not IdentitasDesa.objects.get().pakai_rw
    assert not Wilayah.objects.filter(tingkat=2).exists()
    for p in Penduduk.objects.select_related("keluarga"):
        assert p.wilayah_id == p.keluarga.wilayah_id
    adini = Penduduk.objects.get(nik="5201145003976995")
    assert adini.nama == "ADINI SEPTIA LISTA"
    assert adini.tanggal_lahir == datetime.date(1996, 3, 10)
    assert adini.jenis_kelamin == 2 and adini.golongan_darah == 13
    assert adini.wilayah.nama == "004" and adini.wilayah.dusun.nama == "MANGSIT"


def test_impor_fase_data_awal_tanpa_peristiwa_dengan_log_per_penduduk(desa, admin_desa):
    penduduk_impor(oleh=admin_desa, berkas=CONTOH, dry_run=False)

    assert not Peristiwa.objects.exists()  # initial data: present from the beginning
    assert (
        PeristiwaKeluarga.objects.filter(jenis=kode.JenisPeristiwaKeluarga.KELUARGA_BARU).count()
        == 37
    )
    log = LogAktivitas.objects.filter(aksi="buat", content_type__model="penduduk")
    assert log.count() == 97
    entri = log.get(object_id=str(Penduduk.objects.get(nik="5201145003976995").pk))
    assert entri.pengguna == admin_desa
    assert entri.perubahan["nama"] == [None, "ADINI SEPTIA LISTA"]
    assert entri.perubahan["jenis_kelamin"] == [None, "2 PEREMPUAN"]
    assert "contoh_penduduk.xlsx" in entri.keterangan
    ringkasan = LogAktivitas.objects.get(aksi="impor")
    assert "97 baru, 0 diubah, 0 tidak berubah, 0 ditolak" in ringkasan.keterangan


def test_impor_ulang_berkas_sama_tidak_mengubah_apa_pun(desa, admin_desa):
    penduduk_impor(oleh=admin_desa, berkas=CONTOH, dry_run=False)
    log_sebelum = LogAktivitas.objects.exclude(aksi="impor").count()

    hasil = penduduk_impor(oleh=admin_desa, berkas=CONTOH, dry_run=False)

    assert hasil.ringkasan == "0 baru, 0 diubah, 97 tidak berubah, 0 ditolak"
    assert not hasil.disimpan
    assert LogAktivitas.objects.exclude(aksi="impor").count() == log_sebelum
    assert Penduduk.objects.count() == 97


def test_format_siak_masuk_18_penduduk(desa, admin_desa):
    pratinjau = penduduk_impor(oleh=admin_desa, berkas=SIAK, dry_run=True)
    assert "Dusun JIWET / RW 008 / RT 001" in pratinjau.wilayah_baru
    assert pratinjau.keluarga_baru == 7

    hasil = penduduk_impor(oleh=admin_desa, berkas=SIAK, dry_run=False)

    assert hasil.format == "siak"
    assert hasil.ringkasan == "18 baru, 0 diubah, 0 tidak berubah, 0 ditolak"
    assert Penduduk.objects.count() == 18
    assert Keluarga.objects.count() == 7
    # Labels and Excel serial dates.
    sumini = Penduduk.objects.get(nik="1000004401950000")
    assert sumini.tanggal_lahir == datetime.date(1995, 1, 4)
    assert sumini.jenis_kelamin == kode.JenisKelamin.PEREMPUAN
    assert sumini.pendidikan_kk == 5 and sumini.pekerjaan == 2
    assert sumini.golongan_darah == 13  # "Tdk Th"
    assert sumini.akta_perkawinan == "0127/2000/III/2014"
    assert sumini.tanggal_perkawinan == datetime.date(2014, 3, 8)
    # Status text, including "Pindah Dalam Negeri" → PINDAH.
    assert Penduduk.objects.get(nama="SOMILAH").status_dasar == S.PINDAH
    assert Penduduk.objects.get(nama="NURHADIP").status_dasar == S.MATI
    assert Penduduk.objects.get(nama="PURWADIANTO").status_dasar == S.TIDAK_VALID
    assert Penduduk.objects.get(nama="KASENIP").shdk == kode.SHDK.ORANGTUA  # "Orang Tua"
    # Dusun parsed from the address ("Dsn JIWET", "DS. JIWET", "DUSUN. MBABRIK", "MBABRIK").
    assert set(Wilayah.objects.filter(tingkat=1).values_list("nama", flat=True)) == {
        "JIWET",
        "PRAPAT",
        "SLEMET",
        "MBABRIK",
    }
    assert Penduduk.objects.get(nama="SUMINI").wilayah.nama_lengkap == (
        "Dusun JIWET / RW 008 / RT 001"
    )
    # A family whose only head is TIDAK VALID has no living member: inactive.
    assert not Keluarga.objects.get(no_kk="1000000103180010").aktif


def test_siak_baris_tidak_valid_ber_nik_ganda_disimpan_dengan_nik_sementara(desa, admin_desa):
    hasil = penduduk_impor(oleh=admin_desa, berkas=SIAK, dry_run=False)

    assert any("NIK 1000005212910010 juga dipakai baris 9" in p for p in hasil.peringatan)
    assert Penduduk.objects.get(nik="1000005212910010").nama == "M. MUT'ROF"
    muhrof = Penduduk.objects.get(nama="MUHROF")
    assert muhrof.nik == "0320101200100001"  # 0 + kode desa + 00001
    assert muhrof.status_dasar == S.TIDAK_VALID
    assert "1000005212910010" in muhrof.catatan

    ulang = penduduk_impor(oleh=admin_desa, berkas=SIAK, dry_run=False)
    assert ulang.ringkasan == "0 baru, 0 diubah, 18 tidak berubah, 0 ditolak"


def test_impor_setelah_fase_data_awal_mencatat_pindah_masuk(desa, admin_desa):
    desa.data_awal_selesai = datetime.date.today() - datetime.timedelta(days=30)
    desa.save()

    penduduk_impor(oleh=admin_desa, berkas=CONTOH, dry_run=False)

    peristiwa = Peristiwa.objects.filter(jenis=kode.JenisPeristiwa.PINDAH_MASUK)
    assert peristiwa.count() == 97
    hari_ini = datetime.date.today()
    assert set(peristiwa.values_list("tanggal_peristiwa", "tanggal_lapor")) == {
        (hari_ini, hari_ini)
    }
    e = peristiwa.get(penduduk__nik="5201145003976995")
    assert e.no_kk == "5201140104126994" and e.nama_kepala_keluarga == "AHLUL"
    assert (
        PeristiwaKeluarga.objects.filter(
            jenis=kode.JenisPeristiwaKeluarga.KELUARGA_BARU_DATANG
        ).count()
        == 37
    )
