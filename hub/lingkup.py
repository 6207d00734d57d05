"""A hub user's scope (a kabupaten or a kecamatan), and the one way every hub page, query and
export narrows what it reads: through `Lingkup`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

TINGKAT = {2: "Provinsi", 4: "Kabupaten", 6: "Kecamatan"}


@dataclass(frozen=True)
class Lingkup:
    kode: str
    nama: str = ""

    @property
    def tingkat(self) -> str:
        return TINGKAT.get(len(self.kode), "Wilayah")

    @property
    def judul(self) -> str:
        return f"{self.tingkat} {self.nama or self.kode}"

    def memuat(self, kode_desa: str) -> bool:
        return kode_desa.startswith(self.kode)

    def desa(self) -> QuerySet:
        from hub.models import DesaHub

        return DesaHub.objects.filter(kode__startswith=self.kode)

    def saring(self, qs: QuerySet, field: str = "desa") -> QuerySet:
        """`qs` narrowed to villages in scope, through its foreign key to DesaHub."""
        return qs.filter(**{f"{field}__kode__startswith": self.kode})

    def q_wilayah(self, field: str = "lingkup") -> Q:
        """Rows addressed to an area that contains the scope or lies inside it (notices and
        board topics addressed to the whole kabupaten reach a kecamatan user, and the other
        way round)."""
        awalan = [self.kode[:n] for n in (2, 4, 6) if n <= len(self.kode)]
        return Q(**{f"{field}__startswith": self.kode}) | Q(**{f"{field}__in": awalan})


def lingkup_untuk(user) -> Lingkup | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    profil = getattr(user, "pengguna_hub", None)
    if profil is None:
        return None
    return Lingkup(kode=profil.lingkup, nama=profil.nama_lingkup)


def hub_aktif() -> None:
    if not settings.SID_HUB:
        raise Http404("Instance ini bukan hub (SID_HUB=0).")


def staf_hub(view):
    """Hub pages: only on a hub, only for logged-in users with a scope (deny by default)."""

    @wraps(view)
    def _view(request, *args, **kwargs):
        hub_aktif()
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        lingkup = lingkup_untuk(request.user)
        if lingkup is None:
            raise PermissionDenied("Akun ini belum diberi lingkup wilayah hub.")
        request.lingkup = lingkup
        return view(request, *args, **kwargs)

    return _view
