"""Per-person details that follow age, sex, marriage and family: schooling, work, health,
documents, contraception and pregnancy."""

from __future__ import annotations

import datetime
from decimal import Decimal

from penduduk.demo import data
from penduduk.demo.orang import Konteks, L, Orang, P, Pilihan, tambah_tahun
from sid import kode

PK = kode.PendidikanKK
PS = kode.PendidikanSedang
J = kode.Pekerjaan
K = kode.StatusKawin
S = kode.SHDK
KB = kode.CaraKB

PENDIDIKAN_ANGKATAN = (  # (born from year, distribution of the last education)
    (
        1990,
        Pilihan({1: 1, 2: 3, 3: 15, 4: 22, 5: 42, 6: 2, 7: 4, 8: 10, 9: 0.8, 10: 0.1}),
    ),
    (1970, Pilihan({1: 2, 2: 6, 3: 32, 4: 22, 5: 28, 6: 2, 7: 2.5, 8: 5, 9: 0.5})),
    (1955, Pilihan({1: 8, 2: 15, 3: 42, 4: 14, 5: 15, 6: 1, 7: 1, 8: 3.5, 9: 0.3})),
    (0, Pilihan({1: 25, 2: 25, 3: 35, 4: 7, 5: 6, 8: 2})),
)
KERJA_LAKI = Pilihan(
    {
        J.PETANI_PEKEBUN: 15,
        J.BURUH_TANI_PERKEBUNAN: 8,
        J.BURUH_HARIAN_LEPAS: 16,
        J.KARYAWAN_SWASTA: 16,
        J.WIRASWASTA: 10,
        J.PEDAGANG: 6,
        J.SOPIR: 4,
        J.TRANSPORTASI: 2,
        J.KONSTRUKSI: 2,
        J.TUKANG_BATU: 4,
        J.TUKANG_KAYU: 2,
        J.TUKANG_LAS_PANDAI_BESI: 1,
        J.MEKANIK: 1.5,
        J.PETERNAK: 2,
        J.INDUSTRI: 2,
        J.TUKANG_CUKUR: 0.3,
        J.TUKANG_LISTRIK: 0.5,
        J.BELUM_TIDAK_BEKERJA: 4,
    }
)
KERJA_LAKI_TERDIDIK = Pilihan(
    {
        J.PEGAWAI_NEGERI_SIPIL_PNS: 12,
        J.GURU: 8,
        J.KARYAWAN_SWASTA: 30,
        J.KARYAWAN_HONORER: 8,
        J.KARYAWAN_BUMN: 5,
        J.KARYAWAN_BUMD: 1,
        J.TENTARA_NASIONAL_INDONESIA_TNI: 2,
        J.KEPOLISIAN_RI_POLRI: 2,
        J.WIRASWASTA: 14,
        J.PERANGKAT_DESA: 2,
        J.PERAWAT: 1,
        J.DOSEN: 0.5,
        J.AKUNTAN: 0.5,
        J.BELUM_TIDAK_BEKERJA: 4,
    }
)
KERJA_PEREMPUAN = Pilihan(
    {
        J.MENGURUS_RUMAH_TANGGA: 42,
        J.KARYAWAN_SWASTA: 12,
        J.WIRASWASTA: 5,
        J.PEDAGANG: 6,
        J.PETANI_PEKEBUN: 4,
        J.BURUH_TANI_PERKEBUNAN: 4,
        J.BURUH_HARIAN_LEPAS: 5,
        J.INDUSTRI: 2,
        J.TUKANG_JAHIT: 1,
        J.PENATA_RIAS: 0.7,
        J.PENATA_RAMBUT: 0.3,
        J.PEMBANTU_RUMAH_TANGGA: 1.5,
        J.JURU_MASAK: 0.5,
        J.BELUM_TIDAK_BEKERJA: 8,
    }
)
KERJA_PEREMPUAN_TERDIDIK = Pilihan(
    {
        J.GURU: 16,
        J.PEGAWAI_NEGERI_SIPIL_PNS: 8,
        J.KARYAWAN_SWASTA: 24,
        J.KARYAWAN_HONORER: 10,
        J.BIDAN: 4,
        J.PERAWAT: 4,
        J.KARYAWAN_BUMN: 2,
        J.WIRASWASTA: 8,
        J.MENGURUS_RUMAH_TANGGA: 18,
        J.BELUM_TIDAK_BEKERJA: 4,
    }
)
KERJA_LANSIA_LAKI = Pilihan(
    {
        J.PETANI_PEKEBUN: 30,
        J.BELUM_TIDAK_BEKERJA: 35,
        J.PEDAGANG: 8,
        J.WIRASWASTA: 4,
        J.BURUH_TANI_PERKEBUNAN: 8,
        J.BURUH_HARIAN_LEPAS: 4,
        J.PETERNAK: 3,
        J.PENSIUNAN: 8,
    }
)
KERJA_LANSIA_PEREMPUAN = Pilihan(
    {
        J.MENGURUS_RUMAH_TANGGA: 40,
        J.BELUM_TIDAK_BEKERJA: 38,
        J.PETANI_PEKEBUN: 8,
        J.PEDAGANG: 8,
        J.PENSIUNAN: 3,
        J.PARAJI: 1,
    }
)
GOLONGAN_DARAH = Pilihan({13: 70, 4: 9, 1: 6, 2: 7, 3: 2, 11: 2, 5: 1.5, 7: 1.5, 9: 0.5, 12: 0.2})
CACAT = Pilihan({1: 40, 2: 15, 3: 15, 4: 15, 5: 5, 6: 10})
SAKIT = Pilihan({1: 18, 5: 14, 6: 22, 13: 14, 12: 8, 3: 8, 7: 6, 2: 3, 4: 4, 11: 3})
REKAM = Pilihan({8: 80, 4: 6, 5: 3, 7: 2, 6: 2, 3: 7})
KB_PEREMPUAN = Pilihan({KB.SUNTIK: 46, KB.PIL: 18, KB.SUSUK_KB: 10, KB.IUD: 10, 6: 5, 99: 2})
TEMPAT_DILAHIRKAN = Pilihan({1: 30, 2: 25, 3: 15, 4: 25, 5: 5})
PENOLONG = Pilihan({2: 65, 1: 25, 3: 8, 4: 2})
OPERATOR = ("811", "812", "813", "821", "822", "852", "853", "877", "878", "857", "896", "895")
TEMPAT_CETAK = Pilihan(data.TEMPAT_CETAK_KTP)


