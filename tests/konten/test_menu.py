"""The editable navigation menu and its rules."""

import pytest
from django.core.exceptions import ValidationError

from konten import services
from konten.models import Halaman, ItemMenu

pytestmark = pytest.mark.django_db


def test_menu_bawaan_dari_migrasi(desa):
    judul = list(ItemMenu.objects.filter(induk=None).values_list("judul", flat=True))
    assert judul == [
        "Beranda",
        "Profil Desa",
        "Berita",
        "Agenda",
        "Statistik",
        "APBDes",
        "Informasi Publik",
    ]
    anak = ItemMenu.objects.get(judul="Profil Desa", induk=None).anak.count()
    assert anak == 6
    assert Halaman.objects.filter(terbit=False).count() == 5


def test_tujuan_harus_sesuai_jenis(redaksi, desa):
    with pytest.raises(ValidationError) as e:
        services.item_menu_create(oleh=redaksi, data={"judul": "Peta", "jenis": "tautan"})
    assert "url" in e.value.message_dict
    m = services.item_menu_create(
        oleh=redaksi,
        data={
            "judul": "Kabupaten",
            "jenis": "tautan",
            "url": "https://bogorkab.go.id",
            "internal": "agenda",  # ignored: only the target of the chosen kind is kept
        },
    )
    assert m.internal == ""


def test_sub_menu_hanya_satu_tingkat(redaksi, desa):
    induk = ItemMenu.objects.get(judul="Profil Desa", induk=None)
    anak = induk.anak.first()
    with pytest.raises(ValidationError) as e:
        services.item_menu_create(
            oleh=redaksi,
            data={"judul": "Cucu", "jenis": "internal", "internal": "agenda", "induk": anak},
        )
    assert "satu tingkat" in str(e.value)


def test_tautan_luar_tampil_di_menu(client, redaksi, desa, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.item_menu_create(
            oleh=redaksi,
            data={
                "judul": "Pemkab",
                "jenis": "tautan",
                "url": "https://bogorkab.go.id",
                "urutan": 99,
            },
        )
    html = client.get("/").content.decode()
    assert 'href="https://bogorkab.go.id" rel="noopener noreferrer"' in html


def test_menu_statistik_menuju_halaman_statistik(client, desa):
    html = client.get("/").content.decode()
    assert '<a class="nav-link" href="/statistik/">Statistik</a>' in html


def test_menu_statistik_disembunyikan_bila_halamannya_tidak_ada(client, desa, monkeypatch):
    from konten import selectors

    monkeypatch.setattr(selectors, "url_statistik", lambda: "")
    assert 'href="/statistik/"' not in client.get("/").content.decode()


def test_menu_menandai_bagian_yang_sedang_dibuka(client, desa):
    html = client.get("/agenda/").content.decode()
    assert '<a class="nav-link active" href="/agenda/" aria-current="page">Agenda</a>' in html
    assert '<a class="nav-link active" href="/"' not in html
