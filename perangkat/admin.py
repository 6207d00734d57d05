"""Back office of the officials: posts, people, appointments with their SK, the SK check,
dismissal, the scanned decree (streamed, never a media URL) and the officials' books."""

from __future__ import annotations

import dataclasses

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from perangkat import forms, services
from perangkat.filters import MenjabatFilter
from perangkat.models import (
    Identitas,
    Jabatan,
    Pengangkatan,
    Perangkat,
)
from sid.admin_layanan import AdminLayanan
from sid.lib.desa import identitas_desa
from sid.middleware import id_baris

# --- Jabatan ---------------------------------------------------------------------------------


@admin.register(Jabatan)
class JabatanAdmin(AdminLayanan):
    list_display = [
        "nama",
        "urutan",
        "tunggal",
        "per_dusun",
        "kepala_desa",
        "sekretaris",
        "aktif",
    ]
    list_display_links = ["nama"]
    list_editable = ["urutan"]
    list_filter = ["aktif", "tunggal"]
    search_fields = ["nama"]
    list_select_related = []
    ordering = ["urutan", "nama"]
    fields = ["nama", "urutan", "tunggal", "per_dusun", "kepala_desa", "sekretaris", "aktif"]

    def has_delete_permission(self, request, obj=None):
        return False  # posts stay for the history; retire one with "dipakai" off

    def get_actions(self, request):
        return {}

    layanan_create = staticmethod(services.jabatan_create)
    layanan_update = staticmethod(services.jabatan_update)
    nama_argumen = "jabatan"

    def data_layanan(self, form, change):
        kolom = form.changed_data if change else self.fields
        return {
            f: form.cleaned_data[f] for f in kolom if f in self.fields and f in form.cleaned_data
        }


# --- Perangkat (the person) ------------------------------------------------------------------


@admin.register(Perangkat)
class PerangkatAdmin(admin.ModelAdmin):
    form = forms.PerangkatForm
    list_display = ["nama_tampil", "jabatan_sekarang", "nip", "nipd", "aktif", "urutan"]
    list_display_links = ["nama_tampil"]
    list_filter = ["aktif", MenjabatFilter]
    list_select_related = ["penduduk"]
    search_fields = ["nama", "nip", "nipd"]  # the real search is cari(), incl. the register name
    search_help_text = "Cari nama, NIP, NIPD atau NIK."
    autocomplete_fields = ["penduduk"]
    ordering = ["urutan", "nama"]
    view_on_site = False
    fieldsets = [
        (
            "Register penduduk",
            {
                "fields": ["penduduk"],
                "description": "Bila perangkat adalah penduduk desa, pilih datanya: nama, NIK, "
                "jenis kelamin, tempat/tanggal lahir, agama dan pendidikan diambil dari register.",
            },
        ),
        (
            "Identitas (bila tidak diambil dari register)",
            {
                "description": "Untuk perangkat yang dipilih dari register, identitas diambil "
                "dari biodata penduduk dan diubah di sana.",
                "fields": [
                    "nama",
                    "nik",
                    "jenis_kelamin",
                    ("tempat_lahir", "tanggal_lahir"),
                    "agama",
                    "pendidikan",
                ],
            },
        ),
        (
            "Kepegawaian",
            {"fields": [("gelar_depan", "gelar_belakang"), "nip", "nipd", "pangkat_golongan"]},
        ),
        ("Kontak dan tampilan", {"fields": ["foto", "telepon", "aktif", "urutan"]}),
    ]

    def get_queryset(self, request):
        menjabat = (
            Pengangkatan.objects.menjabat()
            .select_related("jabatan", "dusun")
            .order_by("jabatan__urutan", "tmt")
        )
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("pengangkatan", queryset=menjabat, to_attr="menjabat"))
        )

    def get_search_results(self, request, queryset, search_term):
        return queryset.cari(search_term), False

    IDENTITAS = [
        "nama",
        "nik",
        "jenis_kelamin",
        "tempat_lahir",
        "tanggal_lahir",
        "agama",
        "pendidikan",
    ]

    def get_readonly_fields(self, request, obj=None):
        # An official who is a resident takes the identity from the register: an edit here would
        # be overwritten, so the fields are shown, not offered (change them in the biodata).
        if obj is not None and obj.penduduk_id:
            identitas = [f.name for f in dataclasses.fields(Identitas)]
            return [*super().get_readonly_fields(request, obj), *identitas]
        return super().get_readonly_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        label = identitas_desa().sebutan_nip_desa or "NIPD"
        if "nipd" in form.base_fields:
            form.base_fields["nipd"].label = label
        if "penduduk" in form.base_fields:
            # Residents are added in the register, never from here.
            widget = form.base_fields["penduduk"].widget
            widget.can_add_related = widget.can_change_related = False
            widget.can_view_related = widget.can_delete_related = False
        return form

    @admin.display(description="nama", ordering="nama")
    def nama_tampil(self, obj):
        return obj.nama_bergelar

    @admin.display(description="jabatan saat ini")
    def jabatan_sekarang(self, obj):
        return ", ".join(p.judul_jabatan for p in obj.menjabat) or "-"

    def has_delete_permission(self, request, obj=None):
        return False  # officials stay for the history; switch "aktif" off instead

    def get_actions(self, request):
        return {}

    def save_model(self, request, obj, form, change):
        kolom = [f for f in form.Meta.fields if f in form.cleaned_data]
        if change:
            # Only what the operator changed; a linked identity is refreshed by the service.
            data = {f: form.cleaned_data[f] for f in kolom if f in form.changed_data}
            services.perangkat_update(oleh=request.user, perangkat=obj, data=data)
        else:
            data = {f: form.cleaned_data[f] for f in kolom}
            obj.pk = services.perangkat_create(oleh=request.user, data=data).pk

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            f"{obj.nama_bergelar} ditambahkan. Catat pengangkatannya dari SK.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:perangkat_perangkat_change", args=[obj.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        riwayat = []
        pk = id_baris(object_id) if object_id else None
        if pk is not None:
            riwayat = list(
                Pengangkatan.objects.filter(perangkat_id=pk)
                .select_related("jabatan", "dusun")
                .order_by("-tmt", "-pk")
            )
        extra_context = {
            **(extra_context or {}),
            "riwayat_pengangkatan": riwayat,
            "bisa_angkat": request.user.has_perm("perangkat.add_pengangkatan"),
            "hari_ini": timezone.localdate(),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None


# --- Pengangkatan (appointments) -------------------------------------------------------------


# Appointments (SK) and the registers: their own module, registered on import.
from perangkat import admin_pengangkatan  # noqa: E402,F401,I001
from perangkat import admin_penyerahan  # noqa: E402,F401,I001
