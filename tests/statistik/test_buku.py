"""The Bumindes population registers: screen, PDF (pdftotext), .xlsx, background files."""

from __future__ import annotations

import datetime
import io
import subprocess

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from penduduk import services
from penduduk.laporan import keluaran, mutasi
from penduduk.laporan.buku import Parameter, buat_buku
from penduduk.models import LaporanBerkas, Penduduk
from sid import kode
from sid.models import LogAktivitas

DASAR = "/admin/penduduk/laporankependudukan/"
D = datetime.date


def teks_pdf(isi: bytes, tmp_path, nama="x.pdf") -> str:
    berkas = tmp_path / nama
    berkas.write_bytes(isi)
    return subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout


def jumlah_halaman(isi: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(isi)).pages)


@pytest.fixture
def hari_ini():
    return timezone.localdate()


@pytest.mark.django_db
def test_buku_induk_per_tanggal_sama_dengan_laporan_bulanan(populasi, hari_ini):
    buku = buat_buku("induk", Parameter(tanggal=hari_ini))
    assert buku.jumlah() == mutasi.jumlah_penduduk_pada(hari_ini) == 6  # not Tono (dead)
    nama = [b[1] for b in buku.baris()]
    assert "Tono" not in nama and set(nama) == {"Budi", "Siti", "Adi", "Rina", "Dewi", "Joko"}
    budi = next(b for b in buku.baris() if b[1] == "Budi")
    assert budi[13] == populasi["Budi"].nik and budi[14] == "3201010101230001"
    tersamar = next(b for b in buat_buku("induk", Parameter(tanggal=hari_ini, samarkan=True)).baris()
                    if b[1] == "Budi")  # fmt: skip
    assert tersamar[13] == populasi["Budi"].nik[:4] + "********" + populasi["Budi"].nik[-4:]


@pytest.mark.django_db
def test_pdf_buku_induk_seperti_buku_resmi(populasi, hari_ini, tmp_path, artefak):
    buku = buat_buku("induk", Parameter(tanggal=hari_ini, kertas="F4"))
    pdf = keluaran.sebagai_pdf(buku, kertas="F4", dicetak=hari_ini)
    (artefak / "buku-induk-penduduk.pdf").write_bytes(pdf)
    teks = teks_pdf(pdf, tmp_path)
    assert "BUKU INDUK PENDUDUK" in teks
    assert "DESA SUKAMAJU" in teks and "KECAMATAN CIBINONG" in teks
    assert "Nama lengkap /" in teks and "Nomor KK" in teks and "Kedudukan" in teks
    assert " 14 " in teks and " 16" in teks  # numbered columns
    for nama in ("Budi", "Siti", "Adi", "Rina", "Dewi", "Joko"):
        assert nama in teks
    assert populasi["Budi"].nik in teks
    assert "Kepala Desa Sukamaju" in teks  # signatory block
    assert "Halaman 1 dari 1" in teks
    assert jumlah_halaman(pdf) == 1


@pytest.mark.django_db
def test_pdf_besar_dirender_per_bagian_dengan_nomor_halaman_berlanjut(
    populasi, hari_ini, tmp_path, monkeypatch
):
    monkeypatch.setattr(keluaran, "UKURAN_POTONGAN", 2)
    buku = buat_buku("induk", Parameter(tanggal=hari_ini, samarkan=True))
    kemajuan = []
    pdf = keluaran.sebagai_pdf(buku, dicetak=hari_ini, progres=lambda p, t: kemajuan.append(p))
    teks = teks_pdf(pdf, tmp_path)
    assert jumlah_halaman(pdf) == 3
    assert teks.count("BUKU INDUK PENDUDUK") == 1  # title and letterhead on the first part only
    assert teks.count("Kepala Desa Sukamaju") == 1  # signatory on the last part only
    for n in (1, 2, 3):
        assert f"Halaman {n}" in teks
    for nama in ("Budi", "Siti", "Adi", "Rina", "Dewi", "Joko"):
        assert nama in teks
    assert populasi["Budi"].nik not in teks  # masked
    assert kemajuan == sorted(kemajuan) and kemajuan[-1] == 100 and len(kemajuan) >= 4


