"""Login lockout shared by both login realms (staff and Layanan Mandiri).

Every key (a username, a NIK, an IP address) has a counter of failures in a row. Reaching its
limit locks the key for SID_KUNCI_MENIT minutes, doubled on every repeat lock. Stored in the
database, so neither a restart nor clearing cookies lifts a lock.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sid.models import KunciMasuk

Kunci = tuple[str, str, int]  # (jenis, kunci, batas)


def _durasi(jumlah_terkunci: int) -> datetime.timedelta:
    # 15, 30, 60 … minutes, capped at one day.
    menit = settings.SID_KUNCI_MENIT * (2 ** min(jumlah_terkunci, 7))
    return datetime.timedelta(minutes=min(menit, 24 * 60))


def terkunci_sampai(ranah: str, kunci: Sequence[Kunci]) -> datetime.datetime | None:
    """The latest lock end among the keys, or None when none is locked."""
    sekarang = timezone.now()
    akhir = None
    for row in KunciMasuk.objects.filter(ranah=ranah, terkunci_sampai__gt=sekarang).filter(
        _q(kunci)
    ):
        if akhir is None or row.terkunci_sampai > akhir:
            akhir = row.terkunci_sampai
    return akhir


def _q(kunci: Sequence[Kunci]):
    from django.db.models import Q

    q = Q(pk__in=[])
    for jenis, nilai, _batas in kunci:
        q |= Q(jenis=jenis, kunci=nilai)
    return q


@transaction.atomic
def catat_gagal(ranah: str, kunci: Sequence[Kunci]) -> None:
    """Count one failure on every key; lock the keys that reached their limit."""
    sekarang = timezone.now()
    for jenis, nilai, batas in kunci:
        row, _ = KunciMasuk.objects.select_for_update().get_or_create(
            ranah=ranah, jenis=jenis, kunci=nilai
        )
        if row.terkunci(sekarang):
            continue  # attempts during a lock neither extend nor count
        KunciMasuk.objects.filter(pk=row.pk).update(gagal=F("gagal") + 1, terakhir_gagal=sekarang)
        row.refresh_from_db()
        if row.gagal >= batas:
            row.terkunci_sampai = sekarang + _durasi(row.jumlah_terkunci)
            row.jumlah_terkunci += 1
            row.gagal = 0
            row.save(update_fields=["terkunci_sampai", "jumlah_terkunci", "gagal"])


def catat_berhasil(ranah: str, jenis: str, nilai: str) -> None:
    """A successful login clears the failure counter of that account (not of the IP)."""
    KunciMasuk.objects.filter(ranah=ranah, jenis=jenis, kunci=nilai).update(gagal=0)


def buka_kunci(ranah: str, jenis: str, nilai: str) -> int:
    """Lift a lock by hand (administrator action)."""
    return KunciMasuk.objects.filter(ranah=ranah, jenis=jenis, kunci=nilai).update(
        gagal=0, terkunci_sampai=None, jumlah_terkunci=0
    )


def pesan_terkunci(akhir: datetime.datetime) -> str:
    menit = max(1, int((akhir - timezone.now()).total_seconds() // 60) + 1)
    return (
        "Terlalu banyak percobaan masuk yang gagal. Demi keamanan, login dikunci sementara; "
        f"coba lagi dalam {menit} menit."
    )
