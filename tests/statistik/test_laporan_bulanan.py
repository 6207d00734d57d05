"""The monthly report, counted from events by event date (penduduk.laporan.mutasi)."""

from __future__ import annotations

import datetime

import pytest

from penduduk import services
from penduduk.laporan import mutasi
from penduduk.models import Penduduk
from sid import kode
from tests.factories import KeluargaFactory, PendudukFactory, data_penduduk

S = kode.SHDK
D = datetime.date


def _angka(a: mutasi.Angka):
    return (a.wni_l, a.wni_p, a.wna_l, a.wna_p)


@pytest.fixture
def desa_kecil(desa, operator, rt_krajan):
    """Initial data (no events): a family of three and a single foreign woman."""
    kk = KeluargaFactory(no_kk="3201010101230011", wilayah=rt_krajan)
    budi = PendudukFactory(nama="Budi", keluarga=kk, shdk=S.KEPALA_KELUARGA, status_kawin=2,
                           jenis_kelamin=1, tanggal_lahir=D(1980, 5, 17))  # fmt: skip
    siti = PendudukFactory(nama="Siti", keluarga=kk, shdk=S.ISTRI, status_kawin=2,
                           jenis_kelamin=2, tanggal_lahir=D(1983, 2, 3))  # fmt: skip
    adi = PendudukFactory(nama="Adi", keluarga=kk, shdk=S.ANAK, jenis_kelamin=1,
                          tanggal_lahir=D(2008, 7, 9))  # fmt: skip
    anna = PendudukFactory(nama="Anna", wilayah=rt_krajan, jenis_kelamin=2,
                           tanggal_lahir=D(1990, 1, 1), warganegara=kode.WargaNegara.WNA)  # fmt: skip
    return {"kk": kk, "Budi": budi, "Siti": siti, "Adi": adi, "Anna": anna, "oleh": operator}


def test_tanpa_peristiwa_semua_hadir_sejak_awal(desa_kecil):
    lap = mutasi.laporan_bulanan(2026, 9)
    assert _angka(lap["awal"]) == _angka(lap["akhir"]) == (2, 1, 0, 1)
    assert lap["awal"].kk == lap["akhir"].kk == 1
    assert lap.seimbang
    assert mutasi.jumlah_penduduk_pada(D(2000, 1, 1)) == 4


def test_kematian_terlambat_dilaporkan_masuk_bulan_kejadian(desa_kecil):
    services.peristiwa_kematian_catat(
        oleh=desa_kecil["oleh"],
        penduduk=desa_kecil["Budi"],
        tanggal_peristiwa=D(2026, 9, 20),
        tanggal_lapor=D(2026, 10, 5),
    )
    sep, okt = mutasi.laporan_bulanan(2026, 9), mutasi.laporan_bulanan(2026, 10)
    assert _angka(sep["mati"]) == (1, 0, 0, 0)
    assert _angka(okt["mati"]) == (0, 0, 0, 0)
    assert _angka(sep["awal"]) == (2, 1, 0, 1) and _angka(sep["akhir"]) == (1, 1, 0, 1)
    assert _angka(okt["awal"]) == _angka(sep["akhir"])
    assert sep.seimbang and okt.seimbang
    assert mutasi.jumlah_penduduk_pada(D(2026, 9, 19)) == 4
    assert mutasi.jumlah_penduduk_pada(D(2026, 9, 20)) == 3


def test_peristiwa_dibatalkan_tidak_dihitung(desa_kecil):
    e = services.peristiwa_pindah_keluar_catat(
        oleh=desa_kecil["oleh"],
        penduduk=desa_kecil["Adi"],
        tanggal_peristiwa=D(2026, 8, 3),
        tanggal_lapor=D(2026, 8, 3),
        jenis_pindah=2,
        alamat_tujuan="Bandung",
    )
    assert _angka(mutasi.laporan_bulanan(2026, 8)["pindah"]) == (1, 0, 0, 0)
    services.peristiwa_batalkan(oleh=desa_kecil["oleh"], peristiwa=e, alasan="Salah catat orang")
    agu = mutasi.laporan_bulanan(2026, 8)
    assert _angka(agu["pindah"]) == (0, 0, 0, 0)
    assert _angka(agu["akhir"]) == (2, 1, 0, 1)
    assert mutasi.jumlah_penduduk_pada(D(2026, 8, 31)) == 4


def test_lahir_datang_pergi_hilang_kembali_dan_kk(desa_kecil, rt_krajan):
    oleh = desa_kecil["oleh"]
    # Born in August, reported in September: August.
    bayi = services.peristiwa_kelahiran_catat(
        oleh=oleh,
        keluarga=desa_kecil["kk"],
        data={
            "nama": "Bayi",
            "jenis_kelamin": 2,
            "tempat_lahir": "Bogor",
            "tanggal_lahir": D(2026, 8, 30),
        },  # fmt: skip
        tanggal_lapor=D(2026, 9, 2),
        konfirmasi=True,
    )
    # A temporary (TIDAK TETAP) man arrives in August and leaves (PERGI) in September.
    tamu = services.peristiwa_pindah_masuk_catat(
        oleh=oleh,
        data=data_penduduk(wilayah=rt_krajan, status_penduduk=kode.StatusPenduduk.TIDAK_TETAP),
        alamat_asal="Jakarta",
        tanggal_peristiwa=D(2026, 8, 10),
        tanggal_lapor=D(2026, 8, 11),
        konfirmasi=True,
    )
    services.peristiwa_pergi_catat(
        oleh=oleh, penduduk=tamu, tanggal_peristiwa=D(2026, 9, 15), tanggal_lapor=D(2026, 9, 15)
    )
    # Anna (WNA) goes missing in August and comes back in October.
    services.peristiwa_hilang_catat(
        oleh=oleh, penduduk=desa_kecil["Anna"], tanggal_peristiwa=D(2026, 8, 20),
        tanggal_lapor=D(2026, 8, 22),
    )  # fmt: skip
    services.peristiwa_kembali_catat(
        oleh=oleh, penduduk=desa_kecil["Anna"], tanggal_peristiwa=D(2026, 10, 1),
        tanggal_lapor=D(2026, 10, 1), wilayah=rt_krajan,
    )  # fmt: skip
    agu = mutasi.laporan_bulanan(2026, 8)
    assert _angka(agu["lahir"]) == (0, 1, 0, 0)
    assert _angka(agu["datang"]) == (1, 0, 0, 0)
    assert _angka(agu["hilang"]) == (0, 0, 0, 1)
    assert _angka(agu["akhir"]) == (3, 2, 0, 0)
    assert agu["akhir"].kk == 1  # the newborn joined the existing KK; the guest has none
    sep = mutasi.laporan_bulanan(2026, 9)
    assert _angka(sep["lahir"]) == (0, 0, 0, 0)
    assert _angka(sep["pindah"]) == (1, 0, 0, 0)  # PERGI counts as leaving
    okt = mutasi.laporan_bulanan(2026, 10)
    assert _angka(okt["datang"]) == (0, 0, 0, 1)  # KEMBALI DATANG counts as arriving
    assert _angka(okt["akhir"]) == (2, 2, 0, 1)
    for lap in (agu, sep, okt):
        assert lap.seimbang
    assert sep["awal"].jumlah == agu["akhir"].jumlah and okt["awal"].jumlah == sep["akhir"].jumlah
    hidup = Penduduk.objects.hidup().count()
    assert mutasi.jumlah_penduduk_pada(D(2026, 11, 1)) == hidup == 5
    assert bayi.pk


