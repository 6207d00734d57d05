"""Back-office screens of the core app."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from sid import services
from sid.admin_izin import PilihanIzinMixin
from sid.forms import IdentitasDesaForm
from sid.lib import penguncian
from sid.lib.audit import catat_aktivitas
from sid.lib.riwayat import label_aksi, nama_model, siapkan_rincian
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


class FilterAksi(admin.SimpleListFilter):
    """The actions in the log, by their name in words."""

    title = "aksi"
    parameter_name = "aksi"

    def lookups(self, request, model_admin):
        kode = model_admin.get_queryset(request).order_by().values_list("aksi", flat=True)
        return sorted(((k, label_aksi(k)) for k in set(kode.distinct())), key=lambda x: x[1])

    def queryset(self, request, queryset):
        return queryset.filter(aksi=self.value()) if self.value() else queryset


class FilterJenisObjek(admin.SimpleListFilter):
    """The kinds of data in the log, by their Indonesian names (never Django's internal
    "app | model" labels)."""

    title = "jenis data"
    parameter_name = "jenis"

    def lookups(self, request, model_admin):
        ids = (
            model_admin.get_queryset(request)
            .order_by()
            .exclude(content_type=None)
            .values_list("content_type", flat=True)
            .distinct()
        )
        hasil = []
        for ct_id in ids:
            model = ContentType.objects.get_for_id(ct_id).model_class()
            if model is not None:
                hasil.append((str(ct_id), nama_model(model)))
        return sorted(hasil, key=lambda x: x[1])

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(content_type_id=int(self.value()))
        return queryset


class RincianPerubahanMixin:
    """Changes shown with field labels and display values (sid.lib.riwayat), prepared for a
    whole page of entries at once; one entry's page shows the same words, never the stored
    action code or the raw JSON of the change."""

    fields = [
        "waktu",
        "pengguna",
        "pelaku",
        "ip",
        "aksi_label",
        "jenis_objek",
        "objek",
        "tabel_perubahan",
        "keterangan",
    ]
    readonly_fields = fields

    @admin.display(description="perubahan (lama → baru)")
    def tabel_perubahan(self, obj):
        rincian = siapkan_rincian([obj])[0].rincian
        if not rincian:
            return "-"
        rows = format_html_join("", "<tr><th>{}</th><td>{}</td><td>{}</td></tr>", rincian)
        return format_html(
            '<table class="tabel-perubahan"><thead>'
            "<tr><th>data</th><th>lama</th><th>baru</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    def get_changelist_instance(self, request):
        cl = super().get_changelist_instance(request)
        cl.result_list = siapkan_rincian(cl.result_list)
        return cl

    @admin.display(description="aksi", ordering="aksi")
    def aksi_label(self, obj):
        return label_aksi(obj.aksi)

    @admin.display(description="jenis data")
    def jenis_objek(self, obj):
        if not obj.content_type_id:
            return "-"
        return nama_model(ContentType.objects.get_for_id(obj.content_type_id).model_class())

    @admin.display(description="perubahan")
    def ringkasan(self, obj):
        rincian = getattr(obj, "rincian", None)
        if rincian is None:
            rincian = siapkan_rincian([obj])[0].rincian
        if rincian:
            return "; ".join(f"{label}: {lama} → {baru}" for label, lama, baru in rincian[:4]) + (
                "…" if len(rincian) > 4 else ""
            )
        return obj.keterangan[:100]


@admin.register(LogAktivitas)
class LogAktivitasAdmin(RincianPerubahanMixin, admin.ModelAdmin):
    """Read-only for everyone, administrators included."""

    list_display = ["waktu", "pelaku", "ip", "aksi_label", "jenis_objek", "objek", "ringkasan"]
    list_filter = [FilterAksi, FilterJenisObjek, ("waktu", admin.DateFieldListFilter)]
    search_fields = ["pelaku", "objek", "keterangan", "object_id"]
    list_select_related = ["content_type"]
    date_hierarchy = "waktu"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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

_BANTUAN_SANDI = (
    "Apakah akun ini dapat masuk dengan kata sandi. "
    '<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
    "Bila dimatikan, kata sandi akun ini sekarang hilang.</li></ul>"
)


class FormSandiAdmin(AdminPasswordChangeForm):
    usable_password_help_text = _BANTUAN_SANDI


@admin.register(User)
class PenggunaAdmin(PilihanIzinMixin, UserAdmin):
    change_password_form = FormSandiAdmin
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


from sid import admin_buku_harian, admin_cadangan, admin_jadwal, admin_peran  # noqa: F401,E402
