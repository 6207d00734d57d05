"""Back office of residents' supporting documents: the kinds (a list the village extends), the
documents (list, correct, delete), the upload screen of a resident and the download view.

The documents are listed on the resident and family pages by `{% dokumen_penduduk %}` and
`{% dokumen_keluarga %}` (penduduk/templatetags/penduduk_dokumen.py). Files are private: the
download view checks `penduduk.view_dokumenpenduduk` and streams them.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html

from penduduk.forms_dokumen import DokumenForm, DokumenPeristiwaMixin, DokumenUbahForm
from penduduk.models import DokumenPenduduk, JenisDokumen, Penduduk
from penduduk.services import dokumen as layanan
from sid.admin_aksi import halaman_aksi
from sid.admin_layanan import AdminLayanan
from sid.lib.berkas import tipe_konten


def dengan_dokumen(request, data: dict, catat):
    """For the event screens: run `catat(event data)` with the form's cleaned data; the
    optional document of the event forms (penduduk/forms_dokumen.py) is kept in the same
    transaction (`peristiwa_dengan_dokumen`)."""
    data = {k: v for k, v in data.items() if k != "konfirmasi"}
    data, dokumen = DokumenPeristiwaMixin.pisahkan(data)
    return layanan.peristiwa_dengan_dokumen(
        oleh=request.user, catat=lambda: catat(data), dokumen=dokumen
    )


@admin.register(JenisDokumen)
class JenisDokumenAdmin(AdminLayanan):
    """The kinds of document the village keeps; one in use is deactivated, not deleted."""

    list_display = ["nama", "untuk_keluarga", "aktif", "urutan"]
    list_display_links = ["nama"]
    list_filter = ["aktif", "untuk_keluarga"]
    list_select_related = []
    search_fields = ["nama"]
    fields = ["nama", "untuk_keluarga", "urutan", "aktif"]

    layanan_create = staticmethod(layanan.jenis_dokumen_create)
    layanan_update = staticmethod(layanan.jenis_dokumen_update)
    layanan_hapus = staticmethod(layanan.jenis_dokumen_delete)
    nama_argumen = "jenis"


@admin.register(DokumenPenduduk)
class DokumenPendudukAdmin(AdminLayanan):
    """Every stored document. Uploads start on the resident page (`unggah/<penduduk>/`)."""

    form = DokumenUbahForm
    list_display = ["jenis", "nomor", "penduduk", "keluarga", "tanggal", "dibuat", "unduh"]
    list_display_links = ["jenis"]
    list_filter = ["jenis"]
    list_select_related = ["jenis", "penduduk", "keluarga"]
    search_fields = ["nomor", "penduduk__nama", "=penduduk__nik", "=keluarga__no_kk"]
    autocomplete_fields = []
    fields = [
        "pemilik",
        "jenis",
        "nomor",
        "tanggal",
        "keterangan",
        "unduh",
        "peristiwa",
        "nama_berkas",
        "diunggah_oleh",
        "dibuat",
    ]
    readonly_fields = ["pemilik", "unduh", "peristiwa", "nama_berkas", "diunggah_oleh", "dibuat"]
    date_hierarchy = None

    layanan_update = staticmethod(layanan.dokumen_update)
    layanan_hapus = staticmethod(layanan.dokumen_hapus)
    nama_argumen = "dokumen"

    def has_add_permission(self, request):
        return False  # an upload belongs to a resident: the resident page's upload screen

    @admin.display(description="penduduk")
    def pemilik(self, obj):
        p = obj.penduduk
        kk = f" · KK {obj.keluarga.no_kk}" if obj.keluarga_id else ""
        return format_html('<a href="{}">{}</a> ({}){}', p.get_absolute_url(), p.nama, p.nik, kk)

    @admin.display(description="berkas")
    def unduh(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Lihat {}</a>',
            reverse("admin:penduduk_dokumenpenduduk_unduh", args=[obj.pk]),
            obj.jenis_berkas.upper(),
        )

    def get_urls(self):
        aksi = self.admin_site.admin_view
        return [
            path(
                "unggah/<int:penduduk>/",
                aksi(self.unggah_view),
                name="penduduk_dokumenpenduduk_unggah",
            ),
            path("<int:pk>/unduh/", aksi(self.unduh_view), name="penduduk_dokumenpenduduk_unduh"),
            *super().get_urls(),
        ]

    def unggah_view(self, request, penduduk):
        p = get_object_or_404(Penduduk, pk=penduduk)
        return halaman_aksi(
            self,
            request,
            obj=p,
            form_class=DokumenForm,
            judul="Unggah dokumen",
            izin=request.user.has_perm("penduduk.add_dokumenpenduduk"),
            berhasil="Dokumen disimpan.",
            keterangan="Pindaian KK, KTP, akta, surat pindah, buku nikah dan lainnya. Berkas "
            "disimpan privat dan hanya dapat dibuka petugas yang berhak serta pemiliknya di "
            "Layanan Mandiri.",
            jalankan=lambda data, _k: (
                layanan.dokumen_tambah(
                    oleh=request.user,
                    penduduk=p,
                    jenis=data["jenis"],
                    berkas=data["berkas"],
                    nomor=data.get("nomor", ""),
                    tanggal=data.get("tanggal"),
                    keterangan=data.get("keterangan", ""),
                )
                and p
            ),
        )

    def unduh_view(self, request, pk):
        """Stream a document to staff allowed to see documents (inline: PDF/image viewer)."""
        if not request.user.has_perm("penduduk.view_dokumenpenduduk"):
            raise PermissionDenied
        d = get_object_or_404(DokumenPenduduk.objects.select_related("jenis"), pk=pk)
        try:
            berkas = d.berkas.open("rb")
        except FileNotFoundError:
            raise Http404("Berkas dokumen tidak ditemukan di penyimpanan.") from None
        response = FileResponse(
            berkas,
            content_type=tipe_konten(d.berkas.name),
            as_attachment=False,
            filename=d.nama_unduhan,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    def delete_model(self, request, obj):
        request._kembali_dokumen = obj.penduduk.get_absolute_url()
        super().delete_model(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        kembali = getattr(request, "_kembali_dokumen", "")
        if kembali:
            self.message_user(request, f"Dokumen {obj_display} dihapus.")
            return HttpResponseRedirect(kembali)
        return super().response_delete(request, obj_display, obj_id)

    def response_change(self, request, obj):
        if "_continue" not in request.POST:
            self.message_user(request, f"Dokumen {obj} disimpan.")
            return HttpResponseRedirect(obj.penduduk.get_absolute_url())
        return super().response_change(request, obj)
