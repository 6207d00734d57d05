"""The operator's daily work journal (*Buku harian kerja*, SOP Operator §7, Sekretaris §8).

What an operator did on a day is read from the audit log (`LogAktivitas` of that user on that
local day), grouped as the SOP names it: data entered and changed, letters, residents' requests.
The `BukuHarian` row adds the operator's own notes and the Sekretaris Desa's check
(*diperiksa*). Services here are the only writers; each writes an audit entry.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.models import BukuHarian, LogAktivitas

BATAS_KEGIATAN = 1000  # audit entries read per journal (a very busy day still prints)

# Audit entries by app → the SOP's headings.
KELOMPOK_APP = {"surat": "Surat diterbitkan dan diproses", "mandiri": "Permohonan warga ditangani"}
KELOMPOK_DATA = "Data dimasukkan dan diubah"
# Entries that say nothing about the day's work.
AKSI_ABAIKAN = {"masuk", "keluar", "gagal_masuk"}


@dataclass
class Kelompok:
    judul: str
    entri: list[LogAktivitas] = field(default_factory=list)


def _rentang(tanggal: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    zona = timezone.get_current_timezone()
    awal = datetime.datetime.combine(tanggal, datetime.time.min, tzinfo=zona)
    return awal, awal + datetime.timedelta(days=1)


def kegiatan_harian(buku: BukuHarian) -> list[Kelompok]:
    """The audit entries of the journal's user and day, grouped (1 query)."""
    awal, akhir = _rentang(buku.tanggal)
    entri = (
        LogAktivitas.objects.filter(pengguna_id=buku.pengguna_id, waktu__gte=awal, waktu__lt=akhir)
        .exclude(aksi__in=AKSI_ABAIKAN)
        .select_related("content_type")
        .order_by("waktu", "pk")[:BATAS_KEGIATAN]
    )
    kelompok = {j: Kelompok(j) for j in [KELOMPOK_DATA, *KELOMPOK_APP.values()]}
    for e in entri:
        app = e.content_type.app_label if e.content_type_id else ""
        kelompok[KELOMPOK_APP.get(app, KELOMPOK_DATA)].entri.append(e)
    return list(kelompok.values())


def uraian_entri(e: LogAktivitas) -> str:
    jenis = e.content_type.name if e.content_type_id else ""
    teks = " ".join(b for b in [e.aksi.replace("_", " "), jenis, e.objek] if b)
    if e.perubahan:
        teks += f" (kolom: {', '.join(list(e.perubahan)[:8])})"
    elif e.keterangan:
        teks += f" — {e.keterangan[:200]}"
    return teks


# --- services --------------------------------------------------------------------------------
def _cek_tanggal(tanggal: datetime.date) -> None:
    if tanggal > timezone.localdate():
        raise ValidationError(
            {"tanggal": "Buku harian tidak boleh untuk tanggal yang akan datang."}
        )


@transaction.atomic
def buku_harian_buat(*, oleh: Any, tanggal: datetime.date, catatan: str = "") -> BukuHarian:
    """Open the journal of `oleh` for `tanggal` (one per user per day)."""
    _cek_tanggal(tanggal)
    if BukuHarian.objects.filter(pengguna=oleh, tanggal=tanggal).exists():
        raise ValidationError(
            {"tanggal": f"Buku harian Anda untuk {tanggal:%d-%m-%Y} sudah ada; buka dan ubah."}
        )
    try:
        with transaction.atomic():
            buku = BukuHarian.objects.create(pengguna=oleh, tanggal=tanggal, catatan=catatan)
    except IntegrityError:
        raise ValidationError({"tanggal": "Buku harian untuk tanggal ini sudah ada."}) from None
    catat_aktivitas(oleh=oleh, aksi="buat", objek=buku, perubahan={"catatan": [None, catatan]})
    return buku


@transaction.atomic
def buku_harian_ubah(*, oleh: Any, buku: BukuHarian, catatan: str) -> BukuHarian:
    buku = BukuHarian.objects.select_for_update().get(pk=buku.pk)
    if buku.pengguna_id != getattr(oleh, "pk", None):
        raise ValidationError("Hanya pemilik buku harian yang dapat mengubah catatannya.")
    if buku.diperiksa:
        raise ValidationError("Buku harian sudah diperiksa; catatannya tidak dapat diubah lagi.")
    sebelum = potret(buku, ["catatan"])
    buku.catatan = catatan
    buku.save(update_fields=["catatan", "diperbarui"])
    catat_aktivitas(
        oleh=oleh, aksi="ubah", objek=buku, perubahan=selisih(sebelum, potret(buku, ["catatan"]))
    )
    return buku


@transaction.atomic
def buku_harian_periksa(*, oleh: Any, buku: BukuHarian, catatan: str = "") -> BukuHarian:
    """The Sekretaris Desa marks a journal as checked (*diperiksa*), with an optional note."""
    buku = BukuHarian.objects.select_for_update().get(pk=buku.pk)
    if not oleh.has_perm("sid.periksa_buku_harian"):
        raise ValidationError("Anda tidak berhak memeriksa buku harian.")
    if buku.diperiksa:
        raise ValidationError("Buku harian ini sudah diperiksa.")
    if buku.pengguna_id == oleh.pk:
        raise ValidationError("Buku harian sendiri tidak dapat diperiksa sendiri.")
    buku.diperiksa_oleh = oleh
    buku.diperiksa_pada = timezone.now()
    buku.catatan_pemeriksa = catatan
    buku.save(update_fields=["diperiksa_oleh", "diperiksa_pada", "catatan_pemeriksa"])
    catat_aktivitas(oleh=oleh, aksi="periksa_buku_harian", objek=buku, keterangan=catatan)
    return buku


# --- PDF -------------------------------------------------------------------------------------
def buku_harian_pdf(buku: BukuHarian) -> bytes:
    from sid.lib.format import tanggal_indonesia
    from sid.lib.pdf import konteks_kop, render_pdf

    u = buku.pengguna
    pemeriksa = buku.diperiksa_oleh
    return render_pdf(
        "laporan/buku_harian.html",
        {
            **konteks_kop(tanggal=timezone.localdate()),
            "judul": "Buku Harian Kerja Operator",
            "subjudul": f"{u.get_full_name() or u.get_username()} · "
            f"{tanggal_indonesia(buku.tanggal)}",
            "buku": buku,
            "kelompok": [
                (k.judul, [(timezone.localtime(e.waktu), uraian_entri(e)) for e in k.entri])
                for k in kegiatan_harian(buku)
            ],
            "pemeriksa": (pemeriksa.get_full_name() or pemeriksa.get_username())
            if pemeriksa
            else "",
            "tanggal_periksa": tanggal_indonesia(timezone.localdate(buku.diperiksa_pada))
            if buku.diperiksa_pada
            else "",
        },
    )
