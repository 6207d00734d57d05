"""Comments: closed by default, moderated, honeypot, rate limit per IP, plain text only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from konten import services
from konten.models import Komentar
from konten.services.komentar import BATAS_SINGKAT
from sid.models import LogAktivitas

pytestmark = pytest.mark.django_db


@pytest.fixture
def artikel_terbuka(buat_artikel):
    return buat_artikel("Rapat warga", komentar_aktif=True)


def _kirim(client, artikel, ip="10.0.0.1", **data):
    isi = {"nama": "Warga", "email": "", "isi": "Terima kasih infonya.", "situs": "", **data}
    return client.post(reverse("konten:komentar", args=[artikel.uuid]), isi, REMOTE_ADDR=ip)


def test_komentar_tertutup_secara_bawaan(client, buat_artikel):
    a = buat_artikel("Tanpa komentar")
    assert not a.komentar_aktif
    assert client.get(reverse("konten:komentar", args=[a.uuid])).status_code == 404
    assert "Tulis komentar" not in client.get(a.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError):
        services.komentar_kirim(artikel=a, nama="X", isi="Y", ip="10.0.0.1")
    assert not Komentar.objects.exists()


def test_komentar_menunggu_moderasi_sebelum_tampil(
    client, artikel_terbuka, redaksi, django_capture_on_commit_callbacks
):
    response = _kirim(client, artikel_terbuka, isi="Jalan RT 03 rusak, mohon diperbaiki.")
    assert response.status_code == 302
    assert response["Location"] == reverse("konten:komentar_terkirim", args=[artikel_terbuka.uuid])
    k = Komentar.objects.get()
    assert k.status == Komentar.Status.MENUNGGU and k.ip == "10.0.0.1"
    assert (
        "Jalan RT 03 rusak" not in client.get(artikel_terbuka.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.komentar_setujui(oleh=redaksi, komentar=k)
    html = client.get(artikel_terbuka.get_absolute_url()).content.decode()
    assert "Jalan RT 03 rusak" in html
    assert LogAktivitas.objects.filter(aksi="setujui_komentar", pengguna=redaksi).exists()


def test_komentar_ditolak_tidak_tampil(client, artikel_terbuka, redaksi):
    _kirim(client, artikel_terbuka, isi="Iklan obat kuat murah")
    services.komentar_tolak(oleh=redaksi, komentar=Komentar.objects.get())
    assert "Iklan obat" not in client.get(artikel_terbuka.get_absolute_url()).content.decode()


def test_jebakan_bot_tidak_menyimpan_apa_pun(client, artikel_terbuka):
    response = _kirim(client, artikel_terbuka, situs="http://spam.example")
    assert response.status_code == 302  # the bot sees the same thank-you page
    assert not Komentar.objects.exists()
    assert not LogAktivitas.objects.filter(aksi="kirim_komentar").exists()


def test_kolom_jebakan_tersembunyi_bagi_manusia(client, artikel_terbuka):
    html = client.get(reverse("konten:komentar", args=[artikel_terbuka.uuid])).content.decode()
    assert 'class="sid-jebakan" aria-hidden="true"' in html
    assert 'name="situs"' in html and 'tabindex="-1"' in html
    assert "csrfmiddlewaretoken" in html


def test_batas_komentar_per_ip(client, artikel_terbuka):
    for i in range(BATAS_SINGKAT):
        assert _kirim(client, artikel_terbuka, isi=f"Komentar {i}").status_code == 302
    response = _kirim(client, artikel_terbuka, isi="Satu lagi")
    assert response.status_code == 400
    assert "Terlalu banyak komentar" in response.content.decode()
    assert Komentar.objects.count() == BATAS_SINGKAT
    # another visitor (another address) is not affected
    assert _kirim(client, artikel_terbuka, ip="10.0.0.2", isi="Dari rumah lain").status_code == 302


def test_komentar_disimpan_sebagai_teks_polos(client, artikel_terbuka):
    _kirim(
        client,
        artikel_terbuka,
        nama="<b>Budi</b><script>alert(1)</script>",
        isi='Bagus <img src=x onerror="alert(1)"> sekali\n\n\n\n<a href="http://spam">klik</a>',
    )
    k = Komentar.objects.get()
    assert k.nama == "Budi"
    assert k.isi == "Bagus  sekali\n\nklik".replace("  ", " ")
    assert "<" not in k.isi and "onerror" not in k.isi


def test_komentar_kosong_ditolak_dengan_pesan(client, artikel_terbuka):
    response = _kirim(client, artikel_terbuka, isi="<script>alert(1)</script>")
    assert response.status_code == 400
    assert "Komentar wajib diisi." in response.content.decode()
    assert not Komentar.objects.exists()


def test_hanya_yang_berhak_memoderasi(artikel_terbuka, kontributor, client):
    _kirim(client, artikel_terbuka)
    with pytest.raises(ValidationError):
        services.komentar_setujui(oleh=kontributor, komentar=Komentar.objects.get())
    assert Komentar.objects.get().status == Komentar.Status.MENUNGGU
