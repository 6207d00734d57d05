"""List filters of the officials' back office."""

from __future__ import annotations

from django.contrib import admin

from perangkat.models import Pengangkatan


class MenjabatFilter(admin.SimpleListFilter):
    title = "masa jabatan"
    parameter_name = "menjabat"

    def lookups(self, request, model_admin):
        return [("ya", "Sedang menjabat"), ("tidak", "Tidak sedang menjabat")]

    def queryset(self, request, queryset):
        if self.value() not in ("ya", "tidak"):
            return queryset
        menjabat = Pengangkatan.objects.menjabat()
        kolom = "pk" if queryset.model is Pengangkatan else "perangkat_id"
        ids = menjabat.values(kolom)
        if self.value() == "ya":
            return queryset.filter(pk__in=ids)
        return queryset.exclude(pk__in=ids)
