import pytest
from django.urls import reverse

from sid.lib.audit import catat_aktivitas
from sid.models import LogAktivitas


@pytest.fixture
def entri(admin_desa, desa):
    return catat_aktivitas(
        oleh=admin_desa, aksi="ubah", objek=desa, perubahan={"nama_desa": ["A", "B"]}
    )


@pytest.mark.django_db
def test_administrator_melihat_log_dengan_nilai_lama_baru(klien_admin, entri):
    response = klien_admin.get(reverse("admin:sid_logaktivitas_change", args=[entri.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    # The field's label, never its name.
    assert "Nama desa" in html and "nama_desa" not in html
    assert ">A<" in html and ">B<" in html


@pytest.mark.django_db
def test_log_tidak_bisa_diubah_atau_dihapus_dari_ui(klien_admin, entri):
    ubah = klien_admin.post(
        reverse("admin:sid_logaktivitas_change", args=[entri.pk]), {"aksi": "palsu"}
    )
    hapus = klien_admin.post(
        reverse("admin:sid_logaktivitas_delete", args=[entri.pk]), {"post": "yes"}
    )
    assert ubah.status_code == 403
    assert hapus.status_code == 403
    assert klien_admin.get(reverse("admin:sid_logaktivitas_add")).status_code == 403
    entri.refresh_from_db()
    assert entri.aksi == "ubah"


@pytest.mark.django_db
def test_log_menyimpan_ip_permintaan(client, buat_staf, desa):
    from tests.factories import SANDI_UJI

    buat_staf("Operator", username="op")
    client.post(
        "/admin/login/", {"username": "op", "password": SANDI_UJI}, REMOTE_ADDR="192.0.2.44"
    )
    assert LogAktivitas.objects.get(aksi="masuk").ip == "192.0.2.44"


@pytest.mark.django_db
def test_filter_log_menurut_aksi(klien_admin, entri, admin_desa):
    lain = catat_aktivitas(oleh=admin_desa, aksi="cetak_laporan", keterangan="Buku Induk dicetak.")
    url = reverse("admin:sid_logaktivitas_changelist")
    semua = klien_admin.get(url).context["cl"].result_list
    assert {entri.pk, lain.pk} <= {e.pk for e in semua}
    response = klien_admin.get(url + "?aksi=ubah")
    assert response.status_code == 200
    tampil = {e.pk for e in response.context["cl"].result_list}
    assert entri.pk in tampil and lain.pk not in tampil
