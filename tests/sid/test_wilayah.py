import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from sid import services
from sid.models import IdentitasDesa, LogAktivitas, Wilayah

T = Wilayah.Tingkat


@pytest.fixture
def pohon(desa, admin_desa):
    dusun = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Krajan")
    rw = services.wilayah_create(oleh=admin_desa, tingkat=T.RW, nama="001", induk=dusun)
    rt = services.wilayah_create(oleh=admin_desa, tingkat=T.RT, nama="002", induk=rw)
    return dusun, rw, rt


def test_pohon_dusun_rw_rt_dengan_leluhur_tersimpan(pohon):
    dusun, rw, rt = pohon
    assert dusun.nama == "KRAJAN"
    assert (rt.dusun_id, rt.rw_id) == (dusun.pk, rw.pk)
    assert (rw.dusun_id, rw.rw_id) == (dusun.pk, rw.pk)
    assert str(rt) == "Dusun KRAJAN / RW 001 / RT 002"
    assert LogAktivitas.objects.filter(aksi="buat", content_type__model="wilayah").count() == 3


def test_rt_langsung_di_bawah_dusun_ditolak_bila_dusun_memakai_rw(pohon, admin_desa):
    dusun, _rw, _rt = pohon
    jumlah = Wilayah.objects.count()
    with pytest.raises(ValidationError) as err:
        services.wilayah_create(oleh=admin_desa, tingkat=T.RT, nama="009", induk=dusun)
    assert "RT harus dibuat di bawah sebuah RW" in str(err.value)
    assert Wilayah.objects.count() == jumlah


def test_desa_tanpa_rw_membuat_rt_di_bawah_dusun(desa, admin_desa):
    desa.pakai_rw = False
    desa.save()
    dusun = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Barat")
    rt = services.wilayah_create(oleh=admin_desa, tingkat=T.RT, nama="001", induk=dusun)
    assert rt.dusun_id == dusun.pk and rt.rw_id is None
    with pytest.raises(ValidationError, match="tidak memakai tingkat RW"):
        services.wilayah_create(oleh=admin_desa, tingkat=T.RW, nama="01", induk=dusun)


def test_tingkat_rw_tidak_bisa_dimatikan_selama_ada_rw(pohon, admin_desa):
    with pytest.raises(ValidationError, match="masih memiliki data RW"):
        services.identitas_desa_update(oleh=admin_desa, data={"pakai_rw": False})
    assert IdentitasDesa.objects.get().pakai_rw is True


def test_ganti_nama_dusun_mempertahankan_semua_tautan(pohon, admin_desa):
    dusun, rw, rt = pohon
    services.wilayah_update(oleh=admin_desa, wilayah=dusun, nama="Krajan Baru")
    rt.refresh_from_db()
    assert rt.dusun.nama == "KRAJAN BARU"
    assert rt.induk_id == rw.pk
    log = LogAktivitas.objects.filter(aksi="ubah").get()
    assert log.perubahan["nama"] == ["KRAJAN", "KRAJAN BARU"]


def test_hapus_wilayah_yang_masih_dipakai_ditolak_dengan_pesan(pohon, admin_desa):
    dusun, rw, rt = pohon
    with pytest.raises(ValidationError) as err:
        services.wilayah_delete(oleh=admin_desa, wilayah=dusun)
    assert "tidak dapat dihapus" in str(err.value) and "wilayah bawahan" in str(err.value)
    assert Wilayah.objects.count() == 3
    Wilayah.objects.get(pk=dusun.pk)  # untouched, ancestors intact
    assert Wilayah.objects.get(pk=rt.pk).dusun_id == dusun.pk


def test_hapus_wilayah_kosong_berhasil_dan_dicatat(pohon, admin_desa):
    _dusun, _rw, rt = pohon
    services.wilayah_delete(oleh=admin_desa, wilayah=rt)
    assert not Wilayah.objects.filter(pk=rt.pk).exists()
    assert LogAktivitas.objects.filter(aksi="hapus", keterangan__contains="RT 002").exists()


def test_hapus_lewat_admin_menampilkan_pesan_bila_dipakai(pohon, klien_admin):
    dusun, _rw, _rt = pohon
    response = klien_admin.post(
        reverse("admin:sid_wilayah_delete", args=[dusun.pk]), {"post": "yes"}, follow=True
    )
    assert "tidak dapat dihapus" in response.content.decode()
    assert Wilayah.objects.filter(pk=dusun.pk).exists()


def test_nama_dusun_ganda_ditolak_database(pohon):
    with pytest.raises(IntegrityError), transaction.atomic():
        Wilayah.objects.create(tingkat=T.DUSUN, nama="KRAJAN")


def test_rw_tanpa_induk_ditolak_database(desa):
    with pytest.raises(IntegrityError), transaction.atomic():
        Wilayah.objects.create(tingkat=T.RW, nama="003")


def test_form_admin_menolak_rt_di_bawah_dusun_ber_rw(pohon, klien_admin):
    dusun, _rw, _rt = pohon
    response = klien_admin.post(
        reverse("admin:sid_wilayah_add"), {"tingkat": T.RT, "induk": dusun.pk, "nama": "005"}
    )
    assert response.status_code == 200
    assert "RT harus dibuat di bawah sebuah RW" in response.content.decode()
    assert not Wilayah.objects.filter(nama="005").exists()


def test_daftar_wilayah_tersimpan_mengikuti_perubahan(pohon, admin_desa, klien_admin):
    from sid.lib.wilayah import daftar_wilayah

    dusun, _rw, rt = pohon
    assert [w.nama_lengkap for w in daftar_wilayah()] == [
        "Dusun KRAJAN",
        "Dusun KRAJAN / RW 001",
        "Dusun KRAJAN / RW 001 / RT 002",
    ]
    services.wilayah_update(oleh=admin_desa, wilayah=dusun, nama="Sukamaju")
    baru = services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Timur")
    assert "Dusun SUKAMAJU / RW 001 / RT 002" in [w.nama_lengkap for w in daftar_wilayah()]
    # The resident list's wilayah filter shows the new tree at once.
    html = klien_admin.get(reverse("admin:penduduk_penduduk_changelist")).content.decode()
    assert f'?wilayah={baru.pk}">Dusun TIMUR</a>' in html
    services.wilayah_delete(oleh=admin_desa, wilayah=baru)
    assert "Dusun TIMUR" not in [w.nama_lengkap for w in daftar_wilayah()]


def test_daftar_wilayah_admin_dusun_sebelum_rw_nya(pohon, admin_desa, klien_admin):
    """The back-office Wilayah list shows each dusun before its RWs and RTs on every database
    (PostgreSQL sorts a NULL rw last unless told otherwise)."""
    dusun, rw, rt = pohon
    services.wilayah_create(oleh=admin_desa, tingkat=T.DUSUN, nama="Timur")
    cl = klien_admin.get(reverse("admin:sid_wilayah_changelist")).context["cl"]
    assert [w.pk for w in cl.result_list][:3] == [dusun.pk, rw.pk, rt.pk]


@pytest.mark.parametrize("o", ["1", "-2.1", "6"])
def test_daftar_wilayah_admin_bisa_diurutkan_per_kolom(pohon, klien_admin, o):
    respons = klien_admin.get(reverse("admin:sid_wilayah_changelist") + f"?o={o}")
    assert respons.status_code == 200
    assert len(respons.context["cl"].result_list) == 3


def test_kepala_wilayah_dipilih_dari_penduduk_lewat_layar(admin_client, django_user_model):
    """The area screen links a living resident as head; the printed name follows it."""
    from penduduk.models import KepalaWilayah
    from tests.factories import PendudukFactory

    budi = PendudukFactory(nama="BUDI KEPALA")
    rt = budi.wilayah
    url = reverse("admin:sid_wilayah_change", args=[rt.pk])
    halaman = admin_client.get(url)
    assert halaman.status_code == 200 and 'name="kepala"' in halaman.content.decode()
    r = admin_client.post(url, {"nama": rt.nama, "kepala": budi.pk, "kepala_nama": ""})
    assert r.status_code == 302, r.content.decode()[:2000]
    assert KepalaWilayah.objects.get(wilayah=rt).penduduk == budi
    rt.refresh_from_db()
    assert rt.kepala_nama == "BUDI KEPALA"
    # Saving again without touching the head keeps it; clearing it unlinks it.
    admin_client.post(url, {"nama": rt.nama, "kepala": budi.pk, "kepala_nama": rt.kepala_nama})
    assert KepalaWilayah.objects.filter(wilayah=rt).exists()
    admin_client.post(url, {"nama": rt.nama, "kepala": "", "kepala_nama": "PAK RT"})
    assert not KepalaWilayah.objects.filter(wilayah=rt).exists()


def test_kepala_wilayah_yang_meninggal_ditolak(admin_client):
    from penduduk.models import KepalaWilayah
    from sid import kode
    from tests.factories import PendudukFactory

    mati = PendudukFactory(status_dasar=kode.StatusDasar.MATI)
    url = reverse("admin:sid_wilayah_change", args=[mati.wilayah.pk])
    r = admin_client.post(url, {"nama": mati.wilayah.nama, "kepala": mati.pk, "kepala_nama": ""})
    assert r.status_code == 200
    assert "Kepala wilayah harus penduduk yang masih HIDUP." in r.content.decode()
    assert not KepalaWilayah.objects.exists()
