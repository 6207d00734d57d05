"""Login lockout shared by both login realms (staff and Layanan Mandiri).

Every key (a username, a NIK, an IP address) has a counter of failures in a row. Reaching its
limit locks the key for SID_KUNCI_MENIT minutes, doubled on every repeat lock. Stored in the
database, so neither a restart nor clearing cookies lifts a lock.

A login takes its turn (`ambil_giliran`) BEFORE the password is checked: under row locks the
attempt is counted as a failure on every key, and the attempt that reaches a limit locks the
key there and then. So N parallel guesses cannot all pass a "not locked yet" check: exactly
`batas` passwords are checked, the rest are refused without a hash. A right password then
takes its count back (`berhasil`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
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


@dataclass
class Giliran:
    """One counted attempt: its keys, and the lock ends this attempt set (key -> end)."""

    ranah: str
    kunci: tuple[Kunci, ...]
    dikunci: dict[tuple[str, str], datetime.datetime] = field(default_factory=dict)


@transaction.atomic
def ambil_giliran(ranah: str, kunci: Sequence[Kunci]) -> Giliran | None:
    """Count this attempt as a failure on every key, before the password is checked.

    None (nothing counted, no hash to compute) when a key is locked. Rows are locked in one
    order (sorted keys), so two attempts sharing keys never deadlock.
    """
    sekarang = timezone.now()
    urut = tuple(sorted(kunci))
    baris = []
    for jenis, nilai, batas in urut:
        row, _ = KunciMasuk.objects.select_for_update().get_or_create(
            ranah=ranah, jenis=jenis, kunci=nilai
        )
        baris.append((row, batas))
    if any(row.terkunci(sekarang) for row, _ in baris):
        return None
    giliran = Giliran(ranah=ranah, kunci=urut)
    for row, batas in baris:
        KunciMasuk.objects.filter(pk=row.pk).update(gagal=F("gagal") + 1, terakhir_gagal=sekarang)
        row.refresh_from_db()
        if row.gagal >= batas:
            row.terkunci_sampai = sekarang + _durasi(row.jumlah_terkunci)
            row.jumlah_terkunci += 1
            row.gagal = 0
            row.save(update_fields=["terkunci_sampai", "jumlah_terkunci", "gagal"])
            giliran.dikunci[(row.jenis, row.kunci)] = row.terkunci_sampai
    return giliran


@transaction.atomic
def berhasil(giliran: Giliran, jenis_akun: str) -> None:
    """The password was right: the attempt was no failure. The account's counter goes back to
    zero, the IP's down by the one it was counted; a lock this very attempt set is lifted."""
    for jenis, nilai, batas in giliran.kunci:
        qs = KunciMasuk.objects.filter(ranah=giliran.ranah, jenis=jenis, kunci=nilai)
        akun = jenis == jenis_akun
        akhir = giliran.dikunci.get((jenis, nilai))
        if akhir is not None:
            qs.filter(terkunci_sampai=akhir).update(
                terkunci_sampai=None,
                jumlah_terkunci=Greatest(F("jumlah_terkunci") - 1, 0),
                gagal=0 if akun else max(batas - 1, 0),
            )
        elif akun:
            qs.update(gagal=0)
        else:
            qs.update(gagal=Greatest(F("gagal") - 1, 0))


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
