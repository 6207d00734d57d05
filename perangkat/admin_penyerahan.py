"""SIPKATDES step 7 on screen: the operator hands the printed officials report to the Kepala
Desa (from the report page); the Kepala Desa opens it and records the date received."""

from __future__ import annotations

from django import forms as djforms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from perangkat.forms import PilihLaporanForm
from perangkat.models import PenyerahanLaporan
from perangkat.services.penyerahan import laporan_serahkan, laporan_terima
from sid.admin_aksi import halaman_aksi


class FormTerimaLaporan(djforms.Form):
    tanggal = djforms.DateField(
        label="Tanggal diterima",
        initial=timezone.localdate,
        widget=djforms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    catatan = djforms.CharField(
        label="Catatan (boleh kosong)", required=False, widget=djforms.Textarea(attrs={"rows": 2})
    )


@admin.register(PenyerahanLaporan)
class PenyerahanLaporanAdmin(admin.ModelAdmin):
    list_display = [
        "tanggal_keadaan",
        "jumlah_pengangkatan",
        "diserahkan_pada",
        "diserahkan_oleh",
        "status_terima",
    ]
    list_filter = [("tanggal_terima", admin.EmptyFieldListFilter)]
    search_fields = ["catatan", "diserahkan_oleh__username"]
    list_select_related = ["diserahkan_oleh", "diterima_oleh"]
    date_hierarchy = "diserahkan_pada"
    fields = [
        "tanggal_keadaan",
        "jumlah_pengangkatan",
        "unduh",
        "diserahkan_oleh",
        "diserahkan_pada",
        "status_terima",
        "catatan",
    ]
    readonly_fields = fields
    change_form_template = "admin/perangkat/penyerahanlaporan/change_form.html"

    def has_add_permission(self, request):
        return False  # handed over from the report page (Serahkan ke Kepala Desa)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="diterima Kepala Desa")
    def status_terima(self, obj):
        if obj.diterima:
            oleh = obj.diterima_oleh.get_username() if obj.diterima_oleh else "-"
            return f"Diterima {obj.tanggal_terima:%d-%m-%Y} ({oleh})"
        return "Belum diterima"

    @admin.display(description="laporan")
    def unduh(self, obj):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Buka PDF yang diserahkan</a>',
            reverse("admin:perangkat_penyerahanlaporan_berkas", args=[obj.pk]),
        )

    def get_urls(self):
        aksi = self.admin_site.admin_view
        return [
            path(
                "serahkan/", aksi(self.serahkan_view), name="perangkat_penyerahanlaporan_serahkan"
            ),
            path(
                "<int:pk>/terima/",
                aksi(self.terima_view),
                name="perangkat_penyerahanlaporan_terima",
            ),
            path(
                "<int:pk>/berkas/",
                aksi(self.berkas_view),
                name="perangkat_penyerahanlaporan_berkas",
            ),
            *super().get_urls(),
        ]

    def serahkan_view(self, request):
        """POST from the report page: print the report and hand it over."""
        if not request.user.has_perm("perangkat.add_penyerahanlaporan"):
            raise PermissionDenied
        kembali = reverse("admin:perangkat_laporan_data")
        if request.method != "POST":
            return HttpResponseRedirect(kembali)
        form = PilihLaporanForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "Tanggal laporan tidak sah.", messages.ERROR)
            return HttpResponseRedirect(kembali)
        try:
            p = laporan_serahkan(
                oleh=request.user,
                tanggal=form.cleaned_data["tanggal"],
                kertas=form.cleaned_data["kertas"] or "A4",
            )
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(kembali)
        self.message_user(
            request,
            "Laporan dicetak dan diserahkan; Kepala Desa mencatat penerimaannya di SID.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:perangkat_penyerahanlaporan_change", args=[p.pk])
        )

    def terima_view(self, request, pk):
        p = get_object_or_404(PenyerahanLaporan, pk=pk)
        return halaman_aksi(
            self,
            request,
            obj=p,
            form_class=FormTerimaLaporan,
            judul="Catat laporan diterima",
            jalankan=lambda data, _k: laporan_terima(
                oleh=request.user, penyerahan=p, tanggal=data["tanggal"], catatan=data["catatan"]
            ),
            berhasil="Penerimaan laporan dicatat.",
            izin=request.user.has_perm("perangkat.terima_laporan_perangkat") and not p.diterima,
            kembali=reverse("admin:perangkat_penyerahanlaporan_change", args=[p.pk]),
            keterangan="Laporan Data Perangkat Desa yang dicetak operator. Buka PDF-nya, "
            "periksa, lalu catat tanggal Anda menerimanya.",
        )

    def berkas_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        p = get_object_or_404(PenyerahanLaporan, pk=pk)
        try:
            berkas = p.berkas.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404("Berkas laporan tidak ditemukan di penyimpanan.") from None
        response = FileResponse(
            berkas,
            content_type="application/pdf",
            filename=f"laporan-data-perangkat-{p.tanggal_keadaan:%Y-%m-%d}.pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id) if object_id else None
        if obj is not None:
            extra_context["boleh_terima"] = (
                request.user.has_perm("perangkat.terima_laporan_perangkat") and not obj.diterima
            )
        return super().changeform_view(request, object_id, form_url, extra_context)
