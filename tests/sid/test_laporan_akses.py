"""SIAK SOP step 9: the report of the access set up, as PDF and Excel."""

import io
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sid.models import LogAktivitas

pytestmark = pytest.mark.django_db


def test_laporan_akses_pdf_memuat_setiap_akun_peran_dan_hak(
    klien_admin, operator, sekretaris, buat_staf, desa, tmp_path
):
    buat_staf("Operator", username="=HYPERLINK(1)")
    respons = klien_admin.get(reverse("admin:auth_group_laporan_akses"))
    assert respons.status_code == 200 and respons["Content-Type"] == "application/pdf"
    berkas = tmp_path / "akses.pdf"
    berkas.write_bytes(respons.content)
    teks = subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "LAPORAN HAK AKSES PENGGUNA" in teks
    for nama in (operator.username, sekretaris.username, "admindesa"):
        assert nama in teks
    assert "Sekretaris Desa" in teks and "Operator" in teks
    assert "Memverifikasi surat" in teks  # the Sekretaris's custom right
    assert LogAktivitas.objects.filter(aksi="unduh_laporan_akses").exists()


def test_laporan_akses_excel_per_menu_dan_rumus_tidak_dijalankan(
    klien_admin, operator, sekretaris, buat_staf, desa
):
    buat_staf("Operator", username="=HYPERLINK(1)")
    respons = klien_admin.get(reverse("admin:auth_group_laporan_akses") + "?format=xlsx")
    assert respons.status_code == 200
    ws = load_workbook(io.BytesIO(respons.content)).active
    baris = list(ws.iter_rows(values_only=True))
    judul = baris[0]
    assert judul[:3] == ("Akun", "Nama", "Peran")
    kolom = {j: i for i, j in enumerate(judul)}
    sekretaris_artikel = [
        b for b in baris[1:] if b[0] == sekretaris.username and b[kolom["Halaman"]] == "Artikel"
    ]
    assert not sekretaris_artikel  # no website rights for the Sekretaris
    operator_artikel = [
        b for b in baris[1:] if b[0] == operator.username and b[kolom["Halaman"]] == "Artikel"
    ]
    assert operator_artikel and operator_artikel[0][kolom["Hapus"]] == "ya"
    log_sekretaris = [
        b
        for b in baris[1:]
        if b[0] == sekretaris.username and b[kolom["Halaman"]] == "Log aktivitas"
    ]
    assert log_sekretaris[0][kolom["Lihat"]] == "ya" and log_sekretaris[0][kolom["Ubah"]] in (
        "",
        None,
    )
    rumus = [c for r in ws.iter_rows() for c in r if "HYPERLINK(1)" in str(c.value)]
    assert rumus and all(c.data_type == "s" and c.value == "'=HYPERLINK(1)" for c in rumus)


def test_laporan_akses_ditolak_bagi_selain_administrator(client, operator, desa):
    client.force_login(operator)
    assert client.get(reverse("admin:auth_group_laporan_akses")).status_code == 403
    assert not LogAktivitas.objects.filter(aksi="unduh_laporan_akses").exists()
