"""Import and export of budget lines as .xlsx, by account code (the layout of `ekspor_xlsx`).

Reading and checking never write: `baca_berkas` turns an upload into plain rows, `periksa_baris`
checks them against the template and the year (the dry-run preview), and
`keuangan.services.rincian_impor` re-checks and writes them, all or nothing.

Layout: one sheet (named "APBDes", else the first), a header row with these column names (any
order; letter case and spaces/underscores ignored; only `kode` is required):

    kode | kegiatan | uraian | anggaran | realisasi_semester_1 | realisasi | keterangan

`kegiatan` is required for expenditure (5.x) rows and empty otherwise; `uraian` is ignored on
import. A missing column leaves that field as it is; an empty cell too (0 for a new line). The
file never deletes lines.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from keuangan.models import RincianAnggaran, TahunAnggaran
from keuangan.nilai import NOL, baca_rupiah, rupiah
from keuangan.services import (
    KOLOM_NILAI,
    KOLOM_REALISASI,
    KOLOM_UBAH,
    LABEL_KOLOM,
    KodeBaris,
    PetaRekening,
    rapikan_kode,
)
from sid.lib.sel import baris_aman, sel_asli
from sid.lib.xlsx import periksa_arsip_xlsx

KOLOM_BERKAS = ["kode", "kegiatan", "uraian", *KOLOM_NILAI, "keterangan"]
ALIAS = {
    "koderekening": "kode",
    "rekening": "kode",
    "kodekegiatan": "kegiatan",
    "realisasisemesteri": "realisasi_semester_1",
    "realisasisemester1": "realisasi_semester_1",
    "realisasisemester_1": "realisasi_semester_1",
    "realisasis1": "realisasi_semester_1",
    "semesteri": "realisasi_semester_1",
    "realisasisdakhirtahun": "realisasi",
    "realisasitahunan": "realisasi",
}
BATAS_BYTE = 5 * 1024 * 1024
BATAS_BARIS = 2000
NAMA_LEMBAR = "APBDes"


def _nama_kolom(teks: Any) -> str:
    kunci = re.sub(r"[\s_/().-]+", "", str(teks or "").strip().lower())
    for k in KOLOM_BERKAS:
        if kunci == k.replace("_", ""):
            return k
    return ALIAS.get(kunci, "")


def _sel_json(nilai: Any) -> Any:
    """A cell value the session can hold (JSON): str, int, float or None."""
    if nilai is None or isinstance(nilai, int | float | str):
        return sel_asli(nilai.strip()) if isinstance(nilai, str) else nilai  # undo sid.lib.sel
    if isinstance(nilai, Decimal):
        return str(nilai)
    if isinstance(nilai, datetime.date | datetime.datetime | datetime.time):
        return nilai.isoformat()
    return str(nilai)


def baca_berkas(berkas) -> list[dict[str, Any]]:
    """Rows of an uploaded .xlsx: [{"nomor": 2, "kode": "4.2.1.", "anggaran": 1500000, …}].

    A column absent from the file is absent from the rows. Refuses what is not an .xlsx (by
    content), a sheet without a `kode` header, and more than BATAS_BARIS rows.
    """
    from openpyxl import load_workbook

    ukuran = getattr(berkas, "size", None)
    if ukuran is not None and ukuran > BATAS_BYTE:
        raise ValidationError("Berkas terlalu besar (maksimal 5 MB).")
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    data = berkas.read(BATAS_BYTE + 1)
    if len(data) > BATAS_BYTE:
        raise ValidationError("Berkas terlalu besar (maksimal 5 MB).")
    if not data.startswith(b"PK\x03\x04"):
        raise ValidationError(
            "Berkas bukan lembar kerja .xlsx (Excel 2007 ke atas). Simpan ulang sebagai .xlsx; "
            "format .xls lama dan .csv tidak diterima."
        )
    periksa_arsip_xlsx(data)  # before anything is expanded (issue #17)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ValidationError("Berkas .xlsx rusak atau tidak bisa dibaca.") from exc
    try:
        lembar = wb[NAMA_LEMBAR] if NAMA_LEMBAR in wb.sheetnames else wb.worksheets[0]
        baris_iter = lembar.iter_rows(values_only=True)
        kolom: dict[int, str] = {}
        nomor = 0
        for nomor, sel in enumerate(baris_iter, start=1):
            nama = {i: _nama_kolom(v) for i, v in enumerate(sel)}
            if "kode" in nama.values():
                kolom = {i: n for i, n in nama.items() if n}
                break
            if nomor >= 10:
                break
        if not kolom:
            raise ValidationError(
                "Baris judul kolom tidak ditemukan: sel pertama berisi 'kode' (lalu kegiatan, "
                "uraian, anggaran, realisasi_semester_1, realisasi, keterangan). Unduh format "
                "dari tombol Ekspor."
            )
        ganda = {n for n in kolom.values() if list(kolom.values()).count(n) > 1}
        if ganda:
            raise ValidationError(f"Kolom {', '.join(sorted(ganda))} muncul lebih dari sekali.")
        hasil = []
        for nomor_baris, sel in enumerate(baris_iter, start=nomor + 1):
            isi = {n: _sel_json(sel[i]) if i < len(sel) else None for i, n in kolom.items()}
            if all(v in (None, "") for v in isi.values()):
                continue
            if len(hasil) >= BATAS_BARIS:
                raise ValidationError(f"Berkas berisi lebih dari {BATAS_BARIS} baris data.")
            hasil.append({"nomor": nomor_baris, **isi})
    finally:
        wb.close()
    if not hasil:
        raise ValidationError("Berkas tidak berisi baris data di bawah judul kolom.")
    return hasil


@dataclass
class BarisImpor:
    nomor: int
    kode: str
    kegiatan: str
    kunci: KodeBaris | None = None
    rincian: RincianAnggaran | None = None
    nilai: dict[str, Decimal | str] = field(default_factory=dict)  # the file's values
    data_ubah: dict[str, Decimal | str] = field(default_factory=dict)  # what would change
    sebelum: dict[str, Decimal | str] = field(default_factory=dict)
    galat: list[str] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.galat:
            return "ditolak"
        if not self.data_ubah:
            return "sama"
        return "baru" if self.rincian is None else "ubah"

    @property
    def uraian(self) -> str:
        return self.kunci.label if self.kunci else ""

    def perubahan(self) -> list[tuple[str, str, str]]:
        """(label, before, after) for the preview."""
        hasil = []
        for k, v in self.data_ubah.items():
            lama = self.sebelum.get(k, "") if self.rincian else None
            hasil.append((LABEL_KOLOM[k], _tampil(lama), _tampil(v)))
        return hasil


def _tampil(nilai: Decimal | str | None) -> str:
    if isinstance(nilai, Decimal):
        return rupiah(nilai)
    return nilai or "-"


@dataclass
class HasilPeriksa:
    baris: list[BarisImpor]
    galat_umum: list[str] = field(default_factory=list)

    @property
    def ditolak(self) -> list[BarisImpor]:
        return [b for b in self.baris if b.galat]

    @property
    def peringatan(self) -> list[BarisImpor]:
        return [b for b in self.baris if b.peringatan and not b.galat]

    @property
    def boleh_simpan(self) -> bool:
        return not self.galat_umum and not self.ditolak and any(b.data_ubah for b in self.baris)

    def hitung(self) -> dict[str, int]:
        hasil = {"baru": 0, "ubah": 0, "sama": 0, "ditolak": 0}
        for b in self.baris:
            hasil[b.status] += 1
        return hasil


def periksa_baris(ta: TahunAnggaran, baris: list[dict[str, Any]]) -> HasilPeriksa:
    """Check the rows of a file against the template and the year. Writes nothing (3 queries)."""
    from keuangan.services import versi_lebih_baru

    hasil = HasilPeriksa(baris=[])
    baru_versi = versi_lebih_baru(ta)
    if baru_versi is not None:
        hasil.galat_umum.append(f"{ta} sudah diganti oleh {baru_versi}; impor ke versi itu.")
    peta = PetaRekening()
    ada = {(b.kode, b.kegiatan): b for b in ta.rincian.all()}
    dilihat: dict[tuple[str, str], int] = {}
    for mentah in baris:
        b = BarisImpor(
            nomor=int(mentah.get("nomor") or 0),
            kode=rapikan_kode(mentah.get("kode")),
            kegiatan=rapikan_kode(mentah.get("kegiatan")),
        )
        hasil.baris.append(b)
        try:
            b.kunci = peta.periksa(mentah.get("kode"), mentah.get("kegiatan"))
        except ValidationError as exc:
            b.galat.extend(exc.messages)
        kunci = (b.kode, b.kegiatan)
        if kunci in dilihat:
            b.galat.append(
                f"Baris ganda: kode {b.kode}"
                + (f" kegiatan {b.kegiatan}" if b.kegiatan else "")
                + f" sudah ada di baris {dilihat[kunci]}."
            )
        else:
            dilihat[kunci] = b.nomor
        for k in KOLOM_UBAH:
            if k not in mentah or mentah[k] in (None, ""):
                continue
            if k == "keterangan":
                teks = " ".join(str(mentah[k]).split())
                if len(teks) > 255:
                    b.galat.append("Keterangan paling banyak 255 karakter.")
                b.nilai[k] = teks
                continue
            try:
                b.nilai[k] = baca_rupiah(mentah[k], label=LABEL_KOLOM[k], dari_sel=True)
            except ValidationError as exc:
                b.galat.extend(exc.messages)
        if b.galat or b.kunci is None:
            continue
        b.rincian = ada.get(kunci)
        _bandingkan(ta, b)
    return hasil


def _bandingkan(ta: TahunAnggaran, b: BarisImpor) -> None:
    """What the row would change, and the rules on the result (adopted budget, semester)."""
    r = b.rincian
    if r is None:
        b.data_ubah = {k: v for k, v in b.nilai.items() if v}
        if not b.data_ubah:
            return
        if ta.ditetapkan:
            b.galat.append(
                f"{b.kunci.label} tidak ada dalam {ta} yang sudah ditetapkan; baris baru hanya "
                "lewat APBDes Perubahan."
            )
            return
        akhir = {k: b.nilai.get(k, NOL) for k in KOLOM_NILAI}
    else:
        b.data_ubah = {k: v for k, v in b.nilai.items() if getattr(r, k) != v}
        b.sebelum = {k: getattr(r, k) for k in b.data_ubah}
        if ta.ditetapkan:
            terkunci = sorted(set(b.data_ubah) - set(KOLOM_REALISASI))
            if terkunci:
                b.galat.append(
                    f"{ta} sudah ditetapkan: {', '.join(LABEL_KOLOM[k].lower() for k in terkunci)} "
                    "tidak bisa diubah (buka APBDes Perubahan); hanya realisasi yang bisa diimpor."
                )
                return
        akhir = {k: b.data_ubah.get(k, getattr(r, k)) for k in KOLOM_NILAI}
    if akhir["realisasi_semester_1"] > akhir["realisasi"]:
        b.galat.append(
            f"Realisasi semester I (Rp {rupiah(akhir['realisasi_semester_1'])}) melebihi "
            f"realisasi s/d akhir tahun (Rp {rupiah(akhir['realisasi'])})."
        )
        return
    lebih = max(akhir["realisasi"], akhir["realisasi_semester_1"])
    if set(b.data_ubah) & set(KOLOM_NILAI) and lebih > akhir["anggaran"]:
        b.peringatan.append(
            f"Realisasi Rp {rupiah(lebih)} melebihi anggaran Rp {rupiah(akhir['anggaran'])}."
        )


# --- export ------------------------------------------------------------------------------------


def ekspor_xlsx(ta: TahunAnggaran) -> bytes:
    """The year's lines in the import layout (round-trips), plus a sheet of the template codes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from keuangan.models import Rekening
    from keuangan.selectors import pohon_tahun

    rekening = list(Rekening.objects.order_by("kunci_urut", "kode"))
    pohon = pohon_tahun(ta, rekening=rekening)
    per_kode = {r.kode: r for r in rekening}
    wb = Workbook()
    ws = wb.active
    ws.title = NAMA_LEMBAR
    ws.append(baris_aman(KOLOM_BERKAS))
    for sel in ws[1]:
        sel.font = Font(bold=True)
        sel.fill = PatternFill("solid", fgColor="EEEEEE")
    for bagian in pohon.bagian:
        for s in bagian.jalan():
            b = s.rincian
            if b is None:
                continue
            uraian = s.uraian
            if b.kegiatan and b.kegiatan in per_kode:
                uraian = f"{per_kode[b.kegiatan].uraian} — {s.uraian}"
            ws.append(
                baris_aman(
                    [
                        b.kode,
                        b.kegiatan,
                        uraian,
                        b.anggaran,
                        b.realisasi_semester_1,
                        b.realisasi,
                        b.keterangan,
                    ]
                )
            )
            for kolom in (4, 5, 6):
                ws.cell(row=ws.max_row, column=kolom).number_format = "#,##0.00"
    for huruf, lebar in zip("ABCDEFG", (12, 12, 60, 20, 22, 20, 30), strict=True):
        ws.column_dimensions[huruf].width = lebar
    ws.freeze_panes = "A2"
    ref = wb.create_sheet("Kode Rekening")
    ref.append(baris_aman(["kode", "uraian", "jenis"]))
    for sel in ref[1]:
        sel.font = Font(bold=True)
    for r in sorted(
        rekening, key=lambda r: (r.jenis in ("bidang", "sub_bidang", "kegiatan"), r.kunci_urut)
    ):
        ref.append(baris_aman([r.kode, r.uraian, r.get_jenis_display()]))
    ref.column_dimensions["A"].width = 12
    ref.column_dimensions["B"].width = 80
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
