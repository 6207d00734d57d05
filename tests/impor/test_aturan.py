"""The import rules of shared/reference/README.md and the register's rules, one by one."""

import datetime
import io

import openpyxl
import pytest

from keluarga.models import Keluarga
from penduduk.impor.layanan import penduduk_impor
from penduduk.models import Penduduk, Peristiwa
from sid import kode
from sid.models import IdentitasDesa, LogAktivitas, Wilayah
from tests.factories import KeluargaFactory, PendudukFactory, buat_rt
from tests.impor.bantuan import anak, baris, istri, jumlah_data, xlsx

pytestmark = pytest.mark.django_db


def impor(admin, daftar, **kwargs):
    return penduduk_impor(oleh=admin, berkas=xlsx(daftar, **kwargs), dry_run=False)


def _pesan(hasil) -> dict:
    return {(g["baris"], g["kolom"]): g["pesan"] for g in hasil.galat}


@pytest.fixture
def keluarga_ada(desa):
    """KK 3201010101230001 in KRAJAN / RW 001 / RT 001 with its married head Budi."""
    rt = buat_rt("KRAJAN", "001", "001")
    k = KeluargaFactory(no_kk="3201010101230001", wilayah=rt, alamat="JL. LAMA")
    budi = PendudukFactory(
        nama="Budi Santoso",
        nik="3201011705800001",
        keluarga=k,
        shdk=1,
        status_kawin=2,
        tanggal_lahir=datetime.date(1980, 5, 17),
        pekerjaan=9,
    )
    return k, budi


# --- new residents and families ---------------------------------------------------------------


def test_keluarga_baru_dengan_kepala_istri_anak(desa, admin_desa):
    hasil = impor(admin_desa, [baris(), istri(), anak()])
    assert hasil.ringkasan == "3 baru, 0 diubah, 0 tidak berubah, 0 ditolak"
    k = Keluarga.objects.get()
    assert k.no_kk == "3201010101240001" and k.alamat == "JL. MAWAR 1" and k.aktif
    assert k.wilayah.nama_lengkap == "Dusun KRAJAN / RT 001"
    assert k.kepala().nama == "BUDI SANTOSO"


def test_kepala_ditolak_tidak_meninggalkan_keluarga_atau_wilayah(desa, admin_desa):
    hasil = impor(admin_desa, [baris(agama_id="99"), istri(), anak()])
    assert hasil.ditolak == 3
    pesan = _pesan(hasil)
    assert "Baris kepala keluarga KK 3201010101240001 (baris 2) ditolak" in pesan[(3, "no_kk")]
    assert jumlah_data() == dict.fromkeys(jumlah_data(), 0)


def test_anggota_ditolak_keluarga_tetap_dibuat(desa, admin_desa):
    hasil = impor(admin_desa, [baris(), istri(), anak(tanggallahir="31-02-2008")])
    assert hasil.baru == 2 and hasil.ditolak == 1
    assert _pesan(hasil)[(4, "tanggallahir")] == "Tanggal '31-02-2008' tidak ada di kalender."
    assert Keluarga.objects.count() == 1 and Penduduk.objects.count() == 2


def test_kk_baru_tanpa_baris_kepala_ditolak(desa, admin_desa):
    hasil = impor(admin_desa, [istri(), anak()])
    assert hasil.ditolak == 2
    assert "tidak memuat baris kepala keluarganya (kk_level 1)" in _pesan(hasil)[(2, "no_kk")]
    assert jumlah_data()["wilayah"] == 0


def test_dua_kepala_hidup_dalam_satu_kk_ditolak(desa, admin_desa):
    hasil = impor(admin_desa, [baris(), anak(kk_level="1")])
    assert hasil.baru == 1
    assert "sudah memiliki kepala keluarga di baris 2" in _pesan(hasil)[(3, "kk_level")]


def test_anggota_di_wilayah_lain_dari_kepala_ditolak(desa, admin_desa):
    hasil = impor(admin_desa, [baris(), anak(rt="002")])
    assert hasil.baru == 1 and hasil.ditolak == 1
    assert "Anggota tinggal di wilayah keluarganya" in _pesan(hasil)[(3, "rt")]
    assert not Wilayah.objects.filter(nama="002").exists()


def test_istri_di_bawah_kepala_belum_kawin_ditolak(desa, admin_desa):
    hasil = impor(admin_desa, [baris(status_kawin="BK"), istri()])
    assert "tidak berstatus KAWIN" in _pesan(hasil)[(3, "kk_level")]


