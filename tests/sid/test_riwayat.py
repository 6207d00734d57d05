"""Change history (Riwayat perubahan data) in words: field labels and display values, never a
field name, an id or a UUID; foreign keys stored as bare ids looked up in bounded queries."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.riwayat import label_aksi

pytestmark = pytest.mark.django_db


def _catat(admin_desa, budi, keluarga):
    return catat_aktivitas(
        oleh=admin_desa,
        aksi="ubah",
        objek=budi,
        perubahan={
            "id": [None, budi.pk],
            "uuid": [None, str(uuid.UUID(int=7))],
            "jenis_kelamin": ["2 PEREMPUAN", "1 LAKI-LAKI"],
            "keluarga": [None, str(keluarga.pk)],  # a bare id, as older entries hold
            "tanggal_lahir": ["1980-05-16", "1980-05-17"],
        },
    )


def test_halaman_penduduk_menampilkan_label_dan_nilai_bukan_nama_kolom(
    klien_admin, admin_desa, keluarga_budi
):
    keluarga, budi = keluarga_budi[0], keluarga_budi[1]
    _catat(admin_desa, budi, keluarga)
    html = klien_admin.get(reverse("admin:penduduk_penduduk_change", args=[budi.pk])).content
    html = html.decode()
    bagian = html[html.index('id="riwayat"') :]
    assert "Jenis kelamin" in bagian and "PEREMPUAN → LAKI-LAKI" in bagian
    assert keluarga.no_kk in bagian  # the family's KK number, not its id
    assert "16-05-1980 → 17-05-1980" in bagian
    for mentah in ("jenis_kelamin", "tanggal_lahir", "uuid", "id:", str(uuid.UUID(int=7))):
        assert mentah not in bagian


def test_daftar_riwayat_perubahan_tanpa_id_dengan_kueri_terbatas(
    klien_admin, admin_desa, keluarga_budi
):
    keluarga, budi = keluarga_budi[0], keluarga_budi[1]
    url = reverse("admin:penduduk_riwayatperubahan_changelist")
    _catat(admin_desa, budi, keluarga)
    klien_admin.get(url)  # caches (menu, content types) filled
    with CaptureQueriesContext(connection) as satu:
        html = klien_admin.get(url).content.decode()
    assert "Jenis kelamin: PEREMPUAN → LAKI-LAKI" in html
    assert keluarga.no_kk in html and str(uuid.UUID(int=7)) not in html
    for _ in range(20):
        _catat(admin_desa, budi, keluarga)
    with CaptureQueriesContext(connection) as banyak:
        assert klien_admin.get(url).status_code == 200
    # One lookup of the families for the whole page, whatever the number of entries.
    assert len(banyak.captured_queries) == len(satu.captured_queries)


def test_log_aktivitas_menamai_aksi_dan_jenis_data(klien_admin, admin_desa, keluarga_budi):
    budi = keluarga_budi[1]
    catat_aktivitas(oleh=admin_desa, aksi="mandiri_unduh_surat", objek=budi)
    html = klien_admin.get(reverse("admin:sid_logaktivitas_changelist")).content.decode()
    assert "Layanan Mandiri: unduh surat" in html
    assert ">mandiri_unduh_surat<" not in html and " mandiri_unduh_surat " not in html


def test_potret_tanpa_id_dan_uuid(keluarga_budi):
    budi = keluarga_budi[1]
    isi = potret(budi)
    assert "id" not in isi and "uuid" not in isi
    assert "id" not in selisih({}, isi)


def test_label_aksi():
    assert label_aksi("peristiwa_pindah_masuk") == "Peristiwa: pindah masuk"
    assert label_aksi("tetapkan_apbdes") == "Tetapkan APBDes"
    assert label_aksi("ubah") == "Diubah"
