"""The demo village planned in memory: wilayah, families, residents and three years of events.

`rencanakan()` is pure (no database): the same arguments give the same plan. The writer
(`penduduk.demo.tulis`) only turns the plan into rows.

Counting rule kept by construction: a resident present before the period has no entry event;
one born or arriving in it has exactly one (LAHIR / PINDAH MASUK); nobody who entered also
leaves, and nobody leaves twice. So for any date D the living count is "no entry after D and
no exit on or before D", and at the end it is exactly `n`.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from penduduk.demo import atribut, data
from penduduk.demo.orang import (
    KK,
    SATU_HARI,
    Kejadian,
    Konteks,
    L,
    Orang,
    P,
    Pilihan,
    tambah_tahun,
)
from penduduk.demo.rumah_tangga import SENDIRI, Rumah
from penduduk.demo.wilayah import Wil, alamat_luar, rencana_wilayah
from sid import kode

S = kode.SHDK
K = kode.StatusKawin
JP = kode.JenisPeristiwa
JPK = kode.JenisPeristiwaKeluarga
KODE_DESA_DEMO = "3201012001"

KELAS = Pilihan({1: 20, 2: 30, 3: 28, 4: 17, 5: 5})
ASURANSI_KELAS = {
    1: Pilihan({2: 75, 4: 10, 1: 15}),
    2: Pilihan({2: 50, 4: 10, 3: 15, 1: 25}),
    3: Pilihan({2: 20, 3: 45, 1: 30, 4: 5}),
    4: Pilihan({3: 70, 99: 10, 1: 15, 2: 5}),
    5: Pilihan({3: 70, 99: 20, 1: 10}),
}
JENIS_PINDAH = Pilihan({1: 15, 2: 20, 3: 35, 4: 30})
TEMPAT_KEMATIAN = Pilihan(data.TEMPAT_KEMATIAN)
BUDAYA_TT = Pilihan(
    [
        (("jawa", kode.Agama.ISLAM), 40),
        (("sunda", kode.Agama.ISLAM), 30),
        (("betawi", kode.Agama.ISLAM), 8),
        (("batak", kode.Agama.KRISTEN), 8),
        (("timur", kode.Agama.KATHOLIK), 6),
        (("bali", kode.Agama.HINDU), 2),
    ]
)
ALASAN_PINDAH = ("pekerjaan", "ikut suami/istri", "pendidikan", "ikut keluarga", "perumahan")


@dataclass(eq=False)
class Rencana:
    hari_ini: datetime.date
    awal: datetime.date
    kode_desa: str
    wilayah: list[Wil] = field(default_factory=list)  # to create (empty when reusing)
    rt: list[Wil] = field(default_factory=list)  # lowest level, where families live
    keluarga: list[KK] = field(default_factory=list)
    orang: list[Orang] = field(default_factory=list)
    # (family, kind, date, resident or None)
    peristiwa_keluarga: list[tuple[KK, int, datetime.date, Orang | None]] = field(
        default_factory=list
    )

    def peristiwa(self) -> list[tuple[Orang, Kejadian]]:
        return [(o, e) for o in self.orang for e in (o.masuk, o.keluar) if e is not None]

    def ringkasan(self) -> dict[str, int]:
        hitung = Counter(w.tingkat for w in self.wilayah)
        jenis = Counter(e.jenis for _, e in self.peristiwa())
        return {
            "dusun": hitung[1],
            "rw": hitung[2],
            "rt": hitung[3],
            "keluarga": len(self.keluarga),
            "keluarga_aktif": sum(k.aktif for k in self.keluarga),
            "penduduk": len(self.orang),
            "hidup": sum(o.keluar is None for o in self.orang),
            **{f"peristiwa_{kode.JenisPeristiwa(j).name.lower()}": n for j, n in jenis.items()},
        }


def _terakhir(o: Orang) -> datetime.date:
    """The last date of this person's own story so far (an exit cannot come before it)."""
    tanggal = [o.lahir, o.tgl_kawin, o.tgl_cerai]
    if o.pasangan is not None and o.pasangan.masuk is not None:
        tanggal.append(o.pasangan.masuk.tanggal)
    return max(t for t in tanggal if t is not None)


