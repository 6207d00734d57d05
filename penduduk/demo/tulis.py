"""Writing a demo plan to the database: bulk inserts in one transaction and one audit entry.

The per-record services are not used (far too slow for 100,000 residents); the plan already
satisfies every rule they enforce, and the tests check that on the written rows.
"""

from __future__ import annotations

import datetime
import random
import time
import uuid
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk.demo.orang import tahun_lalu
from penduduk.demo.rencana import KODE_DESA_DEMO, Rencana, rencanakan
from penduduk.models import KepalaWilayah, Penduduk, Peristiwa
from penduduk.statistik.versi import statistik_berubah
from sid import kode
from sid.lib.audit import catat_aktivitas
from sid.lib.desa import lupakan_identitas_desa
from sid.models import IdentitasDesa, Wilayah

UKURAN_BATCH = 2000
IDENTITAS_DEMO = {
    "nama_desa": "Sukamaju",
    "kode_desa": KODE_DESA_DEMO,
    "nama_kecamatan": "Cibinong",
    "kode_kecamatan": "320101",
    "nama_kabupaten": "Bogor",
    "kode_kabupaten": "3201",
    "nama_provinsi": "Jawa Barat",
    "kode_provinsi": "32",
    "alamat_kantor": "Jl. Raya Sukamaju No. 1, Kp. Krajan",
    "kode_pos": "16911",
    "telepon": "(0251) 8581234",
    "email_desa": "pemdes@sukamaju.desa.id",
    "lat": Decimal("-6.4815000"),
    "lng": Decimal("106.8540000"),
}


class SudahBerisi(Exception):
    """The database already holds residents: the demo is only for an empty register."""


def _identitas(hari_ini: datetime.date) -> IdentitasDesa:
    """Fill a demo identity when the village has no official code yet (never overwrite one)."""
    desa = IdentitasDesa.objects.select_for_update().get(pk=IdentitasDesa.ambil().pk)
    if not desa.kode_desa:
        for nama, nilai in IDENTITAS_DEMO.items():
            if nama == "kode_desa" or not getattr(desa, nama):
                setattr(desa, nama, nilai)
        if not Wilayah.objects.exists():
            desa.pakai_rw = desa.pakai_rt = True
    if desa.data_awal_selesai is None:
        desa.data_awal_selesai = tahun_lalu(hari_ini, 3)
    desa.save()
    lupakan_identitas_desa()
    return desa


def _buat(model, objek: list, ukuran: int = UKURAN_BATCH) -> None:
    """bulk_create that leaves primary keys on the objects (PostgreSQL, SQLite ≥ 3.35)."""
    if connection.features.can_return_rows_from_bulk_insert:
        for i in range(0, len(objek), ukuran):
            model.objects.bulk_create(objek[i : i + ukuran])
    else:  # pragma: no cover - other backends
        for o in objek:
            o.save(force_insert=True)


def _dicatat(tanggal: datetime.date, r: random.Random) -> datetime.datetime:
    """When an office worker typed the record in: the reporting day, in office hours."""
    waktu = datetime.time(r.randint(8, 14), r.randrange(60), r.randrange(60))
    return min(timezone.now(), timezone.make_aware(datetime.datetime.combine(tanggal, waktu)))


def _tulis_wilayah(rencana: Rencana) -> list[tuple]:
    objek = []
    for tingkat in (Wilayah.Tingkat.DUSUN, Wilayah.Tingkat.RW, Wilayah.Tingkat.RT):
        baris = [w for w in rencana.wilayah if w.tingkat == tingkat]
        lapis = [
            Wilayah(
                tingkat=w.tingkat,
                nama=w.nama,
                induk_id=w.induk.pk if w.induk else None,
                kepala_nama=w.kepala_nama,
            )
            for w in baris
        ]
        _buat(Wilayah, lapis)
        for w, obj in zip(baris, lapis, strict=True):
            w.pk = obj.pk
        objek += zip(baris, lapis, strict=True)
    return objek


def _leluhur_dan_kepala(pasangan: list[tuple]) -> None:
    """Cached ancestors (the row itself at its own level) and the head as a resident."""
    for w, obj in pasangan:
        if w.tingkat == Wilayah.Tingkat.DUSUN:
            obj.dusun_id, obj.rw_id = w.pk, None
        elif w.tingkat == Wilayah.Tingkat.RW:
            obj.dusun_id, obj.rw_id = w.induk.pk, w.pk
        else:
            induk = w.induk
            rw = induk if induk.tingkat == Wilayah.Tingkat.RW else None
            obj.dusun_id = (rw.induk if rw else induk).pk
            obj.rw_id = rw.pk if rw else None
    Wilayah.objects.bulk_update([o for _, o in pasangan], ["dusun", "rw"], batch_size=500)
    KepalaWilayah.objects.bulk_create(
        [
            KepalaWilayah(wilayah_id=obj.pk, penduduk_id=w.kepala.pk)
            for w, obj in pasangan
            if w.kepala
        ]
    )


