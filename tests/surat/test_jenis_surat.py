"""Letter types as data: built-ins seeded, templates sanitised, unknown codes warned about."""

import pytest
from django.core.exceptions import ValidationError

from sid.exceptions import PerluKonfirmasi
from sid.models import LogAktivitas
from surat import services
from surat.bawaan import JENIS_BAWAAN
from surat.klasifikasi import nama_klasifikasi
from surat.models import JenisSurat

pytestmark = pytest.mark.django_db

DATA = {
    "nama": "Keterangan Ahli Waris",
    "kode_surat": "474",
    "isi": "<p>Yang bertanda tangan di bawah ini menerangkan bahwa [NAma] adalah ahli waris [Form_pewariS].</p>",
    "isian": [{"kode": "form_pewaris", "label": "Nama pewaris", "jenis": "teks", "wajib": True}],
}


def test_sembilan_belas_jenis_bawaan_terpasang_dengan_kode_klasifikasi_resmi():
    wajib = {
        "Keterangan Pengantar", "Keterangan Penduduk", "Biodata Penduduk", "Keterangan Usaha",
        "Keterangan Domisili", "Keterangan Domisili Usaha", "Keterangan Kurang Mampu (SKTM)",
        "Pengantar SKCK", "Keterangan KTP dalam Proses", "Keterangan Bepergian",
        "Pengantar Izin Keramaian", "Pengantar Laporan Kehilangan", "Keterangan Pergi Kawin",
        "Keterangan Beda Identitas", "Keterangan Kelahiran", "Keterangan Kematian",
        "Keterangan Pindah Penduduk", "Keterangan Penghasilan Orang Tua", "Surat Kuasa",
    }  # fmt: skip
    jenis = {j.nama: j for j in JenisSurat.objects.filter(bawaan=True)}
    assert wajib <= set(jenis)
    for j in jenis.values():
        assert nama_klasifikasi(j.kode_surat), j.kode_surat
        assert j.isi == j.isi_asli
        assert not j.diubah_dari_asli
    assert jenis["Keterangan Kurang Mampu (SKTM)"].syarat_penduduk == "kepala_keluarga"
    assert jenis["Keterangan Kematian"].syarat_penduduk == "mati"
    assert {j.slug for j in jenis.values() if j.online} >= {
        "keterangan-usaha",
        "keterangan-domisili",
        "pengantar-skck",
        "sktm",
    }


def test_teks_bawaan_hanya_memakai_kode_yang_dikenal():
    from surat.isian import kode_asing

    for data in JENIS_BAWAAN:
        assert kode_asing(data["isi"], data["isian"]) == [], data["slug"]


def test_kode_isian_tak_dikenal_diperingatkan_sebelum_disimpan(admin_desa):
    data = {**DATA, "isi": DATA["isi"] + "<p>[Form_pewaris_lamA] dan [tgl_lahirr]</p>"}
    with pytest.raises(PerluKonfirmasi) as exc:
        services.jenis_surat_create(oleh=admin_desa, data=data)
    assert "[Form_pewaris_lamA], [tgl_lahirr]" in exc.value.messages[0]
    assert not JenisSurat.objects.filter(nama=DATA["nama"]).exists()
    assert not LogAktivitas.objects.filter(aksi="buat", objek__contains="Ahli Waris").exists()
    j = services.jenis_surat_create(oleh=admin_desa, data=data, konfirmasi=True)
    assert "[tgl_lahirr]" in j.isi


def test_templat_dibersihkan_dari_skrip(admin_desa):
    data = {**DATA, "isi": DATA["isi"] + '<script>alert(1)</script><p onclick="x()">Klik</p>'}
    j = services.jenis_surat_create(oleh=admin_desa, data=data)
    assert "<script" not in j.isi and "onclick" not in j.isi
    assert "<p>Klik</p>" in j.isi
    assert j.slug == "keterangan-ahli-waris"
    assert j.judul == "SURAT KETERANGAN AHLI WARIS"


@pytest.mark.parametrize(
    ("isian", "pesan"),
    [
        ([{"kode": "keperluan", "label": "Keperluan"}], "diawali form_"),
        ([{"kode": "form_a", "label": "A"}, {"kode": "form_a", "label": "B"}], "dipakai dua kali"),
        ([{"kode": "form_a", "label": "A", "jenis": "pilihan"}], "daftar pilihan"),
        ([{"kode": "form_a", "label": ""}], "label wajib"),
    ],
)
def test_definisi_isian_tambahan_yang_salah_ditolak(admin_desa, isian, pesan):
    with pytest.raises(ValidationError) as exc:
        services.jenis_surat_create(oleh=admin_desa, data={**DATA, "isian": isian})
    assert pesan in str(exc.value)
    assert not JenisSurat.objects.filter(nama=DATA["nama"]).exists()


def test_ubah_teks_bawaan_lalu_pulihkan(admin_desa, jenis):
    j = jenis["keterangan-usaha"]
    asli = j.isi
    services.jenis_surat_update(
        oleh=admin_desa, jenis=j, data={"isi": asli + "<p>Tambahan desa.</p>"}
    )
    j.refresh_from_db()
    assert j.diubah_dari_asli
    services.jenis_surat_pulihkan(oleh=admin_desa, jenis=j)
    j.refresh_from_db()
    assert j.isi == asli and not j.diubah_dari_asli
    assert LogAktivitas.objects.filter(aksi="pulihkan", object_id=str(j.pk)).exists()
    with pytest.raises(ValidationError, match="sudah sama"):
        services.jenis_surat_pulihkan(oleh=admin_desa, jenis=j)


def test_jenis_buatan_desa_tidak_bisa_dipulihkan(admin_desa):
    j = services.jenis_surat_create(oleh=admin_desa, data=DATA)
    with pytest.raises(ValidationError, match="bawaan"):
        services.jenis_surat_pulihkan(oleh=admin_desa, jenis=j)


def test_kode_klasifikasi_di_luar_daftar_perlu_konfirmasi(admin_desa):
    with pytest.raises(PerluKonfirmasi, match="999.9"):
        services.jenis_surat_create(oleh=admin_desa, data={**DATA, "kode_surat": "999.9"})
