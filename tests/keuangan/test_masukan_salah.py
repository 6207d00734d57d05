"""Bad input named in the issue: refused with a clear message, and nothing written."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from keuangan import services
from keuangan.models import RincianAnggaran, TahunAnggaran
from sid.models import LogAktivitas


@pytest.fixture
def rancangan(operator):
    return services.tahun_anggaran_create(oleh=operator, tahun=2026)


def _jejak():
    return (
        RincianAnggaran.objects.count(),
        TahunAnggaran.objects.count(),
        LogAktivitas.objects.count(),
        sorted(RincianAnggaran.objects.values_list("kode", "anggaran", "realisasi")),
    )


def _tolak(pesan: str, **kirim):
    sebelum = _jejak()
    with pytest.raises(ValidationError) as e:
        services.rincian_simpan(**kirim)
    teks = " ".join(e.value.messages)
    assert pesan in teks, teks
    assert _jejak() == sebelum
    return teks


@pytest.mark.parametrize("nilai", ["-5.000", "-1", "(2.500)", Decimal("-0.01"), -3])
def test_nilai_negatif_ditolak(rancangan, operator, nilai):
    _tolak(
        "tidak boleh negatif",
        oleh=operator,
        tahun_anggaran=rancangan,
        kode="4.2.1.",
        data={"anggaran": nilai},
    )


@pytest.mark.parametrize(
    "nilai,pesan",
    [
        ("1.500,125", "paling banyak 2 angka di belakang koma"),
        ("10.5555", "paling banyak 2 angka di belakang koma"),
        (Decimal("1.001"), "paling banyak 2 angka di belakang koma"),
        ("15O0.000", "hanya boleh berisi angka"),
        ("satu juta", "hanya boleh berisi angka"),
        ("1.000.000 rupiah", "hanya boleh berisi angka"),
        ("1e6", "hanya boleh berisi angka"),
        (1.5, "float"),
    ],
)
def test_nilai_lebih_dari_dua_desimal_atau_berhuruf_ditolak(rancangan, operator, nilai, pesan):
    _tolak(
        pesan,
        oleh=operator,
        tahun_anggaran=rancangan,
        kode="4.2.1.",
        data={"realisasi": nilai},
    )


@pytest.mark.parametrize(
    "kode,kegiatan,pesan",
    [
        ("4.9.9.", "", "Kode rekening 4.9.9. tidak ada dalam templat"),
        ("7.1.1.", "", "tidak ada dalam templat"),
        ("01.01.01.", "", "tidak ada dalam templat"),
        ("4.2.", "", "adalah kelompok"),
        ("5.2.1.", "", "wajib memiliki kode kegiatan"),
        ("5.2.1.", "09.09.09.", "Kode kegiatan 09.09.09. tidak ada dalam templat"),
        ("4.2.1.", "01.01.01.", "hanya untuk belanja"),
        ("", "", "wajib diisi"),
    ],
)
def test_baris_dengan_kode_di_luar_templat_ditolak(rancangan, operator, kode, kegiatan, pesan):
    _tolak(
        pesan,
        oleh=operator,
        tahun_anggaran=rancangan,
        kode=kode,
        kegiatan=kegiatan,
        data={"anggaran": "1.000"},
    )
    sebelum = _jejak()
    with pytest.raises(ValidationError):
        services.rincian_tambah(
            oleh=operator, tahun_anggaran=rancangan, kode=kode, kegiatan=kegiatan
        )
    assert _jejak() == sebelum


def test_kode_di_luar_pola_ditolak_juga_oleh_database(rancangan):
    with pytest.raises(IntegrityError), transaction.atomic():
        RincianAnggaran.objects.create(tahun_anggaran=rancangan, kode="X.1.")
    with pytest.raises(IntegrityError), transaction.atomic():  # expenditure needs its kegiatan
        RincianAnggaran.objects.create(tahun_anggaran=rancangan, kode="5.1.1.")
    with pytest.raises(IntegrityError), transaction.atomic():
        RincianAnggaran.objects.create(tahun_anggaran=rancangan, kode="4.2.1.", anggaran=-1)
    assert not RincianAnggaran.objects.exists()


def test_apbdes_kedua_untuk_tahun_yang_sama_ditolak(rancangan, operator):
    sebelum = _jejak()
    with pytest.raises(ValidationError) as e:
        services.tahun_anggaran_create(oleh=operator, tahun=2026)
    pesan = " ".join(e.value.message_dict["tahun"])
    assert "APBDes tahun 2026 sudah ada" in pesan and "APBDes Perubahan" in pesan
    assert _jejak() == sebelum
    # the database refuses it too (a second original, or a second open draft of the year)
    with pytest.raises(IntegrityError), transaction.atomic():
        TahunAnggaran.objects.create(tahun=2026, status="ditetapkan", nomor_perdes="x",
                                     tanggal_perdes=datetime.date(2026, 1, 1))  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        TahunAnggaran.objects.create(tahun=2026, perubahan_ke=1, asal=rancangan)
    assert TahunAnggaran.objects.count() == 1


def test_apbdes_perubahan_adalah_pengecualian_satu_apbdes_per_tahun(ta_ditetapkan, operator):
    p = services.tahun_anggaran_buka_perubahan(oleh=operator, tahun_anggaran=ta_ditetapkan)
    assert TahunAnggaran.objects.filter(tahun=2026).count() == 2 and p.perubahan_ke == 1


def test_mengubah_apbdes_yang_ditetapkan_tanpa_perubahan_ditolak(ta_ditetapkan, operator):
    ta = ta_ditetapkan
    dana_desa = ta.rincian.get(kode="4.2.1.")
    sebelum = _jejak()
    for data in ({"anggaran": "2.000.000.000"}, {"keterangan": "diubah"}):
        with pytest.raises(ValidationError) as e:
            services.rincian_simpan(
                oleh=operator, tahun_anggaran=ta, kode="4.2.1.", data=data, konfirmasi=True
            )
        pesan = e.value.messages[0]
        assert "sudah ditetapkan dengan Perdes Nomor 3 Tahun 2025" in pesan
        assert "buka APBDes Perubahan" in pesan
    with pytest.raises(ValidationError) as e:  # a new line is a budget change too
        services.rincian_simpan(
            oleh=operator, tahun_anggaran=ta, kode="4.3.6.", data={"realisasi": "1.000"}
        )
    assert "sudah ditetapkan" in e.value.messages[0]
    with pytest.raises(ValidationError):
        services.rincian_tambah(
            oleh=operator, tahun_anggaran=ta, kode="5.4.1.", kegiatan="05.01.01."
        )
    with pytest.raises(ValidationError):
        services.rincian_hapus(oleh=operator, rincian=dana_desa)
    with pytest.raises(ValidationError):
        services.tahun_anggaran_hapus(oleh=operator, tahun_anggaran=ta)
    assert _jejak() == sebelum
