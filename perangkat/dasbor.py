"""The officials card on the back-office dashboard (4 queries; 5 when SKs await checking)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from perangkat.models import Pengangkatan, PenyerahanLaporan
from perangkat.selectors import ada_kepala_desa, tanpa_kepala_desa
from sid.dasbor import Angka, Kartu

JUMLAH_DAFTAR = 3


def kartu_perangkat(request):
    if not request.user.has_perm("perangkat.view_pengangkatan"):
        return None
    hari_ini = timezone.localdate()
    daftar = reverse("admin:perangkat_pengangkatan_changelist")
    # Persons and posts held: one person may hold a definitive post and an acting one (Plt/Pj);
    # the hub shows the same two figures with the same labels.
    menjabat = Pengangkatan.objects.menjabat(hari_ini).aggregate(
        orang=Count("perangkat", distinct=True), jabatan=Count("pk")
    )
    belum = Pengangkatan.objects.belum_terverifikasi()
    jumlah_belum = belum.count()
    pertama = (
        list(
            belum.select_related("perangkat__penduduk", "jabatan", "dusun").order_by(
                "dibuat", "pk"
            )[:JUMLAH_DAFTAR]
        )
        if jumlah_belum
        else []
    )
    kartu = Kartu(
        judul="Perangkat Desa",
        ikon="bi-person-badge",
        angka=[
            Angka("orang menjabat", menjabat["orang"], f"{daftar}?menjabat=ya"),
            Angka("jabatan terisi", menjabat["jabatan"], f"{daftar}?menjabat=ya"),
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
    # SIPKATDES step 7: printed reports the Kepala Desa has not yet recorded as received.
    belum_terima = list(
        PenyerahanLaporan.objects.filter(tanggal_terima__isnull=True).order_by("diserahkan_pada")[
            :3
        ]
    )
    if belum_terima:
        kartu.peringatan.append(
            "Laporan data perangkat belum diterima Kepala Desa: "
            + ", ".join(f"keadaan per {p.tanggal_keadaan:%d-%m-%Y}" for p in belum_terima)
            + ("…" if len(belum_terima) == 3 else "")
        )
        if request.user.has_perm("perangkat.terima_laporan_perangkat"):
            for p in belum_terima:
                kartu.pintasan.append(
                    (
                        f"Terima laporan per {p.tanggal_keadaan:%d-%m-%Y}",
                        reverse("admin:perangkat_penyerahanlaporan_change", args=[p.pk]),
                    )
                )
    if not ada_kepala_desa(hari_ini):
        kartu.peringatan.append(tanpa_kepala_desa(hari_ini).messages[0])
    return kartu
