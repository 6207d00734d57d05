"""The APBDes entered by hand in OpenSID: `keuangan_manual_rinci` → one TahunAnggaran per year
with its RincianAnggaran lines.

Income and financing lines keep their account code ("4.2.1. Dana Desa" → 4.2.1.). OpenSID's
manual entry records expenditure per bidang only (rincian "5.0.0", kegiatan "00.0000.01 BIDANG
…"), while SID places an expenditure line under a kegiatan and an account; such lines go to the
codes SID adds for them, 0 standing for "not itemised" as in OpenSID's own code: account
5.0.0. under 5.0., and kegiatan NN.00.00. under sub bidang NN.00. of the bidang. OpenSID records
no Perdes, so every year comes in as a draft (rancangan) the operator adopts with its Perdes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from keuangan.models import Rekening, RincianAnggaran, TahunAnggaran
from keuangan.selectors import lupakan_cache
from keuangan.services import PetaRekening, rapikan_kode, rekening_create, tahun_anggaran_create
from keuangan.templat import pastikan_templat
from pindah.konteks import Konteks
from pindah.peta import baca
from sid.lib.audit import catat_aktivitas

NAMA = "APBDes"
TABEL = {"keuangan_manual_rinci"}
MODEL = [Rekening, TahunAnggaran, RincianAnggaran]

JENIS = "Rincian APBDes"
NOL = Decimal("0.00")
BATAS = Decimal("9999999999999.99")  # DecimalField(15, 2)
KODE_AWAL = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)*\.?)")
KEGIATAN = re.compile(r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.?$")
BIDANG_SISKEUDES = re.compile(r"^[0-9]+\.[0-9]+\.([0-9]{2})$")  # 00.0000.01 → bidang 01.
# Codes added for expenditure OpenSID does not itemise (account and kegiatan "0").
AKUN_TANPA_RINCIAN = {
    "5.0.": "Belanja tanpa rincian jenis",
    "5.0.0.": "Belanja tanpa rincian jenis (APBDes OpenSID)",
}
SUB_BIDANG = "Tanpa rincian sub bidang"
KEGIATAN_BIDANG = "Belanja bidang tanpa rincian kegiatan (APBDes OpenSID)"


def _nilai(v) -> Decimal | None:
    try:
        d = Decimal(str(v if v not in (None, "") else "0")).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None
    return d


def _kunci(b: dict) -> tuple[str, str] | str:
    """(kode, kegiatan) of a line, or the reason it cannot be placed."""
    m = KODE_AWAL.match(baca.teks(b.get("Kd_Rincian")))
    if not m:
        return f"Kode rekening “{baca.teks(b.get('Kd_Rincian'))}” tidak terbaca."
    kode = rapikan_kode(m.group(1))
    if not kode.startswith("5."):
        return kode, ""
    token = (baca.teks(b.get("Kd_Keg")).split() or [""])[0]
    if KEGIATAN.match(token):
        return kode, rapikan_kode(token)
    m = BIDANG_SISKEUDES.match(token)
    if not m:
        return f"Bidang/kegiatan belanja “{baca.teks(b.get('Kd_Keg'))}” tidak terbaca."
    return kode, f"{m.group(1)}.00.00."


def _tambah_kode(ktx: Konteks, kunci: set[tuple[str, str]]) -> None:
    """Add the "not itemised" codes the expenditure lines need (template codes stay)."""
    ada = set(Rekening.objects.values_list("kode", flat=True))
    perlu: dict[str, str] = {}
    for kode, kegiatan in kunci:
        if kode == "5.0.0.":
            perlu.update(AKUN_TANPA_RINCIAN)
        if kegiatan.endswith(".00.00.") and kegiatan[:3] in ada:
            perlu[kegiatan[:6]] = SUB_BIDANG
            perlu[kegiatan] = KEGIATAN_BIDANG
    ditambah = []
    for kode in sorted(perlu, key=len):
        if kode in ada:
            continue
        try:
            rekening_create(oleh=ktx.oleh, kode=kode, uraian=perlu[kode])
        except ValidationError as exc:
            ktx.laporan.catatan.append(
                f"Kode rekening {kode} tidak bisa ditambahkan: {' '.join(exc.messages)}"
            )
            continue
        ada.add(kode)
        ditambah.append(kode)
    if ditambah:
        ktx.laporan.catatan.append(
            "APBDes OpenSID mencatat belanja per bidang, tanpa kegiatan dan jenis belanja: "
            f"ditambahkan kode rekening {', '.join(ditambah)} (0 = tanpa rincian)."
        )


def jalankan(ktx: Konteks) -> None:
    baris = list(ktx.baris("keuangan_manual_rinci"))
    if not baris:
        return
    pastikan_templat()
    siap: list[tuple[dict, int, tuple[str, str], Decimal, Decimal]] = []
    nol = 0
    for b in baris:
        rujukan = f"keuangan_manual_rinci id {b['id']} ({baca.teks(b.get('Kd_Rincian')) or '-'})"
        try:
            tahun = int(baca.teks(b.get("Tahun")))
        except ValueError:
            tahun = 0
        anggaran, realisasi = _nilai(b.get("Nilai_Anggaran")), _nilai(b.get("Nilai_Realisasi"))
        kunci = _kunci(b)
        alasan = (
            f"Tahun “{baca.teks(b.get('Tahun'))}” bukan tahun anggaran (2000–2100)."
            if not 2000 <= tahun <= 2100
            else kunci if isinstance(kunci, str)
            else "Nilai anggaran/realisasi bukan angka." if anggaran is None or realisasi is None
            else "Nilai anggaran/realisasi negatif." if min(anggaran, realisasi) < 0
            else "Nilai anggaran/realisasi terlalu besar." if max(anggaran, realisasi) > BATAS
            else ""
        )  # fmt: skip
        if alasan:
            ktx.laporan.tolak(JENIS, rujukan, alasan)
            continue
        if not anggaran and not realisasi:
            nol += 1  # an untouched template slot: SID shows empty slots by itself
            continue
        siap.append((b, tahun, kunci, anggaran, realisasi))
    if nol:
        ktx.laporan.catatan.append(
            f"{nol} baris APBDes OpenSID bernilai nol (anggaran dan realisasi) tidak dibuat."
        )
    _tambah_kode(ktx, {k for _b, _t, k, _a, _r in siap})
    peta = PetaRekening()
    per_tahun: dict[int, list[RincianAnggaran]] = defaultdict(list)
    dilihat: dict[tuple, str] = {}
    for b, tahun, (kode, kegiatan), anggaran, realisasi in siap:
        rujukan = f"keuangan_manual_rinci id {b['id']} ({baca.teks(b.get('Kd_Rincian'))})"
        try:
            k = peta.periksa(kode, kegiatan)
        except ValidationError as exc:
            ktx.laporan.tolak(JENIS, rujukan, " ".join(exc.messages))
            continue
        if (tahun, k.kode, k.kegiatan) in dilihat:
            ktx.laporan.tolak(
                JENIS, rujukan, f"Baris ganda: {k.label} tahun {tahun} sudah ada "
                f"({dilihat[(tahun, k.kode, k.kegiatan)]}).",
            )  # fmt: skip
            continue
        dilihat[(tahun, k.kode, k.kegiatan)] = f"id {b['id']}"
        per_tahun[tahun].append(
            RincianAnggaran(
                kode=k.kode, kegiatan=k.kegiatan, anggaran=anggaran, realisasi=realisasi
            )
        )
    for tahun, rincian in sorted(per_tahun.items()):
        try:
            ta = tahun_anggaran_create(oleh=ktx.oleh, tahun=tahun)
        except ValidationError as exc:
            for r in rincian:
                ktx.laporan.tolak(JENIS, f"tahun {tahun} {r.kegiatan} {r.kode}".replace("  ", " "),
                                  " ".join(exc.messages))  # fmt: skip
            continue
        sah = []
        for r in rincian:
            r.tahun_anggaran = ta
            try:
                r.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                ktx.laporan.tolak(JENIS, f"tahun {tahun} {r.kegiatan} {r.kode}".replace("  ", " "),
                                  " ".join(exc.messages))  # fmt: skip
                continue
            sah.append(r)
        rincian = sah
        RincianAnggaran.objects.bulk_create(rincian)
        catat_aktivitas(
            oleh=ktx.oleh,
            aksi="impor_apbdes",
            objek=ta,
            keterangan=f"Pindah dari OpenSID ({ktx.nama_berkas}): {len(rincian)} baris.",
        )
        ktx.laporan.hitung(JENIS, len(rincian))
        ktx.laporan.catatan.append(
            f"APBDes {tahun} dibawa sebagai rancangan: OpenSID tidak mencatat Perdes "
            "penetapannya. Tetapkan dengan nomor dan tanggal Perdes agar tampil di website."
        )
    lupakan_cache()