def _tulis(rencana: Rencana, seed: int) -> dict[str, float]:
    r = random.Random(seed * 7919 + 17)  # uuids and typing times: deterministic too
    waktu: dict[str, float] = {}
    mulai = time.monotonic()
    wilayah = _tulis_wilayah(rencana)
    keluarga = [
        Keluarga(
            uuid=uuid.UUID(int=r.getrandbits(128), version=4),
            no_kk=kk.no_kk,
            alamat=kk.alamat,
            wilayah_id=rencana.rt[kk.rt].pk,
            kelas_sosial=kk.kelas_sosial,
            tanggal_cetak_kk=kk.tanggal_cetak,
            tanggal_terdaftar=kk.terdaftar,
            aktif=kk.aktif,
        )
        for kk in rencana.keluarga
    ]
    _buat(Keluarga, keluarga)
    for kk, obj in zip(rencana.keluarga, keluarga, strict=True):
        kk.pk = obj.pk
    waktu["wilayah_keluarga"] = time.monotonic() - mulai
    mulai = time.monotonic()
    hidup, tetap = kode.StatusDasar.HIDUP, kode.StatusPenduduk.TETAP
    penduduk = [
        Penduduk(
            uuid=uuid.UUID(int=r.getrandbits(128), version=4),
            nik=o.nik,
            nama=o.nama,
            jenis_kelamin=o.jk,
            tempat_lahir=o.tempat_lahir,
            tanggal_lahir=o.lahir,
            agama=o.agama,
            keluarga_id=o.kk.pk if o.kk else None,
            shdk=o.shdk,
            wilayah_id=rencana.rt[o.rt].pk,
            status_dasar=kode.PERISTIWA_KELUAR[o.keluar.jenis] if o.keluar else hidup,
            status_penduduk=tetap if o.tetap else kode.StatusPenduduk.TIDAK_TETAP,
            status_kawin=o.kawin,
            nama_ayah=o.nama_ayah,
            nama_ibu=o.nama_ibu,
            **o.d,
        )
        for o in rencana.orang
    ]
    waktu["siapkan_penduduk"] = time.monotonic() - mulai
    mulai = time.monotonic()
    _buat(Penduduk, penduduk)
    for o, obj in zip(rencana.orang, penduduk, strict=True):
        o.pk = obj.pk
    del penduduk
    waktu["simpan_penduduk"] = time.monotonic() - mulai
    mulai = time.monotonic()
    peristiwa = []
    for o, e in rencana.peristiwa():
        kk = o.kk
        kepala = kk.kepala_pada(e.tanggal) if kk else None
        sebelum = o.shdk
        if kk and (kk.kepala_baru is None or e.tanggal < kk.kepala_baru[0]):
            sebelum = o.shdk_awal
        peristiwa.append(
            Peristiwa(
                uuid=uuid.UUID(int=r.getrandbits(128), version=4),
                penduduk_id=o.pk,
                jenis=e.jenis,
                tanggal_peristiwa=e.tanggal,
                tanggal_lapor=e.lapor,
                keluarga_id=kk.pk if kk else None,
                no_kk=kk.no_kk if kk else "",
                nama_kepala_keluarga=kepala.nama if kepala else "",
                status_dasar_sebelum=kode.StatusDasar.HIDUP if e is o.keluar else None,
                shdk_sebelum=sebelum,
                dibuat=_dicatat(e.lapor, r),
                **e.detail,
            )
        )
    _buat(Peristiwa, peristiwa, 5000)
    PeristiwaKeluarga.objects.bulk_create(
        [
            PeristiwaKeluarga(
                keluarga_id=kk.pk,
                jenis=jenis,
                tanggal=tanggal,
                penduduk_id=o.pk if o else None,
                dibuat=_dicatat(tanggal, r),
            )
            for kk, jenis, tanggal, o in rencana.peristiwa_keluarga
        ],
        batch_size=5000,
    )
    _leluhur_dan_kepala(wilayah)
    waktu["peristiwa"] = time.monotonic() - mulai
    return waktu


@transaction.atomic
def isi_desa_demo(n: int, *, seed: int = 1, hari_ini: datetime.date | None = None) -> dict:
    """Generate and write a demo village with exactly `n` living residents. Returns a summary."""
    mulai = time.monotonic()
    if Penduduk.objects.exists():
        raise SudahBerisi("Database tidak kosong: sudah ada data penduduk.")
    hari_ini = hari_ini or timezone.localdate()
    desa = _identitas(hari_ini)
    terendah = (
        Wilayah.Tingkat.RT
        if desa.pakai_rt
        else Wilayah.Tingkat.RW
        if desa.pakai_rw
        else Wilayah.Tingkat.DUSUN
    )
    rt_ada = [
        (pk, nama)
        for pk, nama in Wilayah.objects.filter(tingkat=terendah)
        .order_by("pk")
        .values_list("pk", "dusun__nama")
    ]
    rencana = rencanakan(
        n,
        seed=seed,
        hari_ini=hari_ini,
        kode_desa=desa.kode_desa,
        pakai_rw=desa.pakai_rw,
        pakai_rt=desa.pakai_rt,
        rt_ada=rt_ada or None,
        dusun_terpakai=frozenset(Wilayah.objects.filter(induk=None).values_list("nama", flat=True)),
        no_kk_terpakai=frozenset(Keluarga.objects.values_list("no_kk", flat=True)),
        kecamatan=desa.nama_kecamatan or "Cibinong",
        kabupaten=desa.nama_kabupaten or "Bogor",
    )
    waktu = {"rencana": time.monotonic() - mulai}
    waktu.update(_tulis(rencana, seed))
    ringkasan = rencana.ringkasan()
    ringkasan["wilayah_lama"] = len(rt_ada)
    ringkasan["detik"] = round(time.monotonic() - mulai, 1)
    ringkasan["waktu"] = {k: round(v, 1) for k, v in waktu.items()}
    ringkasan["database"] = connection.vendor
    catat_aktivitas(
        oleh=None,
        aksi="isi_desa_demo",
        keterangan=(
            f"Data demo (seed {seed}): {ringkasan['hidup']} penduduk hidup, "
            f"{ringkasan['keluarga']} keluarga, {ringkasan['rt']} RT, "
            f"{sum(v for k, v in ringkasan.items() if k.startswith('peristiwa_'))} peristiwa "
            f"sejak {rencana.awal:%d-%m-%Y}."
        ),
    )
    statistik_berubah()  # bulk_create sends no signals: the cached figures are stale
    return ringkasan
