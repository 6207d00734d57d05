"""Every write on officials, posts and appointments. Admin screens, the demo generator and
future imports/sync call these; each validates, writes and records the audit entry."""

from perangkat.services.jabatan import jabatan_create, jabatan_update
from perangkat.services.pengangkatan import (
    pengangkatan_berhenti,
    pengangkatan_create,
    pengangkatan_minta_perbaikan,
    pengangkatan_update,
    pengangkatan_verifikasi,
)
from perangkat.services.perangkat import perangkat_create, perangkat_update

__all__ = [
    "jabatan_create",
    "jabatan_update",
    "pengangkatan_berhenti",
    "pengangkatan_create",
    "pengangkatan_minta_perbaikan",
    "pengangkatan_update",
    "pengangkatan_verifikasi",
    "perangkat_create",
    "perangkat_update",
]
