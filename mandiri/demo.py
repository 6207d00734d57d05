"""Demo data of Layanan Mandiri: a few complaints and aspirations with the village's replies.

No resident accounts are made (no default credentials): an operator issues PINs from the back
office. Registered in MandiriConfig.ready (sid.demo); does nothing when complaints exist.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from mandiri.models import BalasanPengaduan, Pengaduan
from penduduk.models import Penduduk
from sid.lib.audit import catat_aktivitas

PENGADUAN = [
    # jenis, judul, isi, balasan desa, status
    (
        "pengaduan",
        "Lampu jalan mati di depan musala",
        "Sudah seminggu lampu penerangan jalan di depan musala mati, jalan jadi gelap dan rawan "
        "saat anak-anak pulang mengaji.",
        "Terima kasih laporannya. Petugas sudah mengecek; lampu akan diganti minggu ini dari "
        "anggaran pemeliharaan.",
        "diproses",
    ),
    (
        "pengaduan",
        "Saluran air tersumbat",
        "Saluran air di gang sebelah balai RW tersumbat sampah, air meluap ke jalan kalau hujan.",
        "Sudah dibersihkan bersama warga dalam kerja bakti hari Minggu. Mohon bantu jaga agar "
        "tidak membuang sampah ke saluran.",
        "selesai",
    ),
    (
        "aspirasi",
        "Usul pelatihan pengolahan hasil panen",
        "Mohon desa mengadakan pelatihan pengolahan singkong dan pisang untuk ibu-ibu PKK agar "
        "hasil panen bisa dijual lebih mahal.",
        "Usulan dicatat untuk musyawarah perencanaan desa tahun depan.",
        "diproses",
    ),
    (
        "aspirasi",
        "Jadwal posyandu lansia",
        "Apakah bisa posyandu lansia diadakan hari Sabtu supaya anak yang bekerja bisa mengantar?",
        "",
        "menunggu",
    ),
]


def isi_demo(*, rng: random.Random, tanggal_mulai: datetime.date, hari_ini: datetime.date):
    if Pengaduan.objects.exists():
        return None

    pengirim = list(
        Penduduk.objects.hidup()
        .umur_antara(20, 70, pada=hari_ini)
        .values_list("pk", flat=True)[:500]
    )
    if not pengirim:
        return None
    dipilih = Penduduk.objects.in_bulk(rng.sample(pengirim, min(len(PENGADUAN), len(pengirim))))
    sekarang = timezone.now()
    with transaction.atomic():
        for i, (pk, (jenis, judul, isi, balasan, status)) in enumerate(
            zip(dipilih, PENGADUAN, strict=False)
        ):
            dikirim = sekarang - datetime.timedelta(
                days=3 * (len(PENGADUAN) - i), hours=rng.randint(1, 9)
            )
            p = Pengaduan.objects.create(
                penduduk=dipilih[pk],
                jenis=jenis,
                judul=judul,
                isi=isi,
                status=status,
                dibuat=dikirim,
                diselesaikan_pada=dikirim + datetime.timedelta(days=2)
                if status == "selesai"
                else None,
            )
            if balasan:
                BalasanPengaduan.objects.create(
                    pengaduan=p,
                    isi=balasan,
                    nama_pengirim="Pemerintah Desa",
                    dibuat=dikirim + datetime.timedelta(days=1),
                )
            catat_aktivitas(oleh=None, aksi="demo", objek=p, keterangan="Data demo.")
    return f"Layanan Mandiri: {len(dipilih)} pengaduan/aspirasi contoh (tanpa akun warga)."
