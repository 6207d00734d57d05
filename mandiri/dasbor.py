"""The Layanan Mandiri card on the back-office dashboard: the request queue by status and the
complaints waiting for an answer (2 queries)."""

from __future__ import annotations

from django.urls import reverse

from sid.dasbor import Angka, Kartu


def kartu_mandiri(request):
    user = request.user
    lihat_permohonan = user.has_perm("mandiri.view_permohonan")
    lihat_pengaduan = user.has_perm("mandiri.view_pengaduan")
    if not (lihat_permohonan or lihat_pengaduan):
        return None
    kartu = Kartu(judul="Layanan Mandiri", ikon="bi-phone")
    if lihat_permohonan:
        from mandiri.admin.permohonan import jumlah_per_status

        jumlah = jumlah_per_status()
        daftar = reverse("admin:mandiri_permohonan_changelist")
        for kunci, label in (
            ("menunggu", "permohonan menunggu verifikasi"),
            ("dilengkapi", "perlu dilengkapi warga"),
            ("diproses", "sedang diproses"),
            ("siap", "siap diambil"),
        ):
            kartu.angka.append(Angka(label, jumlah[kunci], f"{daftar}?status={kunci}"))
        if jumlah["menunggu"]:
            kartu.peringatan.append(f"{jumlah['menunggu']} permohonan surat menunggu diperiksa.")
        kartu.pintasan.append(("Permohonan surat", daftar))
    if lihat_pengaduan:
        from mandiri.models import Pengaduan

        menunggu = Pengaduan.objects.filter(status=Pengaduan.Status.MENUNGGU).count()
        url = reverse("admin:mandiri_pengaduan_changelist")
        kartu.angka.append(
            Angka("pengaduan belum dibalas", menunggu, f"{url}?status__exact=menunggu")
        )
        kartu.pintasan.append(("Pengaduan & aspirasi", url))
    if user.has_perm("mandiri.view_akunmandiri"):
        kartu.pintasan.append(("Akun warga", reverse("admin:mandiri_akunmandiri_changelist")))
    return kartu
