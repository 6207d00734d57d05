"""The dry run: read every row, apply the rules, and plan what would be written.

Nothing is written here. The plan (`Rencana`) lists the residents to create and to update,
the families and wilayah to create, and the refused rows with their reasons. The same plan is
made again, against the database as it is then, when the operator confirms.

Order of the checks:
1. each row on its own (codes, dates, NIK, required columns, the register's field rules);
2. the same NIK twice in the file → both rows refused (a SIAK "TIDAK VALID" row sharing its
   NIK with one valid row is kept under a temporary NIK instead, see docs/impor.md);
3. existing NIK (or NIK 0 matching name + birth place + birth date) → an update that may not
   change family, SHDK, wilayah or status;
4. new residents by family: a new KK needs its head row (kk_level 1), and is created only when
   every head row of it is accepted; members live in the family's wilayah; SHDK follows the
   head (penduduk/validasi.py); one living head per KK;
5. the village's RW/RT levels: a village without any wilayah takes them from the file; in a
   village with RW, each dusun uses RW for all its RTs or for none (rw '-').
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.utils import timezone

from keluarga.models import Keluarga
from penduduk.impor import formats, opensid, siak
from penduduk.impor.kolom import wilayah_kolom
from penduduk.impor.nilai import TANPA_TINGKAT, kunci_wilayah, nama_wilayah_baru
from penduduk.impor.opensid import Baris
from penduduk.impor.register import queryset_register
from penduduk.impor.validasi import Perubahan, periksa_baru, periksa_ubah
from penduduk.models import Penduduk
from sid import kode
from sid.models import IdentitasDesa, Wilayah

S = kode.StatusDasar
SHDK = kode.SHDK
BATAS_PERINGATAN = 200
POTONG_QUERY = 500


@dataclass
class Baru:
    baris: Baris
    p: Penduduk  # unsaved; family and wilayah are attached when written
    no_kk: str
    wilayah: tuple[str, str, str]  # clean (dusun, rw, rt) of the row


@dataclass
class KeluargaBaru:
    no_kk: str
    kepala: Baris  # the row that gives address and wilayah (the living head if any)
    anggota: list[Baru] = field(default_factory=list)


@dataclass
class Rencana:
    format: str
    lembar: str
    tanggal: datetime.date
    fase_awal: bool
    total: int = 0
    baru: list[Baru] = field(default_factory=list)
    ubah: list[Perubahan] = field(default_factory=list)
    tetap: int = 0
    ditolak: list[Baris] = field(default_factory=list)
    keluarga_baru: dict[str, KeluargaBaru] = field(default_factory=dict)
    keluarga_ada: dict[str, object] = field(default_factory=dict)
    # wilayah of new families: comparison key → (names as written, existing wilayah or None)
    wilayah: dict[tuple, tuple[tuple[str, str, str], Wilayah | None]] = field(default_factory=dict)
    tingkat_baru: dict[str, bool] = field(default_factory=dict)
    peringatan: list[str] = field(default_factory=list)

    @property
    def ada_yang_ditulis(self) -> bool:
        return bool(self.baru or self.ubah)

    def peringati(self, pesan: str) -> None:
        if len(self.peringatan) < BATAS_PERINGATAN:
            self.peringatan.append(pesan)


def _potong(daftar: list, ukuran: int = POTONG_QUERY):
    for i in range(0, len(daftar), ukuran):
        yield daftar[i : i + ukuran]


def _baca_semua(lembar: formats.Lembar, laporan) -> list[Baris]:
    baca = siak.baca if lembar.format == formats.SIAK else opensid.baca
    hasil = []
    for mentah in lembar.baris:
        hasil.append(baca(mentah))
        if laporan and len(hasil) % 250 == 0:
            laporan(len(hasil), max(lembar.perkiraan_baris or 0, len(hasil)))
    return hasil


def _nik_ganda(rencana: Rencana, semua: list[Baris]) -> None:
    per_nik: dict[str, list[Baris]] = defaultdict(list)
    for b in semua:
        nik = b.nilai.get("nik")
        if nik and nik != "0":
            per_nik[nik].append(b)
    for nik, kelompok in per_nik.items():
        if len(kelompok) < 2:
            continue
        sah = [b for b in kelompok if b.nilai.get("status_dasar") != S.TIDAK_VALID]
        if len(sah) == 1:
            # SIAK marks a record TIDAK VALID when its NIK belongs to someone else: keep the
            # record, under a temporary NIK (reused on the next import by name and birth).
            for b in kelompok:
                if b is not sah[0]:
                    b.nilai["nik"] = "0"
                    b.nik_asli = nik
                    rencana.peringati(
                        f"Baris {b.nomor}: NIK {nik} juga dipakai baris {sah[0].nomor}; data "
                        "berstatus TIDAK VALID ini disimpan dengan NIK sementara."
                    )
            continue
        for b in kelompok:
            lain = ", ".join(str(x.nomor) for x in kelompok if x is not b)
            b.tolak("nik", f"NIK {nik} ganda dalam berkas: juga ada di baris {lain}.")


def _cocok_identitas(semua: list[Baris]) -> dict[int, Penduduk]:
    """NIK 0 rows → the existing resident with the same name, birth place and birth date."""
    nol = [b for b in semua if b.nilai.get("nik") == "0" and b.nilai.get("tanggallahir")]
    if not nol:
        return {}
    tanggal = sorted({b.nilai["tanggallahir"] for b in nol})
    calon: dict[tuple, Penduduk] = {}
    for potong in _potong(tanggal):
        for p in queryset_register().filter(tanggal_lahir__in=potong):
            calon.setdefault((p.nama.upper(), p.tempat_lahir.upper(), p.tanggal_lahir), p)
    hasil = {}
    for b in nol:
        kunci = (
            b.nilai.get("nama", "").upper(),
            b.nilai.get("tempatlahir", "").upper(),
            b.nilai["tanggallahir"],
        )
        if kunci in calon:
            hasil[b.nomor] = calon[kunci]
    return hasil


def _penduduk_ada(semua: list[Baris]) -> dict[str, Penduduk]:
    nik = sorted({b.nilai["nik"] for b in semua if len(b.nilai.get("nik") or "") == 16})
    hasil: dict[str, Penduduk] = {}
    for potong in _potong(nik):
        for p in queryset_register().filter(nik__in=potong):
            hasil[p.nik] = p
    return hasil


def _identitas_nol_ganda(semua: list[Baris]) -> None:
    per_identitas: dict[tuple, list[Baris]] = defaultdict(list)
    for b in semua:
        if b.nilai.get("nik") == "0" and not b.ditolak:
            kunci = (
                b.nilai.get("nama", "").upper(),
                b.nilai.get("tempatlahir", "").upper(),
                b.nilai.get("tanggallahir"),
            )
            per_identitas[kunci].append(b)
    for kelompok in per_identitas.values():
        if len(kelompok) > 1:
            for b in kelompok:
                lain = ", ".join(str(x.nomor) for x in kelompok if x is not b)
                b.tolak(
                    "nik",
                    f"NIK 0 dengan nama, tempat dan tanggal lahir yang sama dengan baris {lain}: "
                    "orang yang sama tidak boleh didaftarkan dua kali.",
                )


class PetaWilayah:
    """The village's wilayah by clean name, the levels it uses, and which dusun have RWs."""

    def __init__(self, desa: IdentitasDesa):
        T = Wilayah.Tingkat
        self.semua = list(Wilayah.objects.select_related("dusun", "rw"))
        self.pakai_rw, self.pakai_rt = desa.pakai_rw, desa.pakai_rt
        self.kosong = not self.semua
        self.dusun = {kunci_wilayah(w.nama): w for w in self.semua if w.tingkat == T.DUSUN}
        self.anak = {(w.induk_id, kunci_wilayah(w.nama)): w for w in self.semua if w.induk_id}
        # dusun id → True (its RTs sit under RWs) / False (RTs directly under it); a dusun
        # without children yet is free to take either from the file.
        self.ber_rw: dict[int, bool] = {}
        for w in self.semua:
            if w.tingkat == T.RW or (w.tingkat == T.RT and w.induk_id == w.dusun_id):
                self.ber_rw[w.dusun_id] = w.tingkat == T.RW

    def cari(self, dusun: str, rw: str, rt: str) -> Wilayah | None:
        w = self.dusun.get(kunci_wilayah(dusun))
        for nama in (rw, rt):
            if w is not None and nama != TANPA_TINGKAT:
                w = self.anak.get((w.pk, kunci_wilayah(nama)))
        return w


def _periksa_tingkat(rencana: Rencana, peta: PetaWilayah, baru: list[Baru]) -> None:
    """rt '-' = the village has no RT level; rw '-' = this dusun has no RW (its RTs sit directly
    under it; a village whose every dusun is so has no RW level). An empty village takes its
    levels from the file."""
    pertama_rt: Baris | None = None
    per_dusun: dict[str, tuple[bool, Baris]] = {}  # the first accepted row of each dusun
    for item in baru:
        if item.baris.ditolak:
            continue
        b, (dusun, rw, rt) = item.baris, item.wilayah
        pakai_rt = rt != TANPA_TINGKAT
        if peta.kosong:
            if pertama_rt is None:
                pertama_rt, peta.pakai_rt = b, pakai_rt
            elif pakai_rt != peta.pakai_rt:
                aturan = "Satu desa memakai tingkat RT untuk semua wilayah, atau tidak sama sekali."
                b.tolak("rt", _pesan_campur("RT", pakai_rt, pertama_rt, "", aturan))
        elif pakai_rt != peta.pakai_rt:
            b.tolak(
                "rt",
                "Desa ini memakai tingkat RT: isi kolom rt."
                if peta.pakai_rt
                else "Desa ini tidak memakai tingkat RT (lihat Identitas Desa): isi '-' pada "
                "kolom rt.",
            )
        _periksa_rw(peta, per_dusun, b, dusun, rw != TANPA_TINGKAT)
    if peta.kosong:
        if per_dusun:
            peta.pakai_rw = any(ber_rw for ber_rw, _ in per_dusun.values())
        desa = IdentitasDesa.ambil()
        for atribut in ("pakai_rw", "pakai_rt"):
            if getattr(peta, atribut) != getattr(desa, atribut):
                rencana.tingkat_baru[atribut] = getattr(peta, atribut)


def _periksa_rw(peta: PetaWilayah, per_dusun: dict, b: Baris, dusun: str, pakai: bool) -> None:
    """One dusun uses RW for all its RTs or for none: against the register, then the file."""
    if not peta.kosong and not peta.pakai_rw:
        if pakai:
            b.tolak(
                "rw",
                "Desa ini tidak memakai tingkat RW (lihat Identitas Desa): isi '-' pada kolom rw.",
            )
        return
    ada = peta.dusun.get(kunci_wilayah(dusun))
    ber_rw = peta.ber_rw.get(ada.pk) if ada is not None else None
    if ber_rw is not None and ber_rw != pakai:
        b.tolak(
            "rw",
            f"{ada.nama_lengkap} memakai RW: isi kolom rw dengan nomor RW-nya."
            if ber_rw
            else f"{ada.nama_lengkap} tidak memakai RW (RT-nya langsung di bawah dusun): isi "
            "'-' pada kolom rw.",
        )
        return
    kunci = kunci_wilayah(dusun)
    if kunci not in per_dusun:
        per_dusun[kunci] = (pakai, b)
    elif per_dusun[kunci][0] != pakai:
        aturan = "Satu dusun memakai RW untuk semua RT-nya, atau tidak sama sekali."
        contoh = per_dusun[kunci][1]
        b.tolak("rw", _pesan_campur("RW", pakai, contoh, f" untuk Dusun {dusun}", aturan))


def _pesan_campur(tingkat: str, dipakai: bool, contoh: Baris, lingkup: str, aturan: str) -> str:
    dengan, tanpa = ("dengan", "tanpa") if dipakai else ("tanpa", "dengan")
    return (
        f"Berkas mencampur baris {dengan} {tingkat} dan baris {tanpa} {tingkat} ('-'){lingkup}, "
        f"mis. baris {contoh.nomor}. {aturan}"
    )


def teks_wilayah(w: tuple[str, str, str]) -> str:
    """'Dusun KRAJAN / RW 008 / RT 001', the names as they are (or will be) in the register."""
    bagian = [f"Dusun {w[0]}"]
    if w[1] and w[1] != TANPA_TINGKAT:
        bagian.append(f"RW {nama_wilayah_baru(w[1])}")
    if w[2] and w[2] != TANPA_TINGKAT:
        bagian.append(f"RT {nama_wilayah_baru(w[2])}")
    return " / ".join(bagian)


def kunci_tempat(w: tuple) -> tuple:
    return tuple(map(kunci_wilayah, w))


def _sama_wilayah(a: tuple, b: tuple) -> bool:
    return kunci_tempat(a) == kunci_tempat(b)


def _kepala_sebagai(b: Baris):
    """What validasi_shdk needs to know about a head given by a row of the file."""
    return SimpleNamespace(
        pk=f"baris-{b.nomor}",
        nama=b.nilai.get("nama", ""),
        status_kawin=b.nilai.get("status_kawin"),
        jenis_kelamin=b.nilai.get("sex"),
    )


def _periksa_keluarga(rencana: Rencana, baru: list[Baru]) -> None:
    from penduduk import validasi

    per_kk: dict[str, list[Baru]] = defaultdict(list)
    for item in baru:
        per_kk[item.no_kk].append(item)
    ada = {}
    for potong in _potong(sorted(per_kk)):
        for k in Keluarga.objects.filter(no_kk__in=potong).select_related(
            "wilayah__dusun", "wilayah__rw"
        ):
            ada[k.no_kk] = k
    kepala_ada = {
        p.keluarga_id: p
        for p in Penduduk.objects.hidup().filter(
            keluarga__in=list(ada.values()), shdk=SHDK.KEPALA_KELUARGA
        )
    }
    for no_kk, kelompok in per_kk.items():
        kepala_baris = [i for i in kelompok if i.p.shdk == SHDK.KEPALA_KELUARGA]
        hidup = [i for i in kepala_baris if i.p.status_dasar == S.HIDUP]
        keluarga = ada.get(no_kk)
        if keluarga is not None:
            rencana.keluarga_ada[no_kk] = keluarga
            wilayah_kk = tuple(wilayah_kolom(keluarga.wilayah).values())
            kepala = kepala_ada.get(keluarga.pk)
            for item in kelompok:
                if not _sama_wilayah(item.wilayah, wilayah_kk):
                    item.baris.tolak(
                        "rt",
                        f"KK {no_kk} berada di {teks_wilayah(wilayah_kk)}, baris ini menyebut "
                        f"{teks_wilayah(item.wilayah)}. Anggota tinggal di wilayah keluarganya.",
                    )
                if not keluarga.aktif and item.p.status_dasar == S.HIDUP:
                    item.baris.tolak(
                        "no_kk",
                        f"KK {no_kk} tidak aktif (seluruh anggotanya telah keluar). Aktifkan "
                        "lewat peristiwa kembali datang atau buat KK baru.",
                    )
            if kepala is None and hidup:
                kepala_baru = hidup[0]
                for lain in hidup[1:]:
                    lain.baris.tolak(
                        "kk_level",
                        f"KK {no_kk} sudah mendapat kepala keluarga dari baris "
                        f"{kepala_baru.baris.nomor}. Satu KK hanya boleh memiliki satu kepala.",
                    )
                kepala = _kepala_sebagai(kepala_baru.baris)
            _periksa_shdk(kelompok, kepala, no_kk, validasi)
            continue
        if not kepala_baris:
            for item in kelompok:
                item.baris.tolak(
                    "no_kk",
                    f"KK {no_kk} belum terdaftar dan berkas tidak memuat baris kepala "
                    "keluarganya (kk_level 1), sehingga keluarga tidak dapat dibuat.",
                )
            continue
        ditolak = [i for i in kepala_baris if i.baris.ditolak]
        if ditolak:
            for item in kelompok:
                if not item.baris.ditolak:
                    item.baris.tolak(
                        "no_kk",
                        f"Baris kepala keluarga KK {no_kk} (baris {ditolak[0].baris.nomor}) "
                        "ditolak, sehingga keluarga ini tidak dibuat.",
                    )
            continue
        utama = (hidup or kepala_baris)[0]
        for lain in hidup[1:]:
            lain.baris.tolak(
                "kk_level",
                f"KK {no_kk} sudah memiliki kepala keluarga di baris {utama.baris.nomor}. "
                "Satu KK hanya boleh memiliki satu kepala keluarga yang hidup.",
            )
        for item in kelompok:
            if item is not utama and not _sama_wilayah(item.wilayah, utama.wilayah):
                item.baris.tolak(
                    "rt",
                    f"Baris kepala keluarga KK {no_kk} (baris {utama.baris.nomor}) menyebut "
                    f"{teks_wilayah(utama.wilayah)}, baris ini {teks_wilayah(item.wilayah)}. "
                    "Anggota tinggal di wilayah keluarganya.",
                )
        # A head who died or left still defines the living members' SHDK (a widow stays ISTRI
        # until the family chooses a new head, as after a death recorded in SID itself).
        _periksa_shdk(kelompok, _kepala_sebagai(utama.baris), no_kk, validasi)
        rencana.keluarga_baru[no_kk] = KeluargaBaru(no_kk=no_kk, kepala=utama.baris)


def _periksa_shdk(kelompok: list[Baru], kepala, no_kk: str, validasi) -> None:
    """SHDK follows the head (living members only: historical records keep what they had)."""
    for item in kelompok:
        if item.p.status_dasar != S.HIDUP or item.baris.ditolak:
            continue
        calon = SimpleNamespace(
            pk=f"baris-{item.baris.nomor}",
            keluarga_id=no_kk,
            status_penduduk=item.p.status_penduduk,
            shdk=item.p.shdk,
            jenis_kelamin=item.p.jenis_kelamin,
        )
        try:
            validasi.validasi_shdk(calon, kepala)
        except ValidationError as exc:
            for pesan in exc.message_dict.get("shdk", exc.messages):
                item.baris.tolak("kk_level", pesan)


def _periksa_tanggal_masuk(rencana: Rencana, item: Baru) -> None:
    from penduduk.services.peristiwa import _validasi_tanggal

    b = item.baris
    if rencana.fase_awal:
        for kolom in ("tanggal_peristiwa", "tanggal_lapor"):
            if kolom in b.nilai:
                rencana.peringati(
                    f"Baris {b.nomor}: kolom {kolom} diabaikan (fase data awal: penduduk "
                    "dianggap ada sejak awal, tanpa peristiwa pindah masuk)."
                )
        return
    if item.p.status_dasar != S.HIDUP:
        b.tolak(
            "status_dasar",
            "Fase data awal sudah selesai: penduduk baru hanya masuk sebagai HIDUP lewat "
            "peristiwa PINDAH MASUK.",
        )
        return
    lapor = b.nilai.get("tanggal_lapor") or rencana.tanggal
    peristiwa = b.nilai.get("tanggal_peristiwa") or min(lapor, rencana.tanggal)
    b.nilai["tanggal_lapor"], b.nilai["tanggal_peristiwa"] = lapor, peristiwa
    try:
        _validasi_tanggal(item.p, peristiwa, lapor, "pindah masuk")
    except ValidationError as exc:
        for kolom, pesan in exc.message_dict.items():
            for teks in pesan:
                b.tolak(kolom, teks)


def buat_rencana(
    lembar: formats.Lembar, *, laporan: Callable[[int, int], None] | None = None
) -> Rencana:
    desa = IdentitasDesa.ambil()
    rencana = Rencana(
        format=lembar.format,
        lembar=lembar.nama,
        tanggal=timezone.localdate(),
        fase_awal=desa.dalam_fase_data_awal,
        peringatan=list(lembar.peringatan),
    )
    semua = _baca_semua(lembar, laporan)
    if not semua:
        raise ValidationError("Berkas tidak berisi baris data di bawah judul kolom.")
    rencana.total = len(semua)
    _nik_ganda(rencana, semua)
    for b in semua:
        if "nik" not in b.nilai:
            b.tolak("nik", "NIK wajib diisi (tulis 0 bila penduduk belum memiliki NIK).")
    ada = _penduduk_ada(semua)
    identitas = _cocok_identitas(semua)
    _identitas_nol_ganda(semua)
    sasaran: dict[int, list[Baris]] = defaultdict(list)
    baru: list[Baru] = []
    for b in semua:
        nik = b.nilai.get("nik")
        p = ada.get(nik) or identitas.get(b.nomor)
        if p is not None:
            sasaran[p.pk].append(b)
            b.penduduk = p
            continue
        if nik is None:
            continue
        p = periksa_baru(b, kode_desa=desa.kode_desa)
        wilayah = (b.nilai.get("dusun"), b.nilai.get("rw"), b.nilai.get("rt"))
        if b.nilai.get("no_kk"):
            baru.append(Baru(baris=b, p=p, no_kk=b.nilai["no_kk"], wilayah=wilayah))
    for kelompok in sasaran.values():
        if len(kelompok) > 1:
            for b in kelompok:
                lain = ", ".join(str(x.nomor) for x in kelompok if x is not b)
                b.tolak("nik", f"Baris ini dan baris {lain} merujuk penduduk yang sama.")
    peta = PetaWilayah(desa)
    _periksa_tingkat(rencana, peta, baru)
    for item in baru:
        _periksa_tanggal_masuk(rencana, item)
    _periksa_keluarga(rencana, baru)
    for item in baru:
        if item.baris.ditolak:
            continue
        rencana.baru.append(item)
        if item.no_kk in rencana.keluarga_baru:
            rencana.keluarga_baru[item.no_kk].anggota.append(item)
            if rencana.keluarga_baru[item.no_kk].kepala is item.baris:
                rencana.wilayah.setdefault(
                    kunci_tempat(item.wilayah), (item.wilayah, peta.cari(*item.wilayah))
                )
    rencana.keluarga_baru = {k: v for k, v in rencana.keluarga_baru.items() if v.anggota}
    for b in semua:
        if b.penduduk is None or b.ditolak:
            continue
        perubahan = periksa_ubah(b, b.penduduk)
        if perubahan is not None:
            rencana.ubah.append(perubahan)
        elif not b.ditolak:
            rencana.tetap += 1
    rencana.ditolak = [b for b in semua if b.ditolak]
    if laporan:
        laporan(rencana.total, rencana.total)
    return rencana


def baris_baru_untuk_pratinjau(item: Baru) -> dict:
    p = item.p
    return {
        "baris": item.baris.nomor,
        "nik": p.nik if p.nik != "0" else "(NIK sementara)",
        "nama": p.nama,
        "no_kk": item.no_kk,
        "shdk": SHDK(p.shdk).label if p.shdk else "",
        "status": S(p.status_dasar).label,
        "wilayah": teks_wilayah(item.wilayah),
    }
