"""Reads for the resident page and lists, each a bounded number of queries."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from penduduk.models import Penduduk, Peristiwa
from sid import kode
from sid.lib.format import tanggal_indonesia
from sid.lib.riwayat import siapkan_rincian
from sid.models import LogAktivitas

# What the family table on the resident page shows (a resident row has ~90 columns).
KOLOM_ANGGOTA = (
    "nama",
    "nik",
    "shdk",
    "jenis_kelamin",
    "tanggal_lahir",
    "status_dasar",
    "keluarga",
)


def halaman_penduduk(p: Penduduk) -> dict:
    """Family members, events and change history for the resident page (4 queries)."""
    anggota = []
    if p.keluarga_id:
        anggota = list(
            Penduduk.objects.filter(keluarga_id=p.keluarga_id)
            .only(*KOLOM_ANGGOTA)
            .order_by("shdk", "tanggal_lahir")
        )
    peristiwa = list(Peristiwa.objects.filter(penduduk=p).order_by("-tanggal_peristiwa", "-id"))
    terakhir = next((e for e in peristiwa if not e.dibatalkan), None)
    ct = ContentType.objects.get_for_model(Penduduk)
    riwayat = siapkan_rincian(
        LogAktivitas.objects.filter(content_type=ct, object_id=str(p.pk)).order_by("-waktu", "-id")[
            :100
        ]
    )
    return {
        "anggota": anggota,
        "peristiwa": peristiwa,
        "peristiwa_terakhir_keluar": terakhir
        if terakhir and terakhir.keluar and not p.hidup
        else None,
        "riwayat": riwayat,
        "kepala": next(
            (a for a in anggota if a.shdk == kode.SHDK.KEPALA_KELUARGA and a.hidup), None
        ),
        "biodata": tampilan_biodata(p),
    }


def tampilan_biodata(p: Penduduk) -> list[tuple[str, list[tuple[str, str]]]]:
    """Biodata grouped as on the form, as (label, readable value) pairs."""
    from penduduk.forms import KELOMPOK_BIODATA

    hasil = []
    for judul, kolom in KELOMPOK_BIODATA:
        baris = []
        for nama in kolom:
            if nama == "foto":
                continue
            field = Penduduk._meta.get_field(nama)
            nilai = getattr(p, nama)
            if field.choices and nilai is not None:
                teks = getattr(p, f"get_{nama}_display")()
            elif nama == "wilayah":
                teks = str(nilai)
            elif hasattr(nilai, "year") and hasattr(nilai, "day"):
                teks = tanggal_indonesia(nilai)
            else:
                teks = "" if nilai is None else str(nilai)
            baris.append((str(field.verbose_name), teks or "-"))
        hasil.append((judul, baris))
    return hasil
