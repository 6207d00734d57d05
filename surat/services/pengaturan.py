"""The village's letter settings (workflow steps, numbering)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sid.exceptions import PerluKonfirmasi
from sid.lib.audit import catat_aktivitas
from sid.lib.ubah import terapkan
from surat.models import PengaturanSurat
from surat.penomoran import periksa_format

KOLOM = {
    "verifikasi_sekretaris",
    "tanda_tangan_kepala_desa",
    "penomoran",
    "format_nomor",
    "url_publik",
}


@transaction.atomic
def pengaturan_surat_update(
    *, oleh: Any, data: dict[str, Any], konfirmasi: bool = False
) -> PengaturanSurat:
    if oleh is None or not oleh.has_perm("surat.atur_pengaturan_surat"):
        raise PermissionDenied("Hanya Administrator yang dapat mengubah pengaturan surat.")
    PengaturanSurat.ambil()
    p = PengaturanSurat.objects.select_for_update().get(pk=1)
    data = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
    perubahan = terapkan(p, data, kolom=KOLOM)
    masalah = periksa_format(p.format_nomor)
    if masalah:
        raise ValidationError({"format_nomor": masalah})
    p.full_clean()
    if (
        not konfirmasi
        and p.penomoran == PengaturanSurat.Penomoran.PER_JENIS
        and "[kode_surat]" not in p.format_nomor.lower().replace(" ", "")
    ):
        raise PerluKonfirmasi(
            "Penomoran per jenis surat tanpa [kode_surat] dalam format membuat jenis surat yang "
            "berbeda bisa mendapat nomor yang sama; SID lalu melompati nomor yang sudah terpakai "
            "sehingga urutan per jenis menjadi berlubang. Tambahkan [kode_surat], atau centang "
            "konfirmasi bila memang dikehendaki."
        )
    p.save()
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=p, perubahan=perubahan)
    return p
