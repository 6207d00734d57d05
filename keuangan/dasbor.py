"""The budget card on the back-office dashboard (2 queries)."""

from __future__ import annotations

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone

from keuangan.models import TahunAnggaran
from keuangan.nilai import persen, persen_teks, rupiah_singkat
from sid.dasbor import Angka, Kartu


def kartu_keuangan(request):
    if not request.user.has_perm("keuangan.view_tahunanggaran"):
        return None
    tahun = timezone.localdate().year
    daftar = reverse("admin:keuangan_tahunanggaran_changelist")
    ta = (
        TahunAnggaran.objects.filter(tahun__lte=tahun)
        .order_by("-tahun", "-perubahan_ke")
        .annotate(
            pendapatan=Sum("rincian__anggaran", filter=Q(rincian__kode__startswith="4.")),
            belanja=Sum("rincian__anggaran", filter=Q(rincian__kode__startswith="5.")),
            belanja_realisasi=Sum("rincian__realisasi", filter=Q(rincian__kode__startswith="5.")),
        )
        .first()
    )
    kartu = Kartu(judul="Keuangan Desa", ikon="bi-cash-stack", pintasan=[("Semua APBDes", daftar)])
    if request.user.has_perm("keuangan.add_tahunanggaran"):
        kartu.pintasan.append(("Buka tahun anggaran", reverse("admin:keuangan_tahunanggaran_add")))
    if ta is None:
        kartu.peringatan.append(f"Belum ada APBDes tahun {tahun}.")
        return kartu
    url = ta.get_absolute_url()
    kartu.angka = [
        Angka(f"pendapatan {ta.tahun} (Rp)", rupiah_singkat(ta.pendapatan), url),
        Angka(f"belanja {ta.tahun} (Rp)", rupiah_singkat(ta.belanja), url),
        Angka(
            "realisasi belanja",
            f"{persen_teks(persen(ta.belanja_realisasi or 0, ta.belanja or 0))}%",
            url,
        ),
    ]
    kartu.pintasan.insert(0, (str(ta), url))
    if ta.tahun < tahun:
        kartu.peringatan.append(f"Belum ada APBDes tahun {tahun}.")
    elif not ta.ditetapkan:
        kartu.peringatan.append(
            f"{ta} masih rancangan: tetapkan dengan Perdes agar tampil di website."
        )
    return kartu