def _pendidikan(ctx: Konteks, o: Orang, umur: int) -> tuple[int, int]:
    r = ctx.rng
    if umur < 7:
        sedang = PS.BELUM_MASUK_TK_KELOMPOK_BERMAIN
        if umur >= 4 and r.random() < 0.7:
            sedang = PS.SEDANG_TK_KELOMPOK_BERMAIN
        return PK.TIDAK_BELUM_SEKOLAH, sedang
    if umur <= 12:
        return PK.BELUM_TAMAT_SD_SEDERAJAT, PS.SEDANG_SD_SEDERAJAT
    if umur <= 15:
        putus = r.random() < 0.06
        return PK.TAMAT_SD_SEDERAJAT, PS.TIDAK_SEDANG_SEKOLAH if putus else PS.SEDANG_SLTP_SEDERAJAT
    if umur <= 18:
        putus = r.random() < 0.2
        return PK.SLTP_SEDERAJAT, PS.TIDAK_SEDANG_SEKOLAH if putus else PS.SEDANG_SLTA_SEDERAJAT
    for tahun, pilihan in PENDIDIKAN_ANGKATAN:
        if o.lahir.year >= tahun:
            pk = pilihan(r)
            break
    if umur < 22 and pk > PK.SLTA_SEDERAJAT:
        pk = PK.SLTA_SEDERAJAT
    if umur < 25 and pk > PK.DIPLOMA_IV_STRATA_I:
        pk = PK.DIPLOMA_IV_STRATA_I
    return pk, PS.TIDAK_SEDANG_SEKOLAH


