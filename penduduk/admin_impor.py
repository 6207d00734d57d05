"""Back office of resident imports: upload (add), preview / progress / result (change).

Imported at the end of penduduk/admin.py. Who may do what: upload and confirm need
`add_imporpenduduk` / `change_imporpenduduk` plus `change_penduduk` (Operator, Administrator);
viewing jobs and downloading refused rows need `view_imporpenduduk`.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from penduduk import ekspor
from penduduk.impor import formats, layanan
from penduduk.impor import kolom as K
from penduduk.models import ImporPenduduk
from sid.admin_aksi import FormAksi, halaman_aksi

BATAS_TAMPIL_GALAT = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FormUnggahImpor(FormAksi):
    berkas = forms.FileField(
        label="Berkas penduduk",
        help_text="",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        templat = reverse("admin:penduduk_imporpenduduk_templat")
        self.fields["berkas"].help_text = format_html(
            "Format OpenSID (.xlsx, 43 kolom; <a href='{}'>unduh templat</a>) atau ekspor SIAK "
            "(.xls/.xlsx), maksimal {} MB. Setelah diunggah, SID memeriksa setiap baris dan "
            "menampilkan pratinjau; belum ada data yang disimpan sebelum Anda mengonfirmasi.",
            templat,
            formats.BATAS_BYTE // (1024 * 1024),
        )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > formats.BATAS_BYTE:
            raise ValidationError(
                f"Berkas terlalu besar ({berkas.size / 1024 / 1024:.1f} MB); batasnya "
                f"{formats.BATAS_BYTE // (1024 * 1024)} MB. Pecah data menjadi beberapa berkas."
            )
        return berkas


@admin.register(ImporPenduduk)
class ImporPendudukAdmin(admin.ModelAdmin):
    list_display = [
        "nama_berkas",
        "format",
        "status",
        "baru",
        "diubah",
        "tidak_berubah",
        "ditolak",
        "oleh",
        "dibuat",
    ]
    list_display_links = ["nama_berkas"]
    list_filter = ["status", "format"]
    search_fields = ["nama_berkas"]
    list_select_related = ["oleh"]
    show_full_result_count = False

    # --- permissions ----------------------------------------------------------------------
    def _boleh_ubah_penduduk(self, request) -> bool:
        return request.user.has_perm("penduduk.change_penduduk")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._boleh_ubah_penduduk(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._boleh_ubah_penduduk(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}

    # --- screens ----------------------------------------------------------------------------
    def get_urls(self):
        aksi = self.admin_site.admin_view
        return [
            path("templat.xlsx", aksi(self.templat_view), name="penduduk_imporpenduduk_templat"),
            path(
                "<int:pk>/progres/", aksi(self.progres_view), name="penduduk_imporpenduduk_progres"
            ),
            path(
                "<int:pk>/jalankan/",
                aksi(self.jalankan_view),
                name="penduduk_imporpenduduk_jalankan",
            ),
            path("<int:pk>/galat.xlsx", aksi(self.galat_view), name="penduduk_imporpenduduk_galat"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return halaman_aksi(
            self,
            request,
            obj=None,
            form_class=FormUnggahImpor,
            judul="Impor penduduk",
            izin=self.has_add_permission(request),
            berhasil="Berkas diunggah.",
            kembali=reverse("admin:penduduk_imporpenduduk_changelist"),
            keterangan=(
                "Penduduk dengan NIK yang sudah terdaftar diperbarui (kolom yang terisi saja); "
                "keluarga, wilayah dan status dasar tidak diubah oleh impor."
            ),
            jalankan=lambda data, _k: layanan.impor_penduduk_unggah(
                oleh=request.user, berkas=data["berkas"]
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        impor = get_object_or_404(ImporPenduduk.objects.select_related("oleh"), pk=object_id)
        galat = impor.galat or []
        context = {
            **self.admin_site.each_context(request),
            "title": f"Impor {impor.nama_berkas}",
            "opts": self.model._meta,
            "impor": impor,
            "S": ImporPenduduk.Status,
            "rincian": impor.rincian or {},
            "galat": galat[:BATAS_TAMPIL_GALAT],
            "galat_lebih": max(0, len(galat) - BATAS_TAMPIL_GALAT),
            "bisa_jalankan": (
                self.has_change_permission(request, impor)
                and impor.status == ImporPenduduk.Status.DIPERIKSA
                and impor.disimpan > 0
            ),
            "bisa_unggah": self.has_add_permission(request),
        }
        return TemplateResponse(request, "admin/penduduk/impor/halaman.html", context)

    def progres_view(self, request, pk):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        impor = get_object_or_404(ImporPenduduk, pk=pk)
        if not impor.berlangsung:
            respons = HttpResponse("")
            respons["HX-Refresh"] = "true"
            return respons
        return TemplateResponse(
            request, "admin/penduduk/impor/_progres.html", {"impor": impor, "S": impor.Status}
        )

    def jalankan_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        impor = get_object_or_404(ImporPenduduk, pk=pk)
        if not self.has_change_permission(request, impor):
            raise PermissionDenied
        try:
            impor = layanan.impor_penduduk_mulai(oleh=request.user, impor=impor)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        return redirect(impor.get_absolute_url())

    def galat_view(self, request, pk):
        """The refused rows as they were in the file, with a 'galat' column added."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        impor = get_object_or_404(ImporPenduduk, pk=pk)
        per_baris: dict[int, list[str]] = {}
        for g in impor.galat or []:
            per_baris.setdefault(g["baris"], []).append(f"{g['kolom']}: {g['pesan']}")
        respons = StreamingHttpResponse(_galat_xlsx(impor, per_baris), content_type=XLSX)
        nama = impor.nama_berkas.rsplit(".", 1)[0][:80] or "impor"
        respons["Content-Disposition"] = f'attachment; filename="{nama}-ditolak.xlsx"'
        return respons

    def templat_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        isi = ekspor.xlsx_bertahap(
            [ekspor.LembarXlsx("Penduduk", list(K.NAMA_KOLOM), []), ekspor.lembar_kode_data()]
        )
        respons = StreamingHttpResponse(isi, content_type=XLSX)
        respons["Content-Disposition"] = 'attachment; filename="templat-impor-penduduk.xlsx"'
        return respons


def _galat_xlsx(impor: ImporPenduduk, per_baris: dict[int, list[str]]):
    with impor.berkas.open("rb") as f, formats.buka(f) as lembar:
        judul = [j or "" for j in lembar.judul]
        kunci = [j.lower() if j else None for j in lembar.judul]
        if K.KOLOM_GALAT in kunci:  # a refused-rows file uploaded again: replace its column
            indeks = kunci.index(K.KOLOM_GALAT)
            judul.pop(indeks)
            kunci.pop(indeks)

        def baris():
            for mentah in lembar.baris:
                if mentah.nomor in per_baris:
                    nilai = [mentah.nilai.get(k) if k else None for k in kunci]
                    yield [*nilai, "; ".join(per_baris[mentah.nomor])]

        yield from ekspor.xlsx_bertahap(
            [ekspor.LembarXlsx(lembar.nama or "Ditolak", [*judul, K.KOLOM_GALAT], baris())]
        )
