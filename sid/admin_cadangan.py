"""Back-office screens for backups (administrators only; everyone else gets 403).

The list of `LogCadangan` with "Buat cadangan sekarang", download, and the restore flow:
choose or upload an archive → dry run (what will be replaced) → confirm → queued restore.
Every action goes through `sid.cadangan.services` (which writes the audit entries).
"""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from sid.cadangan import ArsipDitolak, boleh_kelola, jalur_berkas, kunci_enkripsi, pemulihan
from sid.cadangan import services as layanan
from sid.cadangan.jadwal import jadwal_mingguan, uraian_jadwal
from sid.models import LogCadangan

Status = LogCadangan.Status
GARAM_KONFIRMASI = "sid.cadangan.pulihkan"
LENCANA = {
    Status.OK: "sid-lencana-ok",
    Status.GAGAL: "sid-lencana-mati",
    Status.BERJALAN: "sid-lencana-peringatan",
    Status.ANTRE: "sid-lencana-peringatan",
}


class FormPilihArsip(forms.Form):
    arsip = forms.ChoiceField(
        label="Arsip di server",
        required=False,
        help_text="Cadangan di folder cadangan SID, termasuk yang disalin ke sana secara manual.",
    )
    unggahan = forms.FileField(
        label="atau unggah arsip",
        required=False,
        help_text="Berkas .tar.gz atau .tar.gz.enc dari SID. Arsip besar lebih cepat disalin ke "
        "folder cadangan di server lalu dipilih di atas, atau dipulihkan dengan "
        "'python manage.py pulihkan'.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arsip"].choices = [("", "— pilih —")] + [
            (
                a["relatif"],
                f"{a['relatif']} ({filesizeformat(a['ukuran'])}, "
                f"{timezone.localtime(a['waktu']):%d-%m-%Y %H:%M})",
            )
            for a in pemulihan.arsip_tersedia()
        ]

    def clean(self):
        data = super().clean()
        if bool(data.get("arsip")) == bool(data.get("unggahan")):
            raise ValidationError("Pilih satu arsip di server atau unggah satu arsip.")
        return data


