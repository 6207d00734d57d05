"""Public views of the letter services (no login)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from surat.models import Surat


@never_cache
@require_safe
def cek_surat(request, kode):
    """What a QR code on a letter opens: is this letter genuine, and is it still valid?

    Shows only the number, date, type, the resident's name with the NIK masked, and the
    signatory, all as frozen at signing. Drafts and unknown codes look the same (not found)."""
    s = (
        Surat.objects.filter(kode=kode)
        .exclude(nomor="")
        .only(
            "kode", "nomor", "status", "tanggal_surat", "nama_penduduk",
            "nik_penduduk", "penandatangan_nama", "penandatangan_jabatan", "nilai_terbit",
        )
        .first()
    )  # fmt: skip
    if s is None:
        response = render(request, "surat/cek.html", {"surat": None}, status=404)
    else:
        konteks = {
            "surat": s,
            "batal": s.status == Surat.Status.BATAL,
            "jenis": (s.nilai_terbit or {}).get("jenis", {}).get("nama", ""),
            "jabatan": s.penandatangan_jabatan.splitlines(),
        }
        response = render(request, "surat/cek.html", konteks)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
