"""Complaints and aspirations: the inbox by status, the thread, the reply with a status."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from mandiri import services
from mandiri.admin._umum import AdminTanpaLog, riwayat
from mandiri.forms import FormBalasPengaduan
from mandiri.models import Pengaduan
from mandiri.services.berkas import baca, tipe_konten
from sid.admin_aksi import pasang_galat, pk_angka


@admin.register(Pengaduan)
class PengaduanAdmin(AdminTanpaLog):
    list_display = ["dibuat", "judul", "jenis", "pengirim", "status", "jumlah_balasan"]
    list_display_links = ["dibuat", "judul"]
    list_select_related = ["penduduk"]
    list_filter = ["status", "jenis"]
    search_fields = ["judul", "penduduk__nama"]
    ordering = ["-dibuat", "-pk"]
    list_per_page = 50
    show_full_result_count = False
    actions = None

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_balasan=Count("balasan"))

    def has_add_permission(self, request):
        return False  # written by residents

    @admin.display(description="pengirim", ordering="penduduk__nama")
    def pengirim(self, obj):
        return obj.penduduk.nama

    @admin.display(description="balasan", ordering="n_balasan")
    def jumlah_balasan(self, obj):
        return obj.n_balasan

    def get_urls(self):
        v = self.admin_site.admin_view
        return [
            path("<int:pk>/foto/", v(self.foto_view), name="mandiri_pengaduan_foto"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        p = get_object_or_404(
            Pengaduan.objects.select_related("penduduk__wilayah__dusun", "penduduk__wilayah__rw"),
            pk=pk_angka(object_id),
        )
        ubah = self.has_change_permission(request)
        form = FormBalasPengaduan(request.POST or None, initial={"status": p.status})
        if request.method == "POST":
            if not ubah:
                raise PermissionDenied
            if form.is_valid() and not form.has_changed():
                # Saved as it was: nothing to record (as Django's own change form does).
                self.message_user(request, "Tidak ada yang diubah.", messages.INFO)
                return HttpResponseRedirect(p.get_absolute_url())
            if form.is_valid():
                try:
                    services.pengaduan_balas(
                        oleh=request.user,
                        pengaduan=p,
                        isi=form.cleaned_data["isi"],
                        status=form.cleaned_data["status"],
                    )
                except ValidationError as exc:
                    pasang_galat(form, exc)
                else:
                    self.message_user(request, "Balasan tersimpan.", messages.SUCCESS)
                    return HttpResponseRedirect(p.get_absolute_url())
        context = self.konteks(
            request,
            p.judul,
            p=p,
            balasan=list(p.balasan.select_related("oleh")),
            form=form,
            bisa_ubah=ubah,
            riwayat=riwayat(p, 30),
        )
        return TemplateResponse(request, "admin/mandiri/pengaduan/detail.html", context)

    def foto_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        p = get_object_or_404(Pengaduan, pk=pk)
        if not p.foto:
            raise Http404
        try:
            isi = baca(p.foto)
        except FileNotFoundError:
            raise Http404 from None
        response = HttpResponse(isi, content_type=tipe_konten(p.foto.name))
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
