"""Appointments of officials (SK decrees): their screens, verification, dismissal, the decree
scan and the officials' registers."""

from __future__ import annotations

import re

from csp.decorators import csp_replace
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_sameorigin

from perangkat import forms, laporan, services
from perangkat.filters import MenjabatFilter
from perangkat.models import (
    Pengangkatan,
    StatusVerifikasi,
)
from sid.admin_aksi import halaman_aksi, pasang_galat
from sid.lib.desa import identitas_desa
from sid.lib.format import tanggal_indonesia
from sid.lib.riwayat import siapkan_rincian
from sid.models import LogAktivitas

LENCANA_STATUS = {
    StatusVerifikasi.BELUM: "sid-lencana-peringatan",
    StatusVerifikasi.PERLU_PERBAIKAN: "sid-lencana-mati",
    StatusVerifikasi.TERVERIFIKASI: "sid-lencana-ok",
}


def lencana_status(p: Pengangkatan):
    return format_html(
        '<span class="sid-lencana {}">{}</span>',
        LENCANA_STATUS[p.status_verifikasi],
        p.get_status_verifikasi_display(),
    )


def _tanpa_konfirmasi(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "konfirmasi"}


class BelumTerverifikasiFilter(admin.SimpleListFilter):
    title = "pemeriksaan SK"
    parameter_name = "periksa"

    def lookups(self, request, model_admin):
        return [("belum", "Belum terverifikasi (semua)")]

    def queryset(self, request, queryset):
        if self.value() == "belum":
            return queryset.belum_terverifikasi()
        return queryset