class FormKonfirmasi(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    paham = forms.BooleanField(
        label="Saya mengerti: semua data dan berkas sekarang akan diganti dengan isi arsip ini.",
        error_messages={"required": "Centang pernyataan ini untuk melanjutkan."},
    )


@admin.register(LogCadangan)
class LogCadanganAdmin(admin.ModelAdmin):
    change_list_template = "admin/sid/cadangan/daftar.html"
    list_display = [
        "waktu",
        "jenis",
        "lencana_status",
        "ukuran_tampil",
        "terverifikasi",
        "ringkasan_isi",
        "tautan",
    ]
    list_filter = ["jenis", "status", "terverifikasi"]
    search_fields = ["berkas", "pelaku", "pesan_galat"]
    list_select_related = ["oleh"]
    list_per_page = 50
    actions = ["hapus_berkas"]
    fields = [
        "jenis",
        "lencana_status",
        "dimulai",
        "selesai",
        "pelaku",
        "berkas",
        "ukuran_tampil",
        "sha256",
        "terverifikasi",
        "terenkripsi",
        "ringkasan_isi",
        "rincian_isi",
        "disalin_ke",
        "dihapus",
        "pesan_galat",
    ]
    readonly_fields = fields

    # --- access: administrators only --------------------------------------------------
    def has_module_permission(self, request):
        return boleh_kelola(request.user)

    def has_view_permission(self, request, obj=None):
        return boleh_kelola(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return super().get_actions(request) if boleh_kelola(request.user) else {}

    # --- columns ------------------------------------------------------------------------
    @admin.display(description="waktu", ordering="dimulai")
    def waktu(self, obj):
        return f"{timezone.localtime(obj.dimulai):%d-%m-%Y %H:%M}"

    @admin.display(description="status", ordering="status")
    def lencana_status(self, obj):
        teks = obj.get_status_display()
        if obj.dihapus:
            teks += " · berkas dihapus"
        return format_html(
            '<span class="sid-lencana {}" title="{}">{}</span>',
            LENCANA.get(obj.status, ""),
            obj.pesan_galat,
            teks,
        )

    @admin.display(description="ukuran", ordering="ukuran")
    def ukuran_tampil(self, obj):
        return filesizeformat(obj.ukuran) if obj.ukuran else "-"

    @admin.display(description="isi")
    def ringkasan_isi(self, obj):
        isi = obj.isi or {}
        if "progres" in isi:
            p = isi["progres"]
            if p.get("tahap") == "berkas":
                return f"menyalin berkas: {p['berkas']} ({filesizeformat(p['ukuran'])})…"
            return "menyalin basis data…"
        if obj.status == Status.GAGAL and obj.pesan_galat:
            return obj.pesan_galat[:200]
        if obj.jenis == LogCadangan.Jenis.PEMULIHAN:
            if not isi.get("baris"):
                return f"dari {Path(obj.berkas).name}"
            return (
                f"dari {Path(obj.berkas).name}: {isi['baris']} baris, {isi.get('berkas', 0)} "
                "berkas dipulihkan"
            )
        if not isi.get("tabel"):
            return "-"
        teks = (
            f"{isi.get('penduduk', 0)} penduduk · {isi.get('keluarga', 0)} KK · "
            f"{isi.get('berkas', 0)} berkas ({filesizeformat(isi.get('ukuran_berkas', 0))})"
        )
        if obj.terenkripsi:
            teks += " · terenkripsi"
        if obj.pesan_galat:
            teks += f" · {obj.pesan_galat}"
        return teks

    @admin.display(description="rincian")
    def rincian_isi(self, obj):
        isi = obj.isi or {}
        bagian = [
            f"{isi['baris']} baris dalam {isi['tabel']} tabel" if isi.get("tabel") else "",
            f"SID {isi['versi']}" if isi.get("versi") else "",
            f"basis data {isi['database']}" if isi.get("database") else "",
            f"cadangan sebelum pemulihan: {isi['cadangan_sebelum']}"
            if isi.get("cadangan_sebelum")
            else "",
        ]
        return " · ".join(b for b in bagian if b) or "-"

    @admin.display(description="")
    def tautan(self, obj):
        if obj.status == Status.OK and obj.jenis != LogCadangan.Jenis.PEMULIHAN and not obj.dihapus:
            return format_html(
                '<a class="button" href="{}">Unduh</a>',
                reverse("admin:sid_logcadangan_unduh", args=[obj.pk]),
            )
        return ""

    # --- actions ------------------------------------------------------------------------
    @admin.action(description="Hapus berkas cadangan yang dipilih (catatan tetap disimpan)")
    def hapus_berkas(self, request, queryset):
        if not boleh_kelola(request.user):
            raise PermissionDenied
        jumlah = 0
        for log in queryset:
            try:
                layanan.cadangan_hapus(oleh=request.user, log=log)
            except ValidationError as exc:
                self.message_user(request, f"{log}: {' '.join(exc.messages)}", messages.WARNING)
            else:
                jumlah += 1
        if jumlah:
            self.message_user(request, f"{jumlah} berkas cadangan dihapus.", messages.SUCCESS)

    # --- extra screens ------------------------------------------------------------------
    def get_urls(self):
        lihat = self.admin_site.admin_view
        return [
            path("buat/", lihat(self.buat_view), name="sid_logcadangan_buat"),
            path("pulihkan/", lihat(self.pulihkan_view), name="sid_logcadangan_pulihkan"),
            path("<int:pk>/unduh/", lihat(self.unduh_view), name="sid_logcadangan_unduh"),
            *super().get_urls(),
        ]

    def _wajib_admin(self, request) -> None:
        if not boleh_kelola(request.user):
            raise PermissionDenied

    def changelist_view(self, request, extra_context=None):
        self._wajib_admin(request)
        berjalan = LogCadangan.objects.filter(status__in=[Status.ANTRE, Status.BERJALAN]).exists()
        jadwal = jadwal_mingguan()
        extra_context = {
            **(extra_context or {}),
            "title": "Cadangan data",
            "berjalan": berjalan,
            "jadwal": jadwal,
            "jadwal_teks": uraian_jadwal(jadwal) if jadwal else "",
            "simpan_mingguan": settings.SID_CADANGAN_SIMPAN_MINGGUAN,
            "simpan_bulanan": settings.SID_CADANGAN_SIMPAN_BULANAN,
            "folder": settings.BACKUP_ROOT,
            "salinan": settings.SID_CADANGAN_SALINAN_DIR,
            "terenkripsi": bool(kunci_enkripsi()),
            "tugas_langsung": settings.SID_TUGAS_DALAM_PROSES,
        }
        return super().changelist_view(request, extra_context)

    def buat_view(self, request):
        self._wajib_admin(request)
        return require_POST(self._buat)(request)

    def _buat(self, request):
        try:
            log = layanan.cadangan_minta(oleh=request.user)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            log.refresh_from_db()  # without a worker (demo) the backup has already run
            if log.status == Status.OK:
                self.message_user(
                    request, f"Cadangan selesai dan terverifikasi: {log.berkas}.", messages.SUCCESS
                )
            elif log.status == Status.GAGAL:
                self.message_user(request, log.pesan_galat, messages.ERROR)
            else:
                self.message_user(
                    request,
                    "Cadangan sedang dibuat di latar belakang; halaman ini diperbarui otomatis.",
                    messages.INFO,
                )
        return HttpResponseRedirect(reverse("admin:sid_logcadangan_changelist"))

    def unduh_view(self, request, pk):
        self._wajib_admin(request)
        log = get_object_or_404(LogCadangan, pk=pk)
        try:
            path = layanan.cadangan_unduh(oleh=request.user, log=log)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:sid_logcadangan_changelist"))
        return FileResponse(
            open(path, "rb"),  # noqa: SIM115 - FileResponse closes it
            as_attachment=True,
            filename=path.name,
            content_type="application/octet-stream",
        )

    def pulihkan_view(self, request):
        self._wajib_admin(request)
        konteks = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Pulihkan dari cadangan",
            "has_view_permission": True,
        }
        if request.method == "POST" and "token" in request.POST:
            return self._jalankan(request, konteks)
        form = FormPilihArsip(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            unggah = form.cleaned_data.get("unggahan")
            berkas = (
                pemulihan.simpan_unggahan(unggah)
                if unggah
                else jalur_berkas(form.cleaned_data["arsip"])
            )
            try:
                rencana = pemulihan.cadangan_periksa(berkas=berkas)
            except ArsipDitolak as exc:
                if unggah:
                    pemulihan.hapus_unggahan(berkas)
                form.add_error(None, exc.messages)
            else:
                token = signing.dumps(
                    {"berkas": pemulihan.relatif_folder(berkas)}, salt=GARAM_KONFIRMASI
                )
                return TemplateResponse(
                    request,
                    "admin/sid/cadangan/rencana.html",
                    {
                        **konteks,
                        "title": "Periksa sebelum memulihkan",
                        "rencana": rencana,
                        "form": FormKonfirmasi(initial={"token": token}),
                    },
                )
        return TemplateResponse(
            request, "admin/sid/cadangan/pulihkan.html", {**konteks, "form": form}
        )

    def _jalankan(self, request, konteks):
        form = FormKonfirmasi(request.POST)
        try:
            data = signing.loads(request.POST.get("token", ""), salt=GARAM_KONFIRMASI, max_age=3600)
        except signing.BadSignature:
            self.message_user(request, "Formulir kedaluwarsa; periksa arsip lagi.", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:sid_logcadangan_pulihkan"))
        berkas = jalur_berkas(data["berkas"])
        if not form.is_valid():
            try:
                rencana = pemulihan.cadangan_periksa(berkas=berkas)
            except ArsipDitolak as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
                return HttpResponseRedirect(reverse("admin:sid_logcadangan_pulihkan"))
            return TemplateResponse(
                request,
                "admin/sid/cadangan/rencana.html",
                {
                    **konteks,
                    "title": "Periksa sebelum memulihkan",
                    "rencana": rencana,
                    "form": form,
                },
            )
        try:
            log = pemulihan.cadangan_minta_pulihkan(oleh=request.user, berkas=berkas)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:sid_logcadangan_changelist"))
        log.refresh_from_db()  # without a worker (demo) the restore has already run
        if log.status == Status.OK:
            self.message_user(
                request,
                "Pemulihan selesai dan terverifikasi. Semua sesi login diakhiri: masuk kembali "
                "dengan akun dari data yang dipulihkan.",
                messages.SUCCESS,
            )
        elif log.status == Status.GAGAL:
            self.message_user(request, f"Pemulihan gagal: {log.pesan_galat}", messages.ERROR)
        else:
            self.message_user(
                request,
                "Pemulihan berjalan di latar belakang. Setelah selesai semua sesi login diakhiri; "
                "hasilnya tampil di daftar ini.",
                messages.INFO,
            )
        return HttpResponseRedirect(reverse("admin:sid_logcadangan_changelist"))
