"""Letter requests: the queue by status, the request page (letter draft beside the documents),
process / return for completion / refuse / mark collected."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from mandiri import selectors, services, surat_api
from mandiri.admin._umum import AdminTanpaLog, riwayat
from mandiri.forms import FormKembalikan, FormTolak
from mandiri.models import DokumenPermohonan, Permohonan
from mandiri.services.berkas import baca, tipe_konten
from sid.admin_aksi import halaman_aksi, pk_angka
from surat.models import Surat

S = Permohonan.Status


def jumlah_per_status() -> dict[str, int]:
    """Requests per effective status (1 query; "siap" = in progress with an issued letter)."""
    siap = Q(status=S.DIPROSES, surat__status=surat_api.TERBIT)
    return Permohonan.objects.aggregate(
        menunggu=Count("pk", filter=Q(status=S.MENUNGGU)),
        dilengkapi=Count("pk", filter=Q(status=S.DILENGKAPI)),
        diproses=Count("pk", filter=Q(status=S.DIPROSES) & ~siap),
        siap=Count("pk", filter=siap),
    )


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        jumlah = jumlah_per_status()
        hasil = []
        for nilai, label in S.choices:
            if nilai in jumlah:
                label = f"{label} ({jumlah[nilai]})"
            hasil.append((nilai, label))
        return hasil

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(status_efektif=self.value())
        return queryset


def lencana(p: Permohonan) -> str:
    return format_html(
        '<span class="sid-lencana lencana-{}">{}</span>', p.status_tampil, p.status_tampil_label
    )


@admin.register(Permohonan)
class PermohonanAdmin(AdminTanpaLog):
    list_display = ["dibuat", "pemohon", "jenis", "status_tampil_admin", "surat_tampil", "dokumen"]
    list_display_links = ["dibuat", "pemohon"]
    list_select_related = ["penduduk", "jenis", "surat"]
    list_filter = [StatusFilter, "jenis"]
    search_fields = ["penduduk__nama"]
    ordering = ["-dibuat", "-pk"]
    list_per_page = 50
    show_full_result_count = False
    actions = None

    def get_queryset(self, request):
        return (
            super().get_queryset(request).dengan_status().annotate(jumlah_dokumen=Count("dokumen"))
        )

    def get_search_results(self, request, queryset, search_term):
        teks = search_term.strip()
        if teks.isdigit():
            return queryset.filter(penduduk__nik__startswith=teks), False
        if teks:
            return queryset.filter(penduduk__nama__icontains=teks), False
        return queryset, False

    def has_add_permission(self, request):
        return False  # requests come from residents

    @admin.display(description="pemohon", ordering="penduduk__nama")
    def pemohon(self, obj):
        return f"{obj.penduduk.nama} ({obj.penduduk.nik})"

    @admin.display(description="status", ordering="status_efektif")
    def status_tampil_admin(self, obj):
        return lencana(obj)

    @admin.display(description="surat")
    def surat_tampil(self, obj):
        if obj.surat_id is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            obj.surat.get_absolute_url(),
            obj.surat.nomor or obj.surat.get_status_display(),
        )

    @admin.display(description="dokumen", ordering="jumlah_dokumen")
    def dokumen(self, obj):
        teks = str(obj.jumlah_dokumen)
        return teks + (" + fisik" if obj.bawa_dokumen_fisik else "")

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "jumlah": jumlah_per_status()}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        v = self.admin_site.admin_view
        return [
            path("<int:pk>/proses/", v(self.proses_view), name="mandiri_permohonan_proses"),
            path(
                "<int:pk>/kembalikan/",
                v(self.kembalikan_view),
                name="mandiri_permohonan_kembalikan",
            ),
            path("<int:pk>/tolak/", v(self.tolak_view), name="mandiri_permohonan_tolak"),
            path("<int:pk>/diambil/", v(self.diambil_view), name="mandiri_permohonan_diambil"),
            path(
                "<int:pk>/dokumen/<uuid:uuid>/",
                v(self.dokumen_view),
                name="mandiri_permohonan_dokumen",
            ),
            *super().get_urls(),
        ]

    def _permohonan(self, pk) -> Permohonan:
        return get_object_or_404(
            Permohonan.objects.dengan_status().select_related(
                "penduduk__wilayah__dusun", "penduduk__wilayah__rw", "jenis", "surat"
            ),
            pk=pk,
        )

    def _ubah(self, request) -> bool:
        return self.has_change_permission(request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        p = self._permohonan(pk_angka(object_id))
        s = p.surat
        status = p.status_tampil
        ubah = self._ubah(request)
        pratinjau = None
        if s is None or not s.nomor:
            pratinjau = surat_api.pratinjau(jenis=p.jenis, penduduk=p.penduduk, isian=p.isian)
        bisa_tangani = status in (S.MENUNGGU, S.DIPROSES) and not (
            s and s.status == Surat.Status.TERBIT
        )
        context = self.konteks(
            request,
            f"Permohonan {p.jenis.nama}",
            p=p,
            s=s,
            lencana=lencana(p),
            keterangan_surat=surat_api.KETERANGAN_STATUS.get(s.status, "") if s else "",
            pratinjau=pratinjau,
            isian=selectors.isian_tampil(p.jenis, p.isian),
            dokumen=list(p.dokumen.select_related("sumber__jenis")),
            riwayat=riwayat(p, 30),
            bisa={
                "proses": ubah
                and request.user.has_perm("surat.add_surat")
                and (
                    status == S.MENUNGGU
                    or (status == S.DIPROSES and s is not None and s.status == surat_api.BATAL)
                ),
                "kembalikan": ubah
                and (
                    status == S.MENUNGGU
                    or (
                        status == S.DIPROSES
                        and (s is None or s.status in (*surat_api.DAPAT_DIUBAH, surat_api.BATAL))
                    )
                ),
                "tolak": ubah and (status == S.DILENGKAPI or bisa_tangani),
                "diambil": ubah and status == S.SIAP,
            },
        )
        return TemplateResponse(request, "admin/mandiri/permohonan/detail.html", context)

    @method_decorator(require_POST)
    def proses_view(self, request, pk):
        if not (self._ubah(request) and request.user.has_perm("surat.add_surat")):
            raise PermissionDenied
        p = self._permohonan(pk)
        try:
            p = services.permohonan_proses(oleh=request.user, permohonan=p)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                "Draf surat dibuat dari permohonan. Periksa isinya dan dokumen di sebelahnya, "
                "lalu buka suratnya untuk diajukan.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(p.get_absolute_url())

    def kembalikan_view(self, request, pk):
        p = self._permohonan(pk)
        return halaman_aksi(
            self,
            request,
            obj=p,
            form_class=FormKembalikan,
            judul="Kembalikan ke pemohon",
            izin=self._ubah(request),
            jalankan=lambda d, _k: services.permohonan_kembalikan(
                oleh=request.user, permohonan=p, pesan=d["pesan"]
            ),
            berhasil="Permohonan dikembalikan ke pemohon untuk dilengkapi.",
            keterangan="Pemohon melihat pesan ini di Layanan Mandiri dan dapat melengkapi "
            "permohonannya. Draf surat yang sudah dibuat dibatalkan.",
        )

    def tolak_view(self, request, pk):
        p = self._permohonan(pk)
        return halaman_aksi(
            self,
            request,
            obj=p,
            form_class=FormTolak,
            judul="Tolak permohonan",
            izin=self._ubah(request),
            jalankan=lambda d, _k: services.permohonan_tolak(
                oleh=request.user, permohonan=p, alasan=d["alasan"]
            ),
            berhasil="Permohonan ditolak.",
            keterangan="Surat yang belum terbit untuk permohonan ini ikut dibatalkan.",
            bahaya=True,
        )

    @method_decorator(require_POST)
    def diambil_view(self, request, pk):
        if not self._ubah(request):
            raise PermissionDenied
        p = self._permohonan(pk)
        try:
            services.permohonan_diambil(oleh=request.user, permohonan=p)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(
                request, "Ditandai sudah diambil; permohonan selesai.", messages.SUCCESS
            )
        return HttpResponseRedirect(p.get_absolute_url())

    def dokumen_view(self, request, pk, uuid):
        """Stream a request's document to staff who may see requests (private storage)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        d = get_object_or_404(DokumenPermohonan, uuid=uuid, permohonan_id=pk)
        try:
            isi = baca(d.berkas)
        except FileNotFoundError:
            raise Http404 from None
        ekstensi = d.berkas.name.rsplit(".", 1)[-1]
        response = HttpResponse(isi, content_type=tipe_konten(d.berkas.name))
        jenis = "attachment" if request.GET.get("unduh") else "inline"
        response["Content-Disposition"] = f'{jenis}; filename="dokumen-{d.uuid.hex[:8]}.{ekstensi}"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
