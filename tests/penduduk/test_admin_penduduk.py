"""Back-office screens of the register: lists, pages and event forms."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from keluarga.models import Keluarga
from penduduk.models import Penduduk
from sid import kode
from tests.factories import KeluargaFactory, PendudukFactory, buat_rt

pytestmark = pytest.mark.django_db
HARI_INI = datetime.date.today()


def _isi_desa(jumlah_kk: int):
    rts = [buat_rt(rt=f"{i:03d}") for i in range(1, 4)]
    for i in range(jumlah_kk):
        k = KeluargaFactory(wilayah=rts[i % 3])
        PendudukFactory(keluarga=k, shdk=kode.SHDK.KEPALA_KELUARGA, status_kawin=2)
        PendudukFactory(keluarga=k, shdk=kode.SHDK.ANAK, jenis_kelamin=2)


def _jumlah_query(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url_name", ["admin:penduduk_penduduk_changelist", "admin:keluarga_keluarga_changelist"]
)
def test_daftar_berjumlah_query_tetap_untuk_10_dan_100_baris(klien_operator, url_name):
    url = reverse(url_name) + "?all="
    _isi_desa(5)
    klien_operator.get(url)  # warm the per-process caches (village identity, content types)
    sedikit = _jumlah_query(klien_operator, url)
    _isi_desa(50)
    banyak = _jumlah_query(klien_operator, url)
    assert Penduduk.objects.count() == 110
    assert sedikit == banyak


def test_halaman_penduduk_dan_keluarga_berjumlah_query_tetap(klien_operator, keluarga_budi):
    k, kepala, *_ = keluarga_budi
    klien_operator.get(kepala.get_absolute_url())  # warm caches
    klien_operator.get(k.get_absolute_url())
    q1 = _jumlah_query(klien_operator, kepala.get_absolute_url())
    for _ in range(10):
        PendudukFactory(keluarga=k, shdk=kode.SHDK.CUCU)
    q2 = _jumlah_query(klien_operator, kepala.get_absolute_url())
    assert q1 == q2
    q3 = _jumlah_query(klien_operator, k.get_absolute_url())
    PendudukFactory(keluarga=k, shdk=kode.SHDK.CUCU)
    assert _jumlah_query(klien_operator, k.get_absolute_url()) == q3


@pytest.mark.parametrize(
    "cari,ketemu", [("santo", 2), ("3201011705", 1), ("3201010101230001", 3), ("SITI", 1)]
)
def test_cari_penduduk_nama_nik_atau_no_kk(klien_operator, keluarga_budi, cari, ketemu):
    response = klien_operator.get(reverse("admin:penduduk_penduduk_changelist"), {"q": cari})
    assert response.context["cl"].result_count == ketemu


def test_daftar_bawaan_hanya_penduduk_hidup(klien_operator, keluarga_budi, operator):
    from penduduk import services

    *_, anak = keluarga_budi
    services.peristiwa_hilang_catat(
        oleh=operator, penduduk=anak, tanggal_peristiwa=HARI_INI, tanggal_lapor=HARI_INI
    )
    url = reverse("admin:penduduk_penduduk_changelist")
    assert klien_operator.get(url).context["cl"].result_count == 2
    assert klien_operator.get(url, {"status": "semua"}).context["cl"].result_count == 3


def test_filter_umur_dan_wilayah(klien_operator, keluarga_budi):
    k, *_ = keluarga_budi
    url = reverse("admin:penduduk_penduduk_changelist")
    assert (
        klien_operator.get(url, {"umur": "18-30"}).context["cl"].result_count == 1
    )  # Adi, 18 in 2026
    assert klien_operator.get(url, {"wilayah": k.wilayah.dusun_id}).context["cl"].result_count == 3


def test_halaman_penduduk_menampilkan_keluarga_peristiwa_dan_riwayat(
    klien_operator, keluarga_budi, operator
):
    from penduduk import services

    k, kepala, *_ = keluarga_budi
    services.penduduk_update(oleh=operator, penduduk=kepala, data={"telepon": "0812345"})
    html = klien_operator.get(kepala.get_absolute_url()).content.decode()
    assert "Siti Aminah" in html and k.no_kk in html
    assert "<strong>Telepon</strong>: - → 0812345" in html  # the label, not the field name
    assert "Kematian" in html  # action button


def test_form_kematian_lewat_admin(klien_operator, keluarga_budi):
    _k, kepala, *_ = keluarga_budi
    url = reverse("admin:penduduk_penduduk_mati", args=[kepala.pk])
    assert klien_operator.get(url).status_code == 200
    response = klien_operator.post(
        url,
        {
            "tanggal_peristiwa": HARI_INI.isoformat(),
            "tanggal_lapor": HARI_INI.isoformat(),
            "sebab_kematian": "1",
            "tempat_kematian": "Rumah",
        },
    )
    assert response.status_code == 302
    kepala.refresh_from_db()
    assert kepala.status_dasar == kode.StatusDasar.MATI


def test_form_menampilkan_pesan_dan_tidak_menyimpan_bila_lapor_sebelum_peristiwa(
    klien_operator, keluarga_budi
):
    _k, kepala, *_ = keluarga_budi
    kemarin = HARI_INI - datetime.timedelta(days=1)
    response = klien_operator.post(
        reverse("admin:penduduk_penduduk_mati", args=[kepala.pk]),
        {"tanggal_peristiwa": HARI_INI.isoformat(), "tanggal_lapor": kemarin.isoformat()},
    )
    assert response.status_code == 200
    assert "Tanggal lapor tidak boleh sebelum tanggal peristiwa" in response.content.decode()
    kepala.refresh_from_db()
    assert kepala.hidup


def test_tambah_penduduk_dengan_peringatan_nik_lalu_konfirmasi(klien_operator, rt):
    data = {
        "nik": "3201010101900001",
        "nama": "Budi",
        "jenis_kelamin": "1",
        "tempat_lahir": "Bogor",
        "tanggal_lahir": "1990-01-02",
        "agama": "1",
        "pendidikan_kk": "5",
        "pekerjaan": "9",
        "status_kawin": "1",
        "status_penduduk": "1",
        "warganegara": "1",
        "wilayah": str(rt.pk),
    }
    url = reverse("admin:penduduk_penduduk_add")
    response = klien_operator.post(url, data)
    assert response.status_code == 200
    assert "mengandung tanggal lahir" in response.content.decode()
    assert not Penduduk.objects.exists()
    response = klien_operator.post(url, {**data, "konfirmasi": "on"})
    assert response.status_code == 302
    assert Penduduk.objects.get().nik == "3201010101900001"


def test_operator_tidak_bisa_membuka_halaman_hapus(klien_operator, keluarga_budi):
    *_, anak = keluarga_budi
    assert (
        klien_operator.get(reverse("admin:penduduk_penduduk_hapus", args=[anak.pk])).status_code
        == 403
    )
    assert (
        klien_operator.post(
            reverse("admin:penduduk_penduduk_hapus", args=[anak.pk]), {"alasan": "x" * 20}
        ).status_code
        == 403
    )
    assert Penduduk.objects.filter(pk=anak.pk).exists()


def test_administrator_menghapus_dengan_alasan(klien_admin, keluarga_budi):
    *_, anak = keluarga_budi
    url = reverse("admin:penduduk_penduduk_hapus", args=[anak.pk])
    response = klien_admin.post(url, {"alasan": ""})
    assert response.status_code == 200 and Penduduk.objects.filter(pk=anak.pk).exists()
    response = klien_admin.post(url, {"alasan": "Data ganda dengan NIK 3201..."})
    assert response.status_code == 302 and not Penduduk.objects.filter(pk=anak.pk).exists()


def test_redaksi_tidak_bisa_membuka_data_penduduk(client, buat_staf, keluarga_budi, desa):
    client.force_login(buat_staf("Redaksi"))
    k, kepala, *_ = keluarga_budi
    for url in [
        reverse("admin:penduduk_penduduk_changelist"),
        kepala.get_absolute_url(),
        k.get_absolute_url(),
        reverse("admin:penduduk_penduduk_mati", args=[kepala.pk]),
    ]:
        assert client.get(url).status_code in (302, 403)


def test_sekretaris_melihat_tanpa_tombol_ubah(client, buat_staf, keluarga_budi, desa):
    client.force_login(buat_staf("Sekretaris Desa"))
    _k, kepala, *_ = keluarga_budi
    html = client.get(kepala.get_absolute_url()).content.decode()
    assert "Budi Santoso" in html and "Ubah biodata" not in html
    assert client.get(reverse("admin:penduduk_penduduk_mati", args=[kepala.pk])).status_code == 403


def test_kelahiran_dan_pecah_kk_lewat_admin(klien_operator, keluarga_budi):
    k, kepala, istri, anak = keluarga_budi
    response = klien_operator.get(reverse("admin:keluarga_keluarga_kelahiran", args=[k.pk]))
    assert 'value="Budi Santoso"' in response.content.decode()  # father prefilled
    response = klien_operator.post(
        reverse("admin:keluarga_keluarga_kelahiran", args=[k.pk]),
        {
            "nama": "Bayi Baru",
            "jenis_kelamin": "2",
            "nik": "0",
            "shdk": "4",
            "tempat_lahir": "Bogor",
            "tanggal_lahir": HARI_INI.isoformat(),
            "agama": "1",
            "tanggal_lapor": HARI_INI.isoformat(),
            "nama_ayah": "Budi Santoso",
            "nama_ibu": "Siti Aminah",
            "jenis_kelahiran": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    bayi = Penduduk.objects.get(nama="Bayi Baru")
    assert bayi.keluarga == k and bayi.peristiwa.get().jenis == kode.JenisPeristiwa.LAHIR
    response = klien_operator.post(
        reverse("admin:keluarga_keluarga_pecah", args=[k.pk]),
        {
            "anggota": [anak.pk],
            "kepala": anak.pk,
            "no_kk_baru": "0",
            "tanggal": HARI_INI.isoformat(),
        },
    )
    assert response.status_code == 302
    anak.refresh_from_db()
    assert anak.kepala_keluarga and anak.no_kk_sebelumnya == k.no_kk
    assert Keluarga.objects.count() == 2


def test_dasbor_menampilkan_kartu_kependudukan(klien_operator, keluarga_budi):
    html = klien_operator.get(reverse("admin:index")).content.decode()
    assert "penduduk hidup" in html and "keluarga (KK)" in html


def test_daftar_wilayah_menghitung_kk_dan_penduduk_per_jenis_kelamin(klien_operator, keluarga_budi):
    k, *_ = keluarga_budi
    response = klien_operator.get(reverse("admin:sid_wilayah_changelist"))
    baris = {obj.pk: obj._hitung for obj in response.context["cl"].result_list}
    rt = k.wilayah
    for wid in (rt.pk, rt.rw_id, rt.dusun_id):  # rolled up to RW and dusun
        assert baris[wid] == {"kk": 1, "l": 2, "p": 1}
