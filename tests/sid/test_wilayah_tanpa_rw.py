"""A village with RWs where one dusun has none (issue #18, "Mixed area structures"): its RTs sit
directly under the dusun. Each dusun uses RW for all its RTs or for none."""

import pytest
from django.urls import reverse

from sid import services
from sid.lib.wilayah import daftar_wilayah
from sid.models import IdentitasDesa, LogAktivitas, Wilayah

T = Wilayah.Tingkat
TAMBAH = reverse("admin:sid_wilayah_add")


@pytest.fixture
def krajan(desa, admin_desa):
    """Dusun KRAJAN / RW 001 / RT 002 in a village that uses RW."""
    dusun = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Krajan")
    rw = services.wilayah_create(oleh=admin_desa, tingkat=T.RW, nama="001", induk=dusun)
    services.wilayah_create(oleh=admin_desa, tingkat=T.RT, nama="002", induk=rw)
    return dusun


def _tambah(klien, **data):
    return klien.post(TAMBAH, {"kepala_nama": "", **data})


def _jumlah():
    return Wilayah.objects.count(), LogAktivitas.objects.count()


def test_rt_langsung_di_bawah_dusun_tanpa_rw_di_desa_ber_rw(krajan, klien_admin):
    assert IdentitasDesa.objects.get().pakai_rw
    formulir = klien_admin.get(TAMBAH).content.decode()
    assert "atau langsung dusunnya bila dusun itu tidak memakai RW" in formulir
    assert _tambah(klien_admin, tingkat=T.DUSUN, nama="Gondang").status_code == 302
    gondang = Wilayah.objects.get(tingkat=T.DUSUN, nama="GONDANG")

    respons = _tambah(klien_admin, tingkat=T.RT, induk=gondang.pk, nama="001")

    assert respons.status_code == 302, respons.context["adminform"].form.errors
    rt = Wilayah.objects.get(induk=gondang)
    assert (rt.tingkat, rt.dusun_id, rt.rw_id) == (T.RT, gondang.pk, None)
    assert rt.nama_lengkap == "Dusun GONDANG / RT 001"
    assert LogAktivitas.objects.filter(aksi="buat", objek="Dusun GONDANG / RT 001").exists()
    # The wilayah list shows it under its dusun, next to the dusun with RW.
    daftar = klien_admin.get(reverse("admin:sid_wilayah_changelist")).content.decode()
    assert "Dusun GONDANG / RT 001" in daftar and "Dusun KRAJAN / RW 001 / RT 002" in daftar
    # Pickers: tree order, the RT one step below its dusun (an RT under an RW: two).
    pilihan = [(w.nama_lengkap, w.kedalaman) for w in daftar_wilayah()]
    assert pilihan == [
        ("Dusun GONDANG", 0),
        ("Dusun GONDANG / RT 001", 1),
        ("Dusun KRAJAN", 0),
        ("Dusun KRAJAN / RW 001", 1),
        ("Dusun KRAJAN / RW 001 / RT 002", 2),
    ]


def test_rw_di_dusun_yang_rt_nya_langsung_di_bawah_dusun_ditolak(krajan, klien_admin, admin_desa):
    gondang = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Gondang")
    services.wilayah_create(oleh=admin_desa, tingkat=T.RT, nama="001", induk=gondang)
    sebelum = _jumlah()

    respons = _tambah(klien_admin, tingkat=T.RW, induk=gondang.pk, nama="001")

    assert respons.status_code == 200
    assert (
        "Dusun GONDANG tidak memakai RW: 1 RT berada langsung di bawah dusun ini. Satu dusun "
        "memakai RW untuk semua RT-nya atau tidak sama sekali." in respons.content.decode()
    )
    assert _jumlah() == sebelum
    assert not Wilayah.objects.filter(tingkat=T.RW, induk=gondang).exists()


def test_rt_langsung_di_bawah_dusun_ber_rw_ditolak(krajan, klien_admin):
    sebelum = _jumlah()

    respons = _tambah(klien_admin, tingkat=T.RT, induk=krajan.pk, nama="005")

    assert respons.status_code == 200
    assert (
        "Dusun KRAJAN memakai RW: RT harus dibuat di bawah sebuah RW dusun itu, bukan langsung "
        "di bawah dusun." in respons.content.decode()
    )
    assert _jumlah() == sebelum


def test_layanan_menolak_campuran_tanpa_menulis(krajan, admin_desa):
    """The rule holds for every caller of the service, not only the form."""
    from django.core.exceptions import ValidationError

    gondang = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Gondang")
    services.wilayah_create(oleh=admin_desa, tingkat=T.RT, nama="001", induk=gondang)
    sebelum = _jumlah()
    with pytest.raises(ValidationError, match="Dusun GONDANG tidak memakai RW"):
        services.wilayah_create(oleh=admin_desa, tingkat=T.RW, nama="001", induk=gondang)
    with pytest.raises(ValidationError, match="Dusun KRAJAN memakai RW"):
        services.wilayah_create(oleh=admin_desa, tingkat=T.RT, nama="009", induk=krajan)
    assert _jumlah() == sebelum


def test_ganti_nama_rt_dusun_tanpa_rw(krajan, klien_admin, admin_desa):
    gondang = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Gondang")
    rt = services.wilayah_create(oleh=admin_desa, tingkat=T.RT, nama="001", induk=gondang)
    respons = klien_admin.post(
        reverse("admin:sid_wilayah_change", args=[rt.pk]), {"nama": "003", "kepala_nama": "Ani"}
    )
    assert respons.status_code == 302
    rt.refresh_from_db()
    assert rt.nama_lengkap == "Dusun GONDANG / RT 003" and rt.kepala_nama == "Ani"


def test_desa_tanpa_rw_tetap_seperti_semula(desa, admin_desa, klien_admin):
    desa.pakai_rw = False
    desa.save()
    barat = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Barat")
    assert _tambah(klien_admin, tingkat=T.RT, induk=barat.pk, nama="001").status_code == 302
    respons = _tambah(klien_admin, tingkat=T.RW, induk=barat.pk, nama="01")
    assert "Desa ini tidak memakai tingkat RW" in respons.content.decode()
    assert not Wilayah.objects.filter(tingkat=T.RW).exists()
