"""SID's back office: Django's admin, branded, with a dashboard and task-grouped navigation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import sites as admin_sites
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from sid import dasbor
from sid.auth import RANAH, kunci_staf
from sid.lib import konteks, penguncian
from sid.lib.audit import catat_aktivitas
from sid.lib.desa import identitas_desa

_URL_ADMIN: dict[tuple, str] = {}


def _reverse_admin(viewname, urlconf=None, args=None, kwargs=None, current_app=None):
    """`reverse()` as django.contrib.admin.sites uses it, remembering the answers.

    The admin site's own URLs (index, login, each model's list and add page, each app's page)
    do not change while the process runs, yet the app list behind the navigation sidebar
    reverses ~90 of them on every back-office page: 70% of building it. Answers are kept per
    URLconf (also when settings.ROOT_URLCONF is overridden) and script prefix; calls with
    positional args and failed lookups are not kept.
    (No admin URL here is translated: there are no i18n_patterns.)
    """
    if args:
        return reverse(viewname, urlconf, args, kwargs, current_app)
    kunci = (
        viewname,
        urlconf or get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        current_app,
        tuple(sorted((kwargs or {}).items())),
    )
    url = _URL_ADMIN.get(kunci)
    if url is None:
        url = reverse(viewname, urlconf, args, kwargs, current_app)
        if len(_URL_ADMIN) < 5000:  # bounded: admin URL names x app labels
            _URL_ADMIN[kunci] = url
    return url


admin_sites.reverse = _reverse_admin

# Navigation by task: section title → "app_label" or "app_label.model" entries, in order.
NAVIGASI: list[tuple[str, list[str]]] = [
    ("Kependudukan", ["penduduk", "keluarga", "sid.wilayah"]),
    ("Layanan Surat", ["surat"]),
    ("Layanan Mandiri", ["mandiri", "bantuan"]),
    ("Pemerintahan Desa", ["perangkat", "keuangan"]),
    ("Website Desa", ["konten"]),
    ("Sinkron ke Hub", ["sinkron", "hub"]),
    ("Pengaturan", ["sid.identitasdesa", "sid.logcadangan", "auth", "django_celery_beat"]),
    ("Keamanan & Log", ["sid.logaktivitas", "sid.kuncimasuk"]),
]


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
        # Built once per request: the dashboard asks for it twice (sidebar and page body), and
        # every model costs permission checks and URL reversals.
        memo = request.__dict__.setdefault("_sid_app_list", {})
        if app_label not in memo:
            memo[app_label] = self._susun_app_list(request, app_label)
        return memo[app_label]

    def _susun_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label:
            return app_list
        model_per_kunci = {}
        for app in app_list:
            for model in app["models"]:
                model_per_kunci[f"{app['app_label']}.{model['object_name'].lower()}"] = (app, model)
        terpakai: set[str] = set()
        hasil = []
        for judul, entri in NAVIGASI:
            models = []
            for item in entri:
                for kunci, (_app, model) in model_per_kunci.items():
                    cocok = kunci == item if "." in item else kunci.split(".")[0] == item
                    if cocok and kunci not in terpakai:
                        terpakai.add(kunci)
                        models.append(model)
            if models:
                hasil.append(_bagian(judul, models))
        sisa = [m for k, (_a, m) in model_per_kunci.items() if k not in terpakai]
        if sisa:
            hasil.append(_bagian("Lainnya", sisa))
        return hasil

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


def _bagian(judul: str, models: list[dict]) -> dict:
    kunci = judul.lower().replace(" ", "_").replace("&", "dan")
    return {
        "name": judul,
        "app_label": kunci,
        "app_url": models[0]["admin_url"] if models and models[0].get("admin_url") else "",
        "has_module_perms": True,
        "models": models,
    }
