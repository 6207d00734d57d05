import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from sid.models import KunciMasuk, LogAktivitas
from tests.factories import SANDI_UJI

URL = "/admin/login/?next=/admin/"


def masuk(client, username, password):
    return client.post(URL, {"username": username, "password": password, "next": "/admin/"})


@pytest.mark.django_db
def test_login_berhasil_dan_dicatat(client, buat_staf, desa):
    buat_staf("Operator", username="operator1")
    response = masuk(client, "operator1", SANDI_UJI)
    assert response.status_code == 302
    assert LogAktivitas.objects.filter(aksi="masuk", pelaku="operator1").exists()


@pytest.mark.django_db
def test_pesan_sama_untuk_pengguna_tidak_dikenal_dan_sandi_salah(client, buat_staf):
    buat_staf("Operator", username="operator1")
    a = masuk(client, "operator1", "salah-salah-salah").content.decode()
    b = masuk(Client(), "tidak-ada", "salah-salah-salah").content.decode()
    assert "Nama pengguna atau kata sandi salah." in a
    assert "Nama pengguna atau kata sandi salah." in b


@pytest.mark.django_db
def test_percobaan_ke_11_tetap_ditolak_walau_sandi_benar(buat_staf, settings):
    buat_staf("Operator", username="operator1")
    for i in range(10):
        # A new client each time: clearing cookies does not help.
        response = masuk(Client(REMOTE_ADDR=f"10.0.0.{i + 1}"), "operator1", f"salah{i}")
        assert response.status_code == 200
    response = masuk(Client(REMOTE_ADDR="10.0.1.1"), "operator1", SANDI_UJI)
    assert response.status_code == 200
    assert "dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session
    kunci = KunciMasuk.objects.get(jenis="pengguna", kunci="operator1")
    assert kunci.terkunci_sampai is not None and kunci.jumlah_terkunci == 1


@pytest.mark.django_db
def test_kunci_per_ip_menahan_tebakan_ke_banyak_pengguna(buat_staf, settings):
    settings.SID_KUNCI_BATAS_IP = 5
    buat_staf("Operator", username="korban")
    penyerang = Client(REMOTE_ADDR="203.0.113.9")
    for i in range(5):
        masuk(penyerang, f"nama{i}", "tebakan")
    response = masuk(penyerang, "korban", SANDI_UJI)
    assert "dikunci sementara" in response.content.decode()
    # Another address can still log in to the same account.
    assert masuk(Client(REMOTE_ADDR="198.51.100.7"), "korban", SANDI_UJI).status_code == 302


@pytest.mark.django_db
def test_kunci_berakhir_setelah_waktunya(buat_staf, settings):
    import datetime

    from django.utils import timezone

    buat_staf("Operator", username="operator1")
    for i in range(10):
        masuk(Client(), "operator1", f"salah{i}")
    KunciMasuk.objects.filter(jenis="pengguna").update(
        terkunci_sampai=timezone.now() - datetime.timedelta(seconds=1)
    )
    KunciMasuk.objects.filter(jenis="ip").delete()
    assert masuk(Client(), "operator1", SANDI_UJI).status_code == 302


@pytest.mark.django_db
def test_sandi_6_karakter_ditolak_saat_membuat_pengguna(klien_admin):
    jumlah = get_user_model().objects.count()
    response = klien_admin.post(
        reverse("admin:auth_user_add"),
        {
            "username": "baru",
            "usable_password": "true",
            "password1": "ab12cd",
            "password2": "ab12cd",
        },
    )
    assert response.status_code == 200
    assert (
        "Kata sandi terlalu pendek. Harus mengandung setidaknya 10 karakter."
        in response.content.decode()
    )
    assert get_user_model().objects.count() == jumlah


@pytest.mark.django_db
def test_logout_mengakhiri_sesi(client, buat_staf, desa):
    buat_staf("Operator", username="operator1")
    masuk(client, "operator1", SANDI_UJI)
    response = client.post(reverse("admin:logout"))
    assert response.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302
    assert LogAktivitas.objects.filter(aksi="keluar", pelaku="operator1").exists()


def test_sesi_berakhir_saat_browser_ditutup_dan_dibatasi_waktunya(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
