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

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD
