"""Import of a programme and its recipients in OpenSID's format
(`format_impor_program_bantuan.xlsx`: sheets `Program` and `Peserta`).

`rencanakan(berkas)` reads the file and checks every row against the register without writing
(the dry run the operator sees); `impor_program_bantuan(oleh=…, berkas=…)` plans again inside
one transaction and writes only when no row has an error — a refused file writes nothing.

Sheet `Program`: label/value rows until `###` — ID Program (OpenSID's own number: ignored, SID
matches programmes by name), Nama Program, Sasaran Program (1 penduduk, 2 keluarga; 3 rumah
tangga and 4 kelompok have no register in SID and are refused), Keterangan, Asal Dana (code
1–5 or its label), Rentang Waktu (Awal/Akhir) as dates or yyyy-mm-dd.
Sheet `Peserta`: header row, then one recipient per row until `###` in column A — Peserta
(NIK, or No. KK for a family programme), No. Peserta (card number), NIK (card holder), Nama,
Tempat Lahir, Tanggal Lahir, Alamat; empty card columns are taken from the register.
An existing programme with the same name receives the recipients (new ones added, card data
of existing ones updated); its own details are left as they are.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bantuan import services
from bantuan.models import Peserta, Program, Sasaran, SumberDana
from keluarga.models import Keluarga
from penduduk.models import Penduduk
from sid import kode
from sid.lib.audit import catat_aktivitas
from sid.lib.xlsx import periksa_arsip_xlsx

BATAS_BYTE = 5 * 1024 * 1024
BATAS_BARIS = 20_000
AKHIR = "###"

LABEL_PROGRAM = {
    "idprogram": "id",
    "namaprogram": "nama",
    "sasaranprogram": "sasaran",
    "sasaran": "sasaran",
    "keterangan": "keterangan",
    "asaldana": "sumber_dana",
    "sumberdana": "sumber_dana",
    "rentangwaktuawal": "tanggal_mulai",
    "rentangwaktuakhir": "tanggal_selesai",
}
KOLOM_PESERTA = {
    "peserta": "peserta",
    "nopeserta": "nomor_kartu",
    "nomorpeserta": "nomor_kartu",
    "nik": "nik",
    "nama": "nama",
    "tempatlahir": "tempat_lahir",
    "tanggallahir": "tanggal_lahir",
    "alamat": "alamat",
}
DANA = {
    "pusat": SumberDana.PUSAT,
    "provinsi": SumberDana.PROVINSI,
    "kabkota": SumberDana.KABUPATEN,
    "kabupaten": SumberDana.KABUPATEN,
    "kabupatenkota": SumberDana.KABUPATEN,
    "kota": SumberDana.KABUPATEN,
    "danadesa": SumberDana.DANA_DESA,
    "lainlainhibah": SumberDana.LAIN,
    "lainlain": SumberDana.LAIN,
    "hibah": SumberDana.LAIN,
}
SASARAN = {"penduduk": Sasaran.PENDUDUK, "keluarga": Sasaran.KELUARGA}
SASARAN_TIDAK_DIDUKUNG = {3: "rumah tangga", 4: "kelompok", "rumahtangga": "rumah tangga",
                          "kelompok": "kelompok"}  # fmt: skip


def _kunci(teks: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(teks or "").lower())


def _teks(nilai: Any) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return " ".join(str(nilai).split())


def _angka(nilai: Any) -> str:
    """Digits only (SIAK exports carry invisible characters; numbers may be numeric cells)."""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return "".join(c for c in str(nilai or "") if c.isdigit())


def _tanggal(nilai: Any) -> datetime.date | None:
    """Date cell, yyyy-mm-dd, or dd-mm-yyyy / dd/mm/yyyy. ValueError when unreadable."""
    if nilai in (None, ""):
        return None
    if isinstance(nilai, datetime.datetime):
        return nilai.date()
    if isinstance(nilai, datetime.date):
        return nilai
    teks = str(nilai).strip()
    for pola in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return datetime.datetime.strptime(teks, pola).date()
        except ValueError:
            continue
    raise ValueError(teks)


@dataclass
class BarisPeserta:
    nomor: int  # row number in the sheet (1 = header)
    peserta: str = ""
    nomor_kartu: str = ""
    nik: str = ""
    nama: str = ""
    tempat_lahir: str = ""
    tanggal_lahir: datetime.date | None = None
    alamat: str = ""
    penduduk: Any = None
    keluarga: Any = None
    ada: Peserta | None = None  # already a recipient of the (existing) programme
    tindakan: str = ""  # baru / ubah / sama
    galat: list[str] = field(default_factory=list)

    @property
    def kartu(self) -> dict[str, Any]:
        return {
            "kartu_nik": self.nik,
            "kartu_nama": self.nama,
            "kartu_tempat_lahir": self.tempat_lahir,
            "kartu_tanggal_lahir": self.tanggal_lahir,
            "kartu_alamat": self.alamat,
        }


@dataclass
class RencanaImpor:
    program: dict[str, Any] = field(default_factory=dict)
    program_ada: Program | None = None
    galat_berkas: list[str] = field(default_factory=list)
    galat_program: list[str] = field(default_factory=list)
    baris: list[BarisPeserta] = field(default_factory=list)

    @property
    def baris_galat(self) -> list[BarisPeserta]:
        return [b for b in self.baris if b.galat]

    @property
    def bisa_diimpor(self) -> bool:
        return not (self.galat_berkas or self.galat_program or self.baris_galat) and bool(
            self.baris
        )

    def jumlah(self, tindakan: str) -> int:
        return sum(1 for b in self.baris if not b.galat and b.tindakan == tindakan)

    @property
    def ringkasan(self) -> dict[str, int]:
        return {
            "baru": self.jumlah("baru"),
            "ubah": self.jumlah("ubah"),
            "sama": self.jumlah("sama"),
            "galat": len(self.baris_galat),
            "total": len(self.baris),
        }

    @property
    def sasaran_label(self) -> str:
        s = self.program.get("sasaran")
        return Sasaran(s).label if s in Sasaran.values else "-"

    @property
    def sumber_dana_label(self) -> str:
        s = self.program.get("sumber_dana")
        return SumberDana(s).label if s in SumberDana.values else "-"


# --- reading -------------------------------------------------------------------------------------


def _buka(data: bytes):
    import openpyxl

    if len(data) > BATAS_BYTE:
        raise ValidationError("Berkas terlalu besar (maksimal 5 MB).")
    if not data.startswith(b"PK\x03\x04"):
        raise ValidationError(
            "Berkas bukan Excel .xlsx. Simpan ulang berkas dengan format Excel Workbook (.xlsx)."
        )
    periksa_arsip_xlsx(data)  # before anything is expanded (issue #17)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError("Berkas .xlsx rusak atau tidak bisa dibaca.") from exc


def _lembar(wb, nama: str):
    for ws in wb.worksheets:
        if ws.title.strip().lower() == nama.lower():
            return ws
    return None


def _baca_program(ws, rencana: RencanaImpor) -> None:
    mentah: dict[str, Any] = {}
    for baris in ws.iter_rows(max_col=2, values_only=True):
        label = baris[0] if baris else None
        if isinstance(label, str) and label.strip().startswith(AKHIR):
            break
        kunci = LABEL_PROGRAM.get(_kunci(label))
        if kunci:
            mentah[kunci] = baris[1] if len(baris) > 1 else None
    g = rencana.galat_program
    data: dict[str, Any] = {
        "nama": _teks(mentah.get("nama")),
        "keterangan": _teks(mentah.get("keterangan")),
    }
    if not data["nama"]:
        g.append("Nama Program kosong.")
    elif len(data["nama"]) > 150:
        g.append("Nama Program terlalu panjang (maksimal 150 karakter).")
    sasaran: Any = _kunci(mentah.get("sasaran"))
    sasaran = int(sasaran) if sasaran.isdigit() else SASARAN.get(sasaran, sasaran)
    if sasaran in Sasaran.values:
        data["sasaran"] = int(sasaran)
    elif sasaran in SASARAN_TIDAK_DIDUKUNG:
        g.append(
            f"Sasaran Program {SASARAN_TIDAK_DIDUKUNG[sasaran]} belum didukung SID; gunakan "
            "1 (Penduduk) atau 2 (Keluarga)."
        )
    else:
        g.append("Sasaran Program harus 1 (Penduduk) atau 2 (Keluarga).")
    dana = mentah.get("sumber_dana")
    kunci_dana = _kunci(dana)
    if kunci_dana.isdigit() and int(kunci_dana) in SumberDana.values:
        data["sumber_dana"] = int(kunci_dana)
    elif kunci_dana in DANA:
        data["sumber_dana"] = DANA[kunci_dana]
    elif not kunci_dana:
        data["sumber_dana"] = SumberDana.LAIN
    else:
        g.append(
            f"Asal Dana “{_teks(dana)}” tidak dikenal: 1 Pusat, 2 Provinsi, 3 Kab/Kota, "
            "4 Dana Desa, 5 Lain-lain (Hibah)."
        )
    for kunci, label in (
        ("tanggal_mulai", "Rentang Waktu (Awal)"),
        ("tanggal_selesai", "Rentang Waktu (Akhir)"),
    ):
        try:
            data[kunci] = _tanggal(mentah.get(kunci))
        except ValueError:
            g.append(
                f"{label} “{_teks(mentah.get(kunci))}” bukan tanggal (tulis tahun-bulan-hari)."
            )
            data[kunci] = None
    mulai, selesai = data.get("tanggal_mulai"), data.get("tanggal_selesai")
    if mulai and selesai and selesai < mulai:
        g.append("Rentang Waktu (Akhir) tidak boleh sebelum Rentang Waktu (Awal).")
    rencana.program = data


def _baca_peserta(ws, rencana: RencanaImpor) -> None:
    kolom: dict[str, int] = {}
    for nomor, baris in enumerate(ws.iter_rows(values_only=True), start=1):
        if nomor == 1:
            for i, judul in enumerate(baris):
                kunci = KOLOM_PESERTA.get(_kunci(judul))
                if kunci and kunci not in kolom:
                    kolom[kunci] = i
            hilang = [k for k in ("peserta",) if k not in kolom]
            if hilang:
                rencana.galat_berkas.append(
                    "Lembar Peserta tidak memiliki kolom “Peserta” pada baris judul."
                )
                return
            continue

        def sel(kunci: str, baris=baris) -> Any:
            i = kolom.get(kunci)
            return baris[i] if i is not None and i < len(baris) else None

        pertama = sel("peserta")
        if isinstance(pertama, str) and pertama.strip().startswith(AKHIR):
            break
        if all(v in (None, "") for v in baris):
            continue
        if len(rencana.baris) >= BATAS_BARIS:
            rencana.galat_berkas.append(
                f"Berkas berisi lebih dari {BATAS_BARIS} peserta; bagi berkasnya."
            )
            return
        b = BarisPeserta(
            nomor=nomor,
            peserta=_angka(pertama),
            nomor_kartu=_teks(sel("nomor_kartu")),
            nik=_angka(sel("nik")),
            nama=_teks(sel("nama")),
            tempat_lahir=_teks(sel("tempat_lahir")),
            alamat=_teks(sel("alamat")),
        )
        try:
            b.tanggal_lahir = _tanggal(sel("tanggal_lahir"))
        except ValueError:
            b.galat.append(
                f"Tanggal Lahir “{_teks(sel('tanggal_lahir'))}” bukan tanggal (tulis tahun-bulan-hari)."
            )
        rencana.baris.append(b)
    if not rencana.baris and not rencana.galat_berkas:
        rencana.galat_berkas.append("Lembar Peserta tidak berisi peserta.")


# --- checking against the register -------------------------------------------------------------


def _per_potongan(nilai: list[str], ukuran: int = 1000):
    for i in range(0, len(nilai), ukuran):
        yield nilai[i : i + ukuran]


def _cocokkan(rencana: RencanaImpor, *, kunci_program: bool = False) -> None:

    data = rencana.program
    ada = Program.objects.filter(nama__iexact=data.get("nama") or "")
    if kunci_program:
        ada = ada.select_for_update()
    rencana.program_ada = ada.first() if data.get("nama") else None
    sasaran = data.get("sasaran")
    if rencana.program_ada is not None and sasaran and rencana.program_ada.sasaran != sasaran:
        rencana.galat_program.append(
            f"Program “{rencana.program_ada.nama}” sudah ada dengan sasaran "
            f"{rencana.program_ada.get_sasaran_display()}, sedangkan berkas menyebut "
            f"{Sasaran(sasaran).label}."
        )
    if sasaran not in Sasaran.values:
        return

    nik_semua = sorted({b.nik for b in rencana.baris if len(b.nik) == 16})
    if sasaran == Sasaran.PENDUDUK:
        nik_semua = sorted(
            set(nik_semua) | {b.peserta for b in rencana.baris if len(b.peserta) == 16}
        )
    penduduk: dict[str, Any] = {}
    for potong in _per_potongan(nik_semua):
        for p in Penduduk.objects.filter(nik__in=potong).select_related(
            "keluarga", "wilayah__rw", "wilayah__dusun"
        ):
            penduduk[p.nik] = p
    keluarga: dict[str, Any] = {}
    kepala: dict[int, Any] = {}
    if sasaran == Sasaran.KELUARGA:
        no_kk = sorted({b.peserta for b in rencana.baris if len(b.peserta) == 16})
        for potong in _per_potongan(no_kk):
            for k in Keluarga.objects.filter(no_kk__in=potong):
                keluarga[k.no_kk] = k
        ids = [k.pk for k in keluarga.values()]
        for potong in _per_potongan(ids):
            for p in Penduduk.objects.filter(
                keluarga_id__in=potong,
                shdk=kode.SHDK.KEPALA_KELUARGA,
                status_dasar=kode.StatusDasar.HIDUP,
            ).select_related("keluarga", "wilayah__rw", "wilayah__dusun"):
                kepala[p.keluarga_id] = p
    peserta_ada: dict[Any, Peserta] = {}
    if rencana.program_ada is not None:
        for ps in Peserta.objects.filter(program=rencana.program_ada):
            peserta_ada[ps.penduduk_id or ("kk", ps.keluarga_id)] = ps

    dilihat: dict[str, int] = {}
    for b in rencana.baris:
        nama_kolom = "NIK" if sasaran == Sasaran.PENDUDUK else "No. KK"
        if len(b.peserta) != 16:
            b.galat.append(f"Kolom Peserta wajib berisi {nama_kolom} 16 digit.")
            continue
        if b.peserta in dilihat:
            b.galat.append(f"Peserta {b.peserta} ganda: sudah ada di baris {dilihat[b.peserta]}.")
            continue
        dilihat[b.peserta] = b.nomor
        if b.nik and len(b.nik) != 16:
            b.galat.append("Kolom NIK harus 16 digit angka.")
        pemegang = penduduk.get(b.nik) if b.nik else None
        if sasaran == Sasaran.PENDUDUK:
            p = penduduk.get(b.peserta)
            if p is None:
                b.galat.append(f"NIK {b.peserta} tidak ada di data penduduk.")
                continue
            if p.status_dasar != kode.StatusDasar.HIDUP:
                b.galat.append(
                    f"{p.nama} (NIK {p.nik}) tercatat berstatus {p.get_status_dasar_display()}."
                )
                continue
            b.penduduk = p
            pemegang = pemegang or (p if not b.nik else None)
            kunci = p.pk
        else:
            k = keluarga.get(b.peserta)
            if k is None:
                b.galat.append(f"No. KK {b.peserta} tidak ada di data keluarga.")
                continue
            if not k.aktif:
                b.galat.append(f"KK {k.no_kk} sudah tidak aktif.")
                continue
            if pemegang is not None and pemegang.keluarga_id != k.pk:
                b.galat.append(f"NIK {b.nik} ({pemegang.nama}) bukan anggota KK {k.no_kk}.")
                continue
            b.keluarga = k
            pemegang = pemegang or (kepala.get(k.pk) if not b.nik else None)
            kunci = ("kk", k.pk)
        if pemegang is None and not b.nama:
            b.galat.append(f"NIK {b.nik} tidak ada di data penduduk; isi kolom Nama.")
            continue
        if pemegang is not None:
            bawaan = services.kartu_dari_penduduk(pemegang)
            b.nik = b.nik or bawaan["kartu_nik"]
            b.nama = b.nama or bawaan["kartu_nama"]
            b.tempat_lahir = b.tempat_lahir or bawaan["kartu_tempat_lahir"]
            b.tanggal_lahir = b.tanggal_lahir or bawaan["kartu_tanggal_lahir"]
            b.alamat = b.alamat or bawaan["kartu_alamat"]
        for nama_f, batas, label in (
            ("nomor_kartu", 50, "No. Peserta"),
            ("nama", 100, "Nama"),
            ("tempat_lahir", 100, "Tempat Lahir"),
            ("alamat", 255, "Alamat"),
        ):
            if len(getattr(b, nama_f)) > batas:
                b.galat.append(f"{label} terlalu panjang (maksimal {batas} karakter).")
        if b.galat:
            continue
        b.ada = peserta_ada.get(kunci)
        if b.ada is None:
            b.tindakan = "baru"
        else:
            sekarang = {k: getattr(b.ada, k) for k in b.kartu} | {"nomor_kartu": b.ada.nomor_kartu}
            baru = b.kartu | {"nomor_kartu": b.nomor_kartu}
            b.tindakan = "sama" if sekarang == baru else "ubah"


def rencanakan(data: bytes, *, kunci_program: bool = False) -> RencanaImpor:
    """Read and check a file (no writes). Errors of the file itself are in `galat_berkas`."""
    rencana = RencanaImpor()
    try:
        wb = _buka(data)
    except ValidationError as exc:
        rencana.galat_berkas.extend(exc.messages)
        return rencana
    try:
        ws_program, ws_peserta = _lembar(wb, "Program"), _lembar(wb, "Peserta")
        if ws_program is None or ws_peserta is None:
            rencana.galat_berkas.append(
                "Berkas harus memiliki lembar “Program” dan “Peserta” seperti format impor "
                "program bantuan OpenSID."
            )
            return rencana
        _baca_program(ws_program, rencana)
        _baca_peserta(ws_peserta, rencana)
    finally:
        wb.close()
    if not rencana.galat_berkas:
        _cocokkan(rencana, kunci_program=kunci_program)
    return rencana


# --- writing ---------------------------------------------------------------------------------------


@transaction.atomic
def impor_program_bantuan(*, oleh: Any, data: bytes, nama_berkas: str = "") -> tuple[Program, dict]:
    """Plan again and write everything, or nothing when any check fails."""
    rencana = rencanakan(data, kunci_program=True)
    if not rencana.bisa_diimpor:
        pesan = rencana.galat_berkas + rencana.galat_program
        pesan += [f"Baris {b.nomor}: {'; '.join(b.galat)}" for b in rencana.baris_galat[:20]]
        raise ValidationError(pesan or ["Berkas tidak berisi peserta."])
    program = rencana.program_ada
    if program is None:
        program = services.program_create(oleh=oleh, data=rencana.program)
    user = oleh if getattr(oleh, "is_authenticated", False) else None
    baru = [
        Peserta(
            program=program,
            penduduk=b.penduduk,
            keluarga=b.keluarga,
            nomor_kartu=b.nomor_kartu,
            dibuat_oleh=user,
            **b.kartu,
        )
        for b in rencana.baris
        if b.tindakan == "baru"
    ]
    Peserta.objects.bulk_create(baru, batch_size=500)
    ubah, sekarang = [], timezone.now()
    for b in rencana.baris:
        if b.tindakan == "ubah":
            for k, v in (b.kartu | {"nomor_kartu": b.nomor_kartu}).items():
                setattr(b.ada, k, v)
            b.ada.diperbarui = sekarang
            ubah.append(b.ada)
    Peserta.objects.bulk_update(
        ubah, ["nomor_kartu", *services.KOLOM_KARTU, "diperbarui"], batch_size=500
    )
    ringkasan = rencana.ringkasan
    catat_aktivitas(
        oleh=oleh,
        aksi="impor",
        objek=program,
        perubahan={"peserta": [None, {"baru": ringkasan["baru"], "diperbarui": ringkasan["ubah"]}]},
        keterangan=(
            f"Impor peserta dari {nama_berkas or 'berkas'}: {ringkasan['baru']} baru, "
            f"{ringkasan['ubah']} diperbarui, {ringkasan['sama']} tidak berubah."
        ),
    )
    return program, ringkasan
