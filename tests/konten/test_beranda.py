import pytest


@pytest.mark.django_db
def test_beranda_menampilkan_nama_desa(client, desa):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Desa Sukamaju" in html
    assert 'lang="id"' in html
    assert "cdn" not in html.lower()


@pytest.mark.django_db
def test_beranda_desa_baru_tanpa_placeholder(client):
    html = client.get("/").content.decode()
    assert "Sistem Informasi Desa" in html
    assert "lorem" not in html.lower()


@pytest.mark.django_db
def test_halaman_tidak_ada_memberi_404_ramah(client, desa):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
