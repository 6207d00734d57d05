"""Demo data: a few social-assistance programmes with recipients from the demo population.

Registered in BantuanConfig.ready (sid.demo); does nothing when a programme exists. Writes
through the services (audit entries included).
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from bantuan import services
from bantuan.models import Program, Sasaran, SumberDana
from keluarga.models import Keluarga
from penduduk.models import Penduduk

PROGRAM = [
    # nama, sasaran, dana, keterangan, share of the targets, months running
    (
        "BLT Dana Desa",
        Sasaran.KELUARGA,
        SumberDana.DANA_DESA,
        "Bantuan langsung tunai dari Dana Desa untuk keluarga miskin dan rentan.",
        0.05,
        12,
    ),
    (
        "Program Keluarga Harapan (PKH)",
        Sasaran.KELUARGA,
        SumberDana.PUSAT,
        "Bantuan sosial bersyarat Kementerian Sosial.",
        0.08,
        24,
    ),
    (
        "Bantuan Pangan Non Tunai (Sembako)",
        Sasaran.KELUARGA,
        SumberDana.PUSAT,
        "Bantuan pangan bulanan lewat kartu keluarga sejahtera.",
        0.1,
        24,
    ),
    (
        "Program Indonesia Pintar (PIP)",
        Sasaran.PENDUDUK,
        SumberDana.PUSAT,
        "Bantuan pendidikan untuk anak usia sekolah dari keluarga kurang mampu.",
        0.04,
        12,
    ),
]
BATAS_PESERTA = 150


def isi_demo(*, rng: random.Random, tanggal_mulai: datetime.date, hari_ini: datetime.date):
    if Program.objects.exists():
        return None

    keluarga = list(
        Keluarga.objects.aktif()
        .filter(anggota__status_dasar=1)
        .distinct()
        .values_list("pk", flat=True)
    )
    anak = list(
        Penduduk.objects.hidup().umur_antara(6, 18, pada=hari_ini).values_list("pk", flat=True)
    )
    if not keluarga:
        return None
    jumlah = 0
    with transaction.atomic():
        for nama, sasaran, dana, keterangan, porsi, bulan in PROGRAM:
            mulai = hari_ini.replace(day=1) - datetime.timedelta(days=30 * (bulan // 2))
            program = services.program_create(
                oleh=None,
                data={
                    "nama": nama,
                    "sasaran": sasaran,
                    "sumber_dana": dana,
                    "keterangan": keterangan,
                    "tanggal_mulai": mulai,
                    "tanggal_selesai": mulai + datetime.timedelta(days=30 * bulan),
                },
            )
            sumber = keluarga if sasaran == Sasaran.KELUARGA else anak
            n = min(BATAS_PESERTA, max(3, int(len(sumber) * porsi)), len(sumber))
            pilihan = rng.sample(sumber, n)
            objek = (Keluarga if sasaran == Sasaran.KELUARGA else Penduduk).objects.in_bulk(pilihan)
            for i, pk in enumerate(pilihan, start=1):
                arg = (
                    {"keluarga": objek[pk]}
                    if sasaran == Sasaran.KELUARGA
                    else {"penduduk": objek[pk]}
                )
                services.peserta_create(
                    oleh=None,
                    program=program,
                    nomor_kartu=f"{program.pk:02d}{i:05d}",
                    catat=False,
                    **arg,
                )
                jumlah += 1
    return f"Bantuan sosial: {len(PROGRAM)} program, {jumlah} peserta."
