"""Printed registers keep words and numbers whole in their cells (issue #15, defect 7:
"Keteranga/n", "PANGKAT/GOLONGA/N", "KATHOLI/K", NIPD numbers split). Checked on the laid-out
document (every cell of every register, both papers) and on the PDF's text (pdftotext)."""

import datetime
import shutil
import subprocess

import pytest
from django.utils import timezone

from penduduk.laporan import keluaran
from penduduk.laporan.buku import BUKU, Parameter, buat_buku
from perangkat import laporan as laporan_perangkat
from sid import kode
from sid.lib.pdf import tata_letak
from tests.factories import KeluargaFactory, PendudukFactory, buat_rt
from tests.kata_utuh import kata_terpotong
from tests.surat.siapan import angkat

pytestmark = pytest.mark.django_db
HARI_INI = timezone.localdate()


@pytest.fixture
def desa_bernama_panjang(desa):
    """Residents whose words are the longest a register meets: place names, religions, codes."""
    rt = buat_rt("SUKAMAKMURJAYA", "001", "001")
    for i, (tempat, agama) in enumerate(
        [("PEMATANGSIANTAR", 3), ("YOGYAKARTA", 1), ("BOJONGGEDE", 7), ("TANJUNGBALAI", 2)]
    ):
        k = KeluargaFactory(wilayah=rt, alamat="JL. PAHLAWAN KEMERDEKAAN NO. 17")
        PendudukFactory(
            keluarga=k,
            shdk=kode.SHDK.KEPALA_KELUARGA,
            nama=f"MUHAMMAD FADHILLAHURRAHMAN {'ABCD'[i]}",  # a valid name (no digits)
            tempat_lahir=tempat,
            agama=agama,
            pekerjaan=88,
            tanggal_lahir=datetime.date(1975, 1, 10 + i),
        )


@pytest.mark.parametrize("kertas", ["F4", "A4"])
@pytest.mark.parametrize("kunci", sorted(BUKU))
def test_setiap_buku_kependudukan_tanpa_kata_terpotong(desa_bernama_panjang, kunci, kertas):
    p = Parameter(tanggal=HARI_INI, tahun=HARI_INI.year, bulan=HARI_INI.month, kertas=kertas)
    buku = buat_buku(kunci, p)
    baris = list(buku.baris())
    konteks = {
        **keluaran._konteks(buku, kertas=kertas, dicetak=HARI_INI, baris=baris),
        "baris": keluaran._sel(buku, baris),
        "utuh": True,
    }
    assert kata_terpotong(tata_letak("laporan/penduduk/buku.html", konteks)) == []


def _pdftotext(pdf: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        from tests.conftest import perlu_layanan

        perlu_layanan("pdftotext tidak terpasang (apt-get install poppler-utils)")
    berkas = tmp_path / "buku.pdf"
    berkas.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_buku_induk_pdf_menulis_kata_dan_nik_utuh(desa_bernama_panjang, tmp_path):
    from penduduk.models import Penduduk

    buku = buat_buku("induk", Parameter(tanggal=HARI_INI, kertas="F4"))
    teks = _pdftotext(keluaran.sebagai_pdf(buku, kertas="F4", dicetak=HARI_INI), tmp_path)
    for kata in ("Keterangan", "KATHOLIK", "PEMATANGSIANTAR", "YOGYAKARTA", "BOJONGGEDE"):
        assert kata in teks
    for nik in Penduduk.objects.values_list("nik", flat=True):
        assert nik in teks


@pytest.mark.parametrize("kertas", ["A4", "F4"])
def test_buku_aparat_tanpa_kata_terpotong(desa, admin_desa, kertas, tmp_path):
    from tests.factories import PerangkatFactory

    angkat(
        admin_desa,
        PerangkatFactory(
            nama="Yosef Pasaribu",
            gelar_belakang="S.Pd.",
            nipd="1985092020220410",
            nip="198509202022041001",
            tempat_lahir="PEMATANGSIANTAR",
            agama=3,
            pangkat_golongan="Penata Muda/III a",
        ),
        "Kepala Desa",
        nomor_sk="141/Kep.007-DPMD/2024",
    )
    for buat in (laporan_perangkat.buku_aparat, laporan_perangkat.laporan_data_perangkat):
        dokumen = tata_letak(
            laporan_perangkat.TEMPLATE_PDF,
            laporan_perangkat.konteks_pdf(buat(HARI_INI), kertas=kertas, dicetak=HARI_INI),
        )
        assert kata_terpotong(dokumen) == [], buat.__name__
    lap = laporan_perangkat.buku_aparat(HARI_INI)
    teks = _pdftotext(laporan_perangkat.sebagai_pdf(lap, kertas=kertas, dicetak=HARI_INI), tmp_path)
    for kata in ("GOLONGAN", "KATHOLIK", "1985092020220410", "198509202022041001"):
        assert kata in teks


def test_buku_induk_ditandatangani_kepala_desa_yang_menjabat(
    desa_bernama_panjang, admin_desa, tmp_path
):
    """The register's signature block names the head of the village in office (the officials
    app answers through sid.penandatangan; the register never imports it)."""
    from tests.factories import PerangkatFactory

    buku = buat_buku("induk", Parameter(tanggal=HARI_INI, kertas="F4"))
    kosong = _pdftotext(keluaran.sebagai_pdf(buku, kertas="F4", dicetak=HARI_INI), tmp_path)
    assert "(………………………………)" in kosong
    angkat(admin_desa, PerangkatFactory(nama="Ahmad Fauzi", gelar_depan="H."), "Kepala Desa")
    teks = _pdftotext(keluaran.sebagai_pdf(buku, kertas="F4", dicetak=HARI_INI), tmp_path)
    assert "H. Ahmad Fauzi" in teks
