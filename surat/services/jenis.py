"""Letter types: the village adds its own and may change a built-in text ("Pulihkan" restores
the original). Templates are sanitised on save; unknown placeholder codes are a warning the
operator must confirm before saving."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from sid.exceptions import PerluKonfirmasi
from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.html import bersihkan_html
from sid.lib.ubah import terapkan
from surat.isian import JENIS_ISIAN, KODE_BAWAAN, POLA_KODE_ISIAN_TAMBAHAN, kode_asing
from surat.klasifikasi import nama_klasifikasi
from surat.models import JenisSurat
from surat.penomoran import periksa_format

KOLOM = {
    "nama", "slug", "judul", "kode_surat", "isi", "isian", "syarat", "masa_berlaku",
    "satuan_masa_berlaku", "online", "pakai_qr", "syarat_penduduk", "kertas", "orientasi",
    "margin_atas", "margin_kanan", "margin_bawah", "margin_kiri", "huruf", "ukuran_huruf",
    "format_nomor", "aktif", "urutan",
}  # fmt: skip
POLA_KODE_SURAT = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")
JENIS_ISIAN_SAH = {k for k, _ in JENIS_ISIAN}
ISIAN_MAKS = 30


def normalisasi_isian(isian: Any) -> list[dict[str, Any]]:
    """Clean and check the extra-field definitions; errors name the row."""
    if not isian:
        return []
    if not isinstance(isian, list):
        raise ValidationError({"isian": "Isian tambahan harus berupa daftar."})
    if len(isian) > ISIAN_MAKS:
        raise ValidationError({"isian": f"Paling banyak {ISIAN_MAKS} isian tambahan."})
    hasil, galat, terpakai = [], [], set()
    for i, f in enumerate(isian, start=1):
        kode = str(f.get("kode") or "").strip().lower()
        label = " ".join(str(f.get("label") or "").split())
        jenis = str(f.get("jenis") or "teks")
        pilihan = [" ".join(str(p).split()) for p in (f.get("pilihan") or []) if str(p).strip()]
        if not POLA_KODE_ISIAN_TAMBAHAN.match(kode):
            galat.append(
                f"Isian {i}: kode harus diawali form_ dan hanya huruf kecil, angka dan garis "
                f"bawah (mis. form_keperluan), bukan “{kode or '(kosong)'}”."
            )
        elif kode in terpakai:
            galat.append(f"Isian {i}: kode {kode} dipakai dua kali.")
        elif kode in KODE_BAWAAN:
            galat.append(f"Isian {i}: kode {kode} sudah dipakai SID untuk data lain.")
        if not label:
            galat.append(f"Isian {i}: label wajib diisi.")
        if jenis not in JENIS_ISIAN_SAH:
            galat.append(f"Isian {i}: jenis “{jenis}” tidak dikenal.")
        if jenis == "pilihan" and not pilihan:
            galat.append(f"Isian {i}: jenis pilihan memerlukan daftar pilihan.")
        terpakai.add(kode)
        baris = {
            "kode": kode,
            "label": label[:100],
            "jenis": jenis,
            "wajib": bool(f.get("wajib")),
        }
        if jenis == "pilihan":
            baris["pilihan"] = pilihan[:50]
        bantuan = " ".join(str(f.get("bantuan") or "").split())
        if bantuan:
            baris["bantuan"] = bantuan[:200]
        hasil.append(baris)
    if galat:
        raise ValidationError({"isian": galat})
    return hasil


def _validasi(j: JenisSurat, *, konfirmasi: bool) -> None:
    j.nama = " ".join((j.nama or "").split())
    j.judul = " ".join((j.judul or "").split()) or (
        j.nama.upper() if j.nama.upper().startswith("SURAT") else f"SURAT {j.nama.upper()}"
    )
    j.slug = slugify(j.slug or j.nama)[:60]
    j.kode_surat = (j.kode_surat or "").strip()
    j.format_nomor = (j.format_nomor or "").strip()
    j.syarat = "\n".join(b.strip() for b in (j.syarat or "").splitlines() if b.strip())
    j.isi = bersihkan_html(j.isi or "").strip()
    j.isian = normalisasi_isian(j.isian)
    galat: dict[str, Any] = {}
    if not j.isi:
        galat["isi"] = "Isi surat wajib diisi."
    if j.kode_surat and not POLA_KODE_SURAT.match(j.kode_surat):
        galat["kode_surat"] = (
            "Kode klasifikasi hanya berisi angka, huruf dan titik, mis. 470 atau 474.1."
        )
    if j.format_nomor:
        masalah = periksa_format(j.format_nomor)
        if masalah:
            galat["format_nomor"] = masalah
    if galat:
        raise ValidationError(galat)
    j.full_clean(exclude=["isian"])
    if konfirmasi:
        return
    peringatan = []
    asing = kode_asing(j.isi, j.isian)
    if asing:
        peringatan.append(
            f"Kode isian tidak dikenal: {', '.join(asing)}. Kode ini akan tercetak apa adanya "
            "pada surat. Periksa ejaannya (lihat daftar kode isian), atau tambahkan isian "
            "tambahan dengan kode tersebut."
        )
    if j.kode_surat and not nama_klasifikasi(j.kode_surat):
        peringatan.append(
            f"Kode klasifikasi {j.kode_surat} tidak ada dalam daftar klasifikasi arsip resmi."
        )
    if peringatan:
        raise PerluKonfirmasi(peringatan)


@transaction.atomic
def jenis_surat_create(*, oleh: Any, data: dict[str, Any], konfirmasi: bool = False) -> JenisSurat:
    """A village's own letter type."""
    j = JenisSurat()
    terapkan(j, data, kolom=KOLOM)
    j.bawaan = False
    _validasi(j, konfirmasi=konfirmasi)
    j.save()
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=j,
        perubahan=selisih({}, potret(j, fields=KOLOM)),
        keterangan="Jenis surat baru.",
    )
    return j


@transaction.atomic
def jenis_surat_update(
    *, oleh: Any, jenis: JenisSurat, data: dict[str, Any], konfirmasi: bool = False
) -> JenisSurat:
    """Change a type. Issued letters never change: they keep the text frozen at signing."""
    j = JenisSurat.objects.select_for_update().get(pk=jenis.pk)
    sebelum = potret(j, fields=KOLOM)  # `_validasi` tidies the type: diff after it
    terapkan(j, data, kolom=KOLOM)
    _validasi(j, konfirmasi=konfirmasi)
    perubahan = selisih(sebelum, potret(j, fields=KOLOM))
    if not perubahan:
        return j
    j.save()
    catat_aktivitas(oleh=oleh, aksi="ubah", objek=j, perubahan=perubahan)
    return j


@transaction.atomic
def jenis_surat_pulihkan(*, oleh: Any, jenis: JenisSurat) -> JenisSurat:
    """Put the original SID text of a built-in type back."""
    j = JenisSurat.objects.select_for_update().get(pk=jenis.pk)
    if not j.bawaan or not j.isi_asli:
        raise ValidationError("Hanya jenis surat bawaan SID yang memiliki teks asli.")
    if j.isi == j.isi_asli:
        raise ValidationError("Teks surat ini sudah sama dengan teks aslinya.")
    lama = j.isi
    j.isi = j.isi_asli
    j.save(update_fields=["isi", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="pulihkan",
        objek=j,
        perubahan={"isi": [lama, j.isi]},
        keterangan="Teks surat dikembalikan ke teks asli SID.",
    )
    return j
