"""Permission pickers and deletions of accounts and roles in plain Indonesian: shared by the
account screen (sid/admin.py) and the role screen (sid/admin_peran.py)."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission, User

# Permissions of Django's plumbing (sessions, content types, the admin's own log) and of the
# scheduler are never given by hand: they are left out of the permission pickers.
_IZIN_TERSEMBUNYI = ["admin", "contenttypes", "sessions", "django_celery_beat"]
_AKSI_IZIN = {
    "add": "boleh menambah",
    "change": "boleh mengubah",
    "delete": "boleh menghapus",
    "view": "boleh melihat",
}


def _label_izin(izin: Permission) -> str:
    """ "Kependudukan · penduduk · boleh mengubah" instead of Django's English "Can change …"."""
    ct = izin.content_type
    model = apps.get_model(ct.app_label, ct.model) if ct.model else None
    app = apps.get_app_config(ct.app_label).verbose_name
    if model is None:
        return f"{app} · {izin.name}"
    aksi = _AKSI_IZIN.get(izin.codename.split("_", 1)[0])
    if not aksi or izin.codename != f"{izin.codename.split('_', 1)[0]}_{ct.model}":
        aksi = izin.name  # a custom permission, named in Indonesian in its model's Meta
    return f"{app} · {model._meta.verbose_name} · {aksi}"


class PilihanIzinMixin:
    """Permission pickers in Indonesian, and the delete confirmation without the rows that
    only link an account to its roles (Django names them "Hubungan user-group: …")."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name in ("permissions", "user_permissions"):
            kwargs["queryset"] = (
                Permission.objects.exclude(content_type__app_label__in=_IZIN_TERSEMBUNYI)
                .select_related("content_type")
                .order_by("content_type__app_label", "content_type__model", "codename")
            )
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = _label_izin
        return field

    def get_deleted_objects(self, objs, request):
        daftar, jumlah, izin, dilindungi = super().get_deleted_objects(objs, request)
        penghubung = {
            str(m._meta.verbose_name_plural)
            for m in (User.groups.through, User.user_permissions.through, Group.permissions.through)
        }
        jumlah = {k: v for k, v in jumlah.items() if str(k) not in penghubung}
        return _tanpa_penghubung(daftar), jumlah, izin, dilindungi


def _tanpa_penghubung(daftar: list) -> list:
    awalan = tuple(
        f"{str(m._meta.verbose_name)[:1].upper()}{str(m._meta.verbose_name)[1:]}: "
        for m in (User.groups.through, User.user_permissions.through, Group.permissions.through)
    )
    hasil = []
    for x in daftar:
        if isinstance(x, list):
            anak = _tanpa_penghubung(x)
            if anak:
                hasil.append(anak)
        elif not str(x).startswith(awalan):
            hasil.append(x)
    return hasil
