"""Bad input named in issue 4: refused with a clear message, and nothing written."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from penduduk.impor import formats
from penduduk.impor.layanan import penduduk_impor
from sid.models import LogAktivitas
from tests.factories import KeluargaFactory, PendudukFactory, buat_rt
from tests.impor.bantuan import anak, baris, istri, jumlah_data, xlsx
from tests.impor.conftest import CONTOH

pytestmark = pytest.mark.django_db
KOSONG = {"penduduk": 0, "keluarga": 0, "wilayah": 0, "peristiwa": 0, "peristiwa_keluarga": 0}


def _tolak_berkas(admin, isi) -> str:
    with pytest.raises(ValidationError) as info:
        penduduk_impor(oleh=admin, berkas=isi, dry_run=False)
    assert jumlah_data() == KOSONG
    assert not LogAktivitas.objects.filter(aksi__in=["buat", "ubah", "impor"]).exists()
    return " ".join(info.value.messages)


def test_skrip_berganti_nama_xlsx_ditolak(desa, admin_desa, tmp_path):
    skrip = tmp_path / "data.xlsx"
    skrip.write_text("#!/bin/sh\nrm -rf / --no-preserve-root\n")
    pesan = _tolak_berkas(admin_desa, skrip)
    assert "bukan lembar kerja Excel" in pesan


def test_zip_terpotong_ditolak(desa, admin_desa):
    utuh = CONTOH.read_bytes()
    pesan = _tolak_berkas(admin_desa, utuh[: len(utuh) // 2])
    assert "rusak atau terpotong" in pesan


def test_zip_yang_bukan_lembar_kerja_ditolak(desa, admin_desa):
    import zipfile

    isi = io.BytesIO()
    with zipfile.ZipFile(isi, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    pesan = _tolak_berkas(admin_desa, isi.getvalue())
    assert "rusak atau terpotong" in pesan


def test_judul_kolom_tidak_dikenal_ditolak(desa, admin_desa):
    isi = xlsx([{**baris(), "hobi": "MANCING"}], judul=["nik", "nama", "hobi"])
    pesan = _tolak_berkas(admin_desa, isi)
    assert "Kolom tidak dikenal: hobi" in pesan
    assert "alamat, dusun, rw, rt, nama, no_kk, nik" in pesan


def test_berkas_kosong_ditolak(desa, admin_desa):
    assert "Berkas kosong" in _tolak_berkas(admin_desa, b"")


def test_lembar_kerja_tanpa_isi_ditolak(desa, admin_desa):
    wb = openpyxl.Workbook()
    keluaran = io.BytesIO()
    wb.save(keluaran)
    assert "Berkas kosong" in _tolak_berkas(admin_desa, keluaran.getvalue())


def test_hanya_judul_tanpa_baris_data_ditolak(desa, admin_desa):
    pesan = _tolak_berkas(admin_desa, xlsx([], judul=["nik", "nama"]))
    assert "tidak berisi baris data" in pesan


def test_berkas_melebihi_batas_ukuran_ditolak(desa, admin_desa, monkeypatch):
    monkeypatch.setattr(formats, "BATAS_BYTE", 10_000)
    pesan = _tolak_berkas(admin_desa, CONTOH)
    assert "Berkas terlalu besar" in pesan and "batasnya" in pesan


def test_batas_ukuran_20_mb():
    assert formats.BATAS_BYTE == 20 * 1024 * 1024


def _satu_baris_ditolak(admin, daftar) -> list[dict]:
    hasil = penduduk_impor(oleh=admin, berkas=xlsx(daftar), dry_run=False)
    assert hasil.baru == 0 and hasil.diubah == 0
    assert not hasil.disimpan
    assert jumlah_data() == KOSONG
    return hasil.galat


def test_label_kode_tidak_dikenal_ditolak(desa, admin_desa):
    galat = _satu_baris_ditolak(admin_desa, [baris(agama_id="JEDI")])
    assert galat == [
        {
            "baris": 2,
            "kolom": "agama_id",
            "pesan": "Kode atau label 'JEDI' tidak dikenal untuk kolom agama_id. Pilihan: "
            "1 ISLAM, 2 KRISTEN, 3 KATHOLIK, 4 HINDU, 5 BUDHA, 6 KHONGHUCU, "
            "7 KEPERCAYAAN TERHADAP TUHAN YME / LAINNYA.",
        }
    ]


def test_nik_15_digit_ditolak(desa, admin_desa):
    galat = _satu_baris_ditolak(admin_desa, [baris(nik="320101170580000")])
    assert galat == [
        {"baris": 2, "kolom": "nik", "pesan": "NIK harus tepat 16 digit (yang diisi 15 digit)."}
    ]


def test_nik_sama_dua_kali_menyebut_kedua_baris(desa, admin_desa):
    galat = _satu_baris_ditolak(admin_desa, [baris(), istri(nik="3201011705800001"), anak()])
    pesan = {(g["baris"], g["kolom"]): g["pesan"] for g in galat}
    assert pesan[(2, "nik")] == "NIK 3201011705800001 ganda dalam berkas: juga ada di baris 3."
    assert pesan[(3, "nik")] == "NIK 3201011705800001 ganda dalam berkas: juga ada di baris 2."
    # The head (row 2) is refused, so its family is not created and the child is refused too.
    assert "Baris kepala keluarga KK 3201010101240001 (baris 2) ditolak" in pesan[(4, "no_kk")]


def test_baris_yang_memindahkan_penduduk_ke_kk_lain_ditolak(desa, admin_desa):
    rt = buat_rt("KRAJAN", "001", "001")
    k = KeluargaFactory(no_kk="3201010101230001", wilayah=rt)
    KeluargaFactory(no_kk="3201010101230002", wilayah=rt)
    budi = PendudukFactory(
        nama="Budi Santoso", nik="3201011705800001", keluarga=k, shdk=1, status_kawin=2
    )
    sebelum = jumlah_data()

    hasil = penduduk_impor(
        oleh=admin_desa,
        berkas=xlsx([{"nik": "3201011705800001", "no_kk": "3201010101230002", "nama": "BUDI"}]),
        dry_run=False,
    )

    assert hasil.galat == [
        {
            "baris": 2,
            "kolom": "no_kk",
            "pesan": "Baris ini akan memindahkan Budi Santoso dari KK 3201010101230001 ke KK "
            "3201010101230002. Impor tidak mengubah susunan keluarga; gunakan menu Keluarga "
            "(pecah KK / tambah anggota).",
        }
    ]
    budi.refresh_from_db()
    assert budi.keluarga_id == k.pk and budi.nama == "Budi Santoso"  # not even the name changed
    assert jumlah_data() == sebelum
    assert not LogAktivitas.objects.filter(aksi="ubah").exists()


def test_sel_berisi_rumus_ditolak(desa, admin_desa):
    wb = openpyxl.Workbook()
    ws = wb.active
    data = baris()
    judul = list(data)
    ws.append(judul)
    ws.append([data[k] for k in judul])
    ws.cell(row=2, column=judul.index("nama") + 1, value='=CONCAT("BUDI", " SANTOSO")')
    keluaran = io.BytesIO()
    wb.save(keluaran)

    hasil = penduduk_impor(oleh=admin_desa, berkas=keluaran.getvalue(), dry_run=False)

    assert hasil.ditolak == 1 and not hasil.disimpan
    galat = hasil.galat[0]
    assert galat["baris"] == 2 and galat["kolom"] == "nama"
    assert galat["pesan"].startswith('Sel berisi rumus (=CONCAT("BUDI", " SANTOSO"))')
    assert "Paste Special" in galat["pesan"]
    assert jumlah_data() == KOSONG
