"""Back office of *Pindah dari OpenSID* (Administrator only: no other role holds a permission
of this app, sid/peran.py): upload (add) → preview / progress / report (change) → confirm."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from penduduk.ekspor import LembarXlsx, xlsx_bertahap
from pindah import services
from pindah.models import PindahOpenSID
from sid.admin_aksi import FormAksi, halaman_aksi

S = PindahOpenSID.Status
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FormUnggahPindah(FormAksi):
    berkas = forms.FileField(
        label="Cadangan database OpenSID",
        help_text=(
            "Berkas .sql (atau .sql.gz / .zip) dari OpenSID: Pengaturan → Database → Backup → "
            "Backup Seluruh Database SID. SID membacanya sendiri dan menampilkan pratinjau; belum "
            "ada yang disimpan sebelum Anda mengonfirmasi."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".sql,.gz,.zip"}),
    )
    berkas_desa = forms.FileField(
        label="Cadangan folder desa (tidak wajib)",
        required=False,
        help_text=(
            "Berkas .zip dari Pengaturan → Database → Backup → Backup Folder Desa: logo, foto, "
            "gambar artikel, scan SK dan arsip PDF surat ikut dipindahkan."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
    )

    def clean_berkas_desa(self):
        berkas = self.cleaned_data.get("berkas_desa")
        if berkas is not None:
            awal = berkas.read(4)
            berkas.seek(0)
            if awal != b"PK\x03\x04":
                raise ValidationError("Cadangan folder desa harus berkas .zip dari OpenSID.")
        return berkas


@admin.register(PindahOpenSID)
class PindahOpenSIDAdmin(admin.ModelAdmin):
    list_display = ["nama_berkas", "versi", "status", "oleh", "dibuat", "selesai"]
    list_filter = ["status"]
    search_fields = ["nama_berkas", "sha256"]
    list_select_related = ["oleh"]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}

    def get_urls(self):
        aksi = self.admin_site.admin_view
        return [
            path("<int:pk>/progres/", aksi(self.progres_view), name="pindah_pindahopensid_progres"),
            path(
                "<int:pk>/jalankan/", aksi(self.jalankan_view), name="pindah_pindahopensid_jalankan"
            ),
            path(
                "<int:pk>/laporan.xlsx",
                aksi(self.laporan_view),
                name="pindah_pindahopensid_laporan",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return halaman_aksi(
            self,
            request,
            obj=None,
            form_class=FormUnggahPindah,
            judul="Pindah dari OpenSID",
            izin=self.has_add_permission(request),
            berhasil="Cadangan diunggah; SID sedang memeriksanya.",
            kembali=reverse("admin:pindah_pindahopensid_changelist"),
            keterangan=(
                "Memindahkan seluruh data desa dari OpenSID: wilayah, penduduk dengan riwayat "
                "peristiwanya, keluarga, arsip surat dan penomorannya, website, perangkat desa, "
                "program bantuan, akun Layanan Mandiri (PIN tetap), akun staf (kata sandi tetap) "
                "dan APBDes. Hanya ke desa yang register penduduknya masih kosong."
            ),
            jalankan=lambda data, _k: services.pindah_unggah(
                oleh=request.user, berkas=data["berkas"], berkas_desa=data.get("berkas_desa")
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        pindah = get_object_or_404(PindahOpenSID.objects.select_related("oleh"), pk=object_id)
        laporan = pindah.laporan if pindah.status == S.SELESAI else pindah.pratinjau
        context = {
            **self.admin_site.each_context(request),
            "title": f"Pindah dari OpenSID: {pindah.nama_berkas}",
            "opts": self.model._meta,
            "pindah": pindah,
            "S": S,
            "laporan": laporan or {},
            "kemajuan": services.kemajuan(pindah),
            "berlangsung": pindah.status in (S.DIUNGGAH, S.BERJALAN),
            "bisa_jalankan": self.has_change_permission(request, pindah)
            and pindah.status == S.DIPERIKSA,
        }
        return TemplateResponse(request, "admin/pindah/halaman.html", context)

    def progres_view(self, request, pk):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        pindah = get_object_or_404(PindahOpenSID, pk=pk)
        if pindah.status not in (S.DIUNGGAH, S.BERJALAN):
            respons = HttpResponse("")
            respons["HX-Refresh"] = "true"
            return respons
        return TemplateResponse(
            request,
            "admin/pindah/_progres.html",
            {"pindah": pindah, "S": S, "kemajuan": services.kemajuan(pindah)},
        )

    def jalankan_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        pindah = get_object_or_404(PindahOpenSID, pk=pk)
        if not self.has_change_permission(request, pindah):
            raise PermissionDenied
        try:
            services.pindah_mulai(oleh=request.user, pindah=pindah)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        return redirect(reverse("admin:pindah_pindahopensid_change", args=[pindah.pk]))

    def laporan_view(self, request, pk):
        """The preview or the report as a workbook, to keep or to hand to whoever helps."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        pindah = get_object_or_404(PindahOpenSID, pk=pk)
        isi = (pindah.laporan if pindah.status == S.SELESAI else pindah.pratinjau) or {}
        lembar = [
            LembarXlsx(
                "Ringkasan",
                ["Hal", "Nilai"],
                [
                    ["Berkas", pindah.nama_berkas],
                    ["SHA-256", pindah.sha256],
                    ["Versi OpenSID", isi.get("versi", "")],
                    ["Desa", isi.get("desa", "")],
                    ["Status", pindah.get_status_display()],
                    *[[f"Dibawa: {k}", v] for k, v in isi.get("dibawa", {}).items()],
                    *[[f"Ditolak: {k}", v] for k, v in isi.get("ditolak", {}).items()],
                    *[["Catatan", c] for c in isi.get("catatan", [])],
                ],
            ),
            LembarXlsx(
                "Masalah per baris",
                ["Jenis", "Baris di OpenSID", "Ditolak", "Alasan"],
                [
                    [m["jenis"], m["baris"], "ya" if m["ditolak"] else "diubah", m["alasan"]]
                    for m in isi.get("masalah", [])
                ],
            ),
            LembarXlsx(
                "Tidak dibawa",
                ["Tabel OpenSID", "Jumlah baris", "Alasan"],
                [[t["tabel"], t["baris"], t["alasan"]] for t in isi.get("tidak_dibawa", [])],
            ),
        ]
        respons = StreamingHttpResponse(xlsx_bertahap(lembar), content_type=XLSX)
        nama = "laporan" if pindah.status == S.SELESAI else "pratinjau"
        respons["Content-Disposition"] = (
            f'attachment; filename="pindah-opensid-{nama}-{pindah.pk}.xlsx"'
        )
        return respons
