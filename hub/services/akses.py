"""The access log of officials' records at the hub (written on every view and export)."""

from __future__ import annotations

from hub.models import AksesRekaman, DesaHub
from sid.lib import konteks
from sid.lib.audit import nama_pelaku


def akses_catat(*, request, jenis: str, desa: DesaHub | None = None, keterangan: str = ""):
    return AksesRekaman.objects.create(
        user=request.user,
        pelaku=nama_pelaku(request.user)[:150],
        ip=konteks.ip_klien(request),
        desa=desa,
        jenis=jenis,
        keterangan=f"[{request.lingkup.kode}] {keterangan}"[:255],
    )
