"""The import screens: upload → preview → confirm → progress → result; permissions."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from keluarga.models import Keluarga
from penduduk.impor import layanan
from penduduk.models import ImporPenduduk, Penduduk
from sid.models import LogAktivitas
from tests.impor.bantuan import baris, istri, jumlah_data, xlsx
from tests.impor.conftest import CONTOH, SIAK

pytestmark = pytest.mark.django_db
TAMBAH = reverse("admin:penduduk_imporpenduduk_add")


@pytest.fixture
def klien_operator(client, operator, desa):
    client.force_login(operator)
    return client


def _unggah(client, isi: bytes, nama="contoh_penduduk.xlsx"):
    return client.post(TAMBAH, {"berkas": SimpleUploadedFile(nama, isi)})


def test_unggah_pratinjau_konfirmasi_hasil(
    klien_operator, operator, django_capture_on_commit_callbacks
):
    response = _unggah(klien_operator, CONTOH.read_bytes())
    impor = ImporPenduduk.objects.get()
    assert response.status_code == 302 and response["Location"] == impor.get_absolute_url()
    assert impor.status == ImporPenduduk.Status.DIPERIKSA
    assert (impor.baru, impor.diubah, impor.tidak_berubah, impor.ditolak) == (97, 0, 0, 0)
    assert impor.oleh == operator and impor.format == "opensid"
    assert impor.berkas.name == f"impor/penduduk/{impor.uuid}.xlsx"  # private, not the user's name
    assert Penduduk.objects.count() == 0

    halaman = klien_operator.get(impor.get_absolute_url()).content.decode()
    assert "Pratinjau — belum ada yang disimpan" in halaman
    assert "Jalankan impor (97 penduduk disimpan)" in halaman
    assert "37 keluarga (KK) baru akan dibuat" in halaman
    assert "tanpa tingkat RW" in halaman
    assert "ADINI SEPTIA LISTA" in halaman  # sample of new rows

    with django_capture_on_commit_callbacks(execute=True):
        response = klien_operator.post(
            reverse("admin:penduduk_imporpenduduk_jalankan", args=[impor.pk])
        )
    assert response.status_code == 302
    impor.refresh_from_db()
    assert impor.status == ImporPenduduk.Status.SELESAI
    assert impor.pesan == "Tersimpan: 97 baru, 0 diubah, 0 tidak berubah, 0 ditolak."
    assert Penduduk.objects.count() == 97 and Keluarga.objects.count() == 37
    halaman = klien_operator.get(impor.get_absolute_url()).content.decode()
    assert "Hasil impor" in halaman and "Tersimpan: 97 baru" in halaman

    # Confirming twice does not run it twice.
    response = klien_operator.post(
        reverse("admin:penduduk_imporpenduduk_jalankan", args=[impor.pk]), follow=True
    )
    assert "hanya hasil pemeriksaan yang menunggu konfirmasi" in response.content.decode()
    assert Penduduk.objects.count() == 97


def test_unggah_berkas_buruk_ditolak_di_formulir_tanpa_menyimpan(klien_operator):
    response = _unggah(klien_operator, b"#!/bin/sh\necho hai\n", "skrip.xlsx")
    assert response.status_code == 200
    assert "bukan lembar kerja Excel" in response.content.decode()
    assert not ImporPenduduk.objects.exists()
    assert not LogAktivitas.objects.filter(aksi="unggah").exists()


def test_unggah_judul_tidak_dikenal_ditolak_di_formulir(klien_operator):
    response = _unggah(klien_operator, xlsx([{"nik": "1", "hobi": "x"}], judul=["nik", "hobi"]))
    assert "Kolom tidak dikenal: hobi" in response.content.decode()
    assert not ImporPenduduk.objects.exists()


def test_pratinjau_menampilkan_baris_ditolak_dan_unduhan_galat(klien_operator):
    isi = xlsx([baris(), istri(agama_id="JEDI"), baris(nik="123", no_kk="3201010101240002")])
    _unggah(klien_operator, isi, "warga.xlsx")
    impor = ImporPenduduk.objects.get()
    assert (impor.baru, impor.ditolak) == (1, 2)
    halaman = klien_operator.get(impor.get_absolute_url()).content.decode()
    assert "Baris ditolak" in halaman
    assert "Kode atau label &#x27;JEDI&#x27; tidak dikenal" in halaman

    response = klien_operator.get(reverse("admin:penduduk_imporpenduduk_galat", args=[impor.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="warga-ditolak.xlsx"'
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    baris_xlsx = list(wb.active.iter_rows(values_only=True))
    assert baris_xlsx[0][-1] == "galat"
    judul = list(baris_xlsx[0])
    assert [r[judul.index("nama")] for r in baris_xlsx[1:]] == ["SITI AMINAH", "BUDI SANTOSO"]
    assert baris_xlsx[1][-1].startswith("agama_id: Kode atau label 'JEDI'")
    assert "nik: NIK harus tepat 16 digit" in baris_xlsx[2][-1]

    # The refused-rows file, fixed, can be uploaded again (its galat column is ignored).
    wb.active.cell(row=2, column=judul.index("agama_id") + 1, value="1")
    wb.active.delete_rows(3)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    _unggah(klien_operator, keluaran.getvalue(), "warga-ditolak.xlsx")
    kedua = ImporPenduduk.objects.order_by("-pk").first()
    assert (kedua.baru, kedua.ditolak) == (0, 1)  # the wife still needs her head's family...
    assert "belum terdaftar" in kedua.galat[0]["pesan"]  # ...which was not imported yet


def test_tanpa_data_untuk_disimpan_tidak_bisa_dijalankan(klien_operator):
    _unggah(klien_operator, xlsx([baris(nik="1")]))
    impor = ImporPenduduk.objects.get()
    halaman = klien_operator.get(impor.get_absolute_url()).content.decode()
    assert "Jalankan impor" not in halaman
    assert "Tidak ada data baru atau perubahan yang dapat disimpan" in halaman
    response = klien_operator.post(
        reverse("admin:penduduk_imporpenduduk_jalankan", args=[impor.pk]), follow=True
    )
    assert "tidak ada yang akan disimpan" in response.content.decode()
    impor.refresh_from_db()
    assert impor.status == ImporPenduduk.Status.DIPERIKSA


def test_berkas_besar_diperiksa_di_tugas_latar(
    klien_operator, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(layanan, "BATAS_INLINE", 1)
    with django_capture_on_commit_callbacks(execute=True):
        _unggah(klien_operator, SIAK.read_bytes(), "format_siak.xls")
    impor = ImporPenduduk.objects.get()
    assert impor.status == ImporPenduduk.Status.DIPERIKSA
    assert impor.format == "siak" and impor.baru == 18
    assert impor.berkas.name.endswith(".xls")


def test_progres_htmx_memuat_ulang_saat_selesai(klien_operator):
    _unggah(klien_operator, CONTOH.read_bytes())
    impor = ImporPenduduk.objects.get()
    url = reverse("admin:penduduk_imporpenduduk_progres", args=[impor.pk])
    assert klien_operator.get(url)["HX-Refresh"] == "true"

    ImporPenduduk.objects.filter(pk=impor.pk).update(status="berjalan", diproses=40, tahap="x")
    response = klien_operator.get(url)
    assert "HX-Refresh" not in response
    assert 'hx-trigger="every 1s"' in response.content.decode()
    assert "40 / 97 baris" in response.content.decode()
    halaman = klien_operator.get(impor.get_absolute_url()).content.decode()
    assert "vendor/htmx/htmx.min.js" in halaman and 'id="sid-progres"' in halaman


def test_kegagalan_tugas_dicatat_gagal_tanpa_data(
    klien_operator, monkeypatch, django_capture_on_commit_callbacks
):
    _unggah(klien_operator, CONTOH.read_bytes())
    impor = ImporPenduduk.objects.get()

    def rusak(*args, **kwargs):
        Penduduk.objects.create  # noqa: B018 - the crash happens mid-write
        raise RuntimeError("disk penuh")

    monkeypatch.setattr("penduduk.impor.tulis.sisip_massal", rusak)
    with django_capture_on_commit_callbacks(execute=True):
        klien_operator.post(reverse("admin:penduduk_imporpenduduk_jalankan", args=[impor.pk]))
    impor.refresh_from_db()
    assert impor.status == ImporPenduduk.Status.GAGAL
    assert "RuntimeError" in impor.pesan and "Tidak ada data yang disimpan" in impor.pesan
    assert jumlah_data() == dict.fromkeys(jumlah_data(), 0)
    halaman = klien_operator.get(impor.get_absolute_url()).content.decode()
    assert "Tidak ada data penduduk yang disimpan" in halaman


@pytest.mark.parametrize("peran", ["Sekretaris Desa", "Kepala Desa"])
def test_peran_lihat_saja_tidak_boleh_mengimpor(client, buat_staf, desa, peran, operator):
    client.force_login(operator)
    _unggah(client, CONTOH.read_bytes())
    impor = ImporPenduduk.objects.get()
    client.force_login(buat_staf(peran, username="lihat"))
    assert client.get(TAMBAH).status_code == 403
    assert _unggah(client, CONTOH.read_bytes()).status_code == 403
    assert client.get(impor.get_absolute_url()).status_code == 200
    jalankan = reverse("admin:penduduk_imporpenduduk_jalankan", args=[impor.pk])
    assert client.post(jalankan).status_code == 403
    assert Penduduk.objects.count() == 0
    daftar = client.get(reverse("admin:penduduk_penduduk_changelist")).content.decode()
    assert 'id="sid-impor"' not in daftar


def test_redaksi_tidak_melihat_impor(client, buat_staf, desa):
    client.force_login(buat_staf("Redaksi", username="redaksi"))
    assert client.get(reverse("admin:penduduk_imporpenduduk_changelist")).status_code == 403
    assert client.get(reverse("admin:penduduk_imporpenduduk_templat")).status_code == 403


def test_templat_impor_berisi_judul_dan_kode_data(klien_operator):
    response = klien_operator.get(reverse("admin:penduduk_imporpenduduk_templat"))
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames == ["Penduduk", "Kode Data"]
    assert next(wb["Penduduk"].iter_rows(values_only=True))[:7] == (
        "alamat",
        "dusun",
        "rw",
        "rt",
        "nama",
        "no_kk",
        "nik",
    )
    halaman = klien_operator.get(TAMBAH).content.decode()
    assert reverse("admin:penduduk_imporpenduduk_templat") in halaman and "unduh templat" in halaman


def test_bentrok_data_saat_impor_dilaporkan_jelas(
    klien_operator, monkeypatch, django_capture_on_commit_callbacks
):
    from penduduk.impor import rencana
    from tests.factories import PendudukFactory

    _unggah(klien_operator, xlsx([baris(rw="001", rt="001")]))
    impor = ImporPenduduk.objects.get()
    # Another screen registers the same NIK between the plan and the write.
    PendudukFactory(nik="3201011705800001")
    monkeypatch.setattr(rencana, "_penduduk_ada", lambda semua: {})
    with django_capture_on_commit_callbacks(execute=True):
        klien_operator.post(reverse("admin:penduduk_imporpenduduk_jalankan", args=[impor.pk]))
    impor.refresh_from_db()
    assert impor.status == ImporPenduduk.Status.GAGAL
    assert impor.pesan.startswith("Register berubah selama impor")
    assert Penduduk.objects.count() == 1 and Keluarga.objects.count() == 0
