"""Letter numbers: the format, the yearly counters, numbers never reused."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from sid.exceptions import PerluKonfirmasi
from surat import services
from surat.models import PengaturanSurat, PenghitungNomor, Surat
from surat.penomoran import format_nomor, periksa_format
from tests.surat import siapan

pytestmark = pytest.mark.django_db
TGL = datetime.date(2025, 3, 14)


def test_format_bawaan_dengan_nol_di_depan_dan_bulan_romawi():
    teks = format_nomor(
        "[kode_surat]/[nomor_surat, 3]/[kode_desa]/[bulan_romawi]/[tahun]",
        nomor_urut=7,
        kode_surat="474.1",
        kode_desa="3201012001",
        tanggal=TGL,
    )
    assert teks == "474.1/007/3201012001/III/2025"
    assert (
        format_nomor(
            "[nomor_surat]-[bulan]", nomor_urut=12, kode_surat="", kode_desa="", tanggal=TGL
        )
        == "12-03"
    )
    pratinjau = format_nomor(
        "[kode_surat]/[nomor_surat, 3]",
        nomor_urut=None,
        kode_surat="470",
        kode_desa="",
        tanggal=TGL,
    )
    assert pratinjau == "470/…"


def test_format_tanpa_nomor_atau_dengan_kode_asing_ditolak():
    assert periksa_format("[kode_surat]/[tahun]") == [
        "Format nomor harus memuat [nomor_surat] (atau [nomor_surat, 3])."
    ]
    assert "[nomer]" in periksa_format("[nomor_surat]/[nomer]")[0]


def _terbitkan(jenis, penduduk, operator, sekretaris, kades, tanggal=TGL, **isian):
    s = services.surat_create(
        oleh=operator, jenis=jenis, penduduk=penduduk, isian=isian or siapan.isian_contoh(jenis)
    )
    siapan.sampai_tanda_tangan(s, operator=operator, sekretaris=sekretaris)
    return services.surat_tandatangani(oleh=kades, surat=s, tanggal=tanggal)


def test_satu_urutan_untuk_semua_jenis(jenis, keluarga, operator, sekretaris, kades, perangkat):
    _k, kepala, istri, _anak = keluarga
    a = _terbitkan(jenis["keterangan-usaha"], kepala, operator, sekretaris, kades)
    b = _terbitkan(jenis["pengantar-skck"], istri, operator, sekretaris, kades)
    assert (a.nomor_urut, b.nomor_urut) == (1, 2)
    assert a.nomor == "500/001/3201012001/III/2025"
    assert b.nomor == "331/002/3201012001/III/2025"


def test_urutan_per_jenis_bila_diatur(
    jenis, keluarga, operator, sekretaris, kades, perangkat, admin_desa
):
    services.pengaturan_surat_update(oleh=admin_desa, data={"penomoran": "per_jenis"})
    _k, kepala, istri, _anak = keluarga
    a = _terbitkan(jenis["keterangan-usaha"], kepala, operator, sekretaris, kades)
    b = _terbitkan(jenis["pengantar-skck"], istri, operator, sekretaris, kades)
    c = _terbitkan(jenis["keterangan-usaha"], istri, operator, sekretaris, kades)
    assert (a.nomor_urut, b.nomor_urut, c.nomor_urut) == (1, 1, 2)
    assert set(PenghitungNomor.objects.values_list("lingkup", flat=True)) == {
        f"jenis-{jenis['keterangan-usaha'].pk}",
        f"jenis-{jenis['pengantar-skck'].pk}",
    }


def test_nomor_yang_sudah_terpakai_dilompati(
    jenis, keluarga, operator, sekretaris, kades, perangkat, admin_desa
):
    """Two types with the same classification code and counters per type: the second one
    skips the number text already taken this year instead of colliding."""
    services.pengaturan_surat_update(oleh=admin_desa, data={"penomoran": "per_jenis"})
    _k, kepala, istri, _anak = keluarga
    a = _terbitkan(jenis["keterangan-pengantar"], kepala, operator, sekretaris, kades)
    b = _terbitkan(jenis["keterangan-domisili"], istri, operator, sekretaris, kades)  # also 470
    assert a.nomor == "470/001/3201012001/III/2025"
    assert b.nomor == "470/002/3201012001/III/2025"


def test_per_jenis_tanpa_kode_surat_perlu_konfirmasi(admin_desa):
    with pytest.raises(PerluKonfirmasi, match="kode_surat"):
        services.pengaturan_surat_update(
            oleh=admin_desa,
            data={"penomoran": "per_jenis", "format_nomor": "[nomor_surat, 3]/[tahun]"},
        )
    assert PengaturanSurat.ambil().penomoran == "global"
    services.pengaturan_surat_update(
        oleh=admin_desa,
        data={"penomoran": "per_jenis", "format_nomor": "[nomor_surat, 3]/[tahun]"},
        konfirmasi=True,
    )
    assert PengaturanSurat.ambil().penomoran == "per_jenis"


def test_format_nomor_tidak_sah_ditolak_dan_tidak_tersimpan(admin_desa):
    with pytest.raises(ValidationError) as exc:
        services.pengaturan_surat_update(
            oleh=admin_desa, data={"format_nomor": "[kode_surat]/[tahun]"}
        )
    assert "harus memuat [nomor_surat]" in str(exc.value)
    assert PengaturanSurat.ambil().format_nomor.startswith("[kode_surat]/[nomor_surat, 3]")


def test_pergantian_tahun_mulai_dari_satu(jenis, keluarga, operator, sekretaris, kades, perangkat):
    _k, kepala, istri, anak = keluarga
    a = _terbitkan(
        jenis["keterangan-usaha"],
        kepala,
        operator,
        sekretaris,
        kades,
        tanggal=datetime.date(2024, 12, 30),
    )
    b = _terbitkan(
        jenis["keterangan-usaha"],
        istri,
        operator,
        sekretaris,
        kades,
        tanggal=datetime.date(2024, 12, 31),
    )
    c = _terbitkan(
        jenis["keterangan-usaha"],
        anak,
        operator,
        sekretaris,
        kades,
        tanggal=datetime.date(2025, 1, 2),
    )
    assert [(x.tahun, x.nomor_urut) for x in (a, b, c)] == [(2024, 1), (2024, 2), (2025, 1)]
    assert c.nomor == "500/001/3201012001/I/2025"


def test_surat_batal_tetap_memegang_nomornya(
    jenis, keluarga, operator, sekretaris, kades, perangkat
):
    _k, kepala, istri, _anak = keluarga
    a = _terbitkan(jenis["keterangan-usaha"], kepala, operator, sekretaris, kades)
    services.surat_batalkan(oleh=kades, surat=a, alasan="Salah ketik nama usaha")
    b = _terbitkan(jenis["keterangan-usaha"], istri, operator, sekretaris, kades)
    a.refresh_from_db()
    assert (a.status, a.nomor_urut) == (Surat.Status.BATAL, 1)
    assert b.nomor_urut == 2