def test_data_bersyarat_diperiksa_seperti_register(desa, admin_desa):
    hasil = impor(admin_desa, [baris(status_kawin="1", akta_perkawinan="123/2000")])
    assert _pesan(hasil)[(2, "akta_perkawinan")] == (
        "Data perkawinan/perceraian hanya untuk penduduk yang pernah kawin."
    )


def test_kolom_wajib_penduduk_baru(desa, admin_desa):
    hasil = impor(admin_desa, [baris(tempatlahir=None, pekerjaan_id=None)])
    pesan = _pesan(hasil)
    assert pesan[(2, "tempatlahir")] == "Kolom tempatlahir wajib diisi untuk penduduk baru."
    assert pesan[(2, "pekerjaan_id")] == "Kolom pekerjaan_id wajib diisi untuk penduduk baru."


def test_label_alias_dan_tanggal_hari_pertama(desa, admin_desa):
    hasil = impor(
        admin_desa,
        [
            baris(
                sex="lk",
                status_kawin="K",
                agama_id="islam",
                pendidikan_kk_id="slta / sederajat",
                pekerjaan_id="Petani/Pekebun",
                golongan_darah_id="Tdk Th",
                tanggallahir="17/05/1980",
                kk_level="Kepala Keluarga",
                warganegara_id="wni",
                hamil="0",
            ),
            istri(sex="PR", status_kawin="Kawin", tanggallahir="03-02-1983"),
        ],
    )
    assert hasil.baru == 2, hasil.galat
    budi = Penduduk.objects.get(nik="3201011705800001")
    assert (budi.jenis_kelamin, budi.status_kawin, budi.pendidikan_kk, budi.pekerjaan) == (
        1,
        2,
        5,
        9,
    )
    assert budi.tanggal_lahir == datetime.date(1980, 5, 17)
    assert budi.hamil == kode.Hamil.TIDAK_HAMIL
    assert Penduduk.objects.get(nama="SITI AMINAH").tanggal_lahir == datetime.date(1983, 2, 3)


def test_dusun_dinormalkan(desa, admin_desa):
    impor(admin_desa, [baris(dusun="dusun krajan_lor")])
    assert Wilayah.objects.get(tingkat=1).nama == "KRAJAN LOR"


def test_penutup_pagar_dan_lembar_kode_data_diabaikan(desa, admin_desa):
    wb = openpyxl.Workbook()
    kode_data = wb.active
    kode_data.title = "Kode Data"
    kode_data.append(["kolom", "kode", "label"])
    ws = wb.create_sheet("Penduduk")
    data = [baris(), istri(), anak()]
    judul = list(data[0])
    ws.append(judul)
    for b in data[:2]:
        ws.append([b[k] for k in judul])
    ws.append(["", "###"])
    ws.append([anak()[k] for k in judul])  # after the terminator: not data
    keluaran = io.BytesIO()
    wb.save(keluaran)
    hasil = penduduk_impor(oleh=admin_desa, berkas=keluaran.getvalue(), dry_run=False)
    assert hasil.ringkasan == "2 baru, 0 diubah, 0 tidak berubah, 0 ditolak"


# --- NIK 0 ---------------------------------------------------------------------------------


def test_nik_0_mendapat_nik_sementara_berurutan(desa, admin_desa):
    hasil = impor(admin_desa, [baris(nik="0"), istri(nik="0")])
    assert hasil.baru == 2
    assert set(Penduduk.objects.values_list("nik", flat=True)) == {
        "0320101200100001",
        "0320101200100002",
    }


def test_nik_0_memakai_ulang_penduduk_dengan_identitas_sama(desa, admin_desa):
    impor(admin_desa, [baris(nik="0")])
    hasil = impor(admin_desa, [baris(nik="0", pekerjaan_id="88")])
    assert hasil.ringkasan == "0 baru, 1 diubah, 0 tidak berubah, 0 ditolak"
    p = Penduduk.objects.get()
    assert p.nik == "0320101200100001" and p.pekerjaan == 88


def test_nik_0_dua_baris_identitas_sama_ditolak(desa, admin_desa):
    hasil = impor(admin_desa, [baris(nik="0"), baris(nik="0", kk_level="4")])
    assert hasil.ditolak == 2
    assert "sama dengan baris 3" in _pesan(hasil)[(2, "nik")]


def test_nik_0_tanpa_kode_desa_ditolak(desa, admin_desa):
    IdentitasDesa.objects.filter(pk=1).update(kode_desa="")
    from django.core.cache import cache

    cache.clear()
    hasil = impor(admin_desa, [baris(nik="0")])
    assert "Isi kode desa" in _pesan(hasil)[(2, "nik")]


def test_nik_tanpa_isi_ditolak(desa, admin_desa):
    hasil = impor(admin_desa, [baris(nik="")])
    assert _pesan(hasil)[(2, "nik")].startswith("NIK wajib diisi")