# --- the generator --------------------------------------------------------------------------
class Pembuat:
    def __init__(self, ctx: Konteks, rencana: Rencana, kecamatan, kabupaten, no_kk_terpakai):
        self.ctx, self.r, self.p = ctx, ctx.rng, rencana
        self.no_kk_terpakai = no_kk_terpakai
        self.kecamatan, self.kabupaten = kecamatan, kabupaten
        self.pilih_rt = Pilihan([(i, self.r.uniform(0.6, 1.4)) for i in range(len(rencana.rt))])

    def alamat_luar(self, jenis: int | None = None) -> str:
        return alamat_luar(self.ctx, jenis or JENIS_PINDAH(self.r), self.kecamatan, self.kabupaten)

    def keluarga(self, anggota: list[Orang], *, datang=None, pindah=False) -> KK:
        r = self.r
        kk = KK(rt=self.pilih_rt(r), anggota=anggota, datang=datang, pindah=pindah)
        kk.kelas_sosial = KELAS(r)
        kk.asuransi = ASURANSI_KELAS[kk.kelas_sosial](r)
        dusun = self.p.rt[kk.rt].dusun_nama.title() if self.p.rt else "Krajan"
        kk.alamat = (
            f"Kp. {dusun}"
            if r.random() < 0.45
            else f"{r.choice(data.JALAN)} No. {r.randint(1, 120)}, Kp. {dusun}"
        )
        for o in anggota:
            o.kk, o.rt = kk, kk.rt
        self.p.keluarga.append(kk)
        self.p.orang.extend(anggota)
        return kk

    def masuk(self, o: Orang, tanggal: datetime.date, lapor: datetime.date, asal: str) -> None:
        o.masuk = Kejadian(JP.PINDAH_MASUK, tanggal, lapor, {"alamat_asal": asal})
        o.d["alamat_sebelumnya"] = asal

    def keluar(self, o: Orang, jenis: int, tanggal: datetime.date, **detail) -> None:
        o.keluar = Kejadian(jenis, tanggal, self.ctx.lapor(tanggal, cepat=True), detail)

    def pindah_keluar(self, o: Orang, tanggal, lapor=None, tujuan=None) -> None:
        r = self.r
        jenis = tujuan[0] if tujuan else JENIS_PINDAH(r)
        detail = {
            "jenis_pindah": jenis,
            "alamat_tujuan": tujuan[1] if tujuan else self.alamat_luar(jenis),
            "catatan": f"Alasan pindah: {r.choice(ALASAN_PINDAH)}." if r.random() < 0.5 else "",
        }
        o.keluar = Kejadian(JP.PINDAH_KELUAR, tanggal, lapor or self.ctx.lapor(tanggal), detail)

    def mati(self, o: Orang, tanggal: datetime.date) -> None:
        r = self.r
        umur = o.umur(tanggal)
        if umur < 50:
            sebab = Pilihan({1: 55, 3: 25, 2: 5, 6: 12, 4: 1.5, 5: 1.5})(r)
        else:
            sebab = Pilihan({1: 88, 2: 3, 3: 3, 6: 6})(r)
        tempat = (
            ("JALAN RAYA" if r.random() < 0.5 else "RSUD CIBINONG")
            if sebab == 3
            else TEMPAT_KEMATIAN(r)
        )
        if sebab in (3, 4, 5):
            penerang = Pilihan({3: 50, 1: 50})(r)
        elif tempat.startswith(("RS", "PUSKESMAS")):
            penerang = Pilihan({1: 70, 2: 30})(r)
        else:
            penerang = Pilihan({4: 55, 2: 30, 1: 15})(r)
        akta = f"3201-KM-{tanggal:%d%m%Y}-{r.randint(1, 9999):04d}" if r.random() < 0.55 else ""
        self.keluar(
            o,
            JP.MATI,
            tanggal,
            waktu_kematian=datetime.time(r.randrange(24), r.randrange(60)),
            tempat_kematian=tempat,
            sebab_kematian=sebab,
            penerang_kematian=penerang,
            no_akta_kematian=akta,
        )

    # --- phases
    def keluarga_pindah(self, target: int) -> int:
        """Whole families that moved out during the period (all members PINDAH)."""
        ctx, jumlah = self.ctx, 0
        while jumlah < target:
            anggota = Rumah(ctx, batas_lahir=ctx.awal).bangun()
            kk = self.keluarga(anggota, pindah=True)
            tanggal = ctx.tanggal_periode(max(_terakhir(o) for o in anggota))
            lapor = ctx.lapor(tanggal)
            jenis = JENIS_PINDAH(self.r)
            tujuan = (jenis, self.alamat_luar(jenis))
            for o in sorted(anggota, key=lambda o: o.shdk == S.KEPALA_KELUARGA):
                self.pindah_keluar(o, tanggal, lapor, tujuan)
            kk.aktif = False
            self.p.peristiwa_keluarga.append(
                (kk, JPK.KEPALA_KELUARGA_PINDAH, tanggal, kk.kepala_awal)
            )
            jumlah += len(anggota)
        return jumlah

    def keluarga_hidup(self, target: int, target_datang: int) -> None:
        """Families living at the end: first the ones that arrived, then the rest, exactly."""
        ctx, r = self.ctx, self.r
        hidup = datang = 0
        while datang < target_datang:
            tanggal = ctx.tanggal_periode()
            rumah = Rumah(
                ctx,
                batas_lahir=ctx.hari_ini,
                larangan=(ctx.awal, tanggal + 30 * SATU_HARI),
                lokal=False,
            )
            anggota = rumah.bangun()
            if hidup + len(anggota) > target:
                break
            self.keluarga(anggota, datang=tanggal)
            lapor = ctx.lapor(tanggal)
            asal = self.alamat_luar()
            for o in anggota:
                if o.lahir <= ctx.awal:
                    self.masuk(o, tanggal, lapor, asal)
            hidup += len(anggota)
            datang += len(anggota)
        gagal = 0
        while hidup < target:
            sisa = target - hidup
            jenis = SENDIRI(r) if sisa <= 2 or gagal > 30 else None
            anggota = Rumah(ctx, batas_lahir=ctx.hari_ini).bangun(jenis)
            if len(anggota) > sisa:
                gagal += 1
                continue
            self.keluarga(anggota)
            hidup += len(anggota)

    def tidak_tetap(self, n_hidup: int, n_pergi: int, n_datang: int, n_wna: int) -> None:
        """Temporary residents without a KK (workers, students); some left (PERGI)."""
        ctx, r = self.ctx, self.r
        for i in range(n_hidup + n_pergi):
            rumah = Rumah(ctx, batas_lahir=ctx.hari_ini)
            rumah.budaya, rumah.agama = BUDAYA_TT(r)
            kawin = K.BELUM_KAWIN if r.random() < 0.65 else K.KAWIN
            jk = L if r.random() < 0.6 else P
            o = rumah.orang(jk, ctx.lahir(r.uniform(18, 50)), None, kawin)
            if kawin == K.KAWIN:
                rumah.nikahkan(o, None, rumah.tanggal_kawin(o.lahir, o.lahir))
            o.nama_ayah = rumah.nama_luar(L, o.lahir.year - 28, marga=o.marga)
            o.nama_ibu = rumah.nama_luar(P, o.lahir.year - 24)
            o.tetap = False
            o.rt = self.pilih_rt(r)
            dusun = self.p.rt[o.rt].dusun_nama.title() if self.p.rt else "Krajan"
            o.d["alamat_sekarang"] = f"Kontrakan di Kp. {dusun}"
            if i < n_wna:
                negara, awalan, laki, perempuan, belakang = r.choice(data.NEGARA)
                o.d.update(
                    warganegara=kode.WargaNegara.WNA,
                    negara_asal=negara,
                    dokumen_pasport=f"{awalan}{r.randint(1000000, 9999999)}",
                    tanggal_akhir_paspor=ctx.hari_ini + r.randint(200, 3000) * SATU_HARI,
                    dokumen_kitas=f"2C11{r.choice('ABCDEFGH')}{r.choice('ABCDEFGH')}{r.randint(1000000, 9999999)}",
                )
                o.nama = f"{r.choice(laki if jk == L else perempuan)} {r.choice(belakang)}"
                o.budaya = "asing"
                o.tempat_lahir = negara
            self.p.orang.append(o)
            if i >= n_hidup:
                tanggal = ctx.tanggal_periode()
                alasan = r.choice(("Kontrak kerja selesai.", "Kembali ke daerah asal."))
                self.keluar(o, JP.PERGI, tanggal, catatan=alasan)
            elif i < n_datang:
                tanggal = ctx.tanggal_periode()
                self.masuk(o, tanggal, ctx.lapor(tanggal), self.alamat_luar())

    def datang_perorangan(self, jumlah: int) -> int:
        """Relatives who moved into an existing family during the period."""
        r = self.r
        punya_anak = {id(o.ayah) for o in self.p.orang} | {id(o.ibu) for o in self.p.orang}
        calon = [
            o
            for kk in self.p.keluarga
            if kk.datang is None and not kk.pindah
            for o in kk.anggota
            if o.shdk in (S.MENANTU, S.ORANGTUA, S.MERTUA, S.FAMILI_LAIN, S.PEMBANTU)
            and o.umur(self.ctx.hari_ini) >= 17
            and (id(o) not in punya_anak or o.shdk in (S.ORANGTUA, S.MERTUA))
        ]
        n = 0
        for o in r.sample(calon, len(calon)):
            if n >= jumlah:
                break
            if o.masuk is not None:
                continue
            tanggal = self.ctx.tanggal_periode(o.tgl_kawin if o.shdk == S.MENANTU else None)
            lapor, asal = self.ctx.lapor(tanggal), self.alamat_luar()
            for q in (o, o.pasangan):
                if q is not None and q.kk is o.kk and q.shdk == o.shdk and q.masuk is None:
                    self.masuk(q, tanggal, lapor, asal)
                    n += 1
        return n

    def keluar_perorangan(self, n_mati: int, n_pindah: int, n_hilang: int) -> int:
        """Deaths (weighted by age), moves out and missing persons among initial residents."""
        ctx, r = self.ctx, self.r
        hari_ini = ctx.hari_ini
        orang_tua_bayi = set()
        for o in self.p.orang:
            if o.masuk is not None and o.masuk.jenis == JP.LAHIR or o.lahir > ctx.awal:
                orang_tua_bayi |= {id(o.ayah), id(o.ibu)}
        calon = [
            o
            for kk in self.p.keluarga
            if kk.datang is None and not kk.pindah
            for o in kk.anggota
            if o.masuk is None and o.lahir <= ctx.awal and id(o) not in orang_tua_bayi
        ]
        terkunci: set[int] = set()  # families whose head left: no further exits there

        def bobot(o: Orang) -> float:
            return 0.0005 + 0.00005 * math.exp(0.09 * o.umur(hari_ini))

        urut = sorted(calon, key=lambda o: math.log(1.0 - r.random()) / bobot(o), reverse=True)
        n = 0
        for o in urut:
            if n >= n_mati:
                break
            if id(o.kk) in terkunci or (o.pasangan is not None and o.pasangan.keluar):
                continue
            if o.shdk == S.KEPALA_KELUARGA:
                lain = [m for m in o.kk.anggota if m is not o and m.keluar is None]
                if lain and not any(m.umur(hari_ini) >= 17 for m in lain):
                    continue
                terkunci.add(id(o.kk))
            self.mati(o, ctx.tanggal_periode(_terakhir(o)))
            n += 1
        dewasa = [
            o
            for o in calon
            if o.keluar is None
            and id(o.kk) not in terkunci
            and o.shdk in (S.ANAK, S.FAMILI_LAIN, S.CUCU)
            and o.kawin in (K.BELUM_KAWIN, K.CERAI_HIDUP)
            and 21 <= o.umur(hari_ini) <= 45
            and id(o) not in {id(q.ayah) for q in o.kk.anggota} | {id(q.ibu) for q in o.kk.anggota}
        ]
        dewasa = r.sample(dewasa, len(dewasa))
        for o in dewasa[:n_pindah]:
            self.pindah_keluar(o, ctx.tanggal_periode(_terakhir(o)))
        for o in dewasa[n_pindah : n_pindah + n_hilang]:
            tanggal = ctx.tanggal_periode(_terakhir(o))
            self.keluar(
                o,
                JP.HILANG,
                tanggal,
                catatan=f"Tidak diketahui keberadaannya sejak {tanggal:%d-%m-%Y}.",
            )
        return n + len(dewasa[: n_pindah + n_hilang])

    def pangkas(self, jumlah: int) -> None:
        """Remove `jumlah` living residents when fewer exits than planned were possible."""
        orang_tua = {id(o.ayah) for o in self.p.orang} | {id(o.ibu) for o in self.p.orang}
        for kk in reversed(self.p.keluarga):
            if jumlah <= 0:
                return
            if kk.pindah or kk.kepala_awal.keluar is not None:
                continue
            for o in reversed(kk.anggota[1:]):
                if jumlah and o.keluar is None and id(o) not in orang_tua and o.pasangan is None:
                    kk.anggota.remove(o)
                    self.p.orang.remove(o)
                    jumlah -= 1
            if jumlah and len(kk.anggota) == 1 and kk.kepala_awal.keluar is None:
                self.p.orang.remove(kk.kepala_awal)
                self.p.keluarga.remove(kk)
                jumlah -= 1
        if jumlah > 0:
            raise ValueError("Jumlah penduduk terlalu kecil untuk rencana ini.")

    def kepala_baru(self) -> None:
        """After a head died: widowed spouses; a new head in most families, none in 2–5."""
        ctx, r = self.ctx, self.r
        for o in self.p.orang:
            if o.keluar and o.keluar.jenis == JP.MATI and o.pasangan and not o.pasangan.keluar:
                o.pasangan.kawin = K.CERAI_MATI
        yatim = [
            kk for kk in self.p.keluarga if kk.kepala_awal.keluar is not None and not kk.pindah
        ]
        hidup = [kk for kk in yatim if any(m.keluar is None for m in kk.anggota)]
        tanpa = set(map(id, r.sample(hidup, min(len(hidup), r.randint(2, 5)))))
        for kk in yatim:
            lama = kk.kepala_awal
            sisa = [m for m in kk.anggota if m.keluar is None]
            if not sisa:
                kk.aktif = False
                continue
            if id(kk) in tanpa:
                continue
            janda = lama.pasangan if lama.pasangan in sisa else None
            dewasa = sorted(
                (m for m in sisa if m.umur(ctx.hari_ini) >= 17),
                key=lambda m: (m.shdk != S.ANAK, m.lahir),
            )
            baru = janda or dewasa[0]
            baru.shdk = S.KEPALA_KELUARGA
            for m in sisa:
                if m is baru:
                    continue
                if janda is not None:
                    swap = {S.ORANGTUA: S.MERTUA, S.MERTUA: S.ORANGTUA}
                    m.shdk = swap.get(m.shdk, m.shdk)
                elif m is baru.pasangan and baru.kawin == K.KAWIN and m.kawin == K.KAWIN:
                    m.shdk = S.ISTRI if m.jk == P else S.SUAMI
                elif m.ayah is baru or m.ibu is baru:
                    m.shdk = S.ANAK
                elif m.shdk != S.PEMBANTU:
                    m.shdk = S.FAMILI_LAIN
            kk.kepala_baru = (
                min(ctx.hari_ini, lama.keluar.tanggal + r.randint(3, 45) * SATU_HARI),
                baru,
            )

    def nomor(self) -> None:
        """No. KK and NIK: region code + date + sequence; ~1% temporary NIKs."""
        ctx, r, p = self.ctx, self.r, self.p
        kode6 = p.kode_desa[:6]
        urut_kk: dict[str, int] = defaultdict(int)
        for kk in p.keluarga:
            kepala = kk.kepala_awal
            if kk.datang:
                kk.terdaftar = kk.datang
                kk.tanggal_kk = min(ctx.hari_ini, kk.datang + r.randint(0, 14) * SATU_HARI)
            else:
                kk.terdaftar = ctx.awal - r.randint(0, 90) * SATU_HARI
                dari = max(
                    tambah_tahun(kepala.lahir, 17),
                    kepala.tgl_kawin or kepala.lahir,
                    datetime.date(1998, 1, 1),
                )
                kk.tanggal_kk = ctx.antara(min(dari, kk.terdaftar), kk.terdaftar)
            ubah = [e.tanggal for o in kk.anggota for e in (o.masuk, o.keluar) if e is not None]
            terakhir = max([kk.tanggal_kk, *ubah])
            kk.tanggal_cetak = min(ctx.hari_ini, terakhir + r.randint(0, 20) * SATU_HARI)
            while True:
                kunci = f"{kode6}{kk.tanggal_kk:%d%m%y}"
                urut_kk[kunci] += 1
                kk.no_kk = f"{kunci}{urut_kk[kunci]:04d}"
                if kk.no_kk not in self.no_kk_terpakai:
                    break
        urut: dict[str, int] = defaultdict(int)
        sementara = 0
        for o in p.orang:
            bayi = o.masuk is not None and o.masuk.jenis == JP.LAHIR
            if (
                bayi and (ctx.hari_ini - o.lahir).days < 120 and r.random() < 0.6
            ) or r.random() < 0.006:
                sementara += 1
                o.nik = f"0{p.kode_desa}{sementara:05d}"
                continue
            hari = o.lahir.day + (40 if o.jk == P else 0)
            kunci = f"{kode6}{hari:02d}{o.lahir:%m}{o.lahir.year % 100:02d}"
            urut[kunci] += 1
            o.nik = f"{kunci}{urut[kunci]:04d}"

    def peristiwa_keluarga_awal(self) -> None:
        for kk in self.p.keluarga:
            jenis = JPK.KELUARGA_BARU_DATANG if kk.datang else JPK.KELUARGA_BARU
            self.p.peristiwa_keluarga.append((kk, jenis, kk.terdaftar, None))
            lama = kk.kepala_awal
            if lama.keluar is not None and lama.keluar.jenis == JP.MATI:
                self.p.peristiwa_keluarga.append(
                    (kk, JPK.KEPALA_KELUARGA_MATI, lama.keluar.tanggal, lama)
                )

    def kepala_wilayah(self) -> None:
        r, hari_ini = self.r, self.ctx.hari_ini
        calon: dict[int, list[Orang]] = defaultdict(list)
        for kk in self.p.keluarga:
            k = kk.kepala_awal
            if k.keluar is None and k.jk == L and 30 <= k.umur(hari_ini) <= 65:
                calon[kk.rt].append(k)
        dipakai: set[int] = set()
        for w in self.p.wilayah:
            rts = [
                i
                for i, t in enumerate(self.p.rt)
                if t is w or t.induk is w or (t.induk and t.induk.induk is w)
            ]
            pilihan = [o for i in rts for o in calon[i] if id(o) not in dipakai]
            if pilihan:
                w.kepala = r.choice(pilihan)
                dipakai.add(id(w.kepala))
                w.kepala_nama = w.kepala.nama
            else:
                w.kepala_nama = self.ctx.nama(L, "sunda", kode.Agama.ISLAM, 1975)


