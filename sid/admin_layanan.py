"""A ModelAdmin whose writes are service calls: the one base every app's plain CRUD screens use.

Django's admin would save the model itself; here `save_model` and `delete_model` call the app's
services (which validate, write and record the audit entry), so the admin's own LogEntry rows
are not written. A subclass names its services:

    class AgendaAdmin(AdminLayanan):
        layanan_create = staticmethod(services.agenda_create)   # (oleh=, data=) -> obj
        layanan_update = staticmethod(services.agenda_update)   # (oleh=, data=, agenda=)
        layanan_hapus = staticmethod(services.agenda_hapus)     # (oleh=, agenda=)
        nama_argumen = "agenda"

and may change which fields reach the service with `data_layanan()`.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models


def data_form(form, change: bool) -> dict:
    """What the operator entered: every field on add, only the changed ones on change."""
    kolom = [f for f in form.base_fields if f in form.cleaned_data]
    if change:
        kolom = [f for f in kolom if f in form.changed_data]
    return {f: form.cleaned_data[f] for f in kolom}


class AdminLayanan(admin.ModelAdmin):
    # Django 5.2 warns (and 6.0 changes the default) when a URLField form field has no scheme
    # to assume; list_editable change lists build a form of every model field.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    layanan_create = None
    layanan_update = None
    layanan_hapus = None
    nama_argumen = ""  # keyword of the object in the update and delete services

    def data_layanan(self, form, change: bool) -> dict:
        return data_form(form, change)

    def save_model(self, request, obj, form, change):
        data = self.data_layanan(form, change)
        if change:
            self.layanan_update(oleh=request.user, data=data, **{self.nama_argumen: obj})
        else:
            baru = self.layanan_create(oleh=request.user, data=data)
            obj.pk = baru.pk
            obj._state.adding = False

    def delete_model(self, request, obj):
        self.layanan_hapus(oleh=request.user, **{self.nama_argumen: obj})

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return self.response_post_save_change(request, None)

    def log_addition(self, request, obj, message):
        return None  # the audit log (LogAktivitas) is the record, written by the service

    def log_change(self, request, obj, message):
        return None

    def log_deletion(self, request, obj, object_repr):
        return None

    def log_deletions(self, request, queryset):
        return None