def test_karakter_tak_tampak_dalam_nik_dibuang(desa, admin_desa):
    hasil = impor(
        admin_desa, [baris(nik="\u200b3201011705800001\u00a0", no_kk="'3201010101240001")]
    )
    assert hasil.baru == 1
    assert Penduduk.objects.get().nik == "3201011705800001"


# --- existing residents -------------------------------------------------------------------------


def test_nik_terdaftar_memperbarui_kolom_terisi_dengan_log_lama_baru(keluarga_ada, admin_desa):
    k, budi = keluarga_ada
    hasil = impor(
        admin_desa,
        [{"nik": budi.nik, "pekerjaan_id": "88", "nama_ibu": "SUMIATI", "tempatlahir": ""}],
    )
    assert hasil.ringkasan == "0 baru, 1 diubah, 0 tidak berubah, 0 ditolak"
    assert hasil.contoh_ubah[0]["perubahan"] == [
        ["pekerjaan_id", "9 PETANI/PEKEBUN", "88 WIRASWASTA"],
        ["nama_ibu", "", "SUMIATI"],
    ]
    budi.refresh_from_db()
    assert budi.pekerjaan == 88 and budi.nama_ibu == "SUMIATI"
    assert budi.tempat_lahir == "Bogor"  # empty cells never clear a value
    log = LogAktivitas.objects.get(aksi="ubah", object_id=str(budi.pk))
    assert log.perubahan == {
        "pekerjaan": ["9 PETANI/PEKEBUN", "88 WIRASWASTA"],
        "nama_ibu": ["", "SUMIATI"],
    }


def test_alamat_pada_baris_kepala_mengubah_alamat_keluarga(keluarga_ada, admin_desa):
    k, budi = keluarga_ada
    hasil = impor(admin_desa, [{"nik": budi.nik, "alamat": "JL. BARU 2"}])
    assert hasil.diubah == 1
    k.refresh_from_db()
    assert k.alamat == "JL. BARU 2"
    assert LogAktivitas.objects.get(aksi="ubah", content_type__model="keluarga").perubahan == {
        "alamat": ["JL. LAMA", "JL. BARU 2"]
    }


@pytest.mark.parametrize(
    ("kolom", "nilai", "potongan"),
    [
        ("kk_level", "4", "mengubah hubungan dalam keluarga Budi Santoso"),
        ("rt", "002", "memindahkan Budi Santoso ke wilayah lain"),
        ("dusun", "KULON", "memindahkan Budi Santoso ke wilayah lain"),
        ("status_dasar", "2", "Perubahan status dicatat lewat peristiwa"),
    ],
)
def test_nik_terdaftar_tidak_boleh_mengubah_struktur(
    keluarga_ada, admin_desa, kolom, nilai, potongan
):
    k, budi = keluarga_ada
    sebelum = jumlah_data()
    hasil = impor(admin_desa, [{"nik": budi.nik, kolom: nilai, "pekerjaan_id": "88"}])
    assert hasil.ditolak == 1
    assert potongan in _pesan(hasil)[(2, kolom)]
    budi.refresh_from_db()
    assert budi.pekerjaan == 9 and budi.shdk == 1 and budi.status_dasar == 1
    assert jumlah_data() == sebelum


def test_nilai_sama_dengan_penulisan_berbeda_tidak_berubah(keluarga_ada, admin_desa):
    k, budi = keluarga_ada
    hasil = impor(
        admin_desa,
        [
            {
                "nik": budi.nik,
                "rt": "1",
                "rw": "001",
                "dusun": "Krajan",
                "tanggallahir": "17-05-1980",
            }
        ],
    )
    assert hasil.ringkasan == "0 baru, 0 diubah, 1 tidak berubah, 0 ditolak"


def test_anggota_baru_masuk_keluarga_yang_ada(keluarga_ada, admin_desa):
    k, budi = keluarga_ada
    baris_istri = istri(no_kk=k.no_kk, dusun="KRAJAN", rw="001", rt="001")
    hasil = impor(admin_desa, [baris_istri])
    assert hasil.baru == 1, hasil.galat
    siti = Penduduk.objects.get(nama="SITI AMINAH")
    assert siti.keluarga_id == k.pk and siti.wilayah_id == k.wilayah_id


def test_kepala_baru_untuk_keluarga_yang_sudah_berkepala_ditolak(keluarga_ada, admin_desa):
    k, budi = keluarga_ada
    baris_lain = anak(no_kk=k.no_kk, dusun="KRAJAN", rw="001", rt="001", kk_level="1")
    hasil = impor(admin_desa, [baris_lain])
    assert "sudah memiliki kepala keluarga (Budi Santoso)" in _pesan(hasil)[(2, "kk_level")]


