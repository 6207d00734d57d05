"""Letter numbers: the format with its tokens, and the allocation under a row lock.

Format tokens: [kode_surat], [nomor_surat] or [nomor_surat, N] (zero-padded to N digits),
[kode_desa], [bulan_romawi], [bulan] (01–12), [tahun]. The default is
"[kode_surat]/[nomor_surat, 3]/[kode_desa]/[bulan_romawi]/[tahun]".

Allocation (`alokasikan`) must run inside the signing transaction:
1. the counter row (year + scope) is created if missing with INSERT … ON CONFLICT DO NOTHING,
   which never fails when two transactions race to create it;
2. it is read with SELECT … FOR UPDATE: every other signer of the same scope waits here until
   this transaction commits or rolls back, so each one reads the number the previous one wrote;
3. the next number is formatted; if that text is already taken this year (possible when
   counters per type share a classification code, or after the setting changed) the counter
   moves on, and a lost race on the database's unique constraint is retried the same way.
A rolled-back signing gives its number back with it; a cancelled letter keeps its number.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from surat.isian import bulan_romawi
from surat.models import PengaturanSurat, PenghitungNomor, Surat

POLA_TOKEN = re.compile(r"\[([a-z_]+)(?:\s*,\s*(\d{1,2}))?\]", re.IGNORECASE)
TOKEN = {"kode_surat", "nomor_surat", "kode_desa", "bulan_romawi", "bulan", "tahun"}
COBA_MAKS = 50


def periksa_format(format_nomor: str) -> list[str]:
    """Problems with a number format (empty list = fine)."""
    masalah = []
    format_nomor = (format_nomor or "").strip()
    if not format_nomor:
        return ["Format nomor surat wajib diisi."]
    tak_dikenal = [
        m.group(0) for m in POLA_TOKEN.finditer(format_nomor) if m.group(1).lower() not in TOKEN
    ]
    if tak_dikenal:
        masalah.append(
            f"Kode tidak dikenal dalam format nomor: {', '.join(tak_dikenal)}. "
            "Yang dapat dipakai: [kode_surat], [nomor_surat, 3], [kode_desa], [bulan_romawi], "
            "[bulan], [tahun]."
        )
    if not any(m.group(1).lower() == "nomor_surat" for m in POLA_TOKEN.finditer(format_nomor)):
        masalah.append("Format nomor harus memuat [nomor_surat] (atau [nomor_surat, 3]).")
    return masalah


def format_nomor(
    format_teks: str, *, nomor_urut: int | None, kode_surat: str, kode_desa: str, tanggal
) -> str:
    """Fill a format. `nomor_urut=None` gives a preview with "…" in place of the number."""

    def ganti(m: re.Match) -> str:
        kata = m.group(1).lower()
        if kata == "nomor_surat":
            if nomor_urut is None:
                return "…"
            lebar = int(m.group(2) or 0)
            return str(nomor_urut).zfill(lebar)
        if kata == "kode_surat":
            return kode_surat
        if kata == "kode_desa":
            return kode_desa
        if kata == "bulan_romawi":
            return bulan_romawi(tanggal)
        if kata == "bulan":
            return f"{tanggal.month:02d}"
        if kata == "tahun":
            return str(tanggal.year)
        return m.group(0)

    return POLA_TOKEN.sub(ganti, format_teks).strip()


def format_untuk(jenis, pengaturan: PengaturanSurat | None = None) -> str:
    pengaturan = pengaturan or PengaturanSurat.ambil()
    return (jenis.format_nomor or "").strip() or pengaturan.format_nomor


def lingkup_untuk(jenis, pengaturan: PengaturanSurat) -> str:
    if pengaturan.penomoran == PengaturanSurat.Penomoran.PER_JENIS:
        return f"jenis-{jenis.pk}"
    return "semua"


def alokasikan(*, surat: Surat, tanggal: datetime.date, kode_desa: str) -> None:
    """Give `surat` the next number of its year and scope and save it (inside the caller's
    transaction; see the module docstring). Sets tahun, nomor_urut, nomor."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("alokasikan() harus dipanggil di dalam transaksi penandatanganan.")
    pengaturan = PengaturanSurat.ambil()
    jenis = surat.jenis
    tahun = tanggal.year
    lingkup = lingkup_untuk(jenis, pengaturan)
    teks_format = format_untuk(jenis, pengaturan)
    masalah = periksa_format(teks_format)
    if masalah:
        raise ValidationError(" ".join(masalah))
    PenghitungNomor.objects.bulk_create(
        [PenghitungNomor(tahun=tahun, lingkup=lingkup, nomor_terakhir=0)], ignore_conflicts=True
    )
    penghitung = PenghitungNomor.objects.select_for_update().get(tahun=tahun, lingkup=lingkup)
    n = penghitung.nomor_terakhir
    for _ in range(COBA_MAKS):
        n += 1
        nomor = format_nomor(
            teks_format,
            nomor_urut=n,
            kode_surat=jenis.kode_surat,
            kode_desa=kode_desa,
            tanggal=tanggal,
        )
        if Surat.objects.filter(tahun=tahun, nomor=nomor).exists():
            continue
        surat.tahun, surat.nomor_urut, surat.nomor = tahun, n, nomor
        try:
            with transaction.atomic():
                Surat.objects.filter(pk=surat.pk).update(tahun=tahun, nomor_urut=n, nomor=nomor)
        except IntegrityError:
            continue  # taken a moment ago under another counter: try the next one
        PenghitungNomor.objects.filter(pk=penghitung.pk).update(nomor_terakhir=n)
        return
    raise ValidationError(
        "Tidak menemukan nomor surat yang belum dipakai. Periksa format nomor di Pengaturan "
        "Surat (mis. tambahkan [kode_surat] bila penomoran per jenis surat)."
    )
