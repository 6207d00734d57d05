"""Cleaning cell values: dates, codes/labels, NIK, dusun; the bulk audit snapshot."""

import datetime
from decimal import Decimal

import pytest

from penduduk.impor import kolom as K
from penduduk.impor import nilai
from penduduk.impor.label import cari_kode


@pytest.mark.parametrize(
    ("masukan", "hasil"),
    [
        (datetime.datetime(1996, 3, 10, 0, 0), datetime.date(1996, 3, 10)),
        (datetime.date(1996, 3, 10), datetime.date(1996, 3, 10)),
        (35134, datetime.date(1996, 3, 10)),  # Excel serial
        (35134.0, datetime.date(1996, 3, 10)),
        ("35134", datetime.date(1996, 3, 10)),
        ("10-03-1996", datetime.date(1996, 3, 10)),
        ("10/03/1996", datetime.date(1996, 3, 10)),
        ("1/3/1996", datetime.date(1996, 3, 1)),
        ("1996-03-10", datetime.date(1996, 3, 10)),
        ("1996-03-10 00:00:00", datetime.date(1996, 3, 10)),
        ("'10-03-1996", datetime.date(1996, 3, 10)),
        ("", None),
        ("-", None),
        (None, None),
    ],
)
def test_tanggal_dikenali(masukan, hasil):
    assert nilai.tanggal(masukan) == hasil


@pytest.mark.parametrize(
    ("masukan", "pesan"),
    [
        ("31-02-1990", "Tanggal '31-02-1990' tidak ada di kalender."),
        ("03/10/96", "Tanggal '03/10/96' tidak dikenali; tulis dd-mm-yyyy atau yyyy-mm-dd."),
        ("kemarin", "Tanggal 'kemarin' tidak dikenali; tulis dd-mm-yyyy atau yyyy-mm-dd."),
    ],
)
def test_tanggal_tidak_dikenali(masukan, pesan):
    with pytest.raises(ValueError) as info:
        nilai.tanggal(masukan)
    assert str(info.value) == pesan


@pytest.mark.parametrize(
    ("kolom", "masukan", "kode"),
    [
        ("sex", "L", 1),
        ("sex", "lk", 1),
        ("sex", "Pr", 2),
        ("sex", "Laki-Laki", 1),
        ("sex", 2.0, 2),
        ("status_kawin", "BK", 1),
        ("status_kawin", "cm", 4),
        ("status_kawin", "Cerai Hidup", 3),
        ("golongan_darah_id", "TDK TH", 13),
        ("golongan_darah_id", "ab+", 9),
        ("status_dasar", "Pindah Luar Negeri", 3),
        ("status_dasar", "pindah dalam negeri", 3),
        ("pendidikan_kk_id", "Tidak/Belum Sekolah", 1),
        ("pendidikan_kk_id", "TIDAK /  BELUM   SEKOLAH", 1),
        ("pendidikan_kk_id", "Akademi/Diploma III/Sarjana Muda", 7),
        ("kk_level", "Orang Tua", 7),
        ("agama_id", "Kepercayaan Terhadap Tuhan YME / Lainnya", 7),
        ("id_asuransi", "4", 4),
        ("id_asuransi", "BPJS Bantuan Daerah", 4),
        ("hamil", "0", 2),
        ("ktp_el", "KTP-EL", 2),
    ],
)
def test_kode_atau_label_dengan_alias(kolom, masukan, kode):
    assert cari_kode(K.PER_NAMA[kolom], masukan) == kode


def test_kode_di_luar_daftar_ditolak_dengan_pilihan():
    with pytest.raises(ValueError) as info:
        cari_kode(K.PER_NAMA["sex"], "3")
    assert str(info.value) == (
        "Kode atau label '3' tidak dikenal untuk kolom sex. Pilihan: 1 LAKI-LAKI, 2 PEREMPUAN."
    )
    with pytest.raises(ValueError) as info:
        cari_kode(K.PER_NAMA["pekerjaan_id"], "ASTRONOT")
    assert "Lihat lembar 'Kode Data' pada templat impor." in str(info.value)


@pytest.mark.parametrize(
    ("masukan", "hasil"),
    [
        ("5201145003976995", "5201145003976995"),
        ("\u200b5201 1450 0397 6995\ufeff", "5201145003976995"),
        ("'5201145003976995", "5201145003976995"),
        (5201145003976995, "5201145003976995"),
        (5201145003976995.0, "5201145003976995"),
        ("0", "0"),
        ("0000000000000000", "0"),
        ("-", None),
        ("", None),
    ],
)
def test_nik_dibersihkan(masukan, hasil):
    assert nilai.nomor(masukan) == hasil


@pytest.mark.parametrize(
    ("masukan", "hasil"),
    [
        ("Dusun Krajan", "KRAJAN"),
        ("krajan_lor", "KRAJAN LOR"),
        ("  MANGSIT ", "MANGSIT"),
        ("-", None),
    ],
)
def test_dusun_dinormalkan(masukan, hasil):
    assert nilai.dusun(masukan) == hasil


@pytest.mark.parametrize(
    ("alamat", "dusun"),
    [
        ("Dsn JIWET", "JIWET"),
        ("DS. JIWET", "JIWET"),
        ("DUSUN. MBABRIK", "MBABRIK"),
        ("Dusun MBABRIK", "MBABRIK"),
        ("MBABRIK", "MBABRIK"),
        ("JL. MERDEKA 5, DSN KRAJAN", "KRAJAN"),
    ],
)
def test_dusun_dari_alamat_siak(alamat, dusun):
    assert nilai.dusun_dari_alamat(alamat) == dusun


def test_rw_rt_strip_berarti_tanpa_tingkat_dan_angka_dibandingkan_sebagai_angka():
    assert nilai.tingkat("-") == nilai.TANPA_TINGKAT
    assert nilai.tingkat(8.0) == "8"
    assert nilai.kunci_wilayah("008") == nilai.kunci_wilayah("8")
    assert nilai.nama_wilayah_baru("8") == "008"


def test_desimal_koordinat():
    assert nilai.desimal(-6.4815123) == Decimal("-6.4815123")
    assert nilai.desimal("106,854") == Decimal("106.8540000")
    with pytest.raises(ValueError):
        nilai.desimal("utara")


@pytest.mark.django_db
def test_potret_massal_sama_dengan_potret_log_aktivitas(desa):
    from penduduk.impor.tulis import ABAIKAN_AUDIT, Potret
    from penduduk.models import Penduduk
    from sid.lib.audit import potret
    from tests.factories import KeluargaFactory, PendudukFactory

    p = PendudukFactory(keluarga=KeluargaFactory(), shdk=1, golongan_darah=9, hamil=None)
    p = Penduduk.objects.select_related("keluarga", "wilayah__dusun", "wilayah__rw").get(pk=p.pk)
    harapan = {k: v for k, v in potret(p).items() if k not in ABAIKAN_AUDIT}
    assert Potret(Penduduk)(p) == harapan
