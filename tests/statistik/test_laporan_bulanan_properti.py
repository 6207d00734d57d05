"""Property: over random event histories made through the real services, the monthly report
chains (end of month N = start of month N+1), balances (start + entries - exits = end), and
its end figure equals the living count on that date computed independently, by replaying each
resident's events in Python."""

from __future__ import annotations

import datetime
from collections import defaultdict

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from penduduk import services
from penduduk.laporan import mutasi
from penduduk.models import Penduduk, Peristiwa, _tahun_lalu
from sid import kode
from tests.factories import KeluargaFactory, PendudukFactory, data_penduduk

J = kode.JenisPeristiwa
S = kode.StatusDasar
SATU_HARI = datetime.timedelta(days=1)
BULAN = 6

OPERASI = ["lahir", "mati", "pindah_keluar", "hilang", "pergi", "pindah_masuk", "kembali", "batal"]
langkah = st.tuples(
    st.sampled_from(OPERASI),
    st.integers(0, 50),  # which eligible resident
    st.integers(0, 25),  # days the clock moves on
    st.integers(0, 30),  # how far back the event is dated (never before the person's last)
    st.integers(0, 45),  # days between the event and its report
    st.booleans(),  # sex / WNA / TIDAK TETAP for newcomers
)


def _nama(awalan: str, n: int) -> str:
    """Names may hold letters only: Bayi Ab, Bayi Ac, …"""
    return f"{awalan} {chr(65 + n // 26 % 26)}{chr(97 + n % 26)}"


def _awal_periode() -> datetime.date:
    hari_ini = timezone.localdate()
    bulan = hari_ini.month - BULAN - 1
    tahun = hari_ini.year + (bulan - 1) // 12
    return datetime.date(tahun, (bulan - 1) % 12 + 1, 1)


def _bulan_bulan(awal: datetime.date) -> list[tuple[int, int]]:
    hasil, t, b = [], awal.year, awal.month
    for _ in range(BULAN):
        hasil.append((t, b))
        t, b = (t + 1, 1) if b == 12 else (t, b + 1)
    return hasil


def replay_hadir(tanggal: datetime.date) -> dict[tuple[bool, int], int]:
    """{(WNA?, sex): count} of residents present at the end of `tanggal`, replayed in Python."""
    peristiwa = defaultdict(list)
    for e in Peristiwa.objects.filter(dibatalkan=False).values(
        "penduduk_id", "jenis", "tanggal_peristiwa", "id"
    ):
        peristiwa[e["penduduk_id"]].append(e)
    hasil: dict[tuple[bool, int], int] = defaultdict(int)
    for p in Penduduk.objects.values("pk", "warganegara", "jenis_kelamin", "status_dasar"):
        daftar = sorted(peristiwa[p["pk"]], key=lambda e: (e["tanggal_peristiwa"], e["id"]))
        sampai = [e for e in daftar if e["tanggal_peristiwa"] <= tanggal]
        if not daftar:  # initial data without any event: as the record says
            ada = p["status_dasar"] == S.HIDUP
        elif sampai:
            ada = sampai[-1]["jenis"] in (J.LAHIR, J.PINDAH_MASUK, J.KEMBALI_DATANG)
        else:  # nothing yet: here before a first departure, not before a birth/arrival
            ada = daftar[0]["jenis"] in (J.MATI, J.PINDAH_KELUAR, J.HILANG, J.PERGI)
        if ada:
            hasil[(p["warganegara"] == kode.WargaNegara.WNA, p["jenis_kelamin"])] += 1
    return hasil


def _sebagai_replay(a: mutasi.Angka) -> dict[tuple[bool, int], int]:
    return {
        k: v
        for k, v in {
            (False, 1): a.wni_l,
            (False, 2): a.wni_p,
            (True, 1): a.wna_l,
            (True, 2): a.wna_p,
        }.items()  # fmt: skip
        if v
    }


