"""The website card on the back-office dashboard (at most 7 queries)."""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from konten.models import Agenda, Artikel, Komentar, Pengumuman
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
    if redaksi:
        terakhir = terakhir_terbit()
        if terakhir is None or terakhir < timezone.now() - datetime.timedelta(HARI_TANPA_TERBIT):
            sejak = f"sejak {timezone.localtime(terakhir):%d-%m-%Y}" if terakhir else "sama sekali"
            kartu.peringatan.append(
                f"Website belum diperbarui {sejak}: SOP operator meminta website diperbarui "
                f"paling sedikit sekali seminggu (artikel, agenda atau pengumuman)."
            )
    return kartu


HARI_TANPA_TERBIT = 7  # SOP Operator §5: the website is updated at least weekly


def terakhir_terbit():
    """The last time anything was published on the website: an article whose publication time
    has come, an announcement that started showing, an agenda item entered or changed (3
    queries)."""
    sekarang = timezone.now()
    hasil = [
        Artikel.objects.terbit(sekarang).aggregate(t=Max("terbit_pada"))["t"],
        Pengumuman.objects.filter(mulai__lte=sekarang).aggregate(t=Max("mulai"))["t"],
        Agenda.objects.aggregate(t=Max("diperbarui"))["t"],
    ]
    waktu = [t for t in hasil if t is not None]
    return max(waktu) if waktu else None
