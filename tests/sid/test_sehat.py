import pytest


@pytest.mark.django_db
def test_sehat_melaporkan_database_cache_dan_broker(client):
    response = client.get("/sehat/")
    data = response.json()
    assert response.status_code == 200
    assert data["status"] == "ok"
    assert set(data["komponen"]) == {"database", "cache", "broker"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_sehat_503_bila_broker_mati(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/sehat/")
    assert response.status_code == 503
    assert response.json()["komponen"]["broker"]["status"] == "gagal"


@pytest.mark.django_db
def test_sehat_tidak_membocorkan_data(client, desa):
    assert "Sukamaju" not in client.get("/sehat/").content.decode()
