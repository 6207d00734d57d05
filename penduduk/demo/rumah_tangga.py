"""One household as it stands at the end of the period: head first, then the others."""

from __future__ import annotations

import datetime

from penduduk.demo.orang import (
    HARI_SETAHUN,
    SATU_HARI,
    A,
    Konteks,
    L,
    Orang,
    P,
    Pilihan,
    tahun_lalu,
    tambah_tahun,
)
from sid import kode

S = kode.SHDK
K = kode.StatusKawin

BUDAYA_AGAMA = Pilihan(
    [
        (("sunda", A.ISLAM), 66),
        (("jawa", A.ISLAM), 15),
        (("betawi", A.ISLAM), 6),
        (("jawa", A.KRISTEN), 3),
        (("batak", A.KRISTEN), 2.5),
        (("sunda", A.KRISTEN), 0.8),
        (("tionghoa", A.KRISTEN), 0.4),
        (("jawa", A.KATHOLIK), 1.6),
        (("timur", A.KATHOLIK), 1.5),
        (("bali", A.HINDU), 1.7),
        (("tionghoa", A.BUDHA), 0.7),
        (("tionghoa", A.KHONGHUCU), 0.08),
        (("sunda", A.KEPERCAYAAN_TERHADAP_TUHAN_YME_LAINNYA), 0.05),
    ]
)
JENIS = Pilihan(
    {
        "inti": 77,
        "janda": 8,
        "duda": 2.5,
        "cerai": 3,
        "lajang": 2.2,
        "lansia": 2.5,
        "suami": 1,
        "bujang": 2.5,
    }
)
SENDIRI = Pilihan({"lajang": 1, "lansia": 1})
# Age of a married male head: start of a five-year group → weight.
UMUR_KEPALA = Pilihan(
    {
        20: 2,
        25: 8,
        30: 12,
        35: 13,
        40: 13,
        45: 12,
        50: 11,
        55: 9,
        60: 7,
        65: 5,
        70: 3.5,
        75: 2,
        80: 1,
    }
)
UMUR_JANDA = Pilihan({30: 2, 40: 5, 50: 8, 60: 10, 70: 8, 80: 3})
JUMLAH_ANAK = Pilihan({0: 4, 1: 11, 2: 28, 3: 28, 4: 15, 5: 8, 6: 4, 7: 2})
JUMLAH_CUCU = Pilihan({0: 25, 1: 40, 2: 25, 3: 10})
ROMAWI = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _tinggal(umur: float) -> float:
    """Probability that a child of this age still lives in the parents' KK."""
    if umur < 18:
        return 0.97
    if umur < 22:
        return 0.9
    if umur < 26:
        return 0.75
    return 0.5 if umur < 31 else 0.0


def _batas(x: float, bawah: float, atas: float) -> float:
    return max(bawah, min(atas, x))