class Sejarah:
    """Applies random steps through the services, keeping each resident's events in order."""

    def __init__(self, oleh, rt, awal: datetime.date):
        self.oleh, self.rt, self.jam = oleh, rt, awal
        self.hari_ini = timezone.localdate()
        self.terakhir: dict[int, datetime.date] = {}  # resident → date of their last event
        self.urut = 0
        self.kk = KeluargaFactory(no_kk="3201010101239001", wilayah=rt)
        lahir = _tahun_lalu(awal, 30)
        PendudukFactory(nama="Kepala", keluarga=self.kk, shdk=kode.SHDK.KEPALA_KELUARGA,
                        status_kawin=2, jenis_kelamin=1, tanggal_lahir=lahir)  # fmt: skip
        PendudukFactory(nama="Istri", keluarga=self.kk, shdk=kode.SHDK.ISTRI, status_kawin=2,
                        jenis_kelamin=2, tanggal_lahir=lahir)  # fmt: skip
        PendudukFactory(nama="Lajang", wilayah=rt, jenis_kelamin=2, tanggal_lahir=lahir,
                        warganegara=kode.WargaNegara.WNA)  # fmt: skip
        PendudukFactory(nama="Musiman", wilayah=rt, jenis_kelamin=1, tanggal_lahir=lahir,
                        status_penduduk=kode.StatusPenduduk.TIDAK_TETAP)  # fmt: skip

    def _tanggal(self, p: Penduduk | None, mundur: int, tunda: int):
        paling_awal = max(self.terakhir.get(p.pk, p.tanggal_lahir) if p else self.jam - SATU_HARI * 40,
                          p.tanggal_lahir if p else self.jam - SATU_HARI * 40)  # fmt: skip
        tanggal = min(max(self.jam - SATU_HARI * mundur, paling_awal), self.hari_ini)
        return tanggal, min(tanggal + SATU_HARI * tunda, self.hari_ini)

    def _pilih(self, qs, i):
        daftar = list(qs.order_by("pk"))
        return daftar[i % len(daftar)] if daftar else None

    def jalankan(self, op, i, maju, mundur, tunda, pilih):
        self.jam = min(self.jam + SATU_HARI * maju, self.hari_ini)
        hidup = Penduduk.objects.hidup()
        o = self.oleh
        if op in ("mati", "pindah_keluar", "hilang", "pergi"):
            qs = (
                hidup.filter(status_penduduk=kode.StatusPenduduk.TIDAK_TETAP)
                if op == "pergi"
                else hidup
            )
            p = self._pilih(qs, i)
            if p is None:
                return
            t, lapor = self._tanggal(p, mundur, tunda)
            if op == "mati":
                services.peristiwa_kematian_catat(
                    oleh=o, penduduk=p, tanggal_peristiwa=t, tanggal_lapor=lapor
                )
            elif op == "pindah_keluar":
                services.peristiwa_pindah_keluar_catat(oleh=o, penduduk=p, tanggal_peristiwa=t,
                    tanggal_lapor=lapor, jenis_pindah=1, alamat_tujuan="Desa tetangga")  # fmt: skip
            elif op == "hilang":
                services.peristiwa_hilang_catat(
                    oleh=o, penduduk=p, tanggal_peristiwa=t, tanggal_lapor=lapor
                )
            else:
                services.peristiwa_pergi_catat(
                    oleh=o, penduduk=p, tanggal_peristiwa=t, tanggal_lapor=lapor
                )
            self.terakhir[p.pk] = t
        elif op == "lahir":
            self.kk.refresh_from_db()
            if not self.kk.aktif:
                return
            t, lapor = self._tanggal(None, mundur, tunda)
            t = max(t, self.jam - SATU_HARI * 10)
            self.urut += 1
            p = services.peristiwa_kelahiran_catat(
                oleh=o, keluarga=self.kk, tanggal_lapor=max(lapor, t), konfirmasi=True,
                data={"nama": _nama("Bayi", self.urut), "jenis_kelamin": 1 if pilih else 2,
                      "tempat_lahir": "Bogor", "tanggal_lahir": t, "agama": 1},
            )  # fmt: skip
            self.terakhir[p.pk] = t
        elif op == "pindah_masuk":
            t, lapor = self._tanggal(None, mundur, tunda)
            self.urut += 1
            lahir = _tahun_lalu(t, 25)
            p = services.peristiwa_pindah_masuk_catat(
                oleh=o,
                data=data_penduduk(
                    nik="0", nama=_nama("Pendatang", self.urut), tanggal_lahir=lahir, wilayah=self.rt,
                    jenis_kelamin=1 if pilih else 2,
                    warganegara=kode.WargaNegara.WNA if i % 3 == 0 else kode.WargaNegara.WNI,
                    status_penduduk=kode.StatusPenduduk.TIDAK_TETAP if pilih else kode.StatusPenduduk.TETAP,
                ),
                alamat_asal="Kota", tanggal_peristiwa=t, tanggal_lapor=lapor, konfirmasi=True,
            )  # fmt: skip
            self.terakhir[p.pk] = t
        elif op == "kembali":
            p = self._pilih(
                Penduduk.objects.filter(status_dasar__in=[S.PINDAH, S.HILANG, S.PERGI]), i
            )
            if p is None:
                return
            t, lapor = self._tanggal(p, mundur, tunda)
            services.peristiwa_kembali_catat(oleh=o, penduduk=p, tanggal_peristiwa=t,
                                             tanggal_lapor=lapor, wilayah=self.rt)  # fmt: skip
            self.terakhir[p.pk] = t
        elif op == "batal":
            p = self._pilih(Penduduk.objects.exclude(status_dasar=S.HIDUP), i)
            if p is None:
                return
            e = (
                Peristiwa.objects.berlaku()
                .filter(penduduk=p)
                .order_by("-tanggal_peristiwa", "-id")
                .first()
            )
            services.peristiwa_batalkan(oleh=o, peristiwa=e, alasan="Salah catat (uji)")
            sisa = (
                Peristiwa.objects.berlaku()
                .filter(penduduk=p)
                .order_by("-tanggal_peristiwa")
                .first()
            )
            self.terakhir[p.pk] = sisa.tanggal_peristiwa if sisa else p.tanggal_lahir


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(langkah, min_size=1, max_size=14))
def test_laporan_bulanan_berantai_dan_sama_dengan_hitungan_ulang(
    desa, operator, rt_krajan, langkah
):
    awal = _awal_periode()
    with transaction.atomic():
        sejarah = Sejarah(operator, rt_krajan, awal)
        for l in langkah:  # noqa: E741
            sejarah.jalankan(*l)
        sebelumnya = None
        for tahun, bulan in _bulan_bulan(awal):
            lap = mutasi.laporan_bulanan(tahun, bulan)
            if sebelumnya is not None:
                assert lap["awal"].sama(sebelumnya["akhir"])
                assert lap["awal"].kk == sebelumnya["akhir"].kk
            assert lap.seimbang, [(b.kunci, b.angka) for b in lap.baris]
            assert _sebagai_replay(lap["akhir"]) == dict(replay_hadir(lap.akhir))
            assert _sebagai_replay(lap["awal"]) == dict(replay_hadir(lap.awal - SATU_HARI))
            sebelumnya = lap
        hari_ini = timezone.localdate()
        assert mutasi.jumlah_penduduk_pada(hari_ini) == Penduduk.objects.hidup().count()
        transaction.set_rollback(True)
