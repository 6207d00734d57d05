"""Import of OpenSID's programme file: dry run with row errors; nothing written when refused."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bantuan import impor
from bantuan.models import Peserta, Program, Sasaran, SumberDana
from sid import kode
from sid.models import LogAktivitas
from tests.factories import KeluargaFactory, PendudukFactory

pytestmark = pytest.mark.django_db
REFERENSI = Path("/work/shared/reference/opensid/format_impor_program_bantuan.xlsx")
if not REFERENSI.exists():  # the repository's copy for CI
    REFERENSI = Path(__file__).resolve().parent / "format_impor_program_bantuan.xlsx"


def _referensi() -> bytes:
    return REFERENSI.read_bytes()


def _berkas(program: list[tuple], peserta: list[tuple]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Program"
    for baris in program:
        ws.append(list(baris))
    ws.append(["###"])
    ws2 = wb.create_sheet("Peserta")
    ws2.append(["Peserta", "No. Peserta", "NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "Alamat"])
    for baris in peserta:
        ws2.append(list(baris))
    ws2.append(["###"])
    ws2.append(["Catatan:"])
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


PROGRAM = [
    ("ID Program", ""),
    ("Nama Program", "BLT Dana Desa"),
    ("Sasaran Program", 2),
    ("Keterangan", "Bantuan langsung tunai"),
    ("Asal Dana", 4),
    ("Rentang Waktu (Awal)", "2026-01-01"),
    ("Rentang Waktu (Akhir)", "2026-12-31"),
]


@pytest.fixture
def warga_referensi(desa):
    ahlul = PendudukFactory(
        nik="5201142005716996", nama="Ahlul", tanggal_lahir=datetime.date(1971, 5, 20)
    )
    habib = PendudukFactory(
        nik="5201140301916995", nama="Ahmad Habib", tanggal_lahir=datetime.date(1991, 1, 3)
    )
    return ahlul, habib


def test_berkas_referensi_opensid_ditolak_bila_nik_tidak_ada_di_register(desa):
    rencana = impor.rencanakan(_referensi())
    assert rencana.program["nama"] == "Bantuan Sosial Tunai"
    assert rencana.program["sasaran"] == Sasaran.PENDUDUK
    assert rencana.program["sumber_dana"] == SumberDana.PUSAT
    assert [b.nomor for b in rencana.baris_galat] == [2, 3]
    assert "tidak ada di data penduduk" in rencana.baris_galat[0].galat[0]
    assert not rencana.bisa_diimpor
    with pytest.raises(ValidationError, match="Baris 2"):
        impor.impor_program_bantuan(oleh=None, data=_referensi())
    assert not Program.objects.exists() and not Peserta.objects.exists()


def test_berkas_referensi_opensid_diimpor_apa_adanya(warga_referensi, admin_desa):
    rencana = impor.rencanakan(_referensi())
    assert rencana.bisa_diimpor and rencana.ringkasan["baru"] == 2
    program, ringkasan = impor.impor_program_bantuan(
        oleh=admin_desa, data=_referensi(), nama_berkas="format.xlsx"
    )
    assert ringkasan == {"baru": 2, "ubah": 0, "sama": 0, "galat": 0, "total": 2}
    assert program.nama == "Bantuan Sosial Tunai"
    assert program.keterangan == "Bantuan Kementerian Sosial Republik Indonesia"
    assert program.tanggal_mulai == datetime.date(2020, 4, 1)
    assert program.tanggal_selesai == datetime.date(2020, 12, 31)
    ahlul = Peserta.objects.get(penduduk=warga_referensi[0])
    assert ahlul.nomor_kartu == "1" and ahlul.kartu_nama == "AHLUL"
    assert ahlul.kartu_tempat_lahir == "MANGSIT"
    assert ahlul.kartu_tanggal_lahir == datetime.date(1970, 5, 20)  # as on the card
    assert ahlul.kartu_alamat == "RT 004 RW - Dusun Mangsit"
    assert LogAktivitas.objects.filter(aksi="impor", pengguna=admin_desa).exists()
    # The same file again: nothing changes.
    rencana = impor.rencanakan(_referensi())
    assert rencana.program_ada == program and rencana.ringkasan["sama"] == 2


def test_impor_ulang_memperbarui_nomor_kartu(warga_referensi):
    data = _berkas(
        PROGRAM[:2] + [("Sasaran Program", 1), ("Asal Dana", "Pusat")],
        [("5201142005716996", "A-1", "5201142005716996", "", "", "", "")],
    )
    impor.impor_program_bantuan(oleh=None, data=data)
    ps = Peserta.objects.get()
    assert ps.kartu_nama == "Ahlul"  # empty columns come from the register
    data2 = _berkas(
        PROGRAM[:2] + [("Sasaran Program", 1), ("Asal Dana", "Pusat")],
        [("5201142005716996", "A-2", "5201142005716996", "", "", "", "")],
    )
    _p, ringkasan = impor.impor_program_bantuan(oleh=None, data=data2)
    assert ringkasan["ubah"] == 1
    ps.refresh_from_db()
    assert ps.nomor_kartu == "A-2"


def test_sasaran_rumah_tangga_belum_didukung(desa):
    data = _berkas(
        [("Nama Program", "Bedah Rumah"), ("Sasaran Program", 3)], [("1", "", "", "", "", "", "")]
    )
    rencana = impor.rencanakan(data)
    assert any("rumah tangga belum didukung" in g for g in rencana.galat_program)
    with pytest.raises(ValidationError):
        impor.impor_program_bantuan(oleh=None, data=data)
    assert not Program.objects.exists()


def test_satu_baris_salah_menolak_seluruh_berkas(warga_referensi):
    data = _berkas(
        PROGRAM[:2] + [("Sasaran Program", 1)],
        [
            ("5201142005716996", "1", "5201142005716996", "", "", "", ""),
            ("5201142005716996", "2", "5201142005716996", "", "", "", ""),
            ("123", "3", "", "", "", "", ""),
            ("5201140301916995", "4", "", "", "", "20-13-1990", ""),
        ],
    )
    rencana = impor.rencanakan(data)
    galat = {b.nomor: " ".join(b.galat) for b in rencana.baris_galat}
    assert "ganda: sudah ada di baris 2" in galat[3]
    assert "NIK 16 digit" in galat[4]
    assert "bukan tanggal" in galat[5]
    with pytest.raises(ValidationError):
        impor.impor_program_bantuan(oleh=None, data=data)
    assert not Program.objects.exists() and not Peserta.objects.exists()


def test_sasaran_keluarga_memakai_no_kk_dan_memeriksa_pemegang_kartu(desa):
    k = KeluargaFactory(no_kk="3201010101239999")
    kepala = PendudukFactory(keluarga=k, shdk=kode.SHDK.KEPALA_KELUARGA, nama="Kepala Satu")
    orang_lain = PendudukFactory(nama="Bukan Anggota")
    data = _berkas(
        PROGRAM,
        [
            (k.no_kk, "K1", "", "", "", "", ""),
        ],
    )
    program, ringkasan = impor.impor_program_bantuan(oleh=None, data=data)
    assert program.sasaran == Sasaran.KELUARGA and program.sumber_dana == SumberDana.DANA_DESA
    ps = Peserta.objects.get()
    assert ps.keluarga == k and ps.kartu_nama == kepala.nama and ps.kartu_nik == kepala.nik
    data = _berkas(PROGRAM, [(k.no_kk, "K1", orang_lain.nik, "", "", "", "")])
    rencana = impor.rencanakan(data)
    assert "bukan anggota KK" in rencana.baris_galat[0].galat[0]


def test_bukan_xlsx_atau_tanpa_lembar_ditolak(desa):
    assert "bukan Excel" in impor.rencanakan(b"nama,nik\n").galat_berkas[0]
    wb = openpyxl.Workbook()
    keluaran = io.BytesIO()
    wb.save(keluaran)
    assert "lembar" in impor.rencanakan(keluaran.getvalue()).galat_berkas[0]


def test_alur_admin_pratinjau_lalu_konfirmasi(client, buat_staf, warga_referensi, settings):
    client.force_login(buat_staf("Operator", username="operator"))
    r = client.get("/admin/bantuan/program/impor/")
    assert r.status_code == 200
    r = client.post(
        "/admin/bantuan/program/impor/",
        {"berkas": SimpleUploadedFile("bantuan.xlsx", _referensi())},
    )
    teks = r.content.decode()
    assert "belum ada yang disimpan" in teks and "Impor sekarang" in teks
    assert not Program.objects.exists()
    kode_berkas = client.session["bantuan_impor"]["kode"]
    assert (settings.PRIVATE_ROOT / f"bantuan/impor/{kode_berkas}.xlsx").is_file()
    r = client.post("/admin/bantuan/program/impor/", {"konfirmasi": kode_berkas})
    program = Program.objects.get()
    assert r.status_code == 302 and r["Location"] == program.get_absolute_url()
    assert program.peserta.count() == 2
    assert not (settings.PRIVATE_ROOT / f"bantuan/impor/{kode_berkas}.xlsx").exists()
    assert "bantuan_impor" not in client.session


def test_alur_admin_berkas_bermasalah_tanpa_tombol_impor(client, buat_staf, desa):
    client.force_login(buat_staf("Operator", username="operator"))
    r = client.post(
        "/admin/bantuan/program/impor/",
        {"berkas": SimpleUploadedFile("bantuan.xlsx", _referensi())},
    )
    teks = r.content.decode()
    assert "Berkas ditolak" in teks and "Impor sekarang" not in teks
    assert "tidak ada di data penduduk" in teks
    r = client.post("/admin/bantuan/program/impor/", {"konfirmasi": "ngawur"})
    assert r.status_code == 302 and not Program.objects.exists()


def test_format_kosong_dapat_diunduh_dan_dibaca_lagi(client, buat_staf, desa):
    client.force_login(buat_staf("Operator", username="operator"))
    r = client.get("/admin/bantuan/program/impor/format/")
    assert r.status_code == 200
    rencana = impor.rencanakan(r.content)
    assert rencana.galat_berkas == ["Lembar Peserta tidak berisi peserta."]
