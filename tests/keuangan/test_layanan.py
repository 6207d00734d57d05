"""Opening, filling, adopting and revising a budget year through the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from keuangan import services
from keuangan.models import RincianAnggaran, TahunAnggaran
from keuangan.selectors import pohon_tahun, versi_publik, versi_terbaru
from sid.exceptions import PerluKonfirmasi
from sid.models import LogAktivitas


def test_tahun_baru_dibuka_sebagai_rancangan_dari_templat(operator):
    ta = services.tahun_anggaran_create(oleh=operator, tahun=2026)
    assert (ta.tahun, ta.perubahan_ke, ta.status, ta.perubahan) == (2026, 0, "draft", False)
    assert str(ta) == "APBDes 2026"
    assert not ta.rincian.exists()
    log = LogAktivitas.objects.get(aksi="buat_apbdes")
    assert log.pengguna == operator and "templat" in log.keterangan
    # the draft entry screen shows every income and financing account of the template
    pohon = pohon_tahun(ta, semua_rekening=True)
    assert {s.kode for s in pohon.pendapatan.jalan() if s.slot} >= {"4.2.1.", "4.2.3.", "4.1.1."}
    assert {s.kode for s in pohon.pembiayaan.jalan() if s.slot} >= {"6.1.1.", "6.2.2."}


def test_menyalin_susunan_tahun_lalu_tanpa_realisasi(ta_ditetapkan, operator):
    tanpa = services.tahun_anggaran_create(oleh=operator, tahun=2027, salin_dari=ta_ditetapkan)
    lama = {(b.kode, b.kegiatan): b for b in ta_ditetapkan.rincian.all()}
    baru = {(b.kode, b.kegiatan): b for b in tanpa.rincian.all()}
    assert set(baru) == set(lama)
    assert all(b.anggaran == 0 and b.realisasi == 0 for b in baru.values())
    services.tahun_anggaran_hapus(oleh=operator, tahun_anggaran=tanpa)
    dengan = services.tahun_anggaran_create(
        oleh=operator, tahun=2027, salin_dari=ta_ditetapkan, salin_anggaran=True
    )
    for b in dengan.rincian.all():
        asal = lama[(b.kode, b.kegiatan)]
        assert (b.anggaran, b.realisasi, b.realisasi_semester_1) == (asal.anggaran, 0, 0)


def test_isian_sel_membuat_baris_dan_mencatat_log_lama_ke_baru(operator, isi):
    ta = services.tahun_anggaran_create(oleh=operator, tahun=2026)
    isi(ta, "4.2.1.", oleh=operator, anggaran="1.000.000.000")
    isi(ta, "4.2.1", oleh=operator, anggaran="1.250.000.000,50")
    b = RincianAnggaran.objects.get(tahun_anggaran=ta, kode="4.2.1.")
    assert b.anggaran == Decimal("1250000000.50")
    logs = list(LogAktivitas.objects.filter(aksi__endswith="rincian_apbdes").order_by("id"))
    assert [lg.aksi for lg in logs] == ["tambah_rincian_apbdes", "ubah_rincian_apbdes"]
    assert logs[0].perubahan == {"anggaran": [None, "1000000000.00"]}
    assert logs[1].perubahan == {"anggaran": ["1000000000.00", "1250000000.50"]}
    assert "4.2.1. Dana Desa" in logs[1].keterangan and logs[1].pengguna == operator


def test_baris_belanja_ditambahkan_per_kegiatan_dan_dihapus_dari_rancangan(operator):
    ta = services.tahun_anggaran_create(oleh=operator, tahun=2026)
    b = services.rincian_tambah(
        oleh=operator, tahun_anggaran=ta, kode="5.3.5.", kegiatan="02.03.10", anggaran="800.000.000"
    )
    assert (b.kode, b.kegiatan, b.anggaran) == ("5.3.5.", "02.03.10.", Decimal("800000000.00"))
    pohon = pohon_tahun(ta)
    assert [s.kode for s in pohon.belanja.jalan()] == ["5.", "02.", "02.03.", "02.03.10.", "5.3.5."]
    with pytest.raises(ValidationError) as e:
        services.rincian_tambah(
            oleh=operator, tahun_anggaran=ta, kode="5.3.5.", kegiatan="02.03.10."
        )
    assert "sudah ada" in " ".join(e.value.messages)
    services.rincian_hapus(oleh=operator, rincian=b)
    assert not ta.rincian.exists()
    assert LogAktivitas.objects.filter(aksi="hapus_rincian_apbdes").exists()


def test_realisasi_melebihi_anggaran_perlu_konfirmasi(operator):
    ta = services.tahun_anggaran_create(oleh=operator, tahun=2026)
    services.rincian_simpan(
        oleh=operator, tahun_anggaran=ta, kode="4.2.1.", data={"anggaran": "1.000.000"}
    )
    with pytest.raises(PerluKonfirmasi) as e:
        services.rincian_simpan(
            oleh=operator, tahun_anggaran=ta, kode="4.2.1.", data={"realisasi": "1.200.000"}
        )
    assert "melebihi target pendapatan Rp 1.000.000,00" in e.value.messages[0]
    assert RincianAnggaran.objects.get(tahun_anggaran=ta).realisasi == 0
    services.rincian_simpan(
        oleh=operator,
        tahun_anggaran=ta,
        kode="4.2.1.",
        data={"realisasi": "1.200.000"},
        konfirmasi=True,
    )
    assert RincianAnggaran.objects.get(tahun_anggaran=ta).realisasi == Decimal("1200000")


def test_tetapkan_mengunci_anggaran_tetapi_realisasi_tetap_dicatat(ta_ditetapkan, operator, isi):
    ta = ta_ditetapkan
    assert (ta.status, ta.nomor_perdes, ta.tanggal_perdes) == (
        "ditetapkan",
        "3 Tahun 2025",
        datetime.date(2025, 12, 20),
    )
    assert ta.ditetapkan_oleh == operator and ta.ditetapkan_pada
    assert LogAktivitas.objects.get(aksi="tetapkan_apbdes").perubahan["status"] == [
        "draft",
        "ditetapkan",
    ]
    isi(ta, "4.2.1.", oleh=operator, realisasi="900.000.000", realisasi_semester_1="500.000.000")
    b = ta.rincian.get(kode="4.2.1.")
    assert (b.realisasi, b.realisasi_semester_1) == (Decimal("900000000"), Decimal("500000000"))
    assert versi_publik(2026) == ta


def test_tetapkan_anggaran_tidak_seimbang_perlu_konfirmasi(operator, isi):
    ta = services.tahun_anggaran_create(oleh=operator, tahun=2026)
    isi(ta, "4.2.1.", anggaran="1.000.000")
    kirim = {"oleh": operator, "tahun_anggaran": ta, "nomor_perdes": "1 Tahun 2026"}
    kirim["tanggal_perdes"] = datetime.date(2026, 1, 5)
    with pytest.raises(PerluKonfirmasi) as e:
        services.tahun_anggaran_tetapkan(**kirim)
    assert "SiLPA tahun berjalan Rp 1.000.000,00" in e.value.messages[0]
    ta.refresh_from_db()
    assert ta.status == "draft"
    services.tahun_anggaran_tetapkan(**kirim, konfirmasi=True)
    ta.refresh_from_db()
    assert ta.status == "ditetapkan"


@pytest.mark.parametrize(
    "nomor,tanggal,kolom,pesan",
    [
        ("", datetime.date(2026, 1, 5), "nomor_perdes", "wajib"),
        ("1", None, "tanggal_perdes", "wajib"),
        ("1", datetime.date(2024, 12, 1), "tanggal_perdes", "2025 atau 2026"),
        ("1", datetime.date(2099, 1, 1), "tanggal_perdes", "masa depan"),
    ],
)
def test_tetapkan_tanpa_perdes_yang_sah_ditolak(ta_contoh, operator, nomor, tanggal, kolom, pesan):
    with pytest.raises(ValidationError) as e:
        services.tahun_anggaran_tetapkan(
            oleh=operator, tahun_anggaran=ta_contoh, nomor_perdes=nomor, tanggal_perdes=tanggal
        )
    assert pesan in " ".join(e.value.message_dict[kolom])
    ta_contoh.refresh_from_db()
    assert ta_contoh.status == "draft" and ta_contoh.nomor_perdes == ""


def test_apbdes_kosong_tidak_bisa_ditetapkan(operator):
    ta = services.tahun_anggaran_create(oleh=operator, tahun=2026)
    with pytest.raises(ValidationError) as e:
        services.tahun_anggaran_tetapkan(
            oleh=operator,
            tahun_anggaran=ta,
            nomor_perdes="1",
            tanggal_perdes=datetime.date(2026, 1, 2),
        )
    assert "kosong" in e.value.messages[0]


def test_apbdes_perubahan_menyalin_dan_menggantikan_versi_yang_ditetapkan(
    ta_ditetapkan, operator, isi
):
    asal = ta_ditetapkan
    p = services.tahun_anggaran_buka_perubahan(oleh=operator, tahun_anggaran=asal)
    assert (p.tahun, p.perubahan_ke, p.asal, p.status, p.perubahan) == (
        2026,
        1,
        asal,
        "draft",
        True,
    )
    assert str(p) == "APBDes Perubahan 2026"
    salin = lambda ta: sorted(  # noqa: E731
        (b.kode, b.kegiatan, b.anggaran, b.realisasi_semester_1, b.realisasi)
        for b in ta.rincian.all()
    )
    assert salin(p) == salin(asal)
    assert versi_terbaru(2026) == p and versi_publik(2026) == asal
    # the revision's budget is editable; the adopted original is frozen entirely
    isi(p, "4.2.1.", oleh=operator, anggaran="1.100.000.000")
    with pytest.raises(ValidationError) as e:
        isi(asal, "4.2.1.", oleh=operator, realisasi="1")
    assert "sudah diganti oleh APBDes Perubahan 2026" in e.value.messages[0]
    with pytest.raises(ValidationError):
        services.tahun_anggaran_buka_perubahan(oleh=operator, tahun_anggaran=asal)
    isi(p, "4.1.1.", oleh=operator, anggaran="150.000.000")  # keep it balanced
    isi(p, "5.3.5.", "02.03.10.", oleh=operator, anggaran="1.000.000.000")
    services.tahun_anggaran_tetapkan(
        oleh=operator,
        tahun_anggaran=p,
        nomor_perdes="7 Tahun 2026",
        tanggal_perdes=datetime.date(2026, 8, 1),
    )
    assert versi_publik(2026) == p
    assert asal.rincian.get(kode="4.2.1.").anggaran == Decimal("1000000000")
    assert TahunAnggaran.objects.filter(tahun=2026).count() == 2


def test_rancangan_bisa_dihapus_yang_ditetapkan_tidak(ta_ditetapkan, operator):
    with pytest.raises(ValidationError):
        services.tahun_anggaran_hapus(oleh=operator, tahun_anggaran=ta_ditetapkan)
    p = services.tahun_anggaran_buka_perubahan(oleh=operator, tahun_anggaran=ta_ditetapkan)
    services.tahun_anggaran_hapus(oleh=operator, tahun_anggaran=p)
    assert versi_terbaru(2026) == ta_ditetapkan
    assert LogAktivitas.objects.filter(aksi="hapus_apbdes").exists()


def test_tutup_semester_menyalin_realisasi_saat_ini(operator, isi):
    ta = services.tahun_anggaran_create(oleh=operator, tahun=2026)
    isi(ta, "4.2.1.", anggaran="1.000", realisasi="400")
    isi(ta, "4.2.3.", anggaran="1.000", realisasi="300", realisasi_semester_1="300")
    assert services.realisasi_semester_1_salin(oleh=operator, tahun_anggaran=ta) == 1
    assert ta.rincian.get(kode="4.2.1.").realisasi_semester_1 == Decimal("400")


def test_realisasi_semester_satu_tidak_melebihi_realisasi_tahunan(operator, isi):
    ta = services.tahun_anggaran_create(oleh=operator, tahun=2026)
    isi(ta, "4.2.1.", anggaran="1.000", realisasi="400")
    with pytest.raises(ValidationError) as e:
        isi(ta, "4.2.1.", realisasi_semester_1="500")
    assert "tidak boleh melebihi realisasi s/d akhir tahun" in e.value.messages[0]
    assert ta.rincian.get().realisasi_semester_1 == 0