def test_keluarga_awal_dan_akhir_bulan(desa_kecil):
    oleh = desa_kecil["oleh"]
    services.peristiwa_pindah_keluar_keluarga_catat(
        oleh=oleh,
        keluarga=desa_kecil["kk"],
        tanggal_peristiwa=D(2026, 7, 12),
        tanggal_lapor=D(2026, 7, 20),
        jenis_pindah=3,
        alamat_tujuan="Surabaya",
    )
    jul = mutasi.laporan_bulanan(2026, 7)
    assert (jul["awal"].kk, jul["akhir"].kk) == (1, 0)
    assert _angka(jul["pindah"]) == (2, 1, 0, 0)
    assert _angka(jul["akhir"]) == (0, 0, 0, 1)
    assert jul.seimbang


def test_filter_wilayah_laporan_bulanan(desa_kecil, rt_sukasari):
    PendudukFactory(nama="Lain", wilayah=rt_sukasari, jenis_kelamin=1)
    lap = mutasi.laporan_bulanan(2026, 9, wilayah=rt_sukasari.induk.induk)
    assert _angka(lap["akhir"]) == (1, 0, 0, 0)
    assert mutasi.laporan_bulanan(2026, 9)["akhir"].jumlah == 5


def test_halaman_laporan_bulanan_dan_rincian_nama(klien_operator, desa_kecil):
    services.peristiwa_kematian_catat(
        oleh=desa_kecil["oleh"],
        penduduk=desa_kecil["Siti"],
        tanggal_peristiwa=D(2026, 9, 28),
        tanggal_lapor=D(2026, 10, 2),
    )
    r = klien_operator.get("/admin/penduduk/laporankependudukan/buku/bulanan/",
                           {"bulan": 9, "tahun": 2026})  # fmt: skip
    assert r.status_code == 200
    teks = r.content.decode()
    assert "Laporan Bulanan Penduduk" in teks and "Bulan September 2026" in teks
    baris = {b["kunci"]: b for b in r.context["sel_bulanan"]}
    nilai, url = baris["mati"]["sel"][1]  # WNI P
    assert nilai == 1 and url
    rincian = klien_operator.get(url)
    assert rincian.status_code == 200
    isi = rincian.content.decode()
    assert "Siti" in isi and "28-09-2026" in isi and "02-10-2026" in isi  # event + report date
    assert rincian.context["halaman"].paginator.count == 1
    nilai, url = baris["akhir"]["sel"][8]  # total
    assert nilai == 3
    assert klien_operator.get(url).context["halaman"].paginator.count == 3


def test_unduh_laporan_bulanan_pdf_dan_xlsx(klien_operator, desa_kecil, tmp_path):
    import io
    import subprocess

    from openpyxl import load_workbook

    url = "/admin/penduduk/laporankependudukan/buku/bulanan/"
    data = {"bulan": "9", "tahun": "2026", "kertas": "A4"}
    pdf = klien_operator.post(url, {**data, "unduh": "pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    berkas = tmp_path / "bulanan.pdf"
    berkas.write_bytes(pdf.content)
    teks = subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "LAPORAN BULANAN PENDUDUK" in teks and "Penduduk akhir bulan" in teks
    assert "DESA SUKAMAJU" in teks
    xl = klien_operator.post(url, {**data, "unduh": "xlsx"})
    ws = load_workbook(io.BytesIO(xl.content)).active
    sel = {ws.cell(row=r, column=2).value: r for r in range(1, ws.max_row + 1)}
    r_akhir = sel["Penduduk akhir bulan"]
    assert [ws.cell(row=r_akhir, column=c).value for c in range(3, 13)] == [
        2,
        1,
        3,
        0,
        1,
        1,
        2,
        2,
        4,
        1,
    ]


def test_redaksi_tidak_boleh_membuka_laporan(client, buat_staf, desa_kecil):
    client.force_login(buat_staf("Redaksi"))
    for url in (
        "/admin/penduduk/laporankependudukan/",
        "/admin/penduduk/laporankependudukan/buku/bulanan/",
        "/admin/penduduk/laporankependudukan/bulanan/rincian/?tahun=2026&bulan=9&baris=akhir",
    ):
        assert client.get(url).status_code == 403, url
