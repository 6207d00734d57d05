"""Hub notices (read and acknowledge) and the village's reports to a hub (threads)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from sid.admin_aksi import halaman_aksi, pasang_galat
from sinkron.forms import FormBalas, FormTiket
from sinkron.models import PengumumanDesa, PesanTiketDesa, TiketDesa
from sinkron.services import percakapan as layanan


class FilterDibaca(admin.SimpleListFilter):
    title = "dibaca"
    parameter_name = "dibaca"

    def lookups(self, request, model_admin):
        return [("belum", "Belum dibaca"), ("sudah", "Sudah dibaca")]

    def queryset(self, request, queryset):
        if self.value() == "belum":
            return queryset.filter(dibaca_pada__isnull=True)
        if self.value() == "sudah":
            return queryset.filter(dibaca_pada__isnull=False)
        return queryset


def _unduh(field_file, jenis: str, nama: str) -> FileResponse:
    if not field_file:
        raise Http404
    return FileResponse(field_file.open("rb"), content_type=jenis, filename=nama)


@admin.register(PengumumanDesa)
class PengumumanDesaAdmin(admin.ModelAdmin):
    list_display = ["judul", "hub", "dikirim_pada", "status_baca"]
    list_filter = [FilterDibaca, "hub"]
    search_fields = ["judul", "isi"]
    list_select_related = ["hub", "dibaca_oleh"]

    @admin.display(description="dibaca")
    def status_baca(self, obj):
        if obj.dibaca_pada:
            return f"{obj.dibaca_pada:%d-%m-%Y %H:%M} · {obj.dibaca_oleh or '-'}"
        return "belum"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        v = self.admin_site.admin_view
        return [
            path("<int:pk>/baca/", v(self.baca_view), name="sinkron_pengumumandesa_baca"),
            path(
                "<int:pk>/lampiran/", v(self.lampiran_view), name="sinkron_pengumumandesa_lampiran"
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        p = get_object_or_404(PengumumanDesa.objects.select_related("hub"), pk=object_id)
        return TemplateResponse(
            request,
            "admin/sinkron/pengumumandesa/detail.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": p.judul,
                "p": p,
                "boleh_baca": self.has_change_permission(request, p),
            },
        )

    def baca_view(self, request, pk):
        p = get_object_or_404(PengumumanDesa, pk=pk)
        if not self.has_change_permission(request, p):
            raise PermissionDenied
        if request.method == "POST":
            layanan.pengumuman_tandai_dibaca(oleh=request.user, pengumuman=p)
            self.message_user(
                request, "Ditandai sudah dibaca; hub akan melihatnya.", messages.SUCCESS
            )
        return HttpResponseRedirect(reverse("admin:sinkron_pengumumandesa_change", args=[p.pk]))

    def lampiran_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        p = get_object_or_404(PengumumanDesa, pk=pk)
        return _unduh(p.lampiran, p.lampiran_jenis, p.lampiran_nama)


@admin.register(TiketDesa)
class TiketDesaAdmin(admin.ModelAdmin):
    list_display = ["judul", "hub", "kategori", "status", "diperbarui", "ada_balasan"]
    list_filter = ["status", "ada_balasan", "kategori", "hub"]
    search_fields = ["judul"]
    list_select_related = ["hub"]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        v = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/lampiran/<uuid:pesan>/",
                v(self.lampiran_view),
                name="sinkron_tiketdesa_lampiran",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return halaman_aksi(
            self,
            request,
            obj=None,
            form_class=FormTiket,
            judul="Laporkan masalah / minta bantuan ke hub",
            jalankan=lambda d, _k: layanan.tiket_buat(
                oleh=request.user,
                hub=d["hub"],
                kategori=d["kategori"],
                judul=d["judul"],
                isi=d["isi"],
                lampiran=d.get("lampiran"),
            ),
            berhasil="Laporan dikirim ke hub. Jawaban hub tampil di halaman laporan ini.",
            izin=self.has_add_permission(request),
            kembali=reverse("admin:sinkron_tiketdesa_changelist"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        t = get_object_or_404(TiketDesa.objects.select_related("hub"), pk=object_id)
        boleh_balas = self.has_change_permission(request, t)
        form = FormBalas(request.POST or None, request.FILES or None)
        if request.method == "POST":
            if not boleh_balas:
                raise PermissionDenied
            if form.is_valid():
                try:
                    layanan.tiket_balas(
                        oleh=request.user,
                        tiket=t,
                        isi=form.cleaned_data["isi"],
                        lampiran=form.cleaned_data.get("lampiran"),
                    )
                except ValidationError as exc:
                    pasang_galat(form, exc)
                else:
                    self.message_user(request, "Balasan dikirim ke hub.", messages.SUCCESS)
                    return HttpResponseRedirect(request.path)
        layanan.tiket_dilihat(tiket=t)
        return TemplateResponse(
            request,
            "admin/sinkron/tiketdesa/detail.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": t.judul,
                "t": t,
                "pesan": list(t.pesan.all()),
                "form": form,
                "boleh_balas": boleh_balas,
            },
        )

    def lampiran_view(self, request, pk, pesan):
        if not self.has_view_permission(request):
            raise PermissionDenied
        p = get_object_or_404(PesanTiketDesa, tiket_id=pk, uuid=pesan)
        return _unduh(p.lampiran, p.lampiran_jenis, p.lampiran_nama)
