"""The letters card on the back-office dashboard: what waits for whom (1–2 queries)."""

from __future__ import annotations

from django.urls import reverse

from sid.dasbor import Angka, Kartu
from surat.models import PengaturanSurat
from surat.selectors import jumlah_per_status


def kartu_surat(request):
    user = request.user
    if not user.has_perm("surat.view_surat"):
        return None
    jumlah = jumlah_per_status()
    daftar = reverse("admin:surat_surat_changelist")
    kartu = Kartu(judul="Layanan Surat", ikon="bi-envelope-paper")
    bisa_verifikasi = user.has_perm("surat.verifikasi_surat")
    bisa_ttd = user.has_perm("surat.tandatangani_surat")
    if bisa_verifikasi:
        kartu.angka.append(
            Angka(
                "menunggu verifikasi Anda",
                jumlah["verifikasi"],
                f"{daftar}?status__exact=verifikasi",
            )
        )
    if bisa_ttd or (
        user.has_perm("surat.change_surat") and not PengaturanSurat.ambil().tanda_tangan_kepala_desa
    ):
        kartu.angka.append(
            Angka(
                "menunggu tanda tangan",
                jumlah["tanda_tangan"],
                f"{daftar}?status__exact=tanda_tangan",
            )
        )
    if user.has_perm("surat.add_surat"):
        kartu.angka.append(Angka("draf", jumlah["draf"], f"{daftar}?status__exact=draf"))
        kartu.angka.append(
            Angka("dikembalikan", jumlah["dikembalikan"], f"{daftar}?status__exact=dikembalikan")
        )
        kartu.pintasan.append(("Buat surat", reverse("admin:surat_surat_add")))
        if jumlah["dikembalikan"]:
            kartu.peringatan.append(
                f"{jumlah['dikembalikan']} surat dikembalikan untuk diperbaiki."
            )
    kartu.angka.append(
        Angka("terbit bulan ini", jumlah["terbit_bulan_ini"], f"{daftar}?status__exact=terbit")
    )
    kartu.pintasan.append(("Arsip surat keluar", daftar))
    kartu.pintasan.append(("Register surat", reverse("admin:surat_surat_register")))
    if bisa_verifikasi and jumlah["verifikasi"]:
        kartu.peringatan.append(f"{jumlah['verifikasi']} surat menunggu verifikasi.")
    if bisa_ttd and jumlah["tanda_tangan"]:
        kartu.peringatan.append(f"{jumlah['tanda_tangan']} surat menunggu tanda tangan.")
    if jumlah["pdf_gagal"]:
        kartu.peringatan.append(
            f"{jumlah['pdf_gagal']} PDF surat gagal dibuat; buka suratnya untuk mencoba lagi."
        )
    return kartu
