"""Population events: each changes status only through its service, with both dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from keluarga import services as kk
from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk import selectors_keluarga, services
from penduduk.models import Penduduk, Peristiwa
from penduduk.selectors_keluarga import keluarga_perlu_kepala
from sid import kode
from tests.factories import PendudukFactory, data_penduduk

pytestmark = pytest.mark.django_db
S = kode.SHDK
SD = kode.StatusDasar
HARI_INI = datetime.date.today()
KEMARIN = HARI_INI - datetime.timedelta(days=1)


def test_kematian_kepala_keluarga_membuat_kk_perlu_kepala(operator, keluarga_budi):
    k, kepala, istri, anak = keluarga_budi
    e = services.peristiwa_kematian_catat(
        oleh=operator,
        penduduk=kepala,
        tanggal_peristiwa=KEMARIN,
        tanggal_lapor=HARI_INI,
        waktu_kematian=datetime.time(4, 30),
        tempat_kematian="Rumah",
        sebab_kematian=1,
        penerang_kematian=2,
        no_akta_kematian="AK-1",
    )
    kepala.refresh_from_db()
    istri.refresh_from_db()
    assert kepala.status_dasar == SD.MATI
    assert (e.no_kk, e.nama_kepala_keluarga, e.tanggal_lapor) == (k.no_kk, "Budi Santoso", HARI_INI)
    assert istri.status_kawin == kode.StatusKawin.CERAI_MATI
    assert list(keluarga_perlu_kepala()) == [k]
    assert PeristiwaKeluarga.objects.filter(
        keluarga=k, jenis=kode.JenisPeristiwaKeluarga.KEPALA_KELUARGA_MATI
    ).exists()


def test_perlu_kepala_sama_lewat_satu_kueri(operator, keluarga_budi, monkeypatch):
    """Many candidate families switch perlu_kepala() to one query; the answer is the same."""
    k, kepala, _istri, _anak = keluarga_budi
    kosong = Keluarga.objects.create(no_kk="3201010101990099", wilayah=k.wilayah)  # no members
    services.peristiwa_hilang_catat(
        oleh=operator, penduduk=kepala, tanggal_peristiwa=KEMARIN, tanggal_lapor=HARI_INI
    )
    assert list(keluarga_perlu_kepala()) == [k]
    monkeypatch.setattr(selectors_keluarga, "BATAS_CALON", 0)
    assert list(keluarga_perlu_kepala()) == [k]
    assert kosong not in keluarga_perlu_kepala()


def test_kematian_sebelum_lahir_ditolak(operator, keluarga_budi):
    _k, _kepala, _istri, anak = keluarga_budi
    with pytest.raises(ValidationError, match="tidak boleh sebelum tanggal lahir"):
        services.peristiwa_kematian_catat(
            oleh=operator,
            penduduk=anak,
            tanggal_peristiwa=datetime.date(2000, 1, 1),
            tanggal_lapor=HARI_INI,
        )
    anak.refresh_from_db()
    assert anak.hidup and not Peristiwa.objects.exists()


def test_tanggal_lapor_sebelum_peristiwa_ditolak(operator, keluarga_budi):
    _k, _kepala, _istri, anak = keluarga_budi
    with pytest.raises(
        ValidationError, match="Tanggal lapor tidak boleh sebelum tanggal peristiwa"
    ):
        services.peristiwa_kematian_catat(
            oleh=operator, penduduk=anak, tanggal_peristiwa=HARI_INI, tanggal_lapor=KEMARIN
        )
    assert not Peristiwa.objects.exists()


def test_tanggal_lapor_sebelum_peristiwa_ditolak_database(keluarga_budi):
    _k, kepala, *_ = keluarga_budi
    with pytest.raises(IntegrityError), transaction.atomic():
        Peristiwa.objects.create(
            penduduk=kepala, jenis=2, tanggal_peristiwa=HARI_INI, tanggal_lapor=KEMARIN
        )


@pytest.mark.parametrize("catat", ["mati", "pindah", "hilang"])
def test_peristiwa_keluar_untuk_penduduk_tidak_hidup_ditolak(operator, keluarga_budi, catat):
    _k, _kepala, _istri, anak = keluarga_budi
    services.peristiwa_hilang_catat(
        oleh=operator, penduduk=anak, tanggal_peristiwa=KEMARIN, tanggal_lapor=HARI_INI
    )
    jumlah = Peristiwa.objects.count()
    fungsi = {
        "mati": lambda: services.peristiwa_kematian_catat(
            oleh=operator, penduduk=anak, tanggal_peristiwa=HARI_INI, tanggal_lapor=HARI_INI
        ),
        "pindah": lambda: services.peristiwa_pindah_keluar_catat(
            oleh=operator,
            penduduk=anak,
            tanggal_peristiwa=HARI_INI,
            tanggal_lapor=HARI_INI,
            jenis_pindah=1,
            alamat_tujuan="Bogor",
        ),
        "hilang": lambda: services.peristiwa_hilang_catat(
            oleh=operator, penduduk=anak, tanggal_peristiwa=HARI_INI, tanggal_lapor=HARI_INI
        ),
    }[catat]
    with pytest.raises(ValidationError, match="berstatus HILANG, bukan HIDUP"):
        fungsi()
    assert Peristiwa.objects.count() == jumlah


def test_pergi_untuk_penduduk_tetap_ditolak(operator, keluarga_budi):
    _k, _kepala, _istri, anak = keluarga_budi
    with pytest.raises(ValidationError, match="hanya untuk penduduk TIDAK TETAP"):
        services.peristiwa_pergi_catat(
            oleh=operator, penduduk=anak, tanggal_peristiwa=HARI_INI, tanggal_lapor=HARI_INI
        )
    anak.refresh_from_db()
    assert anak.hidup


def test_pergi_dan_kembali_untuk_penduduk_tidak_tetap(operator, rt):
    p = PendudukFactory(status_penduduk=2, wilayah=rt)
    services.peristiwa_pergi_catat(
        oleh=operator, penduduk=p, tanggal_peristiwa=KEMARIN, tanggal_lapor=HARI_INI
    )
    p.refresh_from_db()
    assert p.status_dasar == SD.PERGI
    services.peristiwa_kembali_catat(
        oleh=operator, penduduk=p, tanggal_peristiwa=HARI_INI, tanggal_lapor=HARI_INI, wilayah=rt
    )
    p.refresh_from_db()
    assert p.hidup
    assert list(p.peristiwa.order_by("id").values_list("jenis", flat=True)) == [6, 7]


def test_kelahiran_ke_keluarga_dengan_bawaan_dan_orang_tua(operator, keluarga_budi):
    k, kepala, istri, _ = keluarga_budi
    bayi = services.peristiwa_kelahiran_catat(
        oleh=operator,
        keluarga=k,
        tanggal_lapor=HARI_INI,
        data={
            "nama": "Bayi Santoso",
            "jenis_kelamin": 2,
            "tempat_lahir": "Bogor",
            "tanggal_lahir": KEMARIN,
            "berat_lahir": 3100,
            "penolong_kelahiran": 2,
        },
    )
    assert bayi.nik.startswith("03201012001") and bayi.shdk == S.ANAK
    assert (bayi.nama_ayah, bayi.nama_ibu, bayi.nik_ibu) == (
        "Budi Santoso",
        "Siti Aminah",
        istri.nik,
    )
    assert bayi.status_kawin == kode.StatusKawin.BELUM_KAWIN and bayi.wilayah_id == k.wilayah_id
    e = bayi.peristiwa.get()
    assert (e.jenis, e.tanggal_peristiwa, e.tanggal_lapor) == (
        kode.JenisPeristiwa.LAHIR,
        KEMARIN,
        HARI_INI,
    )


def test_pindah_keluar_seluruh_keluarga_dalam_satu_aksi(operator, keluarga_budi):
    k, *_ = keluarga_budi
    hasil = services.peristiwa_pindah_keluar_keluarga_catat(
        oleh=operator,
        keluarga=k,
        tanggal_peristiwa=KEMARIN,
        tanggal_lapor=HARI_INI,
        jenis_pindah=3,
        alamat_tujuan="Jl. Merdeka 1, Bandung",
    )
    assert len(hasil) == 3
    assert set(k.anggota.values_list("status_dasar", flat=True)) == {SD.PINDAH}
    k.refresh_from_db()
    assert not k.aktif


def test_pindah_keluar_tanpa_alamat_tujuan_ditolak(operator, keluarga_budi):
    *_, anak = keluarga_budi
    with pytest.raises(ValidationError, match="Alamat tujuan"):
        services.peristiwa_pindah_keluar_catat(
            oleh=operator,
            penduduk=anak,
            tanggal_peristiwa=HARI_INI,
            tanggal_lapor=HARI_INI,
            jenis_pindah=1,
            alamat_tujuan=" ",
        )


def test_pindah_masuk_perlu_alamat_asal_dan_membuat_peristiwa(operator, keluarga_budi):
    k, *_ = keluarga_budi
    with pytest.raises(ValidationError, match="Alamat asal"):
        services.peristiwa_pindah_masuk_catat(
            oleh=operator,
            data=data_penduduk(nik="3201010101950004"),
            alamat_asal="",
            tanggal_peristiwa=HARI_INI,
            tanggal_lapor=HARI_INI,
            keluarga=k,
            shdk=S.FAMILI_LAIN,
        )
    p = services.peristiwa_pindah_masuk_catat(
        oleh=operator,
        data=data_penduduk(nik="3201010101950004", nama="Joko"),
        alamat_asal="Desa Sebelah",
        tanggal_peristiwa=KEMARIN,
        tanggal_lapor=HARI_INI,
        keluarga=k,
        shdk=S.FAMILI_LAIN,
        konfirmasi=True,
    )
    assert p.alamat_sebelumnya == "Desa Sebelah"
    assert p.peristiwa.get().jenis == kode.JenisPeristiwa.PINDAH_MASUK


def test_keluarga_baru_datang(operator, rt):
    k = services.keluarga_baru_datang(
        oleh=operator,
        no_kk="3201010101240001",
        wilayah=rt,
        alamat="Gg. Mawar",
        alamat_asal="Kota Bogor",
        tanggal_peristiwa=KEMARIN,
        tanggal_lapor=HARI_INI,
        anggota=[
            {
                "data": data_penduduk(
                    nik="3201014101900002", nama="Rina", jenis_kelamin=2, status_kawin=2
                ),
                "shdk": S.ISTRI,
            },
            {"data": data_penduduk(status_kawin=2), "shdk": S.KEPALA_KELUARGA},
        ],
    )
    assert k.kepala().nama == "Budi Santoso"
    assert Peristiwa.objects.filter(jenis=kode.JenisPeristiwa.PINDAH_MASUK).count() == 2


def test_batalkan_kematian_mengembalikan_status_dan_menyimpan_riwayat(operator, keluarga_budi):
    k, kepala, *_ = keluarga_budi
    e = services.peristiwa_kematian_catat(
        oleh=operator, penduduk=kepala, tanggal_peristiwa=KEMARIN, tanggal_lapor=HARI_INI
    )
    services.peristiwa_batalkan(oleh=operator, peristiwa=e, alasan="Salah orang")
    kepala.refresh_from_db()
    e.refresh_from_db()
    assert kepala.hidup and kepala.kepala_keluarga
    assert e.dibatalkan and e.alasan_batal == "Salah orang"
    assert Peristiwa.objects.count() == 1
    assert not keluarga_perlu_kepala().exists()


def test_batalkan_hanya_peristiwa_terakhir(operator, rt):
    p = PendudukFactory(status_penduduk=2, wilayah=rt)
    e1 = services.peristiwa_pergi_catat(
        oleh=operator,
        penduduk=p,
        tanggal_peristiwa=KEMARIN - datetime.timedelta(days=5),
        tanggal_lapor=KEMARIN,
    )
    services.peristiwa_kembali_catat(
        oleh=operator, penduduk=p, tanggal_peristiwa=KEMARIN, tanggal_lapor=KEMARIN, wilayah=rt
    )
    with pytest.raises(ValidationError, match="Hanya peristiwa terakhir"):
        services.peristiwa_batalkan(oleh=operator, peristiwa=e1, alasan="coba")


def test_koreksi_peristiwa_mengubah_detail_dan_dicatat(operator, keluarga_budi):
    *_, anak = keluarga_budi
    e = services.peristiwa_kematian_catat(
        oleh=operator, penduduk=anak, tanggal_peristiwa=KEMARIN, tanggal_lapor=HARI_INI
    )
    services.peristiwa_update(
        oleh=operator, peristiwa=e, data={"tempat_kematian": "RSUD", "sebab_kematian": 3}
    )
    e.refresh_from_db()
    assert e.tempat_kematian == "RSUD"
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.peristiwa_update(oleh=operator, peristiwa=e, data={"jenis": 1})


def test_pilih_kepala_baru_setelah_kepala_meninggal(operator, keluarga_budi):
    k, kepala, istri, anak = keluarga_budi
    services.peristiwa_kematian_catat(
        oleh=operator, penduduk=kepala, tanggal_peristiwa=KEMARIN, tanggal_lapor=HARI_INI
    )
    services.keluarga_kepala_ganti(oleh=operator, keluarga=k, kepala_baru=istri)
    assert k.kepala() == istri
    assert not keluarga_perlu_kepala().exists()


def test_pecah_kk_dengan_nomor_baru_dan_nomor_lama_tersimpan(operator, keluarga_budi):
    k, kepala, istri, anak = keluarga_budi
    services.peristiwa_kematian_catat(
        oleh=operator, penduduk=kepala, tanggal_peristiwa=KEMARIN, tanggal_lapor=HARI_INI
    )
    baru = services.keluarga_pecah(
        oleh=operator,
        keluarga=k,
        anggota=[istri, anak],
        kepala=istri,
        no_kk_baru="3201010101250001",
    )
    istri.refresh_from_db()
    anak.refresh_from_db()
    assert baru.no_kk == "3201010101250001" and baru.kepala() == istri
    assert (istri.no_kk_sebelumnya, anak.no_kk_sebelumnya) == (k.no_kk, k.no_kk)
    assert anak.keluarga == baru and anak.shdk == S.ANAK
    k.refresh_from_db()
    assert not k.aktif
    assert (
        PeristiwaKeluarga.objects.filter(
            keluarga=k, jenis=kode.JenisPeristiwaKeluarga.ANGGOTA_KELUARGA_KELUAR_PECAH
        ).count()
        == 2
    )


def test_pecah_kk_tidak_boleh_membawa_kepala_lama_yang_masih_punya_anggota(operator, keluarga_budi):
    k, kepala, istri, anak = keluarga_budi
    with pytest.raises(ValidationError, match="Pilih kepala baru untuk KK lama"):
        services.keluarga_pecah(oleh=operator, keluarga=k, anggota=[kepala], kepala=kepala)
    assert Keluarga.objects.count() == 1


def test_perkawinan_dan_perceraian_mencatat_status_dan_akta(operator, rt):
    p = PendudukFactory(wilayah=rt)
    services.perkawinan_catat(
        oleh=operator, penduduk=p, tanggal_perkawinan=KEMARIN, akta_perkawinan="AP-9"
    )
    p.refresh_from_db()
    assert (p.status_kawin, p.akta_perkawinan) == (kode.StatusKawin.KAWIN, "AP-9")
    services.perceraian_catat(
        oleh=operator, penduduk=p, tanggal_perceraian=HARI_INI, akta_perceraian="AC-1"
    )
    p.refresh_from_db()
    assert p.status_kawin == kode.StatusKawin.CERAI_HIDUP
    from sid.models import LogAktivitas

    assert (
        LogAktivitas.objects.filter(
            object_id=str(p.pk), aksi__in=["perkawinan", "perceraian"]
        ).count()
        == 2
    )


def test_hapus_penduduk_oleh_operator_ditolak(operator, keluarga_budi):
    *_, anak = keluarga_budi
    with pytest.raises(ValidationError, match="Hanya Administrator"):
        services.penduduk_delete(oleh=operator, penduduk=anak, alasan="data ganda dengan NIK lain")
    assert Penduduk.objects.filter(pk=anak.pk).exists()


def test_hapus_penduduk_tanpa_alasan_ditolak(admin_desa, keluarga_budi):
    *_, anak = keluarga_budi
    with pytest.raises(ValidationError, match="alasan"):
        services.penduduk_delete(oleh=admin_desa, penduduk=anak, alasan="")
    assert Penduduk.objects.filter(pk=anak.pk).exists()


def test_hapus_penduduk_menulis_log_hapus_beserta_peristiwa(admin_desa, operator, keluarga_budi):
    from penduduk.models import PendudukHapus

    *_, anak = keluarga_budi
    services.peristiwa_hilang_catat(
        oleh=operator, penduduk=anak, tanggal_peristiwa=KEMARIN, tanggal_lapor=HARI_INI
    )
    log = services.penduduk_delete(
        oleh=admin_desa, penduduk=anak, alasan="Data ganda dengan Adi S."
    )
    assert not Penduduk.objects.filter(pk=anak.pk).exists()
    assert (log.nik, log.nama, log.nama_pengguna) == (anak.nik, "Adi Santoso", admin_desa.username)
    assert log.data["peristiwa"][0]["jenis"] == "4"
    assert PendudukHapus.objects.count() == 1


def test_peristiwa_terlindung_dari_hapus_berantai(keluarga_budi, operator):
    from django.db.models import ProtectedError

    *_, anak = keluarga_budi
    services.peristiwa_hilang_catat(
        oleh=operator, penduduk=anak, tanggal_peristiwa=KEMARIN, tanggal_lapor=HARI_INI
    )
    with pytest.raises(ProtectedError):
        anak.delete()


def test_perceraian_kepala_dengan_istri_masih_dalam_kk_ditolak(operator, keluarga_budi):
    _k, kepala, *_ = keluarga_budi
    with pytest.raises(ValidationError, match="Pecah KK pasangan terlebih dahulu"):
        services.perceraian_catat(oleh=operator, penduduk=kepala, tanggal_perceraian=HARI_INI)
    kepala.refresh_from_db()
    assert kepala.status_kawin == kode.StatusKawin.KAWIN


def test_hapus_kk_kosong_hanya_administrator_dan_tercatat(admin_desa, operator, keluarga_budi):
    k, *_ = keluarga_budi
    with pytest.raises(ValidationError, match="masih memiliki anggota"):
        kk.keluarga_hapus(oleh=admin_desa, keluarga=k, alasan="KK ganda salah input")
    services.peristiwa_pindah_keluar_keluarga_catat(
        oleh=operator,
        keluarga=k,
        tanggal_peristiwa=HARI_INI,
        tanggal_lapor=HARI_INI,
        jenis_pindah=1,
        alamat_tujuan="Bogor",
    )
    with pytest.raises(ValidationError, match="Hanya Administrator"):
        kk.keluarga_hapus(oleh=operator, keluarga=k, alasan="KK ganda salah input")
    kk.keluarga_hapus(oleh=admin_desa, keluarga=k, alasan="KK ganda salah input")
    assert k.peristiwa.filter(jenis=kode.JenisPeristiwaKeluarga.KELUARGA_DIHAPUS).exists()
    assert Keluarga.objects.filter(pk=k.pk).exists()  # kept for history


def test_biodata_istri_tetap_bisa_diubah_saat_kk_menunggu_kepala_baru(operator, keluarga_budi):
    _k, kepala, istri, _anak = keluarga_budi
    services.peristiwa_kematian_catat(
        oleh=operator, penduduk=kepala, tanggal_peristiwa=KEMARIN, tanggal_lapor=HARI_INI
    )
    services.penduduk_update(oleh=operator, penduduk=istri, data={"telepon": "081234"})
    istri.refresh_from_db()
    assert istri.telepon == "081234" and istri.shdk == S.ISTRI