def rencanakan(
    n: int,
    *,
    seed: int = 1,
    hari_ini: datetime.date,
    kode_desa: str = KODE_DESA_DEMO,
    pakai_rw: bool = True,
    pakai_rt: bool = True,
    rt_ada: list[tuple[int, str]] | None = None,
    dusun_terpakai: frozenset[str] = frozenset(),
    no_kk_terpakai: frozenset[str] = frozenset(),
    kecamatan: str = "Cibinong",
    kabupaten: str = "Bogor",
) -> Rencana:
    """Plan a village with exactly `n` living residents at `hari_ini`.

    `rt_ada`: existing lowest-level wilayah as (pk, dusun name) to use instead of a new tree;
    `dusun_terpakai`: names a new tree must not take; `no_kk_terpakai`: numbers already used.
    """
    if n < 1:
        raise ValueError("Jumlah penduduk minimal 1.")
    ctx = Konteks(seed, hari_ini)
    rencana = Rencana(hari_ini=hari_ini, awal=ctx.awal, kode_desa=kode_desa)
    if rt_ada:
        rencana.rt = [Wil(3, "", dusun_nama=nama or "Krajan", pk=pk) for pk, nama in rt_ada]
    else:
        rencana.wilayah, rencana.rt = rencana_wilayah(ctx, n, pakai_rw, pakai_rt, dusun_terpakai)
    b = Pembuat(ctx, rencana, kecamatan, kabupaten, no_kk_terpakai)

    def laju(per_seribu_setahun: float) -> int:
        return round(n * per_seribu_setahun * 3 / 1000)

    n_tt = round(n * 0.03) if n >= 40 else 0
    n_kk = n - n_tt
    t_mati, t_pindah, t_masuk = laju(7), laju(18), laju(15)
    t_hilang = max(1 if n >= 200 else 0, laju(0.3))
    n_pindah_keluarga = b.keluarga_pindah(round(t_pindah * 0.45))
    t_pindah_orang = max(0, t_pindah - n_pindah_keluarga)
    rencana_keluar = t_mati + t_pindah_orang + t_hilang
    b.keluarga_hidup(n_kk + rencana_keluar, round(t_masuk * 0.5))
    # Births: everyone in an initial family born after the start of the period.
    for kk in rencana.keluarga:
        for o in kk.anggota:
            if o.lahir > ctx.awal and o.masuk is None and not kk.pindah:
                o.masuk = Kejadian(JP.LAHIR, o.lahir, ctx.lapor(o.lahir), {})
    n_datang_tt = min(n_tt, round(t_masuk * 0.15))
    n_datang = sum(o.masuk is not None and o.masuk.jenis == JP.PINDAH_MASUK for o in rencana.orang)
    b.datang_perorangan(max(0, t_masuk - n_datang - n_datang_tt))
    keluar = b.keluar_perorangan(t_mati, t_pindah_orang, t_hilang)
    if keluar < rencana_keluar:
        b.pangkas(rencana_keluar - keluar)
    b.kepala_baru()
    n_wna = min(n_tt, max(1, round(n * 0.0004))) if n_tt else 0
    b.tidak_tetap(n_tt, round(n_tt * 0.2), n_datang_tt, n_wna)
    b.nomor()
    b.peristiwa_keluarga_awal()
    for o in rencana.orang:
        o.d.setdefault("warganegara", kode.WargaNegara.WNI)
        atribut.isi(ctx, o)
    atribut.kb_dan_hamil(ctx, rencana.orang)
    for o in rencana.orang:
        o.d["nik_ayah"] = o.ayah.nik if o.ayah and not o.ayah.nik.startswith("0") else ""
        o.d["nik_ibu"] = o.ibu.nik if o.ibu and not o.ibu.nik.startswith("0") else ""
    b.kepala_wilayah()
    hidup = sum(o.keluar is None for o in rencana.orang)
    if hidup != n:  # pragma: no cover - a bug in the plan, never data
        raise RuntimeError(f"Rencana menghasilkan {hidup} penduduk hidup, bukan {n}.")
    return rencana
