"""Back office of the letter settings (one row)."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse

from sid.admin_aksi import halaman_aksi
from surat import forms, services
from surat.models import PengaturanSurat


@admin.register(PengaturanSurat)
class PengaturanSuratAdmin(admin.ModelAdmin):
    list_display = ["__str__", "penomoran", "verifikasi_sekretaris", "tanda_tangan_kepala_desa"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("surat.atur_pengaturan_surat")

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        PengaturanSurat.ambil()
        return HttpResponseRedirect(reverse("admin:surat_pengaturansurat_change", args=[1]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        p = PengaturanSurat.ambil()
        bisa = self.has_change_permission(request, p)
        return halaman_aksi(
            self,
            request,
            obj=p,
            form_class=forms.FormPengaturan,
            judul="Pengaturan layanan surat",
            izin=bisa or self.has_view_permission(request, p),
            berhasil="Pengaturan surat disimpan.",
            kembali=reverse("admin:surat_pengaturansurat_change", args=[1]),
            form_kwargs={"instance": p},
            keterangan="Langkah persetujuan dan penomoran surat. Perubahan berlaku untuk surat "
            "berikutnya; surat yang sudah terbit tidak berubah.",
            jalankan=lambda data, konfirmasi: _simpan(request, data, konfirmasi, bisa),
        )

    def log_change(self, request, obj, message):
        return None


def _simpan(request, data, konfirmasi, bisa):
    from django.core.exceptions import PermissionDenied

    if not bisa:
        raise PermissionDenied
    data = {k: v for k, v in data.items() if k != "konfirmasi"}
    return services.pengaturan_surat_update(oleh=request.user, data=data, konfirmasi=konfirmasi)
