"""Reads for the family page (bounded queries)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk import kode
from penduduk.models import Penduduk
from sid.models import LogAktivitas


def halaman_keluarga(k: Keluarga) -> dict:
    anggota = list(
        Penduduk.objects.filter(keluarga=k).order_by("status_dasar", "shdk", "tanggal_lahir")
    )
    hidup = [a for a in anggota if a.hidup]
    kepala = next((a for a in hidup if a.shdk == kode.SHDK.KEPALA_KELUARGA), None)
    ct = ContentType.objects.get_for_model(Keluarga)
    return {
        "anggota": anggota,
        "kepala": kepala,
        "perlu_kepala": k.aktif and bool(hidup) and kepala is None,
        "jumlah_l": sum(1 for a in hidup if a.jenis_kelamin == kode.JenisKelamin.LAKI_LAKI),
        "jumlah_p": sum(1 for a in hidup if a.jenis_kelamin == kode.JenisKelamin.PEREMPUAN),
        "peristiwa": list(
            PeristiwaKeluarga.objects.filter(keluarga=k)
            .select_related("penduduk")
            .order_by("-tanggal", "-id")
        ),
        "riwayat": list(
            LogAktivitas.objects.filter(content_type=ct, object_id=str(k.pk)).order_by(
                "-waktu", "-id"
            )[:50]
        ),
    }