def test_dua_baris_merujuk_penduduk_yang_sama_ditolak(keluarga_ada, admin_desa):
    k, budi = keluarga_ada
    budi.nik = "0320101200100001"
    budi.nama, budi.tempat_lahir = "BUDI SANTOSO", "BOGOR"
    budi.save()
    hasil = impor(
        admin_desa,
        [
            {
                "nik": "0",
                "nama": "BUDI SANTOSO",
                "tempatlahir": "BOGOR",
                "tanggallahir": "1980-05-17",
            },
            {"nik": budi.nik, "pekerjaan_id": "88"},
        ],
    )
    assert hasil.ditolak == 2
    assert "merujuk penduduk yang sama" in _pesan(hasil)[(2, "nik")]


# --- village levels --------------------------------------------------------------------------


def test_dusun_ber_rw_menolak_baris_tanpa_rw(keluarga_ada, admin_desa):
    sebelum = jumlah_data()
    hasil = impor(admin_desa, [baris(no_kk="3201010101240009", nik="3201011705800009")])
    assert _pesan(hasil)[(2, "rw")] == "Dusun KRAJAN memakai RW: isi kolom rw dengan nomor RW-nya."
    assert jumlah_data() == sebelum


def test_desa_kosong_menolak_berkas_campuran_rw(desa, admin_desa):
    lain = {"no_kk": "3201010101240002", "nik": "3201011705800009", "rw": "001"}
    hasil = impor(admin_desa, [baris(), baris(**lain)])
    assert hasil.baru == 1
    assert "Berkas mencampur baris dengan RW dan baris tanpa RW" in _pesan(hasil)[(3, "rw")]
    assert not IdentitasDesa.objects.get().pakai_rw


def test_desa_kosong_dengan_rw_dan_rt(desa, admin_desa):
    impor(admin_desa, [baris(rw="2", rt="3")])
    desa.refresh_from_db()
    assert desa.pakai_rw and desa.pakai_rt
    rt = Penduduk.objects.get().wilayah
    assert rt.nama_lengkap == "Dusun KRAJAN / RW 002 / RT 003"
    rw, dusun = rt.induk, rt.induk.induk
    assert (rt.dusun_id, rt.rw_id) == (dusun.pk, rw.pk)
    assert (rw.dusun_id, rw.rw_id) == (dusun.pk, rw.pk)
    assert (dusun.dusun_id, dusun.rw_id) == (dusun.pk, None)
    log = LogAktivitas.objects.filter(aksi="buat", content_type__model="wilayah")
    assert sorted(log.values_list("objek", flat=True)) == [
        "Dusun KRAJAN",
        "Dusun KRAJAN / RW 002",
        "Dusun KRAJAN / RW 002 / RT 003",
    ]


# --- after the initial-data phase ---------------------------------------------------------------


@pytest.fixture
def setelah_fase_awal(desa):
    desa.data_awal_selesai = datetime.date.today() - datetime.timedelta(days=10)
    desa.save()
    return desa


def test_setelah_fase_awal_penduduk_baru_harus_hidup(setelah_fase_awal, admin_desa):
    hasil = impor(admin_desa, [baris(), anak(status_dasar="MATI")])
    assert hasil.baru == 1
    assert "hanya masuk sebagai HIDUP" in _pesan(hasil)[(3, "status_dasar")]


def test_setelah_fase_awal_tanggal_peristiwa_dari_berkas(setelah_fase_awal, admin_desa):
    hasil = impor(
        admin_desa,
        [baris(tanggal_peristiwa="01-03-2024", tanggal_lapor="2024-03-05")],
        judul=[*baris(), "tanggal_peristiwa", "tanggal_lapor"],
    )
    assert hasil.baru == 1, hasil.galat
    e = Peristiwa.objects.get()
    assert (e.tanggal_peristiwa, e.tanggal_lapor) == (
        datetime.date(2024, 3, 1),
        datetime.date(2024, 3, 5),
    )


def test_setelah_fase_awal_tanggal_lapor_sebelum_peristiwa_ditolak(setelah_fase_awal, admin_desa):
    hasil = impor(
        admin_desa,
        [baris(tanggal_peristiwa="2024-03-05", tanggal_lapor="2024-03-01")],
        judul=[*baris(), "tanggal_peristiwa", "tanggal_lapor"],
    )
    assert _pesan(hasil)[(2, "tanggal_lapor")] == (
        "Tanggal lapor tidak boleh sebelum tanggal peristiwa."
    )
