"""The dusun/RW/RT screens of the back office. The areas are the core app's (`sid.Wilayah`),
but their screen counts families and residents, so it lives with the register: `sid` imports
no domain app."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse

from penduduk.models import KepalaWilayah, Penduduk
from penduduk.services.wilayah import wilayah_kepala_atur
from penduduk.wilayah import hitung_per_wilayah
from sid import kode, services
from sid.forms import WilayahForm
from sid.lib.wilayah import urutan_pohon
from sid.models import Wilayah


class WilayahKepalaForm(WilayahForm):
    """The area form with its head chosen among the living residents (penduduk.KepalaWilayah)."""

    kepala = forms.ModelChoiceField(
        label="kepala (penduduk)",
        queryset=Penduduk.objects.filter(status_dasar=kode.StatusDasar.HIDUP),
        required=False,
        widget=AutocompleteSelect(KepalaWilayah._meta.get_field("penduduk"), admin.site),
        help_text="Cari nama atau NIK. Kosongkan bila kepala belum tercatat sebagai penduduk.",
        error_messages={"invalid_choice": "Kepala wilayah harus penduduk yang masih HIDUP."},
    )

    class Meta(WilayahForm.Meta):
        fields = ["tingkat", "induk", "nama", "kepala", "kepala_nama"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            ada = KepalaWilayah.objects.filter(wilayah=self.instance).first()
            self.initial["kepala"] = ada.penduduk_id if ada else None


@admin.register(Wilayah)
class WilayahAdmin(admin.ModelAdmin):
    form = WilayahKepalaForm
    list_display = [
        "nama_lengkap", "tingkat", "kepala_nama", "jumlah_bawahan", "jumlah_kk", "jumlah_l",
        "jumlah_p", "jumlah_total",
    ]  # fmt: skip
    list_filter = ["tingkat", "dusun"]
    search_fields = ["nama", "kepala_nama", "dusun__nama"]
    list_select_related = ["dusun", "rw"]
    autocomplete_fields = ["induk"]
    fields = ["tingkat", "induk", "nama", "kepala", "kepala_nama"]
    ordering = urutan_pohon()

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_jumlah_bawahan=Count("anak"))

    @admin.display(description="wilayah bawahan", ordering="_jumlah_bawahan")
    def jumlah_bawahan(self, obj):
        return obj._jumlah_bawahan

    def get_changelist_instance(self, request):
        """Attach family and resident counts to the rows shown (2 grouped queries)."""
        cl = super().get_changelist_instance(request)
        hitung = hitung_per_wilayah()
        for obj in cl.result_list:
            obj._hitung = hitung.get(obj.pk, {"kk": 0, "l": 0, "p": 0})
        return cl

    @admin.display(description="KK")
    def jumlah_kk(self, obj):
        return getattr(obj, "_hitung", {}).get("kk", 0)

    @admin.display(description="L")
    def jumlah_l(self, obj):
        return getattr(obj, "_hitung", {}).get("l", 0)

    @admin.display(description="P")
    def jumlah_p(self, obj):
        return getattr(obj, "_hitung", {}).get("p", 0)

    @admin.display(description="L+P")
    def jumlah_total(self, obj):
        h = getattr(obj, "_hitung", {})
        return h.get("l", 0) + h.get("p", 0)

    @admin.display(description="nama wilayah", ordering="nama")
    def nama_lengkap(self, obj):
        return obj.nama_lengkap

    def get_readonly_fields(self, request, obj=None):
        return ["tingkat", "induk"] if obj else []

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            saved = services.wilayah_update(
                oleh=request.user,
                wilayah=obj,
                nama=data["nama"],
                kepala_nama=data.get("kepala_nama", ""),
            )
        else:
            saved = services.wilayah_create(
                oleh=request.user,
                tingkat=data["tingkat"],
                nama=data["nama"],
                induk=data.get("induk"),
                kepala_nama=data.get("kepala_nama", ""),
            )
        obj.pk = saved.pk
        wilayah_kepala_atur(oleh=request.user, wilayah=saved, penduduk=data.get("kepala"))

    def delete_view(self, request, object_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, object_id)
            if obj is not None and self.has_delete_permission(request, obj):
                try:
                    services.wilayah_delete(oleh=request.user, wilayah=obj)
                except ValidationError as exc:
                    self.message_user(request, " ".join(exc.messages), messages.ERROR)
                    return HttpResponseRedirect(reverse("admin:sid_wilayah_change", args=[obj.pk]))
                self.message_user(request, f"{obj} telah dihapus.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:sid_wilayah_changelist"))
        return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.wilayah_delete(oleh=request.user, wilayah=obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # deletes go through the checked single-object path
        return actions

    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None

    def log_deletion(self, request, obj, object_repr):
        return None
