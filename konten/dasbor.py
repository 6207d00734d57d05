"""The website card on the back-office dashboard (at most 3 queries)."""

from __future__ import annotations

from django.urls import reverse

from konten.models import Artikel, Komentar
from konten.services import boleh_terbitkan
from sid.dasbor import Angka, Kartu


def kartu_konten(request):
    user = request.user
    if not user.has_perm("konten.view_artikel"):
        return None
    daftar = reverse("admin:konten_artikel_changelist")
    redaksi = boleh_terbitkan(user)
    draf = Artikel.objects.draf()
    if not redaksi:
        draf = draf.filter(penulis=user)
    kartu = Kartu(
        judul="Website Desa",
        ikon="bi-globe",
        angka=[
            Angka(
                "draf menunggu terbit" if redaksi else "draf saya",
                draf.count(),
                f"{daftar}?status_terbit=draf",
            )
        ],
        pintasan=[("Lihat website", reverse("konten:beranda"))],
    )
    if redaksi:
        kartu.angka.append(
            Angka(
                "terjadwal",
                Artikel.objects.terjadwal().count(),
                f"{daftar}?status_terbit=terjadwal",
            )
        )
    if user.has_perm("konten.change_komentar"):
        menunggu = Komentar.objects.menunggu().count()
        kartu.angka.append(
            Angka(
                "komentar menunggu moderasi",
                menunggu,
                reverse("admin:konten_komentar_changelist") + "?status__exact=menunggu",
            )
        )
        if menunggu:
            kartu.peringatan.append(f"{menunggu} komentar menunggu moderasi.")
    if user.has_perm("konten.add_artikel"):
        kartu.pintasan.insert(0, ("Tulis artikel", reverse("admin:konten_artikel_add")))
    return kartu
