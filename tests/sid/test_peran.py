"""What each staff role can and cannot open in the back office."""

import pytest
from django.urls import reverse

from sid.peran import SEMUA_PERAN

HALAMAN = {
    "dasbor": reverse("admin:index"),
    "wilayah": reverse("admin:sid_wilayah_changelist"),
    "tambah_wilayah": reverse("admin:sid_wilayah_add"),
    "identitas": reverse("admin:sid_identitasdesa_change", args=[1]),
    "log": reverse("admin:sid_logaktivitas_changelist"),
    "pengguna": reverse("admin:auth_user_changelist"),
    "jadwal": reverse("admin:sid_jadwaltugas_changelist"),
}

# role → pages it may open (everything else must be refused)
BOLEH = {
    "Administrator": set(HALAMAN),
    "Operator": {"dasbor", "wilayah", "tambah_wilayah", "identitas"},
    # SOP §8: the Sekretaris (and the Kepala Desa) read the activity log, read-only.
    "Sekretaris Desa": {"dasbor", "wilayah", "identitas", "log"},
    "Kepala Desa": {"dasbor", "wilayah", "identitas", "log"},
    "Redaksi": {"dasbor"},
    "Kontributor": {"dasbor"},
}


def test_tabel_peran_lengkap():
    assert set(BOLEH) == set(SEMUA_PERAN)


@pytest.mark.django_db
@pytest.mark.parametrize("peran", SEMUA_PERAN)
def test_peran_hanya_membuka_halaman_yang_diizinkan(client, buat_staf, desa, peran):
    client.force_login(buat_staf(peran))
    for nama, url in HALAMAN.items():
        status = client.get(url).status_code
        if nama in BOLEH[peran]:
            assert status == 200, f"{peran} harus bisa membuka {nama}"
        else:
            assert status in (302, 403), f"{peran} tidak boleh membuka {nama} (dapat {status})"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "peran", ["Operator", "Sekretaris Desa", "Kepala Desa", "Redaksi", "Kontributor"]
)
def test_hanya_administrator_menghapus_wilayah(client, buat_staf, desa, admin_desa, peran):
    from sid import services
    from sid.models import Wilayah

    dusun = services.wilayah_create(oleh=admin_desa, tingkat=Wilayah.Tingkat.DUSUN, nama="Timur")
    client.force_login(buat_staf(peran))
    client.post(reverse("admin:sid_wilayah_delete", args=[dusun.pk]), {"post": "yes"})
    assert Wilayah.objects.filter(pk=dusun.pk).exists()


@pytest.mark.django_db
def test_staf_tanpa_peran_tidak_melihat_apa_pun(client, buat_staf, desa):
    client.force_login(buat_staf(None))
    assert client.get(HALAMAN["wilayah"]).status_code == 403
    assert client.get(HALAMAN["log"]).status_code == 403


@pytest.mark.django_db
def test_pengunjung_anonim_diarahkan_ke_login(client):
    for url in HALAMAN.values():
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
