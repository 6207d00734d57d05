"""The backup card on the administrator's dashboard: last result, and loud warnings."""

from __future__ import annotations

import datetime

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from sid.cadangan import boleh_kelola
from sid.dasbor import Angka, Kartu

HARI_TANPA_CADANGAN = 8


def _tanggal(waktu: datetime.datetime) -> str:
    return f"{timezone.localtime(waktu):%d-%m-%Y %H:%M}"


def kartu_cadangan(request) -> Kartu | None:
    """At most 4 queries: role, last run, last success, the schedule."""
    if not boleh_kelola(request.user):
        return None
    from sid.cadangan.jadwal import jadwal_mingguan
    from sid.cadangan.services import BATAS_ANTRE, BATAS_BERJALAN
    from sid.models import LogCadangan

    Status = LogCadangan.Status
    cadangan = LogCadangan.objects.exclude(jenis=LogCadangan.Jenis.PEMULIHAN)
    terakhir = cadangan.order_by("-dimulai", "-pk").first()
    berhasil = cadangan.filter(status=Status.OK).order_by("-dimulai", "-pk").first()
    jadwal = jadwal_mingguan()
    sekarang = timezone.now()
    daftar = reverse("admin:sid_logcadangan_changelist")
    kartu = Kartu(judul="Cadangan data", ikon="bi-shield-check")
    if berhasil is not None:
        kartu.angka.append(Angka("cadangan berhasil terakhir", _tanggal(berhasil.dimulai), daftar))
        kartu.angka.append(Angka("ukuran", filesizeformat(berhasil.ukuran or 0), daftar))
    if terakhir is not None and terakhir.status == Status.GAGAL:
        kartu.peringatan.append(
            f"Cadangan {_tanggal(terakhir.dimulai)} GAGAL: {terakhir.pesan_galat[:300]}"
        )
    if terakhir is not None and (
        (terakhir.status == Status.BERJALAN and terakhir.dimulai < sekarang - BATAS_BERJALAN)
        or (terakhir.status == Status.ANTRE and terakhir.dimulai < sekarang - BATAS_ANTRE)
    ):
        kartu.peringatan.append(
            f"Cadangan {_tanggal(terakhir.dimulai)} tidak selesai (worker Celery tidak berjalan?)."
        )
    if berhasil is None or berhasil.dimulai < sekarang - datetime.timedelta(HARI_TANPA_CADANGAN):
        kartu.peringatan.append(
            f"Tidak ada cadangan yang berhasil dalam {HARI_TANPA_CADANGAN} hari terakhir. Buat "
            "cadangan sekarang dan periksa layanan worker/beat."
        )
    elif berhasil.pesan_galat and berhasil == terakhir:
        kartu.peringatan.append(berhasil.pesan_galat)
    if jadwal is None or not jadwal.enabled:
        kartu.peringatan.append(
            "Jadwal cadangan mingguan tidak aktif (Pengaturan → Periodic tasks)."
        )
    kartu.pintasan.append(("Daftar cadangan", daftar))
    kartu.pintasan.append(("Pulihkan", reverse("admin:sid_logcadangan_pulihkan")))
    return kartu
