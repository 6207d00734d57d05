"""Who heads a dusun/RW/RT as a resident (penduduk.KepalaWilayah). The areas themselves are
written by sid.services (wilayah_create / wilayah_update / wilayah_delete)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from penduduk.models import KepalaWilayah, Penduduk
from sid.lib.audit import catat_aktivitas
from sid.models import Wilayah


@transaction.atomic
def wilayah_kepala_atur(
    *, oleh: Any, wilayah: Wilayah, penduduk: Penduduk | None
) -> KepalaWilayah | None:
    """Link the resident who heads the area, or unlink with None. The head's name as text
    (`Wilayah.kepala_nama`, printed on documents) follows the resident when it was empty or
    was the previous head's name; a name typed by the operator is kept."""
    wilayah = Wilayah.objects.select_for_update().get(pk=wilayah.pk)
    lama = KepalaWilayah.objects.select_related("penduduk").filter(wilayah=wilayah).first()
    lama_penduduk = lama.penduduk if lama else None
    if (lama_penduduk.pk if lama_penduduk else None) == (penduduk.pk if penduduk else None):
        return lama
    if penduduk is not None and not penduduk.hidup:
        raise ValidationError({"kepala": f"{penduduk.nama} tidak berstatus HIDUP."})
    nama_lama = wilayah.kepala_nama
    if penduduk is None:
        KepalaWilayah.objects.filter(wilayah=wilayah).delete()
        hasil = None
    else:
        hasil, _ = KepalaWilayah.objects.update_or_create(
            wilayah=wilayah, defaults={"penduduk": penduduk}
        )
        if not nama_lama or (lama_penduduk and nama_lama == lama_penduduk.nama):
            wilayah.kepala_nama = penduduk.nama
            wilayah.save(update_fields=["kepala_nama"])
    perubahan = {
        "kepala": [str(lama_penduduk) if lama_penduduk else "", str(penduduk) if penduduk else ""]
    }
    if wilayah.kepala_nama != nama_lama:
        perubahan["kepala_nama"] = [nama_lama, wilayah.kepala_nama]
    catat_aktivitas(oleh=oleh, aksi="ubah", objek=wilayah, perubahan=perubahan)
    return hasil
