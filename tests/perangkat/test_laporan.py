"""Buku Aparat Pemerintah Desa and Laporan Data Perangkat Desa: content for a date, PDF, xlsx."""

import datetime
import io
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from perangkat import services
from perangkat.laporan import buku_aparat, laporan_data_perangkat, sebagai_pdf, sebagai_xlsx
from tests.factories import PendudukFactory, PerangkatFactory, buat_rt

pytestmark = pytest.mark.django_db
T = datetime.date


def teks_pdf(pdf: bytes) -> str:
    """The PDF's text in drawing order (a table cell's lines stay together), spaces collapsed."""
    assert pdf.startswith(b"%PDF-")
    hasil = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(hasil.stdout.decode().split())


def rapat(teks: str) -> str:
    """Without any whitespace: a long SK number may wrap inside its cell."""
    return "".join(teks.split())


def jumlah_halaman(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def aparat(desa, operator, angkat):
    """Kades Ahmad (dismissed 1 March 2025), Kades Budi from then, Sekdes Siti from the register."""
    ahmad = PerangkatFactory(nama="Ahmad Fauzi", nipd="")
    budi = PerangkatFactory(
        nama="Budi Hartono", nip="198001012005011002", pangkat_golongan="Penata / III c"
    )
    warga = PendudukFactory(
        nama="SITI RAHMAWATI",
        jenis_kelamin=2,
        tanggal_lahir=T(1985, 4, 3),
        nik="3201014304850001",
        tempat_lahir="Cianjur",
        pendidikan_kk=8,
        wilayah=buat_rt(),
    )
    siti = services.perangkat_create(
        oleh=operator, data={"penduduk": warga, "gelar_belakang": "S.E.", "nipd": "1985040301"}
    )
    lama = angkat(ahmad, "Kepala Desa", T(2019, 3, 1), nomor_sk="141/Kep.12-DPMD/2019")
    services.pengangkatan_berhenti(
        oleh=operator,
        pengangkatan=lama,
        nomor_sk_berhenti="141/Kep.9-DPMD/2025",
        tanggal_sk_berhenti=T(2025, 2, 20),
        tanggal_berhenti=T(2025, 3, 1),
    )
    baru = angkat(budi, "Kepala Desa", T(2025, 3, 1), nomor_sk="141/Kep.33-DPMD/2025")
    sekdes = angkat(siti, "Sekretaris Desa", T(2020, 1, 6), nomor_sk="141/05/KPTS/2020")
    services.pengangkatan_verifikasi(oleh=operator, pengangkatan=sekdes)
    return {"lama": lama, "baru": baru, "sekdes": sekdes}


def test_buku_aparat_memuat_yang_menjabat_pada_tanggal(aparat):
    buku = buku_aparat(T(2025, 6, 1))
    assert [b[1] for b in buku.baris] == ["Budi Hartono", "SITI RAHMAWATI, S.E."]
    budi, siti = buku.baris
    assert len(buku.kolom) == 13
    assert [k.judul for k in buku.kolom][:4] == ["No", "Nama", "NIPD", "NIP"]
    assert budi[3] == "198001012005011002" and budi[7] == "Penata / III c"
    assert budi[10] == "141/Kep.33-DPMD/2025\n1 Maret 2025"
    # Identity from the register for Siti.
    assert siti[4] == "P" and siti[5] == "Cianjur, 3 April 1985" and siti[6] == "ISLAM"
    assert siti[9] == "DIPLOMA IV/ STRATA I" and siti[2] == "1985040301"
    # Before the change, the former kades with his dismissal decree.
    lama = buku_aparat(T(2025, 2, 28)).baris[0]
    assert lama[1] == "Ahmad Fauzi"
    assert lama[11] == "141/Kep.9-DPMD/2025\n20 Februari 2025"


def test_buku_aparat_memakai_sebutan_nip_desa(aparat, desa):
    desa.sebutan_nip_desa = "NIAP"
    desa.save()
    from django.core.cache import cache

    cache.clear()
    assert buku_aparat(T(2025, 6, 1)).kolom[2].judul == "NIAP"


def test_buku_aparat_pdf_berisi_nama_nomor_sk_kop_dan_penandatangan(aparat, artefak):
    pdf = sebagai_pdf(buku_aparat(T(2025, 6, 1)), kertas="F4", dicetak=T(2025, 6, 2))
    (artefak / "buku-aparat.pdf").write_bytes(pdf)
    teks = teks_pdf(pdf)
    assert "BUKU APARAT PEMERINTAH DESA" in teks
    assert "DESA SUKAMAJU" in teks and "KECAMATAN CIBINONG" in teks
    assert "Keadaan per 1 Juni 2025" in teks
    assert "Budi Hartono" in teks and "141/Kep.33-DPMD/2025" in rapat(teks)
    assert "SITI RAHMAWATI" in teks and "141/05/KPTS/2020" in rapat(teks)
    assert "Ahmad Fauzi" not in teks  # not in office on that date
    # Signed by the kades in office on the print date.
    assert "Sukamaju, 2 Juni 2025" in teks and "Kepala Desa Sukamaju" in teks
    assert teks.rstrip().count("Budi Hartono") == 2  # in the table and under the signature
    assert "Halaman 1 dari 1" in teks
    assert jumlah_halaman(pdf) == 1


def test_buku_aparat_tanpa_kepala_desa_tetap_tercetak_dengan_baris_tanda_tangan(aparat):
    pdf = sebagai_pdf(buku_aparat(T(2010, 1, 1)), dicetak=T(2010, 1, 1))
    teks = teks_pdf(pdf)
    assert "Tidak ada perangkat desa yang menjabat pada tanggal ini" in teks
    assert "Kepala Desa Sukamaju" in teks and "(………" in teks


def test_buku_aparat_xlsx(aparat):
    wb = load_workbook(io.BytesIO(sebagai_xlsx(buku_aparat(T(2025, 6, 1)))))
    ws = wb.active
    assert ws["A1"].value == "BUKU APARAT PEMERINTAH DESA"
    assert ws["A2"].value == "Desa Sukamaju"
    assert ws["A5"].value == "No" and ws["M5"].value == "Ket."
    assert [ws.cell(row=6, column=c).value for c in (1, 13)] == [1, 13]
    assert ws["A7"].value == 1 and ws["B7"].value == "Budi Hartono"
    assert ws["K7"].value == "141/Kep.33-DPMD/2025\n1 Maret 2025"
    assert ws["B8"].value == "SITI RAHMAWATI, S.E."
    assert ws.freeze_panes == "A7"


def test_laporan_data_perangkat_dengan_status_sk(aparat, operator):
    laporan = laporan_data_perangkat(T(2025, 6, 1))
    status = {b[1]: b[8] for b in laporan.baris}
    assert status["Budi Hartono"] == "Belum diverifikasi"
    assert status["SITI RAHMAWATI, S.E."].startswith("Terverifikasi\n")
    assert "oleh" in status["SITI RAHMAWATI, S.E."]
    assert dict(laporan.ringkasan)["SK terverifikasi"] == 1
    teks = teks_pdf(sebagai_pdf(laporan, dicetak=T(2025, 6, 2)))
    assert "LAPORAN DATA PERANGKAT DESA" in teks
    assert "Belum diverifikasi" in teks and "Terverifikasi" in teks
    assert "SK terverifikasi: 1" in teks


def test_unduh_buku_aparat_dari_back_office(client, aparat, buat_staf):
    client.force_login(buat_staf("Kepala Desa"))
    url = reverse("admin:perangkat_buku_aparat")
    halaman = client.get(url, {"tanggal": "2025-06-01", "kertas": "A4"})
    assert halaman.status_code == 200
    assert "Budi Hartono" in halaman.content.decode()
    pdf = client.get(url, {"tanggal": "2025-06-01", "kertas": "A4", "unduh": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == (
        'attachment; filename="buku-aparat-pemerintah-desa-2025-06-01.pdf"'
    )
    assert "141/Kep.33-DPMD/2025" in rapat(teks_pdf(pdf.content))
    xlsx = client.get(url, {"tanggal": "2025-06-01", "unduh": "xlsx", "kertas": "F4"})
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    assert load_workbook(io.BytesIO(xlsx.content)).active["B7"].value == "Budi Hartono"
    laporan = client.get(reverse("admin:perangkat_laporan_data"), {"tanggal": "2025-06-01"})
    assert "Belum diverifikasi" in laporan.content.decode()


def test_tanggal_laporan_tidak_sah_ditolak_dengan_pesan(client, aparat, buat_staf):
    client.force_login(buat_staf("Kepala Desa"))
    r = client.get(
        reverse("admin:perangkat_buku_aparat"), {"tanggal": "31-31-2025", "unduh": "pdf"}
    )
    assert r.status_code == 200 and r["Content-Type"].startswith("text/html")
    assert "Masukkan tanggal yang valid" in r.content.decode() or "tanggal" in r.content.decode()
