"""Demo data: a plausible adopted APBDes with realisation for the current and the previous year.

Called by the demo village generator (`isi_desa_demo`):

    from keuangan.demo import isi_keuangan_demo
    isi_keuangan_demo(rng=random.Random(seed), tahun_sekarang=hari_ini.year, hari_ini=hari_ini)

Totals are what an Indonesian village of a few thousand residents budgets (about 1,5–2,5
billion rupiah: Dana Desa, Alokasi Dana Desa, bagi hasil pajak, PADes …), balanced (SiLPA 0),
in whole thousands of rupiah. The previous year is fully realised; the current year is realised
in proportion to the days gone. Idempotent: a year that already has a budget is skipped.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from keuangan import services
from keuangan.models import RincianAnggaran, TahunAnggaran
from keuangan.nilai import NOL, desimal_json
from keuangan.templat import pastikan_templat
from sid.lib.audit import catat_aktivitas

RIBU = Decimal(1000)
JUTA = 1_000_000

# kode, (least, most) in millions of rupiah, share of it realised in semester I
PENDAPATAN = [
    ("4.1.1.", (15, 45), 0.45),  # hasil usaha desa (BUMDes)
    ("4.1.2.", (20, 60), 0.50),  # hasil aset desa (tanah kas desa)
    ("4.1.3.", (5, 20), 0.40),  # swadaya, partisipasi, gotong royong
    ("4.2.1.", (900, 1150), 0.60),  # Dana Desa
    ("4.2.2.", (40, 90), 0.40),  # bagi hasil pajak dan retribusi
    ("4.2.3.", (500, 700), 0.50),  # Alokasi Dana Desa
    ("4.2.5.", (50, 150), 0.30),  # bantuan keuangan kabupaten
    ("4.3.6.", (1, 4), 0.50),  # bunga bank
]
# kegiatan, rekening belanja, weight
BELANJA = [
    ("01.01.01.", "5.1.1.", 4.5),  # siltap kepala desa
    ("01.01.02.", "5.1.2.", 16),  # siltap perangkat desa
    ("01.01.03.", "5.1.3.", 2),  # BPJS kepala desa dan perangkat
    ("01.01.04.", "5.2.5.", 4),  # operasional pemerintah desa
    ("01.01.05.", "5.1.4.", 2.5),  # tunjangan BPD
    ("01.01.06.", "5.2.5.", 1),  # operasional BPD
    ("01.01.07.", "5.2.2.", 3),  # insentif RT/RW
    ("01.02.02.", "5.2.6.", 1.5),  # pemeliharaan kantor desa
    ("01.03.01.", "5.2.1.", 0.7),  # pelayanan administrasi kependudukan
    ("01.04.01.", "5.2.2.", 0.6),  # musyawarah perencanaan desa
    ("01.04.04.", "5.2.2.", 0.5),  # penyusunan dokumen keuangan
    ("01.04.08.", "5.2.4.", 0.6),  # sistem informasi desa
    ("02.01.01.", "5.2.2.", 3),  # PAUD milik desa
    ("02.02.01.", "5.2.1.", 1),  # poskesdes/polindes
    ("02.02.02.", "5.2.7.", 4),  # posyandu (PMT, kelas ibu hamil, lansia)
    ("02.03.01.", "5.2.6.", 2),  # pemeliharaan jalan desa
    ("02.03.10.", "5.3.5.", 14),  # rabat beton jalan desa
    ("02.03.14.", "5.3.7.", 6),  # drainase/gorong-gorong
    ("02.04.11.", "5.3.8.", 4),  # sumber air bersih
    ("02.04.13.", "5.3.7.", 2),  # sanitasi permukiman
    ("02.06.02.", "5.2.1.", 0.5),  # baliho APBDes, informasi publik
    ("03.01.90.", "5.2.1.", 1.5),  # linmas
    ("03.02.03.", "5.2.2.", 1.5),  # perayaan HUT RI
    ("03.03.06.", "5.2.7.", 1),  # karang taruna
    ("03.04.03.", "5.2.7.", 1.5),  # PKK
    ("04.02.01.", "5.2.7.", 3),  # tanaman pangan
    ("04.02.02.", "5.2.7.", 2),  # peternakan
    ("04.03.02.", "5.2.3.", 1.5),  # peningkatan kapasitas perangkat
    ("04.04.01.", "5.2.2.", 1),  # pemberdayaan perempuan
    ("04.05.01.", "5.2.2.", 1),  # pelatihan UMKM
    ("05.01.01.", "5.4.1.", 1),  # penanggulangan bencana
    ("05.03.01.", "5.2.7.", 9),  # BLT Dana Desa (keadaan mendesak)
]
SILPA = (30, 120)
MODAL_BUMDES = (25, 75)


def _ribu(nilai: Decimal | float) -> Decimal:
    """Whole thousands of rupiah, rounded down."""
    return (Decimal(str(nilai)) // RIBU) * RIBU


def _acak_juta(rng: random.Random, rentang: tuple[int, int]) -> Decimal:
    return _ribu(Decimal(rng.randint(rentang[0] * 1000, rentang[1] * 1000)) * RIBU)


def _bagian(total: Decimal, bobot: list[float]) -> list[Decimal]:
    """Split `total` (whole thousands) by weight in whole thousands; the largest takes the rest."""
    jumlah_bobot = sum(bobot)
    hasil = [_ribu(total * Decimal(str(b / jumlah_bobot))) for b in bobot]
    hasil[bobot.index(max(bobot))] += total - sum(hasil)
    return hasil


def _realisasi(
    rng: random.Random, anggaran: Decimal, porsi: float, *, bisa_lebih: bool = False
) -> Decimal:
    atas = 1.04 if bisa_lebih else 1.0
    nilai = _ribu(anggaran * Decimal(str(min(porsi * rng.uniform(0.9, 1.08), atas))))
    return nilai if bisa_lebih else min(nilai, anggaran)


def _rancang(
    rng: random.Random, *, silpa: Decimal, porsi: float, semester_lewat: bool
) -> list[RincianAnggaran]:
    """The lines of one year: budget, and realisation for `porsi` (0–1) of the year."""
    baris: list[RincianAnggaran] = []

    def tambah(kode, kegiatan, anggaran, realisasi, s1):
        s1 = min(_ribu(s1), realisasi) if semester_lewat else NOL
        baris.append(
            RincianAnggaran(
                kode=kode,
                kegiatan=kegiatan,
                anggaran=anggaran,
                realisasi=realisasi,
                realisasi_semester_1=s1,
            )
        )

    skala = rng.uniform(1.0, 1.1)
    pendapatan = NOL
    for kode, rentang, porsi_s1 in PENDAPATAN:
        a = _ribu(_acak_juta(rng, rentang) * Decimal(str(skala)))
        transfer = kode.startswith("4.2.")
        r = _realisasi(
            rng, a, porsi if not transfer else min(1.0, porsi * 1.1), bisa_lebih=not transfer
        )
        tambah(kode, "", a, r, r * Decimal(str(porsi_s1 / max(porsi, porsi_s1))))
        pendapatan += a
    modal = _acak_juta(rng, MODAL_BUMDES)
    if silpa > 0:
        tambah("6.1.1.", "", silpa, silpa, silpa)
    tambah("6.2.2.", "", modal, modal if porsi >= 0.5 else NOL, NOL)
    total_belanja = pendapatan + silpa - modal
    bobot = [b * rng.uniform(0.8, 1.2) for _k, _r, b in BELANJA]
    for (kegiatan, kode, _b), a in zip(BELANJA, _bagian(total_belanja, bobot), strict=True):
        r = _realisasi(rng, a, porsi * rng.uniform(0.88, 1.0))
        tambah(kode, kegiatan, a, r, r * Decimal(str(rng.uniform(0.4, 0.6))))
    return baris


def _silpa_realisasi(ta: TahunAnggaran) -> Decimal:
    hasil = NOL
    for b in ta.rincian.all():
        if b.kode.startswith(("4.", "6.1.")):
            hasil += b.realisasi
        else:
            hasil -= b.realisasi
    return hasil


@transaction.atomic
def isi_keuangan_demo(
    *, rng: random.Random, tahun_sekarang: int, hari_ini: datetime.date | None = None
) -> dict:
    """Create adopted budgets with realisation for `tahun_sekarang - 1` and `tahun_sekarang`.

    Returns {"dibuat": [years], "dilewati": [years], "pendapatan": {year: "…"}, …}.
    """
    pastikan_templat()
    hari_ini = hari_ini or timezone.localdate()
    hasil: dict = {"dibuat": [], "dilewati": [], "pendapatan": {}, "belanja": {}}
    silpa = _acak_juta(rng, SILPA)
    for tahun in (tahun_sekarang - 1, tahun_sekarang):
        lama = TahunAnggaran.objects.filter(tahun=tahun).order_by("-perubahan_ke").first()
        if lama is not None:
            hasil["dilewati"].append(tahun)
            if lama.ditetapkan:
                silpa = max(_ribu(_silpa_realisasi(lama)), NOL)
            continue
        awal = datetime.date(tahun, 1, 1)
        if hari_ini.year > tahun:
            porsi = 1.0
        elif hari_ini.year < tahun:
            porsi = 0.0
        else:
            porsi = min(1.0, ((hari_ini - awal).days + 1) / 365)
        semester_lewat = hari_ini > datetime.date(tahun, 6, 30)
        baris = _rancang(rng, silpa=silpa, porsi=porsi, semester_lewat=semester_lewat)
        ta = services.tahun_anggaran_create(oleh=None, tahun=tahun)
        for b in baris:
            b.tahun_anggaran = ta
        RincianAnggaran.objects.bulk_create(baris)
        tanggal = datetime.date(tahun - 1, 12, rng.randint(15, 30))
        services.tahun_anggaran_tetapkan(
            oleh=None,
            tahun_anggaran=ta,
            nomor_perdes=f"{rng.randint(4, 9)} Tahun {tahun - 1}",
            tanggal_perdes=min(tanggal, hari_ini),
        )
        hasil["dibuat"].append(tahun)
        for kunci, awal_kode in (("pendapatan", "4."), ("belanja", "5.")):
            total = sum((b.anggaran for b in baris if b.kode.startswith(awal_kode)), NOL)
            hasil[kunci][tahun] = desimal_json(total)
        silpa = max(_ribu(_silpa_realisasi(ta)), NOL)
    if hasil["dibuat"]:
        catat_aktivitas(
            oleh=None,
            aksi="isi_keuangan_demo",
            keterangan=f"APBDes demo ditetapkan untuk tahun {', '.join(map(str, hasil['dibuat']))}.",
        )
    return hasil


def isi_demo(
    *, rng: random.Random, tanggal_mulai: datetime.date, hari_ini: datetime.date
) -> str | None:
    """The budget's part of `isi_desa_demo` (registered in KeuanganConfig.ready)."""
    hasil = isi_keuangan_demo(rng=rng, tahun_sekarang=hari_ini.year, hari_ini=hari_ini)
    if not hasil["dibuat"]:
        return None
    return "APBDes ditetapkan dengan realisasi: " + ", ".join(str(t) for t in hasil["dibuat"]) + "."