@pytest.mark.django_db
def test_xlsx_buku_ktp_kk(populasi, hari_ini):
    buku = buat_buku("ktp-kk", Parameter(tanggal=hari_ini))
    ws = load_workbook(io.BytesIO(keluaran.sebagai_xlsx(buku))).active
    assert ws["A1"].value == "BUKU KTP DAN KK"
    assert ws["A2"].value == "Desa Sukamaju"
    kepala = [ws.cell(row=5, column=c).value for c in range(1, 20)]
    assert kepala[15] == "Orang tua"  # group header above Ayah/Ibu
    judul = [ws.cell(row=6, column=c).value for c in range(1, 20)]
    assert judul[:4] == ["No", "No. KK", "Nama lengkap", "NIK"] and judul[15:17] == ["Ayah", "Ibu"]
    assert [ws.cell(row=7, column=c).value for c in range(1, 4)] == [1, 2, 3]  # column numbers
    data = [
        [ws.cell(row=r, column=c).value for c in range(1, 20)] for r in range(8, ws.max_row + 1)
    ]
    assert [d[2] for d in data] == ["Budi", "Siti", "Adi", "Rina", "Dewi"]  # KK, then SHDK
    assert (
        data[0][0] == 1 and data[0][1] == "3201010101230001" and data[0][3] == populasi["Budi"].nik
    )
    assert data[0][17] == "Data awal"


@pytest.mark.django_db
def test_buku_mutasi_dan_tab_data_terhapus(populasi, operator, admin_desa, hari_ini, tmp_path):
    services.peristiwa_kematian_catat(
        oleh=operator, penduduk=populasi["Budi"], tanggal_peristiwa=hari_ini.replace(day=1),
        tanggal_lapor=hari_ini,
    )  # fmt: skip
    services.penduduk_delete(oleh=admin_desa, penduduk=populasi["Dewi"],
                             alasan="Data ganda dengan penduduk lain")  # fmt: skip
    p = Parameter(tahun=hari_ini.year, bulan=hari_ini.month)
    mutasi_ = buat_buku("mutasi", p)
    baris = list(mutasi_.baris())
    assert (
        len(baris) == 1
        and baris[0][1] == "Budi"
        and baris[0][9] == f"{hari_ini.replace(day=1):%d-%m-%Y}"
    )
    assert baris[0][10] == f"{hari_ini:%d-%m-%Y}"  # report date beside the event date
    teks = teks_pdf(keluaran.sebagai_pdf(mutasi_, dicetak=hari_ini), tmp_path)
    assert "BUKU MUTASI PENDUDUK" in teks and "Penambahan" in teks and "Pengurangan" in teks
    p.tab = "hapus"
    hapus = list(buat_buku("mutasi", p).baris())
    assert len(hapus) == 1 and hapus[0][1] == "Dewi" and "Data ganda" in hapus[0][7]
    tahunan = buat_buku("mutasi", Parameter(tahun=hari_ini.year))
    assert tahunan.jumlah() == 1 and "Tahun" in tahunan.subjudul


@pytest.mark.django_db
def test_buku_penduduk_sementara(populasi, hari_ini):
    buku = buat_buku("sementara", Parameter(tanggal=hari_ini))
    baris = list(buku.baris())
    assert [b[1] for b in baris] == ["Joko"]
    assert baris[0][2:4] == ["L", ""]
    assert baris[0][7].startswith("WNA")


@pytest.mark.django_db
def test_rekapitulasi_per_dusun_sama_dengan_laporan_bulanan(populasi, hari_ini):
    p = Parameter(tahun=hari_ini.year, bulan=hari_ini.month)
    baris, total = mutasi.rekapitulasi(p.tahun, p.bulan)
    lap = mutasi.laporan_bulanan(p.tahun, p.bulan)
    assert [b.dusun.nama for b in baris] == ["KRAJAN", "SUKASARI"]
    assert total.akhir.sama(lap["akhir"]) and total.awal.sama(lap["awal"])
    assert total.akhir.kk == lap["akhir"].kk == 2
    assert [b.akhir.jumlah for b in baris] == [3, 3]
    buku = buat_buku("rekapitulasi", p)
    rows = list(buku.baris())
    assert rows[-1][1] == "JUMLAH" and rows[-1][8] == "6"  # jiwa awal bulan
    assert len(buku.kolom) == 2 + 7 + 4 * 5 + 7 + 1


