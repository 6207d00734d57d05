"""Accounts: list with last login and lock state, create (PIN shown once + slip), reset PIN,
unlock, deactivate/activate, and the bulk issue of PIN slips (Celery task with progress)."""

from __future__ import annotations

import base64

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from mandiri import services
from mandiri.admin._umum import AdminTanpaLog, riwayat
from mandiri.forms import FormBuatAkun, FormCetakMassal, FormNonaktif
from mandiri.models import AkunMandiri, CetakPin
from mandiri.services.cetak import cetak_pin_bersihkan, menit_simpan
from mandiri.slip import render_slip, slip_untuk
from sid.admin_aksi import halaman_aksi, pasang_galat, pk_angka
from sid.lib import sekali
from sid.lib.desa import identitas_desa


class TerkunciFilter(admin.SimpleListFilter):
    title = "kunci login"
    parameter_name = "terkunci"

    def lookups(self, request, model_admin):
        return [("ya", "Sedang terkunci"), ("tidak", "Tidak terkunci")]

    def queryset(self, request, queryset):
        sekarang = timezone.now()
        if self.value() == "ya":
            return queryset.filter(terkunci_sampai__gt=sekarang)
        if self.value() == "tidak":
            return queryset.filter(
                Q(terkunci_sampai__isnull=True) | Q(terkunci_sampai__lte=sekarang)
            )
        return queryset


def url_masuk(request) -> str:
    """The portal's login address printed on slips: the village website when set."""
    jalur = reverse("mandiri:masuk")
    website = identitas_desa().website
    if website:
        return website.rstrip("/") + jalur
    return request.build_absolute_uri(jalur)


