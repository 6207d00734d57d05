"""Back office of the social-assistance programmes: CRUD through the services and the import
of OpenSID's programme file (dry run first; nothing is written while a row has an error)."""

from __future__ import annotations

import io
import uuid

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from bantuan import forms, impor, services
from bantuan.models import Peserta, Program
from sid.admin_layanan import AdminLayanan
from sid.lib.berkas import penyimpanan_privat
from sid.lib.sel import baris_aman

SESI_IMPOR = "bantuan_impor"


@admin.register(Program)
class ProgramAdmin(AdminLayanan):
    form = forms.ProgramForm
    list_display = ["nama", "sasaran", "sumber_dana", "periode", "jumlah_peserta_tampil"]
    list_filter = ["sasaran", "sumber_dana"]
    search_fields = ["nama"]
    ordering = ["-tanggal_mulai", "nama"]
    fieldsets = [
        (None, {"fields": ["nama", "sasaran", "sumber_dana", "keterangan"]}),
        ("Periode", {"fields": ["tanggal_mulai", "tanggal_selesai"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).dengan_jumlah_peserta()

    @admin.display(description="peserta", ordering="jumlah_peserta")
    def jumlah_peserta_tampil(self, obj):
        url = reverse("admin:bantuan_peserta_changelist") + f"?program__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.jumlah_peserta)

    layanan_create = staticmethod(services.program_create)
    layanan_update = staticmethod(services.program_update)
    layanan_hapus = staticmethod(services.program_hapus)
    nama_argumen = "program"

    def data_layanan(self, form, change):
        return {k: form.cleaned_data.get(k) for k in services.KOLOM_PROGRAM}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context["url_peserta"] = (
                reverse("admin:bantuan_peserta_changelist") + f"?program__id__exact={obj.pk}"
            )
            extra_context["jumlah_peserta"] = obj.jumlah_peserta
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        v = self.admin_site.admin_view
        return [
            path("impor/", v(self.impor_view), name="bantuan_program_impor"),
            path("impor/format/", v(self.format_view), name="bantuan_program_format"),
            *super().get_urls(),
        ]

    # --- import --------------------------------------------------------------------------------
    def _boleh_impor(self, request) -> bool:
        return self.has_add_permission(request) and request.user.has_perm("bantuan.add_peserta")

    def impor_view(self, request):
        if not self._boleh_impor(request):
            raise PermissionDenied
        form = forms.ImporForm()
        rencana, galat, kode_berkas, nama_berkas = None, [], "", ""
        if request.method == "POST" and request.POST.get("konfirmasi"):
            return self._impor_jalankan(request)
        if request.method == "POST":
            form = forms.ImporForm(request.POST, request.FILES)
            if form.is_valid():
                berkas = form.cleaned_data["berkas"]
                nama_berkas = berkas.name[:150]
                data = berkas.read(impor.BATAS_BYTE + 1)
                rencana = impor.rencanakan(data)
                if rencana.bisa_diimpor:
                    kode_berkas = _simpan_sementara(request, data, nama_berkas)
        context = {
            **self.admin_site.each_context(request),
            "title": "Impor program bantuan (format OpenSID)",
            "opts": self.model._meta,
            "form": form,
            "rencana": rencana,
            "galat": galat,
            "kode_berkas": kode_berkas,
            "nama_berkas": nama_berkas,
            "contoh_baris": [b for b in rencana.baris if not b.galat][:50] if rencana else [],
        }
        return TemplateResponse(request, "admin/bantuan/program/impor.html", context)

    def _impor_jalankan(self, request):
        kode_berkas = request.POST.get("konfirmasi", "")
        simpanan = request.session.get(SESI_IMPOR) or {}
        if simpanan.get("kode") != kode_berkas:
            self.message_user(
                request, "Berkas impor tidak ditemukan; unggah ulang berkasnya.", messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:bantuan_program_impor"))
        nama = _jalur(kode_berkas)
        penyimpanan = penyimpanan_privat()
        try:
            with penyimpanan.open(nama, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            data = b""
        try:
            program, ringkasan = impor.impor_program_bantuan(
                oleh=request.user, data=data, nama_berkas=simpanan.get("nama", "")
            )
        except ValidationError as exc:
            self.message_user(
                request,
                "Impor dibatalkan, tidak ada data yang disimpan: " + " ".join(exc.messages),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:bantuan_program_impor"))
        finally:
            penyimpanan.delete(nama)
            request.session.pop(SESI_IMPOR, None)
        self.message_user(
            request,
            f"Impor selesai: {ringkasan['baru']} peserta baru, {ringkasan['ubah']} diperbarui, "
            f"{ringkasan['sama']} tidak berubah.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(program.get_absolute_url())

    def format_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = HttpResponse(
            format_kosong(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="format_impor_program_bantuan.xlsx"'
        return response


def _jalur(kode_berkas: str) -> str:
    return f"bantuan/impor/{uuid.UUID(kode_berkas)}.xlsx"


def _simpan_sementara(request, data: bytes, nama_berkas: str) -> str:
    """Keep the checked file (private storage) until the operator confirms; one per session."""
    penyimpanan = penyimpanan_privat()
    lama = request.session.get(SESI_IMPOR) or {}
    if lama.get("kode"):
        penyimpanan.delete(_jalur(lama["kode"]))
    kode_berkas = str(uuid.uuid4())
    penyimpanan.save(_jalur(kode_berkas), ContentFile(data))
    request.session[SESI_IMPOR] = {"kode": kode_berkas, "nama": nama_berkas}
    return kode_berkas


def format_kosong() -> bytes:
    """An empty file in OpenSID's programme format, with its notes."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Program"
    for baris in [
        ("ID Program", ""),
        ("Nama Program", ""),
        ("Sasaran Program", 1),
        ("Keterangan", ""),
        ("Asal Dana", "Pusat"),
        ("Rentang Waktu (Awal)", "2026-01-01"),
        ("Rentang Waktu (Akhir)", "2026-12-31"),
        ("###", None),
        ("Catatan:", None),
        ("1. ID program diabaikan SID: program dicocokkan dengan namanya.", None),
        ("2. Sasaran : 1 = Penduduk, 2 = Keluarga", None),
        (
            "3. Asal Dana : 1 = Pusat, 2 = Provinsi, 3 = Kab/Kota, 4 = Dana Desa, 5 = Lain-lain(Hibah)",
            None,
        ),
    ]:
        ws.append(baris_aman(baris))
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 40
    ws2 = wb.create_sheet("Peserta")
    ws2.append(
        baris_aman(
            ["Peserta", "No. Peserta", "NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "Alamat"]
        )
    )
    ws2.append(baris_aman(["###"]))
    ws2.append(baris_aman(["Catatan:"]))
    ws2.append(
        baris_aman(
            ["1. Kolom Peserta (A): NIK untuk sasaran penduduk, No. KK untuk sasaran keluarga."]
        )
    )
    ws2.append(
        baris_aman(
            [
                "2. Kolom lain boleh kosong: data diambil dari data penduduk berdasarkan kolom NIK (C)."
            ]
        )
    )
    ws2.append(baris_aman(["3. Tanggal Lahir ditulis tahun-bulan-hari, mis. 1980-05-17."]))
    for kolom, lebar in zip("ABCDEFG", (20, 14, 20, 28, 18, 14, 40), strict=True):
        ws2.column_dimensions[kolom].width = lebar
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


@admin.register(Peserta)
class PesertaAdmin(AdminLayanan):
    form = forms.PesertaForm
    list_display = ["kartu_nama", "penerima_tampil", "program", "nomor_kartu", "kartu_alamat"]
    list_filter = ["program"]
    list_select_related = ["program", "penduduk", "keluarga"]
    search_fields = ["kartu_nama", "kartu_nik", "nomor_kartu"]
    autocomplete_fields = ["penduduk", "keluarga"]
    list_per_page = 50
    show_full_result_count = False

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["program", "penduduk", "keluarga", "nomor_kartu"]}),
            (
                "Identitas pada kartu",
                {
                    "fields": services.KOLOM_KARTU,
                    "description": "Kosongkan untuk mengambil dari data penduduk (untuk "
                    "keluarga: kepala keluarga).",
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        return ["program", "penduduk", "keluarga"] if obj is not None else []

    def get_search_results(self, request, queryset, search_term):
        teks = search_term.strip()
        if teks.isdigit() and len(teks) >= 6:
            from django.db.models import Q

            return queryset.filter(
                Q(kartu_nik__startswith=teks)
                | Q(penduduk__nik__startswith=teks)
                | Q(keluarga__no_kk__startswith=teks)
                | Q(nomor_kartu=teks)
            ), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description="NIK / No. KK")
    def penerima_tampil(self, obj):
        if obj.penduduk_id:
            return f"NIK {obj.penduduk.nik}"
        return f"KK {obj.keluarga.no_kk}"

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        kartu = {k: d.get(k) for k in services.KOLOM_KARTU}
        if change:
            services.peserta_update(
                oleh=request.user, peserta=obj, data={"nomor_kartu": d.get("nomor_kartu"), **kartu}
            )
        else:
            baru = services.peserta_create(
                oleh=request.user,
                program=d["program"],
                penduduk=d.get("penduduk"),
                keluarga=d.get("keluarga"),
                nomor_kartu=d.get("nomor_kartu") or "",
                kartu=kartu,
            )
            obj.pk = baru.pk
            obj._state.adding = False

    def delete_model(self, request, obj):
        services.peserta_hapus(oleh=request.user, peserta=obj)