@admin.register(Pengangkatan)
class PengangkatanAdmin(admin.ModelAdmin):
    list_display = [
        "perangkat_tampil",
        "jabatan_tampil",
        "jenis",
        "nomor_sk",
        "tanggal_sk",
        "tmt",
        "tanggal_berhenti",
        "status_tampil",
        "berkas_tampil",
    ]
    list_display_links = ["perangkat_tampil"]
    list_select_related = ["perangkat__penduduk", "jabatan", "dusun"]
    list_filter = [
        BelumTerverifikasiFilter,
        "status_verifikasi",
        MenjabatFilter,
        "jabatan",
        "jenis",
    ]
    search_fields = ["nomor_sk", "perangkat__nama", "perangkat__penduduk__nama"]
    search_help_text = "Cari nomor SK atau nama perangkat."
    date_hierarchy = "tmt"
    ordering = ["-tmt", "-pk"]
    view_on_site = False
    list_per_page = 50

    @admin.display(description="perangkat", ordering="perangkat__nama")
    def perangkat_tampil(self, obj):
        return obj.perangkat.nama_bergelar

    @admin.display(description="jabatan", ordering="jabatan__urutan")
    def jabatan_tampil(self, obj):
        return obj.judul_jabatan

    @admin.display(description="verifikasi", ordering="status_verifikasi")
    def status_tampil(self, obj):
        return lencana_status(obj)

    @admin.display(description="berkas SK")
    def berkas_tampil(self, obj):
        if not obj.berkas_sk:
            return format_html('<span class="sid-lencana">{}</span>', "belum ada")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("admin:perangkat_pengangkatan_berkas", args=[obj.pk]),
            "lihat",
        )

    # --- permissions: no deletion, the history stays -------------------------------------------
    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}

    def _ubah(self, request) -> bool:
        return self.has_change_permission(request)

    def _lihat(self, request) -> bool:
        return self.has_view_or_change_permission(request)

    # --- screens --------------------------------------------------------------------------------
    def get_urls(self):
        aksi = self.admin_site.admin_view
        return [
            path("<int:pk>/ubah/", aksi(self.ubah_view), name="perangkat_pengangkatan_ubah"),
            path("<int:pk>/periksa/", aksi(self.periksa_view), name="perangkat_pengangkatan_periksa"),
            path("<int:pk>/berhenti/", aksi(self.berhenti_view), name="perangkat_pengangkatan_berhenti"),
            path("<int:pk>/berkas-sk/", aksi(self.berkas_view), name="perangkat_pengangkatan_berkas"),
            path("buku-aparat/", aksi(self.buku_aparat_view), name="perangkat_buku_aparat"),
            path("laporan/", aksi(self.laporan_view), name="perangkat_laporan_data"),
            *super().get_urls(),
        ]  # fmt: skip

    def add_view(self, request, form_url="", extra_context=None):
        awal = {}
        if request.GET.get("perangkat", "").isdigit():
            awal["perangkat"] = int(request.GET["perangkat"])

        def jalankan(data, konfirmasi):
            return services.pengangkatan_create(
                oleh=request.user,
                konfirmasi=konfirmasi,
                **_tanpa_konfirmasi(data),
            )

        return halaman_aksi(
            self,
            request,
            obj=None,
            form_class=forms.PengangkatanForm,
            judul="Catat pengangkatan dari SK",
            izin=self.has_add_permission(request),
            berhasil="Pengangkatan dicatat. Periksa kecocokannya dengan pindaian SK.",
            kembali=reverse("admin:perangkat_pengangkatan_changelist"),
            form_kwargs={"initial": awal},
            keterangan="Salin data dari SK pengangkatan dan unggah pindaiannya. Setelah disimpan, "
            "data diperiksa berdampingan dengan pindaian SK lalu ditandai terverifikasi.",
            jalankan=jalankan,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self._lihat(request):
            raise PermissionDenied
        if not str(object_id).isdigit():
            raise Http404
        p = get_object_or_404(
            Pengangkatan.objects.select_related(
                "perangkat__penduduk", "jabatan", "dusun", "diverifikasi_oleh", "dibuat_oleh"
            ),
            pk=int(object_id),
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"{p.judul_jabatan} — {p.perangkat.nama_bergelar}",
            "opts": self.model._meta,
            "p": p,
            "bisa_ubah": self._ubah(request),
            "riwayat": _riwayat(p),
            "lencana": lencana_status(p),
            "menjabat": p.menjabat_pada(),
        }
        return TemplateResponse(request, "admin/perangkat/pengangkatan/halaman.html", context)

    def ubah_view(self, request, pk):
        p = get_object_or_404(Pengangkatan.objects.select_related("perangkat", "jabatan"), pk=pk)

        def jalankan(data, konfirmasi):
            data = _tanpa_konfirmasi(data)
            berkas = data.pop("berkas_sk", None)
            ubah = {k: v for k, v in data.items() if getattr(p, k) != v}
            if berkas:
                ubah["berkas_sk"] = berkas
            return services.pengangkatan_update(
                oleh=request.user, pengangkatan=p, data=ubah, konfirmasi=konfirmasi
            )

        keterangan = "Mengubah data SK (nomor, tanggal, jabatan, berkas …) mengembalikan status ke 'belum diperiksa'."
        return halaman_aksi(
            self,
            request,
            obj=p,
            form_class=forms.PengangkatanForm,
            judul="Ubah pengangkatan",
            izin=self._ubah(request),
            berhasil="Pengangkatan disimpan.",
            form_kwargs={"instance": p},
            keterangan=keterangan,
            jalankan=jalankan,
        )

    def berhenti_view(self, request, pk):
        p = get_object_or_404(Pengangkatan.objects.select_related("perangkat", "jabatan"), pk=pk)
        awal = {}
        if p.tanggal_berhenti:
            awal = {
                "nomor_sk_berhenti": p.nomor_sk_berhenti,
                "tanggal_sk_berhenti": p.tanggal_sk_berhenti,
                "tanggal_berhenti": p.tanggal_berhenti,
                "alasan_berhenti": p.alasan_berhenti,
            }
        return halaman_aksi(
            self,
            request,
            obj=p,
            form_class=forms.BerhentiForm,
            judul="Koreksi pemberhentian" if p.tanggal_berhenti else "Catat pemberhentian",
            izin=self._ubah(request),
            berhasil="Pemberhentian dicatat.",
            form_kwargs={"initial": awal} if awal else None,
            keterangan="Salin dari SK pemberhentian. Riwayat jabatan tetap tersimpan.",
            bahaya=True,
            jalankan=lambda data, _k: services.pengangkatan_berhenti(
                oleh=request.user, pengangkatan=p, **_tanpa_konfirmasi(data)
            ),
        )

    def periksa_view(self, request, pk):
        """The SK check: the scan beside the entered fields, with "Cocok" / "Perbaiki"."""
        if not self._lihat(request):
            raise PermissionDenied
        p = get_object_or_404(
            Pengangkatan.objects.select_related(
                "perangkat__penduduk", "jabatan", "dusun", "diverifikasi_oleh"
            ),
            pk=pk,
        )
        bisa_ubah = self._ubah(request)
        form_perbaiki = forms.PerbaikiForm()
        galat = []
        if request.method == "POST":
            if not bisa_ubah:
                raise PermissionDenied
            aksi = request.POST.get("aksi")
            try:
                if aksi == "cocok":
                    services.pengangkatan_verifikasi(oleh=request.user, pengangkatan=p)
                    self.message_user(
                        request, "SK cocok: pengangkatan terverifikasi.", messages.SUCCESS
                    )
                    return HttpResponseRedirect(p.get_absolute_url())
                if aksi == "perbaiki":
                    form_perbaiki = forms.PerbaikiForm(request.POST)
                    if form_perbaiki.is_valid():
                        services.pengangkatan_minta_perbaikan(
                            oleh=request.user,
                            pengangkatan=p,
                            catatan=form_perbaiki.cleaned_data["catatan"],
                        )
                        self.message_user(
                            request,
                            "Pengangkatan ditandai perlu perbaikan.",
                            messages.WARNING,
                        )
                        return HttpResponseRedirect(p.get_absolute_url())
            except ValidationError as exc:
                if aksi == "perbaiki":
                    pasang_galat(form_perbaiki, exc)
                else:
                    galat = exc.messages
        desa = identitas_desa()
        idt = p.perangkat.identitas
        isian = [
            ("Nama", p.perangkat.nama_bergelar),
            ("NIK", idt.nik or "-"),
            ("NIP", p.perangkat.nip or "-"),
            (desa.sebutan_nip_desa or "NIPD", p.perangkat.nipd or "-"),
            ("Jabatan", p.judul_jabatan),
            ("Jenis", p.get_jenis_display()),
            ("Nomor SK", p.nomor_sk),
            ("Tanggal SK", _tanggal(p.tanggal_sk)),
            ("TMT", _tanggal(p.tmt)),
            ("Akhir masa jabatan", _tanggal(p.rencana_selesai)),
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Periksa SK pengangkatan",
            "subtitle": str(p.perangkat),
            "opts": self.model._meta,
            "p": p,
            "isian": isian,
            "bisa_ubah": bisa_ubah,
            "form_perbaiki": form_perbaiki,
            "galat": galat,
            "lencana": lencana_status(p),
            "url_berkas": reverse("admin:perangkat_pengangkatan_berkas", args=[p.pk]),
        }
        return TemplateResponse(request, "admin/perangkat/pengangkatan/periksa.html", context)

    @xframe_options_sameorigin
    @csp_replace({"frame-ancestors": ["'self'"]})  # shown in our own page's frame
    def berkas_view(self, request, pk):
        """Stream the scanned SK to staff allowed to see appointments (shown inline)."""
        if not request.user.has_perm("perangkat.view_pengangkatan"):
            raise PermissionDenied
        p = get_object_or_404(Pengangkatan, pk=pk)
        if not p.berkas_sk:
            raise Http404("Belum ada berkas SK.")
        try:
            berkas = p.berkas_sk.open("rb")
        except FileNotFoundError:
            raise Http404("Berkas SK tidak ditemukan di penyimpanan.") from None
        ekstensi = p.berkas_sk.name.rsplit(".", 1)[-1].lower()
        nomor = re.sub(r"[^A-Za-z0-9]+", "-", p.nomor_sk).strip("-")[:60] or str(p.pk)
        response = FileResponse(
            berkas,
            content_type=p.berkas_sk_jenis or "application/octet-stream",
            as_attachment=False,
            filename=f"SK-{nomor}.{ekstensi}",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    # --- the books ------------------------------------------------------------------------------
    def buku_aparat_view(self, request):
        return self._laporan(request, laporan.buku_aparat, "Buku Aparat Pemerintah Desa")

    def laporan_view(self, request):
        return self._laporan(request, laporan.laporan_data_perangkat, "Laporan Data Perangkat Desa")

    def _laporan(self, request, buat, judul):
        if not self._lihat(request):
            raise PermissionDenied
        form = forms.PilihLaporanForm(request.GET or None)
        tanggal, kertas = timezone.localdate(), "A4"
        if form.is_bound and form.is_valid():
            tanggal, kertas = form.cleaned_data["tanggal"], form.cleaned_data["kertas"] or "A4"
        elif form.is_bound:
            return self._halaman_laporan(request, form, None, judul)
        isi = buat(tanggal)
        unduh = request.GET.get("unduh")
        if unduh == "pdf":
            pdf = laporan.sebagai_pdf(isi, kertas=kertas, dicetak=timezone.localdate())
            return _unduhan(pdf, f"{isi.nama_berkas}.pdf", "application/pdf")
        if unduh == "xlsx":
            return _unduhan(
                laporan.sebagai_xlsx(isi),
                f"{isi.nama_berkas}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        return self._halaman_laporan(request, form, isi, judul)

    def _halaman_laporan(self, request, form, isi, judul):
        context = {
            **self.admin_site.each_context(request),
            "title": judul,
            "opts": self.model._meta,
            "form": form,
            "laporan": isi,
            "kueri": request.GET.urlencode() if form.is_bound else "",
            # SIPKATDES step 7: the officials report is handed to the Kepala Desa in SID.
            "boleh_serahkan": isi is not None
            and judul == "Laporan Data Perangkat Desa"
            and request.user.has_perm("perangkat.add_penyerahanlaporan"),
            "tanggal_laporan": isi.tanggal if isi is not None else None,
            "kertas_laporan": request.GET.get("kertas") or "A4",
        }
        return TemplateResponse(request, "admin/perangkat/pengangkatan/laporan.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "bisa_tambah": self.has_add_permission(request),
        }
        return super().changelist_view(request, extra_context)


def _tanggal(tanggal) -> str:

    return tanggal_indonesia(tanggal) if tanggal else "-"


def _riwayat(p: Pengangkatan) -> list[LogAktivitas]:
    ct = ContentType.objects.get_for_model(Pengangkatan)
    return siapkan_rincian(
        LogAktivitas.objects.filter(content_type=ct, object_id=str(p.pk))
        .select_related("pengguna")
        .order_by("-waktu", "-id")[:100]
    )


def _unduhan(isi: bytes, nama: str, jenis: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=jenis)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["Cache-Control"] = "private, no-store"
    return response
