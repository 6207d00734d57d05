"""Back-office screens of the daily work journal (*Buku harian kerja*, SOP Operator §7/§8).

An operator sees and writes only their own journals; whoever may read the audit log
(Sekretaris Desa, Kepala Desa, Administrator) reads every journal; the Sekretaris Desa marks
one *diperiksa*. Writes go through `sid.buku_harian`.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from sid import buku_harian as layanan
from sid.admin_aksi import pasang_galat
from sid.models import BukuHarian


class FormPeriksa(forms.Form):
    catatan_pemeriksa = forms.CharField(
        label="catatan pemeriksa", required=False, max_length=2000, widget=forms.Textarea
    )


class FormBukuHarian(forms.ModelForm):
    class Meta:
        model = BukuHarian
        fields = ["tanggal", "catatan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tanggal" in self.fields:
            self.fields["tanggal"].initial = timezone.localdate


def boleh_baca_semua(user) -> bool:
    """Journals are built from the audit log: who reads the log reads every journal."""
    return user.has_perm("sid.view_logaktivitas")


@admin.register(BukuHarian)
class BukuHarianAdmin(admin.ModelAdmin):
    form = FormBukuHarian
    list_display = ["tanggal", "pengguna", "status_periksa", "diperiksa_oleh"]
    list_filter = [("diperiksa_pada", admin.EmptyFieldListFilter), "tanggal"]
    search_fields = ["pengguna__username", "pengguna__first_name", "catatan"]
    list_select_related = ["pengguna", "diperiksa_oleh"]
    date_hierarchy = "tanggal"
    change_form_template = "admin/sid/bukuharian/change_form.html"
    change_list_template = "admin/sid/bukuharian/change_list.html"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if boleh_baca_semua(request.user) else qs.filter(pengguna=request.user)

    def _milik(self, request, obj) -> bool:
        return obj is None or obj.pengguna_id == request.user.pk

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or boleh_baca_semua(request.user) or self._milik(request, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or (self._milik(request, obj) and not obj.diperiksa)

    def has_delete_permission(self, request, obj=None):
        return False  # a journal is a record: corrected by notes, never deleted

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["tanggal", "catatan"]
        return ["pengguna", "tanggal", "catatan", "kegiatan", "pemeriksaan"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        ro = ["pengguna", "tanggal", "kegiatan", "pemeriksaan"]
        return ro if self.has_change_permission(request, obj) else [*ro, "catatan"]

    @admin.display(description="status")
    def status_periksa(self, obj):
        if obj.diperiksa:
            return f"Diperiksa {timezone.localtime(obj.diperiksa_pada):%d-%m-%Y %H:%M}"
        return "Belum diperiksa"

    @admin.display(description="kegiatan hari itu (dari log aktivitas)")
    def kegiatan(self, obj):
        bagian = []
        for k in layanan.kegiatan_harian(obj):
            baris = format_html_join(
                "",
                "<li>{} · {}</li>",
                (
                    (f"{timezone.localtime(e.waktu):%H:%M}", layanan.uraian_entri(e))
                    for e in k.entri
                ),
            )
            bagian.append(
                format_html(
                    "<h4>{} ({})</h4><ul>{}</ul>",
                    k.judul,
                    len(k.entri),
                    baris or format_html("<li>{}</li>", "Tidak ada."),
                )
            )
        return format_html_join("", "{}", ((b,) for b in bagian))

    @admin.display(description="pemeriksaan Sekretaris Desa")
    def pemeriksaan(self, obj):
        if not obj.diperiksa:
            return "Belum diperiksa."
        oleh = obj.diperiksa_oleh.get_username() if obj.diperiksa_oleh else "-"
        return format_html(
            "Diperiksa {} oleh {}{}",
            f"{timezone.localtime(obj.diperiksa_pada):%d-%m-%Y %H:%M}",
            oleh,
            f". Catatan: {obj.catatan_pemeriksa}" if obj.catatan_pemeriksa else "",
        )

    # --- writes through the service ------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        if change:
            layanan.buku_harian_ubah(oleh=request.user, buku=obj, catatan=obj.catatan)
        else:
            baru = layanan.buku_harian_buat(
                oleh=request.user, tanggal=obj.tanggal, catatan=obj.catatan
            )
            obj.pk = baru.pk
            obj.pengguna = request.user

    def get_form(self, request, obj=None, change=False, **kwargs):
        Form = super().get_form(request, obj, change, **kwargs)
        user = request.user

        class FormDenganPemilik(Form):
            def clean(self):
                data = super().clean()
                if obj is None and data.get("tanggal"):
                    try:
                        layanan._cek_tanggal(data["tanggal"])
                        if BukuHarian.objects.filter(
                            pengguna=user, tanggal=data["tanggal"]
                        ).exists():
                            raise ValidationError(
                                {"tanggal": "Buku harian Anda untuk tanggal ini sudah ada."}
                            )
                    except ValidationError as exc:
                        pasang_galat(self, exc)
                return data

        return FormDenganPemilik

    def log_addition(self, request, obj, message):
        return None  # the audit log is written by the service

    def log_change(self, request, obj, message):
        return None

    # --- extra screens -------------------------------------------------------------------------
    def get_urls(self):
        aksi = self.admin_site.admin_view
        return [
            path("hari-ini/", aksi(self.hari_ini_view), name="sid_bukuharian_hari_ini"),
            path("<int:pk>/pdf/", aksi(self.pdf_view), name="sid_bukuharian_pdf"),
            path("<int:pk>/periksa/", aksi(self.periksa_view), name="sid_bukuharian_periksa"),
            *super().get_urls(),
        ]

    def hari_ini_view(self, request):
        """Today's journal of the signed-in user; the add form (dated today) when there is
        none yet (a GET never writes)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        buku = BukuHarian.objects.filter(
            pengguna=request.user, tanggal=timezone.localdate()
        ).first()
        if buku is None:
            return HttpResponseRedirect(reverse("admin:sid_bukuharian_add"))
        return HttpResponseRedirect(reverse("admin:sid_bukuharian_change", args=[buku.pk]))

    def _buku(self, request, pk) -> BukuHarian:
        buku = get_object_or_404(
            self.get_queryset(request).select_related("pengguna", "diperiksa_oleh"), pk=pk
        )
        if not self.has_view_permission(request, buku):
            raise PermissionDenied
        return buku

    def pdf_view(self, request, pk):
        buku = self._buku(request, pk)
        respons = HttpResponse(layanan.buku_harian_pdf(buku), content_type="application/pdf")
        nama = f"buku-harian-{buku.pengguna.get_username()}-{buku.tanggal:%Y-%m-%d}.pdf"
        respons["Content-Disposition"] = f'inline; filename="{nama}"'
        return respons

    def periksa_view(self, request, pk):
        buku = self._buku(request, pk)
        if not request.user.has_perm("sid.periksa_buku_harian"):
            raise PermissionDenied
        tujuan = reverse("admin:sid_bukuharian_change", args=[buku.pk])
        if request.method != "POST":
            return HttpResponseRedirect(tujuan)
        form = FormPeriksa(request.POST)
        if not form.is_valid():
            pesan = " ".join(e for errs in form.errors.values() for e in errs)
            self.message_user(request, f"Catatan pemeriksa tidak sah: {pesan}", messages.ERROR)
            return HttpResponseRedirect(tujuan)
        try:
            layanan.buku_harian_periksa(
                oleh=request.user, buku=buku, catatan=form.cleaned_data["catatan_pemeriksa"]
            )
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(request, "Buku harian ditandai diperiksa.", messages.SUCCESS)
        return HttpResponseRedirect(tujuan)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            obj = self.get_object(request, object_id)
            if obj is not None:
                extra_context["boleh_periksa"] = (
                    request.user.has_perm("sid.periksa_buku_harian")
                    and not obj.diperiksa
                    and obj.pengguna_id != request.user.pk
                )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "boleh_tambah": self.has_add_permission(request)}
        return super().changelist_view(request, extra_context)
