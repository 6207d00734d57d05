"""The officials card on the back-office dashboard (4 queries)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from perangkat.models import Pengangkatan
from perangkat.selectors import penandatangan_untuk
from sid.dasbor import Angka, Kartu

JUMLAH_DAFTAR = 3


def kartu_perangkat(request):
    if not request.user.has_perm("perangkat.view_pengangkatan"):
        return None
    hari_ini = timezone.localdate()
    daftar = reverse("admin:perangkat_pengangkatan_changelist")
    menjabat = Pengangkatan.objects.menjabat(hari_ini).values("perangkat").distinct().count()
    belum = Pengangkatan.objects.belum_terverifikasi()
    jumlah_belum = belum.count()
    pertama = list(
        belum.select_related("perangkat__penduduk", "jabatan", "dusun").order_by("dibuat", "pk")[
            :JUMLAH_DAFTAR
        ]
    )
    kartu = Kartu(
        judul="Perangkat Desa",
        ikon="bi-person-badge",
        angka=[
            Angka("perangkat menjabat", menjabat, f"{daftar}?menjabat=ya"),
            Angka("SK belum terverifikasi", jumlah_belum, f"{daftar}?periksa=belum"),
        ],
        pintasan=[
            ("Buku Aparat", reverse("admin:perangkat_buku_aparat")),
            ("Laporan Data Perangkat", reverse("admin:perangkat_laporan_data")),
        ],
    )
    if request.user.has_perm("perangkat.add_pengangkatan"):
        kartu.pintasan.append(("Catat pengangkatan", reverse("admin:perangkat_pengangkatan_add")))
    for p in pertama:
        kartu.pintasan.append(
            (
                f"Periksa SK {p.perangkat.nama_bergelar} ({p.judul_jabatan})",
                reverse("admin:perangkat_pengangkatan_periksa", args=[p.pk]),
            )
        )
    if jumlah_belum:
        kartu.peringatan.append(f"{jumlah_belum} SK pengangkatan belum terverifikasi.")
    try:
        penandatangan_untuk(hari_ini)
    except ValidationError as exc:
        kartu.peringatan.append(exc.messages[0])
    return kartu
