"""*Jadwal tugas*: the one back-office screen of the scheduled jobs (django-celery-beat's
periodic tasks), in plain Indonesian — what runs, when, when it last ran and with what result.

Beat's own admin screens (clocked, crontab, interval, solar, periodic task) are unregistered:
the schedules are written by the apps' data migrations, and an administrator only needs to see
them, switch one off or on, and move a job run once a day (the weekly backup) to another day or
time. Who may open it: holders of `sid.view_jadwaltugas` (the Administrator role; superusers).
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django_celery_beat import admin as beat_admin  # noqa: F401 - registers beat's screens first
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    PeriodicTasks,
    SolarSchedule,
)

from sid.cadangan.jadwal import HARI, uraian_jadwal
from sid.cadangan.jadwal import TUGAS as TUGAS_CADANGAN
from sid.lib.audit import catat_aktivitas
from sid.models import JadwalTugas, LogCadangan

for _model in (ClockedSchedule, CrontabSchedule, IntervalSchedule, PeriodicTask, SolarSchedule):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)

# Task name → a function giving the last result in words (or None when none is recorded):
# the weekly backup's below, the sync jobs' in SinkronConfig.ready.
_HASIL: dict[str, object] = {}


def daftarkan_hasil(tugas: str, fungsi) -> None:
    """Register how to tell the last result of `tugas` (a Celery task name)."""
    _HASIL[tugas] = fungsi


def hasil_terakhir(tugas: JadwalTugas) -> str:
    fungsi = _HASIL.get(tugas.task)
    hasil = fungsi() if fungsi else None
    if hasil:
        return hasil
    if tugas.total_run_count:
        return f"Sudah dijalankan {tugas.total_run_count} kali; hasilnya tidak dicatat."
    return "Belum pernah dijalankan."


def _hasil_cadangan() -> str | None:
    log = (
        LogCadangan.objects.filter(jenis=LogCadangan.Jenis.MINGGUAN)
        .order_by("-dimulai", "-pk")
        .first()
    )
    if log is None:
        return None
    waktu = timezone.localtime(log.selesai or log.dimulai)
    teks = f"{log.get_status_display()} ({waktu:%d-%m-%Y %H.%M})"
    return f"{teks}: {log.pesan_galat}" if log.pesan_galat else teks


daftarkan_hasil(TUGAS_CADANGAN, _hasil_cadangan)


def _jadwal_sederhana(tugas) -> bool:
    """A crontab run at one time of day, every day or on one weekday: editable here."""
    c = tugas.crontab
    return bool(
        c is not None
        and c.minute.isdigit()
        and c.hour.isdigit()
        and c.day_of_month == c.month_of_year == "*"
        and (c.day_of_week == "*" or c.day_of_week.isdigit())
    )


class FormJadwal(forms.ModelForm):
    """Switch a task off or on; for a task run at one time of day, also the day and time."""

    hari = forms.ChoiceField(
        label="hari",
        choices=[("*", "setiap hari"), *((str(i), f"setiap {h}") for i, h in enumerate(HARI))],
    )
    jam = forms.TimeField(
        label="pukul",
        widget=forms.TimeInput(format="%H:%M"),
        help_text="Jam:menit, mis. 02:00 (waktu zona jadwal ini).",
        error_messages={"invalid": "Tulis jam seperti 02:00."},
    )

    class Meta:
        model = JadwalTugas
        fields = ["enabled"]
        labels = {"enabled": "aktif"}
        help_texts = {"enabled": "Kosongkan agar tugas ini tidak dijalankan."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tugas = self.instance
        if tugas.pk and _jadwal_sederhana(tugas):
            c = tugas.crontab
            self.fields["hari"].initial = c.day_of_week
            self.fields["jam"].initial = datetime.time(int(c.hour) % 24, int(c.minute) % 60)
        else:
            del self.fields["hari"], self.fields["jam"]


@admin.register(JadwalTugas)
class JadwalTugasAdmin(admin.ModelAdmin):
    list_display = ["nama", "kegunaan", "jadwal", "aktif", "terakhir", "hasil"]
    list_display_links = ["nama"]
    search_fields = ["name", "description"]
    list_select_related = ["crontab", "interval", "solar", "clocked"]
    ordering = ["name"]
    actions = ["aktifkan", "matikan"]
    form = FormJadwal
    readonly_fields = ["nama", "kegunaan", "jadwal", "terakhir", "hasil"]

    def get_fields(self, request, obj=None):
        ubah = ["enabled", "hari", "jam"] if obj and _jadwal_sederhana(obj) else ["enabled"]
        if not self.has_change_permission(request, obj):
            return [*self.readonly_fields[:3], "aktif", *self.readonly_fields[3:]]
        return [*self.readonly_fields, *ubah]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)

    @admin.display(description="nama tugas", ordering="name")
    def nama(self, obj):
        return obj.name

    @admin.display(description="yang dikerjakan")
    def kegunaan(self, obj):
        return obj.description or "-"

    @admin.display(description="kapan dijalankan")
    def jadwal(self, obj):
        if obj.clocked_id:
            return f"sekali, pada {obj.clocked.clocked_time:%d-%m-%Y %H.%M}"
        if obj.solar_id:
            return "menurut waktu matahari"
        return uraian_jadwal(obj)

    @admin.display(description="aktif", boolean=True, ordering="enabled")
    def aktif(self, obj):
        return obj.enabled

    @admin.display(description="terakhir dijalankan", ordering="last_run_at")
    def terakhir(self, obj):
        if obj.last_run_at is None:
            return "belum pernah"
        return f"{timezone.localtime(obj.last_run_at):%d-%m-%Y %H.%M}"

    @admin.display(description="hasil terakhir")
    def hasil(self, obj):
        return hasil_terakhir(obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if "hari" in form.cleaned_data:
            lama = obj.crontab
            jam = form.cleaned_data["jam"]
            obj.crontab, _ = CrontabSchedule.objects.get_or_create(
                minute=str(jam.minute),
                hour=str(jam.hour),
                day_of_week=form.cleaned_data["hari"],
                day_of_month="*",
                month_of_year="*",
                timezone=lama.timezone,
            )
        obj.save()
        PeriodicTasks.update_changed()
        status = "aktif" if obj.enabled else "dimatikan"
        catat_aktivitas(
            oleh=request.user,
            aksi="ubah",
            objek=obj,
            keterangan=f"Jadwal: {uraian_jadwal(obj)}, {status}.",
        )

    def log_change(self, request, obj, message):
        return None  # the audit log (LogAktivitas) is the record

    def _atur(self, request, queryset, aktif: bool) -> None:
        jumlah = 0
        for tugas in queryset:
            if tugas.enabled == aktif:
                continue
            tugas.enabled = aktif
            tugas.save(update_fields=["enabled"])
            catat_aktivitas(
                oleh=request.user,
                aksi="jadwal_aktifkan" if aktif else "jadwal_matikan",
                objek=tugas,
                keterangan="Jadwal diaktifkan." if aktif else "Jadwal dimatikan.",
            )
            jumlah += 1
        PeriodicTasks.update_changed()
        kata = "diaktifkan" if aktif else "dimatikan"
        self.message_user(request, f"{jumlah} jadwal {kata}.", messages.SUCCESS)

    @admin.action(description="Aktifkan jadwal terpilih", permissions=["change"])
    def aktifkan(self, request, queryset):
        self._atur(request, queryset, True)

    @admin.action(description="Matikan jadwal terpilih", permissions=["change"])
    def matikan(self, request, queryset):
        self._atur(request, queryset, False)