@pytest.mark.django_db
def test_unduh_buku_besar_lewat_tugas_dengan_progres(
    klien_operator, populasi, operator, hari_ini, tmp_path, django_capture_on_commit_callbacks
):
    url = f"{DASAR}buku/induk/"
    r = klien_operator.get(url, {"tanggal": hari_ini.isoformat()})
    assert r.status_code == 200 and "Budi" in r.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = klien_operator.post(url, {"tanggal": hari_ini.isoformat(), "kertas": "A4",
                                      "samarkan": "on", "unduh": "pdf"})  # fmt: skip
    b = LaporanBerkas.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"berkas/{b.uuid}/")
    assert (b.status, b.progres, b.jumlah_baris, b.oleh) == ("selesai", 100, 6, operator)
    assert b.parameter["samarkan"] is True
    halaman = klien_operator.get(r["Location"])
    assert "unduh-berkas" in halaman.content.decode()
    unduh = klien_operator.get(f"{DASAR}berkas/{b.uuid}/unduh/")
    assert unduh.status_code == 200 and unduh["Cache-Control"].startswith("private, no-store")
    assert "attachment" in unduh["Content-Disposition"]
    isi = b"".join(unduh.streaming_content)
    teks = teks_pdf(isi, tmp_path)
    assert "Budi" in teks and populasi["Budi"].nik not in teks
    assert LogAktivitas.objects.filter(aksi="cetak_laporan", pelaku="operator").exists()
    with django_capture_on_commit_callbacks(execute=True):
        klien_operator.post(url, {"tanggal": hari_ini.isoformat(), "unduh": "xlsx"})
    xl = LaporanBerkas.objects.filter(format="xlsx").get()
    with xl.berkas.open("rb") as f:
        ws = load_workbook(io.BytesIO(f.read())).active
    assert ws["A1"].value == "BUKU INDUK PENDUDUK"


@pytest.mark.django_db
def test_berkas_hanya_untuk_yang_meminta(client, buat_staf, populasi, hari_ini,
                                         django_capture_on_commit_callbacks):  # fmt: skip
    pemilik = buat_staf("Operator", username="pemilik")
    client.force_login(pemilik)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{DASAR}buku/ktp-kk/", {"tanggal": hari_ini.isoformat(), "unduh": "xlsx"})
    b = LaporanBerkas.objects.get()
    client.force_login(buat_staf("Operator", username="lain"))
    assert client.get(f"{DASAR}berkas/{b.uuid}/unduh/").status_code == 404
    assert client.get(f"{DASAR}berkas/{b.uuid}/").status_code == 404
    client.force_login(buat_staf("Redaksi", username="redaksi"))
    assert client.get(f"{DASAR}berkas/{b.uuid}/unduh/").status_code == 403
    client.logout()
    assert client.get(f"{DASAR}berkas/{b.uuid}/unduh/").status_code == 302  # to the login


@pytest.mark.django_db
def test_berkas_gagal_dicatat_dengan_pesan(operator, populasi, hari_ini, monkeypatch):
    from penduduk.laporan import services as layanan

    def rusak(*a, **kw):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(keluaran, "sebagai_pdf", rusak)
    b = LaporanBerkas.objects.create(buku="induk", format="pdf", judul="x", oleh=operator,
                                     parameter=Parameter(tanggal=hari_ini).sebagai_dict())  # fmt: skip
    layanan.laporan_berkas_jalankan(berkas_id=b.pk)
    b.refresh_from_db()
    assert b.status == "gagal" and "Coba lagi" in b.pesan_galat and not b.berkas


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kunci", ["bulanan", "rekapitulasi", "induk", "mutasi", "sementara", "ktp-kk"]
)
def test_setiap_halaman_buku_terbuka(klien_operator, populasi, kunci):
    r = klien_operator.get(f"{DASAR}buku/{kunci}/")
    assert r.status_code == 200
    assert 'id="tabel-laporan"' in r.content.decode()


@pytest.mark.django_db
def test_tanggal_masa_depan_ditolak(klien_operator, populasi, hari_ini):
    r = klien_operator.get(
        f"{DASAR}buku/induk/", {"tanggal": (hari_ini + datetime.timedelta(days=2)).isoformat()}
    )
    assert "Tanggal tidak boleh di masa depan." in r.content.decode()
    assert "buku" not in r.context or r.context.get("buku") is None
    bulan_depan = hari_ini.replace(day=28) + datetime.timedelta(days=5)
    r = klien_operator.get(
        f"{DASAR}buku/bulanan/", {"bulan": bulan_depan.month, "tahun": bulan_depan.year}
    )
    assert "Bulan laporan tidak boleh di masa depan." in r.content.decode()
    assert LaporanBerkas.objects.count() == 0 and Penduduk.objects.count() == 7
    assert kode.StatusDasar.HIDUP
