"""Staff authentication with a database-stored lockout per username and per IP."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from sid.lib import konteks, penguncian
from sid.lib.audit import catat_aktivitas
from sid.models import KunciMasuk

RANAH = KunciMasuk.Ranah.STAF


def kunci_staf(username: str, ip: str) -> list[penguncian.Kunci]:
    return [
        (
            KunciMasuk.Jenis.PENGGUNA,
            (username or "").strip().lower()[:150],
            settings.SID_KUNCI_BATAS_USERNAME,
        ),
        (KunciMasuk.Jenis.IP, ip, settings.SID_KUNCI_BATAS_IP),
    ]


class BackendDenganPenguncian(ModelBackend):
    """ModelBackend that refuses locked usernames/IPs and counts failures.

    A locked key is refused even with the right password (PermissionDenied stops Django's
    backend chain). The attempt is counted before the password is checked (penguncian). The login form shows the lock; the message never says whether the
    username exists.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field())
        ip = konteks.ip_klien(request) if request is not None else "0.0.0.0"  # noqa: S104
        kunci = kunci_staf(username or "", ip)
        # Counted before the password is checked, so parallel guesses cannot pass the limit.
        giliran = penguncian.ambil_giliran(RANAH, kunci)
        if giliran is None:
            raise PermissionDenied("terkunci")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            catat_aktivitas(
                oleh=None,
                aksi="gagal_masuk",
                pelaku=(username or "")[:150],
                keterangan="Login back office gagal.",
            )
        else:
            penguncian.berhasil(giliran, KunciMasuk.Jenis.PENGGUNA)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        """ModelBackend's, in one query instead of two (own permissions and the roles'), which
        also yields the user's role names (hak_dan_peran). Superusers keep Django's own."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            hak, peran = _muat_hak_dan_peran(user_obj)
            user_obj._perm_cache = hak
            user_obj._sid_peran = peran
        return user_obj._perm_cache

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD


def hak_dan_peran(user) -> tuple[frozenset[str], frozenset[str]]:
    """An active user's permissions ("app_label.codename", own and through roles) and role
    names, kept on the user object for the request: one query with this backend."""
    hak = frozenset(user.get_all_permissions())
    peran = getattr(user, "_sid_peran", None)
    if peran is None:  # filled by another backend, or a superuser
        peran = frozenset(user.groups.values_list("name", flat=True))
        user._sid_peran = peran
    return hak, peran


def _muat_hak_dan_peran(user) -> tuple[set[str], frozenset[str]]:
    from django.contrib.auth.models import Group, Permission
    from django.db.models import CharField, Value

    # Unordered: SQLite refuses ORDER BY inside a UNION (Permission has a default ordering).
    milik = (
        Permission.objects.filter(user=user)
        .order_by()
        .values_list(Value(None, output_field=CharField()), "content_type__app_label", "codename")
    )
    lewat_peran = (
        Group.objects.filter(user=user)
        .order_by()
        .values_list("name", "permissions__content_type__app_label", "permissions__codename")
    )
    hak, peran = set(), set()
    for nama_peran, app_label, codename in milik.union(lewat_peran, all=True):
        if nama_peran is not None:
            peran.add(nama_peran)
        if codename is not None:
            hak.add(f"{app_label}.{codename}")
    return hak, frozenset(peran)
