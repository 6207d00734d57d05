"""Shared bits of the Layanan Mandiri back office."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from sid.models import LogAktivitas


class AdminTanpaLog(admin.ModelAdmin):
    """Writes are service calls that write the audit log (LogAktivitas) themselves."""

    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None

    def log_deletions(self, request, queryset):
        return None

    def has_delete_permission(self, request, obj=None):
        return False

    def konteks(self, request, judul: str, **kw) -> dict:
        return {
            **self.admin_site.each_context(request),
            "title": judul,
            "opts": self.model._meta,
            "has_view_permission": True,
            **kw,
        }


def riwayat(obj, batas: int = 50) -> list[LogAktivitas]:
    """The object's audit entries, newest first (1 query + cached content type)."""
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return list(
        LogAktivitas.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by(
            "-waktu", "-id"
        )[:batas]
    )
