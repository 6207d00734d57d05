"""The role screen (Groups): each built-in role's differences from its defaults, with
*Kembalikan ke bawaan*, and the access report (SIAK SOP step 9) as PDF and Excel."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone

from sid import laporan_akses, peran
from sid.admin_izin import PilihanIzinMixin
from sid.lib.audit import catat_aktivitas


def _label(p) -> str:
    return f"{p.content_type.app_label}.{p.codename} ({p.name})"


@admin.register(Group)
class PeranAdmin(PilihanIzinMixin, GroupAdmin):
    change_form_template = "admin/auth/group/change_form.html"
    change_list_template = "admin/auth/group/change_list.html"

    def get_urls(self):
        aksi = self.admin_site.admin_view
        return [
            path("laporan-akses/", aksi(self.laporan_akses_view), name="auth_group_laporan_akses"),
            path("<int:pk>/bawaan/", aksi(self.bawaan_view), name="auth_group_bawaan"),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            group = self.get_object(request, object_id)
            if group is not None and group.name in peran.ATURAN:
                kurang, lebih = peran.selisih_bawaan(group)
                extra_context.update(
                    peran_bawaan=True,
                    hak_kurang=[_label(p) for p in kurang],
                    hak_lebih=[_label(p) for p in lebih],
                    boleh_kembalikan=self.has_change_permission(request, group),
                )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "boleh_laporan_akses": request.user.has_perm("auth.view_user"),
        }
        return super().changelist_view(request, extra_context)

    def save_related(self, request, form, formsets, change):
        sebelum = set(form.instance.permissions.values_list("pk", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        sesudah = set(form.instance.permissions.values_list("pk", flat=True))
        if sebelum != sesudah:
            catat_aktivitas(
                oleh=request.user,
                aksi="ubah_hak_peran",
                objek=form.instance,
                keterangan=f"{len(sesudah - sebelum)} hak ditambahkan, "
                f"{len(sebelum - sesudah)} hak dicabut.",
            )

    def bawaan_view(self, request, pk):
        """POST: set a built-in role back to its default rights."""
        group = get_object_or_404(Group, pk=pk)
        if not self.has_change_permission(request, group):
            raise PermissionDenied
        tujuan = reverse("admin:auth_group_change", args=[group.pk])
        if request.method != "POST":
            return HttpResponseRedirect(tujuan)
        if group.name not in peran.ATURAN:
            self.message_user(request, "Peran ini bukan peran bawaan SID.", messages.ERROR)
            return HttpResponseRedirect(tujuan)
        tambah, cabut = peran.peran_kembalikan_bawaan(oleh=request.user, group=group)
        self.message_user(
            request,
            f"Hak peran {group.name} dikembalikan ke bawaan: {tambah} ditambahkan kembali, "
            f"{cabut} dicabut.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(tujuan)

    def laporan_akses_view(self, request):
        """The access report: ?format=pdf (default) or ?format=xlsx."""
        if not request.user.has_perm("auth.view_user"):
            raise PermissionDenied
        daftar = laporan_akses.laporan_akses()
        tanggal = f"{timezone.localdate():%Y-%m-%d}"
        if request.GET.get("format") == "xlsx":
            respons = HttpResponse(
                laporan_akses.sebagai_xlsx(daftar),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            respons["Content-Disposition"] = f'attachment; filename="laporan-akses-{tanggal}.xlsx"'
        else:
            respons = HttpResponse(
                laporan_akses.sebagai_pdf(daftar), content_type="application/pdf"
            )
            respons["Content-Disposition"] = f'inline; filename="laporan-akses-{tanggal}.pdf"'
        catat_aktivitas(
            oleh=request.user,
            aksi="unduh_laporan_akses",
            keterangan=f"Laporan hak akses ({len(daftar)} akun), "
            f"{'Excel' if request.GET.get('format') == 'xlsx' else 'PDF'}.",
        )
        return respons
