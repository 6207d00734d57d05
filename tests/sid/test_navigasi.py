"""The back office's menu (dashboard app list and navigation sidebar) is kept per role: every
role sees exactly what Django's admin would build for it, and a change of rights or of the
village's phase shows at once."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.template.loader import get_template
from django.test import RequestFactory

from sid.admin_site import SitusAdminSID
from sid.peran import SEMUA_PERAN

pytestmark = pytest.mark.django_db


def _baru(user, path="/admin/"):
    """A request as the next page would see it (a fresh user object, no per-request memo)."""
    from django.contrib.auth import get_user_model

    r = RequestFactory().get(path)
    r.user = get_user_model().objects.get(pk=user.pk)
    return r


def _dibangun(request):
    """What the site builds without the kept menu."""
    return SitusAdminSID._susun_app_list(admin.site, request)


@pytest.mark.parametrize("peran", [*SEMUA_PERAN, None])
def test_menu_tersimpan_sama_dengan_yang_dibangun(buat_staf, desa, peran):
    user = buat_staf(peran) if peran else buat_staf(None, is_superuser=True)
    pertama = admin.site.get_app_list(_baru(user))
    assert pertama == _dibangun(_baru(user))
    assert admin.site.get_app_list(_baru(user)) is pertama  # kept, not built again


def test_peran_berbeda_menu_berbeda(buat_staf, desa):
    sekdes = admin.site.get_app_list(_baru(buat_staf("Sekretaris Desa")))
    redaksi = admin.site.get_app_list(_baru(buat_staf("Redaksi")))
    nama = lambda daftar: {m["object_name"] for a in daftar for m in a["models"]}  # noqa: E731
    assert "Penduduk" in nama(sekdes) and "Penduduk" not in nama(redaksi)
    assert "Artikel" in nama(redaksi) and "Artikel" not in nama(sekdes)


def test_hak_baru_langsung_tampil_di_menu(buat_staf, desa):
    user = buat_staf(None)
    assert admin.site.get_app_list(_baru(user)) == []
    user.user_permissions.add(Permission.objects.get(codename="view_artikel"))
    daftar = admin.site.get_app_list(_baru(user))
    assert [m["object_name"] for a in daftar for m in a["models"]] == ["Artikel"]


def test_sidebar_dari_template_django_dan_menandai_halaman(client, admin_desa, desa):
    client.force_login(admin_desa)
    for path, penanda in (
        ("/admin/penduduk/penduduk/", 'class="model-penduduk current-model"'),
        ("/admin/konten/artikel/", 'class="model-artikel current-model"'),
    ):
        html = client.get(path).content.decode()
        assert 'id="nav-sidebar"' in html and penanda in html
    request = _baru(admin_desa, "/admin/konten/artikel/")
    sidebar = get_template("admin/app_list.html").render(
        {
            "app_list": admin.site.get_app_list(request),
            "show_changelinks": False,
            "request": request,
        }
    )
    assert 'class="model-artikel current-model"' in sidebar


BAGIAN = [
    "Kependudukan",
    "Layanan Surat",
    "Layanan Mandiri",
    "Pemerintahan",
    "Keuangan",
    "Website",
    "Sinkron",
    "Pengaturan",
]


def test_menu_dikelompokkan_menurut_pekerjaan_operator_dengan_ikon(buat_staf, desa):
    daftar = _dibangun(_baru(buat_staf(None, is_superuser=True)))
    assert [a["name"] for a in daftar] == BAGIAN
    assert all(a["ikon"] for a in daftar)
    per_bagian = {a["name"]: {m["object_name"] for m in a["models"]} for a in daftar}
    assert {"Penduduk", "Keluarga", "Wilayah"} <= per_bagian["Kependudukan"]
    assert "Surat" in per_bagian["Layanan Surat"] and "Artikel" in per_bagian["Website"]
    assert {"IdentitasDesa", "User", "LogAktivitas"} <= per_bagian["Pengaturan"]


def test_model_yang_tidak_dikenal_masuk_pengaturan(buat_staf, desa, monkeypatch):
    """A model the grouping does not name (a new app, a renamed model) is never lost."""
    from sid import admin_site

    tanpa_website = [b for b in admin_site.NAVIGASI if b[0] != "Website"]
    monkeypatch.setattr(admin_site, "NAVIGASI", tanpa_website)
    daftar = _dibangun(_baru(buat_staf(None, is_superuser=True)))
    pengaturan = next(a for a in daftar if a["name"] == "Pengaturan")
    assert "Artikel" in {m["object_name"] for m in pengaturan["models"]}
    assert "Website" not in [a["name"] for a in daftar]


def test_redaksi_hanya_melihat_bagian_yang_boleh(buat_staf, desa):
    daftar = _dibangun(_baru(buat_staf("Redaksi")))
    assert "Website" in [a["name"] for a in daftar]
    assert "Kependudukan" not in [a["name"] for a in daftar]


def test_dasbor_halaman_awal_dengan_menu_samping_dan_ikon(client, buat_staf, desa):
    client.force_login(buat_staf("Operator"))
    html = client.get("/admin/").content.decode()
    assert 'id="nav-sidebar"' in html and 'class="sid-kartu-grid"' in html
    assert 'class="sid-menu-beranda" aria-current="page"' in html
    assert "ikon-menu.svg#kependudukan" in html and "ikon-menu.svg#surat" in html
    assert "<script>" not in html