def _pekerjaan(ctx: Konteks, o: Orang, umur: int, pk: int) -> int:
    r = ctx.rng
    if umur < 5:
        return J.BELUM_TIDAK_BEKERJA
    if umur <= 18:
        return J.PELAJAR_MAHASISWA if o.d["pendidikan_sedang"] != 18 else J.BELUM_TIDAK_BEKERJA
    if o.shdk == S.PEMBANTU:
        return J.PEMBANTU_RUMAH_TANGGA
    if umur <= 24 and pk >= PK.SLTA_SEDERAJAT and r.random() < 0.22:
        return J.PELAJAR_MAHASISWA
    if umur >= 60:
        return (KERJA_LANSIA_LAKI if o.jk == L else KERJA_LANSIA_PEREMPUAN)(r)
    if o.agama == kode.Agama.ISLAM and o.jk == L and umur >= 30 and r.random() < 0.008:
        return J.USTADZ_MUBALIGH
    if o.agama == kode.Agama.KRISTEN and o.jk == L and umur >= 30 and r.random() < 0.01:
        return J.PENDETA
    terdidik = pk >= PK.AKADEMI_DIPLOMA_III_S_MUDA
    if o.jk == L:
        kerja = (KERJA_LAKI_TERDIDIK if terdidik else KERJA_LAKI)(r)
    else:
        kerja = (KERJA_PEREMPUAN_TERDIDIK if terdidik else KERJA_PEREMPUAN)(r)
        if kerja == J.MENGURUS_RUMAH_TANGGA and o.kawin == K.BELUM_KAWIN and r.random() < 0.7:
            kerja = J.BELUM_TIDAK_BEKERJA
    if umur >= 56 and kerja in (J.PEGAWAI_NEGERI_SIPIL_PNS, J.GURU) and r.random() < 0.5:
        kerja = J.PENSIUNAN
    return kerja


def _angka(r, n: int) -> str:
    return f"{r.randrange(10**n):0{n}d}"


def isi(ctx: Konteks, o: Orang) -> None:
    """Fill `o.d` with everything but NIK, family links, KB and pregnancy."""
    r = ctx.rng
    pada = o.pada or ctx.hari_ini
    umur = o.umur(pada)
    d = o.d
    d["suku"] = data.SUKU.get(o.budaya, "")
    pk, sedang = _pendidikan(ctx, o, umur)
    d["pendidikan_kk"], d["pendidikan_sedang"] = pk, sedang
    kerja = _pekerjaan(ctx, o, umur, pk)
    if kerja == J.PELAJAR_MAHASISWA and umur > 18:
        d["pendidikan_sedang"] = PS.SEDANG_S_1_SEDERAJAT if r.random() < 0.8 else 10
    d["pekerjaan"] = kerja
    if umur < 7:
        d["dapat_membaca_huruf"] = None
    elif pk == PK.TIDAK_BELUM_SEKOLAH and umur >= 15:
        d["dapat_membaca_huruf"] = r.choice((None, None, 2, 3, 5))
    elif o.agama == kode.Agama.ISLAM:
        x = r.random()
        d["dapat_membaca_huruf"] = 4 if x < 0.55 else 1 if x < 0.95 else 6
    else:
        d["dapat_membaca_huruf"] = 1
    d["golongan_darah"] = GOLONGAN_DARAH(r)
    p_cacat = 0.008 if umur < 18 else 0.015 if umur < 60 else 0.04
    d["cacat"] = CACAT(r) if r.random() < p_cacat else kode.Cacat.TIDAK_CACAT
    p_sakit = 0.01 if umur < 40 else 0.06 if umur < 60 else 0.15
    d["sakit_menahun"] = SAKIT(r) if r.random() < p_sakit else 14
    # Identity card: KTP-el from 17, children a KIA or nothing yet.
    d["tempat_cetak_ktp"], d["tanggal_cetak_ktp"] = "", None
    if o.d.get("warganegara", 1) != kode.WargaNegara.WNI:
        d["ktp_el"], d["status_rekam"] = None, None
    elif umur >= 17:
        baru17 = umur < 18 and r.random() < 0.5
        if baru17 or r.random() < 0.05:
            d["ktp_el"], d["status_rekam"] = kode.KtpEl.BELUM, kode.StatusRekam.BELUM_REKAM
        else:
            d["ktp_el"], d["status_rekam"] = kode.KtpEl.KTP_EL, REKAM(r)
            if d["status_rekam"] in (4, 6, 8):
                dari = max(tambah_tahun(o.lahir, 17), datetime.date(2012, 6, 1))
                d["tanggal_cetak_ktp"] = ctx.antara(min(dari, pada), pada)
                d["tempat_cetak_ktp"] = TEMPAT_CETAK(r)
    else:
        d["ktp_el"] = kode.KtpEl.KIA if r.random() < 0.4 else kode.KtpEl.BELUM
        d["status_rekam"] = kode.StatusRekam.BELUM_WAJIB
    # Birth details: recorded for the young (and everyone born in the period).
    d["jenis_kelahiran"] = 2 if o.kembar else 1
    d["kelahiran_anak_ke"] = o.anak_ke
    if umur < 6:
        d["tempat_dilahirkan"] = tempat = TEMPAT_DILAHIRKAN(r)
        d["penolong_kelahiran"] = 3 if tempat == 4 and r.random() < 0.4 else PENOLONG(r)
        berat = int(r.gauss(3100, 420) - (500 if o.kembar else 0))
        d["berat_lahir"] = max(1500, min(4600, berat))
        d["panjang_lahir"] = Decimal(f"{max(42.0, min(54.0, r.gauss(49, 2))):.1f}")
        d["waktu_lahir"] = datetime.time(r.randrange(24), r.randrange(60))
    else:
        d["tempat_dilahirkan"] = d["penolong_kelahiran"] = d["berat_lahir"] = None
        d["panjang_lahir"] = d["waktu_lahir"] = None
    p_akta = 0.8 if o.lahir.year >= 1995 else 0.5 if o.lahir.year >= 1975 else 0.2
    d["akta_lahir"] = (
        f"3201-LT-{o.lahir:%d%m%Y}-{r.randint(1, 9999):04d}" if r.random() < p_akta else ""
    )
    # Contacts.
    d["telepon"] = d["email"] = ""
    if 17 <= umur <= 70 and r.random() < (0.7 if umur < 50 else 0.4):
        d["telepon"] = f"08{r.choice(OPERATOR)[1:]}{_angka(r, r.randint(7, 8))}"
        if umur <= 40 and r.random() < 0.1:
            bagian = ["".join(c for c in b.lower() if c.isalpha()) for b in o.nama.split()[:2]]
            d["email"] = f"{'.'.join(bagian)}{r.randint(1, 99)}@gmail.com"
    # Health insurance follows the family.
    asuransi = o.kk.asuransi if o.kk is not None else (1 if r.random() < 0.5 else 3)
    if kerja in (J.PEGAWAI_NEGERI_SIPIL_PNS, J.TENTARA_NASIONAL_INDONESIA_TNI, J.GURU):
        asuransi = 3
    d["asuransi"] = asuransi
    d["no_asuransi"] = f"000{_angka(r, 10)}" if asuransi in (2, 3, 4) else ""
    if asuransi == 99:
        d["no_asuransi"] = f"POL-{_angka(r, 8)}"
    d["bpjs_ketenagakerjaan"] = ""
    if kerja in (J.KARYAWAN_SWASTA, J.KARYAWAN_BUMN, J.KARYAWAN_BUMD) and r.random() < 0.6:
        d["bpjs_ketenagakerjaan"] = _angka(r, 11)
    # Marriage documents (only for the ever-married; divorce data only for CERAI HIDUP).
    kawin = o.kawin != K.BELUM_KAWIN
    d["tanggal_perkawinan"] = o.tgl_kawin if kawin else None
    d["akta_perkawinan"] = o.akta_kawin if kawin else ""
    cerai = o.kawin == K.CERAI_HIDUP
    d["tanggal_perceraian"] = o.tgl_cerai if cerai else None
    d["akta_perceraian"] = o.akta_cerai if cerai else ""
    d["cara_kb"] = d["hamil"] = None