class Rumah:
    """Builds one household. `batas_lahir`: no one born after it; `larangan`: no births in
    this window either (the family lived elsewhere then); `lokal`: born in the village."""

    def __init__(
        self,
        ctx: Konteks,
        *,
        batas_lahir: datetime.date,
        larangan: tuple[datetime.date, datetime.date] | None = None,
        lokal: bool = True,
    ):
        self.ctx, self.r = ctx, ctx.rng
        self.batas = batas_lahir
        self.larangan = larangan
        self.lokal = lokal
        self.budaya, self.agama = BUDAYA_AGAMA(self.r)
        self.anggota: list[Orang] = []

    # --- building blocks
    def orang(self, jk, lahir, shdk, kawin, *, budaya=None, marga=None) -> Orang:
        ctx = self.ctx
        budaya = budaya or self.budaya
        if marga is None:
            marga = ctx.marga(budaya)
        o = Orang(
            nama=ctx.nama(jk, budaya, self.agama, lahir.year, marga),
            jk=jk,
            lahir=lahir,
            kawin=kawin,
            budaya=budaya,
            agama=self.agama,
            shdk=shdk,
            shdk_awal=shdk,
            marga=marga,
        )
        o.tempat_lahir = ctx.tempat_lahir(budaya, lahir)
        self.anggota.append(o)
        return o

    def nama_luar(self, jk: int, tahun: int, budaya: str | None = None, marga: str = "") -> str:
        """The name of someone outside the data (a parent who died long ago, lives elsewhere)."""
        return self.ctx.nama(jk, budaya or self.budaya, self.agama, tahun, marga)

    def boleh_lahir(self, tanggal: datetime.date) -> bool:
        if tanggal > self.batas:
            return False
        return not (self.larangan and self.larangan[0] < tanggal <= self.larangan[1])

    def akta_kawin(self, tanggal: datetime.date) -> str:
        r = self.r
        if r.random() > 0.78:
            return ""
        if self.agama == A.ISLAM:
            return f"{r.randint(1, 450):04d}/{r.randint(1, 99):03d}/{ROMAWI[tanggal.month]}/{tanggal.year}"
        return f"3201-KW-{tanggal:%d%m%Y}-{r.randint(1, 999):04d}"

    def tanggal_kawin(self, suami_lahir, istri_lahir, paling_lambat=None) -> datetime.date:
        ctx, r = self.ctx, self.r
        tanggal = max(
            tambah_tahun(istri_lahir, _batas(r.gauss(21.5, 3.5), 16, 35)),
            tambah_tahun(suami_lahir, 19),
        )
        batas = paling_lambat or ctx.hari_ini - datetime.timedelta(days=60)
        if tanggal > batas:
            tanggal = batas - datetime.timedelta(days=r.randint(0, 200))
        return max(tanggal, istri_lahir, suami_lahir)

    def nikahkan(self, a: Orang, b: Orang | None, tanggal: datetime.date) -> None:
        akta = self.akta_kawin(tanggal)
        for o in (a, b):
            if o is not None:
                o.tgl_kawin, o.akta_kawin = tanggal, akta
        if b is not None:
            a.pasangan, b.pasangan = b, a

    def cerai(self, o: Orang, setelah: datetime.date) -> None:
        r, ctx = self.r, self.ctx
        o.kawin = K.CERAI_HIDUP
        o.tgl_cerai = ctx.antara(
            tambah_tahun(setelah, 1), ctx.hari_ini - datetime.timedelta(days=30)
        )
        if r.random() < 0.6:
            pengadilan = "PA.Cbn" if self.agama == A.ISLAM else "PN.Cbi"
            o.akta_cerai = f"{r.randint(1, 3000):04d}/Pdt.G/{o.tgl_cerai.year}/{pengadilan}"

    def keturunan(
        self,
        ibu_lahir: datetime.date,
        mulai: datetime.date,
        batas: datetime.date,
        *,
        ayah: Orang | None = None,
        ibu: Orang | None = None,
        nama_ayah: str = "",
        nama_ibu: str = "",
        shdk: int = S.ANAK,
        jumlah: int | None = None,
        marga: str = "",
    ) -> list[Orang]:
        """Children of one mother, born from `mulai` to `batas`, who still live in this KK."""
        ctx, r = self.ctx, self.r
        jumlah = JUMLAH_ANAK(r) if jumlah is None else jumlah
        tanggal = tambah_tahun(mulai, max(0.8, r.gauss(1.4, 0.9)))
        hasil, ke = [], 0
        for _ in range(jumlah):
            if tanggal > batas or (tanggal - ibu_lahir).days > 43 * HARI_SETAHUN:
                break
            kembar = r.random() < 0.012
            for _ in range(2 if kembar else 1):
                ke += 1
                umur = (ctx.hari_ini - tanggal).days / HARI_SETAHUN
                if not self.boleh_lahir(tanggal) or r.random() > _tinggal(umur):
                    continue
                anak = self.orang(L if r.random() < 0.51 else P, tanggal, shdk, K.BELUM_KAWIN)
                if marga:
                    anak.marga = marga
                    anak.nama = ctx.nama(anak.jk, anak.budaya, self.agama, tanggal.year, marga)
                if self.lokal and r.random() < 0.85:
                    anak.tempat_lahir = ctx.tempat_lahir(anak.budaya, tanggal, lokal=True)
                anak.ayah, anak.ibu = ayah, ibu
                anak.nama_ayah = ayah.nama if ayah else nama_ayah
                anak.nama_ibu = ibu.nama if ibu else nama_ibu
                anak.kembar, anak.anak_ke = kembar, ke
                hasil.append(anak)
            tanggal = tambah_tahun(tanggal, max(1.2, r.gauss(3.6, 1.8)))
        return hasil

    def anak_dewasa(self, anak: list[Orang]) -> None:
        """Some grown children are married (spouse and grandchildren in the KK) or divorced."""
        ctx, r = self.ctx, self.r
        hari_ini = ctx.hari_ini
        for a in anak:
            umur = a.umur(hari_ini)
            if umur < 19:
                continue
            x = r.random()
            p_kawin = 0.08 if umur < 23 else 0.25 if umur < 28 else 0.4
            if x < p_kawin:
                a.kawin = K.KAWIN
                tanggal = ctx.antara(
                    tambah_tahun(a.lahir, 19), hari_ini - datetime.timedelta(days=60)
                )
                pasangan = None
                if r.random() < 0.7:
                    selisih = abs(r.gauss(3, 2.5))
                    umur_p = umur + selisih if a.jk == P else max(18.0, umur - selisih)
                    budaya = self.budaya if r.random() < 0.8 else "sunda"
                    jk = L if a.jk == P else P
                    lahir = min(ctx.lahir(umur_p + r.random()), tanggal - 16 * 365 * SATU_HARI)
                    pasangan = self.orang(jk, lahir, S.MENANTU, K.KAWIN, budaya=budaya)
                self.nikahkan(a, pasangan, tanggal)
                ibu = a if a.jk == P else pasangan
                ayah = pasangan if a.jk == P else a
                if ibu is not None:
                    self.keturunan(
                        ibu.lahir,
                        tanggal,
                        self.batas,
                        ayah=ayah,
                        ibu=ibu,
                        nama_ayah=self.nama_luar(L, a.lahir.year),
                        shdk=S.CUCU,
                        jumlah=JUMLAH_CUCU(r),
                        marga=ayah.marga if ayah else "",
                    )
            elif x < p_kawin + 0.03 and umur >= 22:
                tanggal = ctx.antara(tambah_tahun(a.lahir, 18), tahun_lalu(hari_ini, 1))
                self.nikahkan(a, None, tanggal)
                self.cerai(a, tanggal)
                if a.jk == P:
                    self.keturunan(
                        a.lahir,
                        tanggal,
                        min(self.batas, a.tgl_cerai),
                        ibu=a,
                        nama_ayah=self.nama_luar(L, a.lahir.year),
                        shdk=S.CUCU,
                        jumlah=r.randint(0, 2),
                    )

    def orang_tua(self, anak: Orang, shdk: int) -> None:
        """The widowed mother (mostly), father, or both parents of `anak` live in this KK."""
        ctx, r = self.ctx, self.r
        umur_ibu = anak.umur(ctx.hari_ini) + _batas(r.gauss(26, 4), 17, 40)
        if umur_ibu > 94:
            return
        berdua = r.random() < 0.3 and umur_ibu < 85
        ibu = ayah = None
        if berdua or r.random() < 0.7:
            ibu = self.orang(P, ctx.lahir(umur_ibu + r.random()), shdk, K.CERAI_MATI)
        if berdua or ibu is None:
            umur_ayah = umur_ibu + _batas(r.gauss(4, 3), -3, 12)
            ayah = self.orang(
                L, ctx.lahir(min(umur_ayah, 97) + r.random()), shdk, K.CERAI_MATI, marga=anak.marga
            )
        tanggal = max(
            anak.lahir - datetime.timedelta(days=r.randint(300, 2500)),
            tambah_tahun(max(o.lahir for o in (ayah, ibu) if o is not None), 16),
        )
        self.nikahkan(ayah or ibu, ibu if ayah else None, tanggal)
        if berdua:
            ayah.kawin = ibu.kawin = K.KAWIN
        anak.ayah, anak.ibu = ayah, ibu
        anak.nama_ayah = (
            ayah.nama if ayah else self.nama_luar(L, tanggal.year - 25, marga=anak.marga)
        )
        anak.nama_ibu = ibu.nama if ibu else self.nama_luar(P, tanggal.year - 22)

    def kerabat(self, kepala: Orang, pasangan: Orang | None) -> None:
        """Parents, a relative, grandchildren or a household helper in some households."""
        ctx, r = self.ctx, self.r
        umur = kepala.umur(ctx.hari_ini)
        if 25 <= umur <= 62 and r.random() < 0.12:
            if pasangan is None or r.random() < 0.6:
                self.orang_tua(kepala, S.ORANGTUA)
            else:
                self.orang_tua(pasangan, S.MERTUA)
        if r.random() < 0.04:
            jk = L if r.random() < 0.5 else P
            self.orang(jk, ctx.lahir(r.uniform(6, 30)), S.FAMILI_LAIN, K.BELUM_KAWIN)
        if umur >= 45 and r.random() < 0.05 and not any(o.shdk == S.CUCU for o in self.anggota):
            for _ in range(1 if r.random() < 0.7 else 2):
                lahir = ctx.lahir(r.uniform(0, 14))
                if self.boleh_lahir(lahir):
                    self.orang(L if r.random() < 0.5 else P, lahir, S.CUCU, K.BELUM_KAWIN)
        if r.random() < 0.004:
            self.orang(
                P,
                ctx.lahir(r.uniform(20, 50)),
                S.PEMBANTU,
                K.BELUM_KAWIN if r.random() < 0.6 else K.CERAI_MATI,
                budaya="sunda",
            )

    # --- household kinds
    def bangun(self, jenis: str | None = None) -> list[Orang]:
        getattr(self, f"_{jenis or JENIS(self.r)}")()
        for o in self.anggota:
            if o.kawin == K.CERAI_MATI and o.tgl_kawin is None:
                tanggal = tambah_tahun(o.lahir, _batas(self.r.gauss(22, 3), 17, 40))
                tanggal = min(tanggal, tahun_lalu(self.ctx.hari_ini, 1))
                self.nikahkan(o, None, max(tanggal, tambah_tahun(o.lahir, 16)))
            if not o.nama_ayah:
                o.nama_ayah = self.nama_luar(L, o.lahir.year - 28, o.budaya, o.marga)
            if not o.nama_ibu:
                o.nama_ibu = self.nama_luar(P, o.lahir.year - 24, o.budaya)
        return self.anggota

    def _inti(self) -> None:
        ctx, r = self.ctx, self.r
        umur = UMUR_KEPALA(r) + r.random() * 5
        kepala = self.orang(L, ctx.lahir(umur), S.KEPALA_KELUARGA, K.KAWIN)
        umur_istri = max(18 + r.random(), umur - _batas(r.gauss(4, 3.5), -6, 15))
        istri = self.orang(P, ctx.lahir(umur_istri), S.ISTRI, K.KAWIN)
        tanggal = self.tanggal_kawin(kepala.lahir, istri.lahir)
        self.nikahkan(kepala, istri, tanggal)
        anak = self.keturunan(
            istri.lahir, tanggal, self.batas, ayah=kepala, ibu=istri, marga=kepala.marga
        )
        self.anak_dewasa(anak)
        self.kerabat(kepala, istri)

    def _suami(self) -> None:
        ctx, r = self.ctx, self.r
        umur = r.uniform(25, 60)
        kepala = self.orang(P, ctx.lahir(umur), S.KEPALA_KELUARGA, K.KAWIN)
        suami = self.orang(L, ctx.lahir(umur + _batas(r.gauss(3, 3), -4, 12)), S.SUAMI, K.KAWIN)
        tanggal = self.tanggal_kawin(suami.lahir, kepala.lahir)
        self.nikahkan(kepala, suami, tanggal)
        self.keturunan(kepala.lahir, tanggal, self.batas, ayah=suami, ibu=kepala)
        self.kerabat(kepala, suami)

    def _ditinggal(self, jk: int, cerai: bool) -> None:
        """A head whose spouse died (CERAI MATI) or who divorced (CERAI HIDUP), with children."""
        ctx, r = self.ctx, self.r
        umur = UMUR_JANDA(r) + r.random() * 10 if not cerai else r.uniform(25, 60)
        status = K.CERAI_HIDUP if cerai else K.CERAI_MATI
        kepala = self.orang(jk, ctx.lahir(umur), S.KEPALA_KELUARGA, status)
        lain_lahir = kepala.lahir + (1 if jk == P else -1) * datetime.timedelta(
            days=int(_batas(r.gauss(4, 3), -3, 12) * HARI_SETAHUN)
        )
        suami_lahir, istri_lahir = (
            (lain_lahir, kepala.lahir) if jk == P else (kepala.lahir, lain_lahir)
        )
        tanggal = self.tanggal_kawin(suami_lahir, istri_lahir, tahun_lalu(ctx.awal, 1))
        self.nikahkan(kepala, None, tanggal)
        if cerai:
            self.cerai(kepala, tanggal)
            berakhir = kepala.tgl_cerai
        else:
            berakhir = ctx.antara(tambah_tahun(tanggal, 1), ctx.awal - 30 * SATU_HARI)
        nama_lain = self.nama_luar(L if jk == P else P, lain_lahir.year)
        anak = self.keturunan(
            istri_lahir,
            tanggal,
            min(self.batas, berakhir),
            ayah=kepala if jk == L else None,
            ibu=kepala if jk == P else None,
            nama_ayah=nama_lain if jk == P else "",
            nama_ibu=nama_lain if jk == L else "",
            jumlah=JUMLAH_ANAK(r) // (2 if cerai and jk == L else 1),
            marga=kepala.marga if jk == L else "",
        )
        self.anak_dewasa(anak)
        self.kerabat(kepala, None)

    def _janda(self) -> None:
        self._ditinggal(P, cerai=False)

    def _duda(self) -> None:
        self._ditinggal(L, cerai=False)

    def _cerai(self) -> None:
        self._ditinggal(P if self.r.random() < 0.6 else L, cerai=True)

    def _lajang(self) -> None:
        jk = L if self.r.random() < 0.65 else P
        self.orang(jk, self.ctx.lahir(self.r.uniform(20, 40)), S.KEPALA_KELUARGA, K.BELUM_KAWIN)

    def _lansia(self) -> None:
        jk = P if self.r.random() < 0.7 else L
        self.orang(jk, self.ctx.lahir(self.r.uniform(60, 90)), S.KEPALA_KELUARGA, K.CERAI_MATI)

    def _bujang(self) -> None:
        ctx, r = self.ctx, self.r
        kepala = self.orang(
            L if r.random() < 0.6 else P,
            ctx.lahir(r.uniform(22, 45)),
            S.KEPALA_KELUARGA,
            K.BELUM_KAWIN,
        )
        if r.random() < 0.8:
            self.orang_tua(kepala, S.ORANGTUA)
        if r.random() < 0.4:
            umur = max(17.0, kepala.umur(ctx.hari_ini) + r.uniform(-8, 8))
            jk = L if r.random() < 0.5 else P
            saudara = self.orang(jk, ctx.lahir(umur), S.FAMILI_LAIN, K.BELUM_KAWIN)
            saudara.ayah, saudara.ibu = kepala.ayah, kepala.ibu
            saudara.nama_ayah, saudara.nama_ibu = kepala.nama_ayah, kepala.nama_ibu