@admin.register(AkunMandiri)
class AkunMandiriAdmin(AdminTanpaLog):
    list_display = [
        "nama_tampil",
        "nik_tampil",
        "wilayah_tampil",
        "aktif",
        "terakhir_masuk",
        "kunci_tampil",
        "wajib_ganti_pin",
    ]
    list_select_related = ["penduduk__wilayah__dusun", "penduduk__wilayah__rw"]
    list_filter = ["aktif", "wajib_ganti_pin", TerkunciFilter]
    search_fields = ["penduduk__nama"]
    ordering = ["penduduk__nama", "pk"]
    list_per_page = 50
    show_full_result_count = False
    actions = None

    def get_queryset(self, request):
        return super().get_queryset(request).dengan_kunci()

    def get_search_results(self, request, queryset, search_term):
        teks = search_term.strip()
        if teks.isdigit():
            return queryset.filter(penduduk__nik__startswith=teks), False
        if teks:
            return queryset.filter(penduduk__nama__icontains=teks), False
        return queryset, False

    @admin.display(description="nama", ordering="penduduk__nama")
    def nama_tampil(self, obj):
        return obj.penduduk.nama

    @admin.display(description="NIK")
    def nik_tampil(self, obj):
        return obj.penduduk.nik

    @admin.display(description="wilayah")
    def wilayah_tampil(self, obj):
        return str(obj.penduduk.wilayah)

    @admin.display(description="kunci login")
    def kunci_tampil(self, obj):
        if obj.terkunci_sampai and obj.terkunci_sampai > timezone.now():
            return f"Terkunci s.d. {timezone.localtime(obj.terkunci_sampai):%d-%m-%Y %H:%M}"
        return "-"

    def _ubah(self, request) -> bool:
        return self.has_change_permission(request)

    def get_urls(self):
        v = self.admin_site.admin_view
        return [
            path("massal/", v(self.massal_view), name="mandiri_akunmandiri_massal"),
            path("massal/<uuid:uuid>/", v(self.massal_detail_view), name="mandiri_cetakpin"),
            path(
                "massal/<uuid:uuid>/status/",
                v(self.massal_status_view),
                name="mandiri_cetakpin_status",
            ),
            path(
                "massal/<uuid:uuid>/unduh/",
                v(self.massal_unduh_view),
                name="mandiri_cetakpin_unduh",
            ),
            path("<int:pk>/reset-pin/", v(self.reset_pin_view), name="mandiri_akunmandiri_reset"),
            path("<int:pk>/pin/", v(self.pin_view), name="mandiri_akunmandiri_pin"),
            path("<int:pk>/buka-kunci/", v(self.buka_kunci_view), name="mandiri_akunmandiri_buka"),
            path(
                "<int:pk>/nonaktifkan/",
                v(self.nonaktifkan_view),
                name="mandiri_akunmandiri_nonaktifkan",
            ),
            path("<int:pk>/aktifkan/", v(self.aktifkan_view), name="mandiri_akunmandiri_aktifkan"),
            *super().get_urls(),
        ]

    def _akun(self, pk) -> AkunMandiri:
        return get_object_or_404(
            AkunMandiri.objects.dengan_kunci().select_related(
                "penduduk__wilayah__dusun", "penduduk__wilayah__rw", "dibuat_oleh"
            ),
            pk=pk,
        )

    # --- the PIN, once ---------------------------------------------------------------------------
    def _ke_halaman_pin(self, request, akun: AkunMandiri, pin: str, *, judul: str):
        """Redirect after POST: a refresh of the PIN page never creates or resets again. The PIN
        crosses the redirect encrypted in the session and is removed when first shown."""
        sekali.simpan(request, "pin", akun=akun.pk, pin=pin, judul=judul)
        return HttpResponseRedirect(reverse("admin:mandiri_akunmandiri_pin", args=[akun.pk]))

    def pin_view(self, request, pk):
        if not (self.has_add_permission(request) or self._ubah(request)):
            raise PermissionDenied
        akun = self._akun(pk)
        data = sekali.ambil(request, "pin", akun=akun.pk)
        if data is None:
            self.message_user(
                request,
                "PIN hanya ditampilkan sekali, tepat setelah dibuat. Bila warga belum menerimanya, "
                "reset PIN-nya.",
                messages.WARNING,
            )
            return HttpResponseRedirect(akun.get_absolute_url())
        return self._halaman_pin(request, akun, data["pin"], judul=data["judul"])

    def _halaman_pin(self, request, akun: AkunMandiri, pin: str, *, judul: str):
        """The PIN on screen and as a one-slip PDF embedded in the page (data: URI): nothing
        with the PIN is stored on the server."""
        isi = render_slip([slip_untuk(akun.penduduk, pin)], url_masuk=url_masuk(request))
        context = self.konteks(
            request,
            judul,
            akun=akun,
            pin=pin,
            slip_data=base64.b64encode(isi).decode("ascii"),
            nama_berkas=f"slip-pin-{akun.penduduk.nama.lower().replace(' ', '-')[:40]}.pdf",
        )
        response = TemplateResponse(request, "admin/mandiri/akunmandiri/pin.html", context)
        response["Cache-Control"] = "no-store, no-cache, must-revalidate, private"
        return response

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = FormBuatAkun(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                akun, pin = services.akun_mandiri_create(
                    oleh=request.user, penduduk=form.cleaned_data["penduduk"]
                )
            except ValidationError as exc:
                pasang_galat(form, exc)
            else:
                return self._ke_halaman_pin(request, akun, pin, judul="Akun dibuat")
        context = self.konteks(
            request,
            "Buat akun Layanan Mandiri",
            form=form,
            media=self.media + form.media,
        )
        return TemplateResponse(request, "admin/mandiri/akunmandiri/buat.html", context)

    @method_decorator(require_POST)
    def reset_pin_view(self, request, pk):
        if not self._ubah(request):
            raise PermissionDenied
        akun = self._akun(pk)
        try:
            pin = services.akun_mandiri_reset_pin(oleh=request.user, akun=akun)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(akun.get_absolute_url())
        return self._ke_halaman_pin(request, akun, pin, judul="PIN direset")

    # --- the account page --------------------------------------------------------------------------
    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        akun = self._akun(pk_angka(object_id))
        terkunci = bool(akun.terkunci_sampai and akun.terkunci_sampai > timezone.now())
        context = self.konteks(
            request,
            f"Akun {akun.penduduk.nama}",
            akun=akun,
            terkunci=terkunci,
            riwayat=riwayat(akun, 30),
            bisa_ubah=self._ubah(request),
        )
        return TemplateResponse(request, "admin/mandiri/akunmandiri/detail.html", context)

    @method_decorator(require_POST)
    def buka_kunci_view(self, request, pk):
        if not self._ubah(request):
            raise PermissionDenied
        akun = self._akun(pk)
        services.akun_mandiri_buka_kunci(oleh=request.user, akun=akun)
        self.message_user(request, "Kunci login NIK dibuka.", messages.SUCCESS)
        return HttpResponseRedirect(akun.get_absolute_url())

    @method_decorator(require_POST)
    def aktifkan_view(self, request, pk):
        if not self._ubah(request):
            raise PermissionDenied
        akun = self._akun(pk)
        try:
            services.akun_mandiri_aktifkan(oleh=request.user, akun=akun)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(request, "Akun diaktifkan kembali.", messages.SUCCESS)
        return HttpResponseRedirect(akun.get_absolute_url())

    def nonaktifkan_view(self, request, pk):
        akun = self._akun(pk)
        return halaman_aksi(
            self,
            request,
            obj=akun,
            form_class=FormNonaktif,
            judul="Nonaktifkan akun",
            izin=self._ubah(request),
            jalankan=lambda d, _k: services.akun_mandiri_nonaktifkan(
                oleh=request.user, akun=akun, alasan=d["alasan"]
            ),
            berhasil="Akun dinonaktifkan; sesi warga yang terbuka diakhiri.",
            keterangan="Warga tidak bisa masuk lagi sampai akunnya diaktifkan kembali.",
            bahaya=True,
        )

    # --- bulk issue ----------------------------------------------------------------------------------
    def _boleh_massal(self, request) -> bool:
        return self.has_add_permission(request) and self._ubah(request)

    def massal_view(self, request):
        if not self._boleh_massal(request):
            raise PermissionDenied
        cetak_pin_bersihkan()
        form = FormCetakMassal(request.POST or None)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                cetak = services.cetak_pin_create(
                    oleh=request.user,
                    wilayah=d.get("wilayah"),
                    umur_min=d["umur_min"],
                    termasuk_akun_lama=d["termasuk_akun_lama"],
                    url_masuk=url_masuk(request),
                )
            except ValidationError as exc:
                pasang_galat(form, exc)
            else:
                return HttpResponseRedirect(reverse("admin:mandiri_cetakpin", args=[cetak.uuid]))
        context = self.konteks(
            request,
            "Cetak PIN massal",
            form=form,
            daftar=CetakPin.objects.filter(oleh=request.user)[:10],
            menit=menit_simpan(),
        )
        return TemplateResponse(request, "admin/mandiri/akunmandiri/massal.html", context)

    def _cetak(self, request, uuid) -> CetakPin:
        if not self._boleh_massal(request):
            raise PermissionDenied
        return get_object_or_404(CetakPin, uuid=uuid)

    def massal_detail_view(self, request, uuid):
        c = self._cetak(request, uuid)
        context = self.konteks(request, "Cetak PIN massal", c=c, menit=menit_simpan())
        return TemplateResponse(request, "admin/mandiri/akunmandiri/massal_detail.html", context)

    def massal_status_view(self, request, uuid):
        c = self._cetak(request, uuid)
        return TemplateResponse(
            request,
            "admin/mandiri/akunmandiri/_massal_status.html",
            {"c": c, "menit": menit_simpan(), "request": request},
        )

    def massal_unduh_view(self, request, uuid):
        c = self._cetak(request, uuid)
        try:
            isi = services.cetak_pin_unduh(oleh=request.user, cetak=c)
        except PermissionDenied:
            raise
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:mandiri_cetakpin", args=[c.uuid]))
        response = HttpResponse(isi, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="slip-pin-{c.uuid.hex[:8]}.pdf"'
        response["Cache-Control"] = "no-store, private"
        return response