def kb_dan_hamil(ctx: Konteks, orang: list[Orang]) -> None:
    """Contraception and pregnancy for married women 15–49 (and a few husbands' methods)."""
    r = ctx.rng
    bayi_muda: set[int] = set()  # mothers with a baby under six months
    for o in orang:
        if o.ibu is not None and (ctx.hari_ini - o.lahir).days < 183:
            bayi_muda.add(id(o.ibu))
    for o in orang:
        if o.jk != P or o.kawin != K.KAWIN or o.keluar is not None:
            continue
        umur = o.umur(ctx.hari_ini)
        if not 15 <= umur <= 49:
            continue
        o.d["hamil"] = kode.Hamil.TIDAK_HAMIL
        if 20 <= umur <= 40 and id(o) not in bayi_muda and r.random() < 0.09:
            o.d["hamil"] = kode.Hamil.HAMIL
            continue
        if r.random() >= 0.62:
            continue
        suami = o.pasangan
        if (
            suami is not None
            and suami.keluar is None
            and suami.kawin == K.KAWIN
            and r.random() < 0.07
        ):
            suami.d["cara_kb"] = KB.KONDOM if r.random() < 0.85 else KB.STERILISASI_PRIA
        else:
            o.d["cara_kb"] = KB_PEREMPUAN(r)
