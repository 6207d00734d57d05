"""Visitors' comments: sent (honeypot, rate limit per IP, plain text), then moderated."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from konten.cache import konten_berubah
from konten.models import Artikel, Komentar
from konten.services._umum import punya_izin
from konten.teks import bersihkan_komentar, bersihkan_satu_baris
from sid.lib.audit import catat_aktivitas

# Per IP address: at most BATAS_SINGKAT comments in JENDELA_SINGKAT, BATAS_HARIAN in a day.
BATAS_SINGKAT = 3
JENDELA_SINGKAT = datetime.timedelta(minutes=10)
BATAS_HARIAN = 20
PANJANG_MAKS = 2000

PESAN_TERLALU_SERING = (
    "Terlalu banyak komentar dari alamat Anda dalam waktu singkat. Silakan coba lagi nanti."
)


def _periksa_batas(ip: str | None) -> None:
    """Rate limit in the database (shared by every worker, survives restarts)."""
    if not ip:
        return
    now = timezone.now()
    terakhir = Komentar.objects.filter(ip=ip, dibuat__gte=now - datetime.timedelta(days=1))
    if terakhir.count() >= BATAS_HARIAN:
        raise ValidationError(PESAN_TERLALU_SERING, code="terlalu_sering")
    if terakhir.filter(dibuat__gte=now - JENDELA_SINGKAT).count() >= BATAS_SINGKAT:
        raise ValidationError(PESAN_TERLALU_SERING, code="terlalu_sering")


@transaction.atomic
def komentar_kirim(
    *,
    artikel: Artikel,
    nama: str,
    isi: str,
    ip: str | None,
    email: str = "",
    jebakan: str = "",
) -> Komentar | None:
    """A visitor's comment, waiting for moderation.

    `jebakan` is the honeypot field people never see: when a bot fills it, nothing is stored
    and None is returned, so the bot sees the same thank-you page as a person.
    """
    artikel = Artikel.objects.select_for_update().get(pk=artikel.pk)
    if not artikel.publik or not artikel.komentar_aktif:
        raise ValidationError("Komentar untuk artikel ini ditutup.", code="ditutup")
    if jebakan:
        return None
    _periksa_batas(ip)
    galat = {}
    nama = bersihkan_satu_baris(nama)[:80]
    isi = bersihkan_komentar(isi)
    if not nama:
        galat["nama"] = "Nama wajib diisi."
    if not isi:
        galat["isi"] = "Komentar wajib diisi."
    elif len(isi) > PANJANG_MAKS:
        galat["isi"] = f"Komentar terlalu panjang (maksimal {PANJANG_MAKS} karakter)."
    if galat:
        raise ValidationError(galat)
    komentar = Komentar(artikel=artikel, nama=nama, email=(email or "").strip(), isi=isi, ip=ip)
    komentar.full_clean()
    komentar.save()
    catat_aktivitas(
        oleh=None,
        pelaku=f"pengunjung: {nama}"[:150],
        aksi="kirim_komentar",
        objek=komentar,
        keterangan=f"Komentar pada artikel “{artikel.judul}”, menunggu moderasi.",
    )
    return komentar


def _moderasi(*, oleh: Any, komentar: Komentar, status: str, aksi: str) -> Komentar:
    if not punya_izin(oleh, "konten.change_komentar"):
        raise ValidationError("Anda tidak berhak memoderasi komentar.")
    komentar = Komentar.objects.select_for_update().get(pk=komentar.pk)
    lama = komentar.status
    if lama == status:
        return komentar
    komentar.status = status
    komentar.dimoderasi_oleh = oleh if getattr(oleh, "pk", None) else None
    komentar.dimoderasi_pada = timezone.now()
    komentar.save(update_fields=["status", "dimoderasi_oleh", "dimoderasi_pada"])
    catat_aktivitas(oleh=oleh, aksi=aksi, objek=komentar, perubahan={"status": [lama, status]})
    if Komentar.Status.DISETUJUI in (lama, status):
        konten_berubah()  # what the article page shows has changed
    return komentar


@transaction.atomic
def komentar_setujui(*, oleh: Any, komentar: Komentar) -> Komentar:
    return _moderasi(
        oleh=oleh, komentar=komentar, status=Komentar.Status.DISETUJUI, aksi="setujui_komentar"
    )


@transaction.atomic
def komentar_tolak(*, oleh: Any, komentar: Komentar) -> Komentar:
    return _moderasi(
        oleh=oleh, komentar=komentar, status=Komentar.Status.DITOLAK, aksi="tolak_komentar"
    )


@transaction.atomic
def komentar_hapus(*, oleh: Any, komentar: Komentar) -> None:
    if not punya_izin(oleh, "konten.delete_komentar"):
        raise ValidationError("Anda tidak berhak menghapus komentar.")
    catat_aktivitas(
        oleh=oleh, aksi="hapus", objek=komentar, keterangan=f"Komentar: {komentar.isi[:200]}"
    )
    tampil = komentar.status == Komentar.Status.DISETUJUI
    komentar.delete()
    if tampil:
        konten_berubah()
