"""Hub settings in the back office (only when SID_HUB=1): the scope of each hub user.
Villages, codes and credentials are managed on the hub's own pages (/hub/desa/)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError

from hub.models import PenggunaHub
from hub.services.pendaftaran import pengguna_hub_atur, periksa_lingkup


class FormPenggunaHub(forms.ModelForm):
    class Meta:
        model = PenggunaHub
        fields = ["user", "lingkup", "nama_lingkup"]

    def clean_lingkup(self):
        try:
            return periksa_lingkup(self.cleaned_data.get("lingkup", ""))
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["lingkup"]) from None


@admin.register(PenggunaHub)
class PenggunaHubAdmin(admin.ModelAdmin):
    form = FormPenggunaHub
    list_display = ["user", "lingkup", "nama_lingkup"]
    search_fields = ["user__username", "lingkup", "nama_lingkup"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]

    def has_module_permission(self, request):
        return settings.SID_HUB and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return settings.SID_HUB and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return settings.SID_HUB and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return settings.SID_HUB and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # Through the service: validation against the hub's area and the audit entry.
        profil = pengguna_hub_atur(
            oleh=request.user, user=obj.user, lingkup=obj.lingkup, nama_lingkup=obj.nama_lingkup
        )
        obj.pk = profil.pk
        obj._state.adding = False
