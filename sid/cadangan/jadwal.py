"""The weekly backup job in django-celery-beat's schedule (edited in the back office)."""

from __future__ import annotations

NAMA_TUGAS = "Cadangan mingguan"
TUGAS = "sid.cadangan_mingguan"
# Sunday 02:00 Asia/Jakarta (crontab day_of_week 0 = Sunday).
CRONTAB = {
    "minute": "0",
    "hour": "2",
    "day_of_week": "0",
    "day_of_month": "*",
    "month_of_year": "*",
}
ZONA = "Asia/Jakarta"
KETERANGAN = (
    "Cadangan lengkap (basis data dan semua berkas) setiap minggu, diverifikasi, lalu cadangan "
    "lama dibersihkan sesuai retensi. Lihat Pengaturan → Cadangan data."
)


def pastikan_jadwal_mingguan():
    """Create the weekly job if no periodic task runs it (idempotent). Returns the task."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    ada = PeriodicTask.objects.filter(task=TUGAS).first()
    if ada is not None:
        return ada
    jadwal, _ = CrontabSchedule.objects.get_or_create(**CRONTAB, timezone=ZONA)
    return PeriodicTask.objects.create(
        name=NAMA_TUGAS, task=TUGAS, crontab=jadwal, enabled=True, description=KETERANGAN
    )


def jadwal_mingguan():
    """The periodic task running the weekly backup, or None (disabled ones included)."""
    from django_celery_beat.models import PeriodicTask

    return PeriodicTask.objects.select_related("crontab").filter(task=TUGAS).first()


HARI = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]  # crontab 0 = Sunday
SATUAN = {"days": "hari", "hours": "jam", "minutes": "menit", "seconds": "detik"}


def uraian_jadwal(tugas) -> str:
    """The schedule in Indonesian, e.g. "setiap Minggu pukul 02:00 (Asia/Jakarta)"."""
    c = tugas.crontab
    if c is not None:
        if c.minute.isdigit() and c.hour.isdigit() and c.day_of_month == c.month_of_year == "*":
            jam = f"{int(c.hour):02d}:{int(c.minute):02d}"
            if c.day_of_week == "*":
                hari = "setiap hari"
            elif c.day_of_week.isdigit():
                hari = f"setiap {HARI[int(c.day_of_week) % 7]}"
            else:
                hari = f"hari {c.day_of_week} (0 = Minggu)"
            return f"{hari} pukul {jam} ({c.timezone})"
        return (
            f"crontab {c.minute} {c.hour} {c.day_of_month} {c.month_of_year} {c.day_of_week} "
            f"({c.timezone})"
        )
    if tugas.interval is not None:
        return f"setiap {tugas.interval.every} {SATUAN.get(tugas.interval.period, '')}"
    return "jadwal khusus"
