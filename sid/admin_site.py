"""SID's back office: Django's admin, branded, with a dashboard and task-grouped navigation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import get_script_prefix, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from sid import dasbor
from sid.auth import RANAH, hak_dan_peran, kunci_staf
from sid.lib import konteks, penguncian
from sid.lib.audit import catat_aktivitas
from sid.lib.desa import identitas_desa

_MENU: dict[tuple, list] = {}


def kunci_menu(request) -> tuple:
    """Everything the back-office menu depends on: the user's rights (permissions, roles, being
    a superuser), whether the register still takes initial data (its "add" link), the hub
    switch and the script prefix. Users with the same key see the same menu."""
    u = request.user
    if not getattr(u, "_sid_kunci_menu", None):
        if u.pk is not None and u.is_active and u.is_superuser:
            # An active superuser passes every permission and role check (User.has_perm,
            # sid.cadangan.boleh_kelola): every superuser sees the same menu, and listing all
            # permissions (two queries) and roles (one) would only cost time.
            hak, peran = frozenset(), frozenset()
        elif u.is_active and u.pk is not None:
            hak, peran = hak_dan_peran(u)
        else:
            hak, peran = frozenset(), frozenset()
        u._sid_kunci_menu = (
            u.pk is not None and u.is_superuser,
            hak,
            peran,
            identitas_desa().dalam_fase_data_awal,
            settings.SID_HUB,
            get_script_prefix(),
        )
    return u._sid_kunci_menu


# Navigation by the operator's work: section title → (icon, "app_label" or "app_label.model"
# entries, in order). A model no entry names (a new app, a renamed model) goes under
# "Pengaturan", so every screen the user may open stays in the menu. Icons are symbols of
# static/sid/ikon-menu.svg.
NAVIGASI: list[tuple[str, str, list[str]]] = [
    ("Kependudukan", "kependudukan", ["penduduk", "keluarga", "sid.wilayah", "bantuan"]),
    ("Layanan Surat", "surat", ["surat"]),
    ("Layanan Mandiri", "mandiri", ["mandiri"]),
    ("Pemerintahan", "pemerintahan", ["perangkat"]),
    ("Keuangan", "keuangan", ["keuangan"]),
    ("Website", "website", ["konten"]),
    ("Sinkron", "sinkron", ["sinkron", "hub"]),
    (
        "Pengaturan",
        "pengaturan",
        [
            "sid.identitasdesa",
            "auth",
            "sid.logcadangan",
            "sid.jadwaltugas",
            "pindah",
            "sid.logaktivitas",
            "sid.bukuharian",
            "sid.kuncimasuk",
        ],
    ),
]
BAGIAN_SISA = "Pengaturan"


class FormMasukStaf(AdminAuthenticationForm):
    """Admin login form that explains a lock (same text whether the username exists or not)."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": "Nama pengguna atau kata sandi salah.",
    }

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            ip = konteks.ip_klien(self.request)
            akhir = penguncian.terkunci_sampai(RANAH, kunci_staf(self.data.get("username", ""), ip))
            if akhir:
                raise ValidationError(penguncian.pesan_terkunci(akhir), code="terkunci") from None
            raise


class SitusAdminSID(admin.AdminSite):
    site_header = "SID"
    site_title = "SID"
    index_title = "Beranda"
    login_form = FormMasukStaf
    enable_nav_sidebar = True

    def each_context(self, request):
        context = super().each_context(request)
        desa = identitas_desa()
        nama = str(desa) if desa.nama_desa else "Sistem Informasi Desa"
        context.update(
            site_header=f"SID · {nama}",
            site_title=f"SID {nama}",
            desa=desa,
        )
        return context

    @method_decorator(never_cache)
    def index(self, request, extra_context=None):
        desa = identitas_desa()
        if not desa.lengkap:
            context = {
                **self.each_context(request),
                "title": "Lengkapi Identitas Desa",
                "bisa_ubah": request.user.has_perm("sid.change_identitasdesa"),
                "url_identitas": reverse("admin:sid_identitasdesa_changelist"),
            }
            return render(request, "admin/lengkapi_identitas.html", context)
        extra_context = {**(extra_context or {}), "kartu": dasbor.kartu_untuk(request)}
        return super().index(request, extra_context)

    def get_app_list(self, request, app_label=None):
        # The same for everyone with the same rights (kunci_menu), and every model costs
        # permission checks and URL reversals: built once per role and kept (never mutated).
        kunci = (*kunci_menu(request), app_label)
        if kunci not in _MENU:
            if len(_MENU) > 2000:
                _MENU.clear()
            _MENU[kunci] = self._susun_app_list(request, app_label)
        return _MENU[kunci]

    def _susun_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label:
            return app_list
        model_per_kunci = {}
        for app in app_list:
            for model in app["models"]:
                model_per_kunci[f"{app['app_label']}.{model['object_name'].lower()}"] = (app, model)
        terpakai: set[str] = set()
        per_bagian: dict[str, list] = {judul: [] for judul, _ikon, _entri in NAVIGASI}
        for judul, _ikon, entri in NAVIGASI:
            for item in entri:
                for kunci, (_app, model) in model_per_kunci.items():
                    cocok = kunci == item if "." in item else kunci.split(".")[0] == item
                    if cocok and kunci not in terpakai:
                        terpakai.add(kunci)
                        per_bagian[judul].append(model)
        per_bagian[BAGIAN_SISA] += [
            m for k, (_a, m) in model_per_kunci.items() if k not in terpakai
        ]
        return [
            _bagian(judul, ikon, per_bagian[judul])
            for judul, ikon, _entri in NAVIGASI
            if per_bagian[judul]
        ]

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        response = super().login(request, extra_context)
        if (
            request.method == "POST"
            and request.user.is_authenticated
            and response.status_code == 302
        ):
            catat_aktivitas(oleh=request.user, aksi="masuk", keterangan="Login back office.")
        return response

    def logout(self, request, extra_context=None):
        if request.user.is_authenticated and request.method == "POST":
            catat_aktivitas(oleh=request.user, aksi="keluar", keterangan="Logout back office.")
        return super().logout(request, extra_context)


def _bagian(judul: str, ikon: str, models: list[dict]) -> dict:
    kunci = judul.lower().replace(" ", "_")
    return {
        "name": judul,
        "ikon": ikon,
        "app_label": kunci,
        "app_url": models[0]["admin_url"] if models and models[0].get("admin_url") else "",
        "has_module_perms": True,
        "models": models,
    }
