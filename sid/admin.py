"""Back-office screens of the core app."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from sid import services
from sid.forms import IdentitasDesaForm
from sid.lib import penguncian
from sid.lib.audit import catat_aktivitas
from sid.models import IdentitasDesa, KunciMasuk, LogAktivitas


@admin.register(IdentitasDesa)
class IdentitasDesaAdmin(admin.ModelAdmin):
    """A singleton: the list goes straight to the one row's form."""

    form = IdentitasDesaForm

    fieldsets = [
        (
            "Desa",
            {
                "fields": [
                    "nama_desa",
                    "kode_desa",
                    "kode_pos",
                    "alamat_kantor",
                    "email_desa",
                    "telepon",
                    "website",
                ]
            },
        ),
        (
            "Kecamatan, kabupaten, provinsi",
            {
                "fields": [
                    ("nama_kecamatan", "kode_kecamatan"),
                    ("nama_kabupaten", "kode_kabupaten"),
                    ("nama_provinsi", "kode_provinsi"),
                ]
            },
        ),
        ("Logo dan kantor", {"fields": ["logo", "kantor_desa", ("lat", "lng")]}),
        ("Tingkat wilayah", {"fields": ["pakai_rw", "pakai_rt"]}),
        (
            "Sebutan setempat",
            {
                "classes": ["collapse"],
                "fields": [
                    "sebutan_desa",
                    "sebutan_dusun",
                    "sebutan_kecamatan",
                    "sebutan_kabupaten",
                    "sebutan_camat",
                    "sebutan_kepala_desa",
                    "sebutan_nip_desa",
                ],
            },
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        desa = IdentitasDesa.ambil()
        return HttpResponseRedirect(reverse("admin:sid_identitasdesa_change", args=[desa.pk]))

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        services.identitas_desa_update(oleh=request.user, data=data)

    def log_change(self, request, obj, message):
        return None  # the audit log (LogAktivitas) is the record, written by the service


@admin.register(LogAktivitas)
class LogAktivitasAdmin(admin.ModelAdmin):
    """Read-only for everyone, administrators included."""

    list_display = ["waktu", "pelaku", "ip", "aksi", "jenis_objek", "objek", "ringkasan"]
    list_filter = ["aksi", "content_type", ("waktu", admin.DateFieldListFilter)]
    search_fields = ["pelaku", "objek", "keterangan", "object_id"]
    list_select_related = ["content_type"]
    date_hierarchy = "waktu"
    readonly_fields = [
        "waktu",
        "pengguna",
        "pelaku",
        "ip",
        "aksi",
        "content_type",
        "object_id",
        "objek",
        "tabel_perubahan",
        "keterangan",
    ]
    exclude = ["perubahan"]
    show_full_result_count = False

    @admin.display(description="jenis objek")
    def jenis_objek(self, obj):
        return obj.content_type.name if obj.content_type_id else "-"

    @admin.display(description="perubahan")
    def ringkasan(self, obj):
        if obj.perubahan:
            return ", ".join(list(obj.perubahan)[:6]) + ("…" if len(obj.perubahan) > 6 else "")
        return obj.keterangan[:80]

    @admin.display(description="perubahan (lama → baru)")
    def tabel_perubahan(self, obj):
        if not obj.perubahan:
            return "-"
        rows = format_html_join(
            "",
            "<tr><th>{}</th><td>{}</td><td>{}</td></tr>",
            (
                (field, _tampil(lama), _tampil(baru))
                for field, (lama, baru) in obj.perubahan.items()
            ),
        )
        return format_html(
            '<table class="tabel-perubahan"><thead>'
            "<tr><th>kolom</th><th>lama</th><th>baru</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _tampil(nilai) -> str:
    return "-" if nilai in (None, "") else str(nilai)


@admin.register(KunciMasuk)
class KunciMasukAdmin(admin.ModelAdmin):
    list_display = [
        "ranah",
        "jenis",
        "kunci",
        "gagal",
        "terkunci_sampai",
        "jumlah_terkunci",
        "terakhir_gagal",
    ]
    list_filter = ["ranah", "jenis"]
    search_fields = ["kunci"]
    actions = ["buka_kunci"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Buka kunci yang dipilih", permissions=["view"])
    def buka_kunci(self, request, queryset):
        if (
            not request.user.is_superuser
            and not request.user.groups.filter(name="Administrator").exists()
        ):
            raise PermissionDenied
        for row in queryset:
            penguncian.buka_kunci(row.ranah, row.jenis, row.kunci)
            catat_aktivitas(oleh=request.user, aksi="buka_kunci", objek=row)
        self.message_user(request, f"{queryset.count()} kunci dibuka.", messages.SUCCESS)


admin.site.unregister(User)
admin.site.unregister(Group)  # registered again by sid.admin_peran (defaults, access report)


@admin.register(User)
class PenggunaAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "peran", "is_active", "last_login"]
    list_filter = ["is_active", "is_superuser", "groups"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="peran")
    def peran(self, obj):
        return ", ".join(g.name for g in obj.groups.all()) or (
            "Superuser" if obj.is_superuser else "-"
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.is_staff = True  # every account made here is a back-office account
        super().save_model(request, obj, form, change)
        kolom = [f for f in form.changed_data if "password" not in f]
        catat_aktivitas(
            oleh=request.user,
            aksi="ubah" if change else "buat",
            objek=obj,
            keterangan=("Kolom diubah: " + ", ".join(kolom))
            if kolom
            else "Akun pengguna disimpan.",
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "groups" in form.changed_data:
            catat_aktivitas(
                oleh=request.user,
                aksi="ubah_peran",
                objek=form.instance,
                keterangan="Peran: "
                + (", ".join(g.name for g in form.instance.groups.all()) or "-"),
            )

    def delete_model(self, request, obj):
        catat_aktivitas(oleh=request.user, aksi="hapus", objek=obj)
        super().delete_model(request, obj)


from sid import admin_buku_harian, admin_cadangan, admin_peran  # noqa: F401,E402
