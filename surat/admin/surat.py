"""Back office of letters: the archive (arsip surat keluar), the operator's flow (pick a type,
find the resident, fill the extra fields, preview, send), the sekretaris' and kepala desa's
screens, the PDF (streamed, never a media URL) and the register."""

from __future__ import annotations

import re

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from penduduk.models import Penduduk
from sid.admin_aksi import halaman_aksi, pasang_galat, pk_angka
from surat import forms, laporan, services
from surat.models import JenisSurat, PengaturanSurat, Surat
from surat.selectors import riwayat_surat
from surat.services.pdf import baca_pdf
from surat.services.pengisian import pilihan_penandatangan, pratinjau
from surat.services.surat import periksa_penduduk, tunggu_pdf

S = Surat.Status
LENCANA = {
    S.DRAF: "",
    S.DIKEMBALIKAN: "sid-lencana-peringatan",
    S.VERIFIKASI: "sid-lencana-peringatan",
    S.TANDA_TANGAN: "sid-lencana-peringatan",
    S.TERBIT: "sid-lencana-ok",
    S.BATAL: "sid-lencana-mati",
}
LABEL_AKSI = {
    "buat": "Draf dibuat",
    "ubah": "Draf diubah",
    "ajukan": "Diajukan",
    "verifikasi": "Diverifikasi",
    "tolak": "Dikembalikan ke operator",
    "tandatangani": "Ditandatangani dan diberi nomor",
    "batalkan": "Dibatalkan",
    "pdf_siap": "PDF siap",
    "pdf_gagal": "PDF gagal dibuat",
    "render_ulang": "PDF dibuat ulang",
    "cetak_ulang": "Dicetak ulang",
}
JUMLAH_HASIL_CARI = 10
# The PDF panel's waiting requests (2 s each) before it falls back to polling every 5 s.
BATAS_TUNGGU_PANJANG = 15


def lencana(s: Surat):
    return format_html(
        '<span class="sid-lencana {}">{}</span>', LENCANA.get(s.status, ""), s.get_status_display()
    )


@admin.register(Surat)
class SuratAdmin(admin.ModelAdmin):
    list_display = [
        "nomor_tampil",
        "tanggal_surat",
        "jenis",
        "nama_penduduk",
        "status_tampil",
        "pdf_tampil",
    ]
    list_display_links = ["nomor_tampil"]
    list_select_related = ["jenis"]
    list_filter = ["status", "jenis", "status_pdf"]
    search_fields = ["nomor"]  # the real search is SuratQuerySet.cari()
    search_help_text = "Cari nomor surat, nama penduduk, atau NIK."
    date_hierarchy = "tanggal_surat"
    ordering = ["-dibuat", "-pk"]
    list_per_page = 50
    show_full_result_count = False
    sortable_by = ["nomor_tampil", "tanggal_surat", "nama_penduduk"]

    # --- list ---------------------------------------------------------------------------------
    def get_search_results(self, request, queryset, search_term):
        return queryset.cari(search_term), False

    @admin.display(description="nomor", ordering="nomor")
    def nomor_tampil(self, obj):
        return obj.nomor or "-"

    @admin.display(description="status", ordering="status")
    def status_tampil(self, obj):
        return lencana(obj)

    @admin.display(description="PDF")
    def pdf_tampil(self, obj):
        if obj.status_pdf == Surat.StatusPdf.SIAP:
            return format_html(
                '<a href="{}">unduh</a>', reverse("admin:surat_surat_pdf", args=[obj.pk])
            )
        if obj.status_pdf == Surat.StatusPdf.BELUM:
            return "-"
        return obj.get_status_pdf_display()

    # --- permissions ----------------------------------------------------------------------------
    def has_delete_permission(self, request, obj=None):
        return False  # letters are cancelled with a reason, never deleted

    def get_actions(self, request):
        return {}

    def _ubah(self, request) -> bool:
        return request.user.has_perm("surat.change_surat")

    def _lihat(self, request) -> bool:
        return self.has_view_or_change_permission(request)

    def _bisa_terbitkan(self, request) -> bool:
        if PengaturanSurat.ambil().tanda_tangan_kepala_desa:
            return request.user.has_perm("surat.tandatangani_surat")
        return request.user.has_perm("surat.tandatangani_surat") or self._ubah(request)

    # --- URLs ---------------------------------------------------------------------------------
    def get_urls(self):
        v = self.admin_site.admin_view
        return [
            path("buat/", v(self.add_view), name="surat_surat_pilih"),
            path("buat/<slug:slug>/", v(self.buat_view), name="surat_surat_buat"),
            path("cari-penduduk/", v(self.cari_penduduk_view), name="surat_surat_cari_penduduk"),
            path("register/", v(self.register_view), name="surat_surat_register"),
            path("<int:pk>/ubah/", v(self.ubah_view), name="surat_surat_ubah"),
            path("<int:pk>/ajukan/", v(self.ajukan_view), name="surat_surat_ajukan"),
            path("<int:pk>/verifikasi/", v(self.verifikasi_view), name="surat_surat_verifikasi"),
            path("<int:pk>/kembalikan/", v(self.tolak_view), name="surat_surat_tolak"),
            path(
                "<int:pk>/tandatangani/", v(self.tandatangani_view), name="surat_surat_tandatangani"
            ),
            path("<int:pk>/batalkan/", v(self.batalkan_view), name="surat_surat_batalkan"),
            path("<int:pk>/pdf/", v(self.pdf_view), name="surat_surat_pdf"),
            path("<int:pk>/status-pdf/", v(self.status_pdf_view), name="surat_surat_status_pdf"),
            path("<int:pk>/terbitkan/", v(self.terbitkan_view), name="surat_surat_terbitkan"),
            path(
                "<int:pk>/buat-ulang-pdf/",
                v(self.render_ulang_view),
                name="surat_surat_render_ulang",
            ),
            *super().get_urls(),
        ]

    def _surat(self, pk) -> Surat:
        return get_object_or_404(
            Surat.objects.select_related(
                "jenis", "penduduk__keluarga", "penduduk__wilayah__dusun", "penduduk__wilayah__rw"
            ),
            pk=pk,
        )

    # --- the operator's flow -----------------------------------------------------------------------
    def add_view(self, request, form_url="", extra_context=None):
        """Step 1: pick the letter type."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        penduduk = request.GET.get("penduduk", "")
        context = {
            **self.admin_site.each_context(request),
            "title": "Buat surat",
            "opts": self.model._meta,
            "daftar_jenis": JenisSurat.objects.filter(aktif=True).order_by("urutan", "nama"),
            "penduduk": penduduk if penduduk.isdigit() else "",
        }
        return TemplateResponse(request, "admin/surat/surat/pilih_jenis.html", context)

    def buat_view(self, request, slug):
        """Step 2: the resident and the extra fields; saving shows the preview on the letter."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        jenis = get_object_or_404(JenisSurat, slug=slug, aktif=True)
        awal = {}
        if request.GET.get("penduduk", "").isdigit():
            awal["penduduk"] = int(request.GET["penduduk"])

        def jalankan(form):
            return services.surat_create(
                oleh=request.user,
                jenis=jenis,
                penduduk=form.cleaned_data["penduduk"],
                isian=form.isian_terisi(),
            )

        return self._halaman_form(
            request,
            jenis=jenis,
            surat=None,
            awal=awal,
            jalankan=jalankan,
            judul=f"Buat surat: {jenis.nama}",
        )

    def ubah_view(self, request, pk):
        s = self._surat(pk)
        if not self._ubah(request):
            raise PermissionDenied
        if not s.bisa_diubah:
            self.message_user(request, "Surat ini tidak lagi berupa draf.", messages.WARNING)
            return HttpResponseRedirect(s.get_absolute_url())
        awal = {"penduduk": s.penduduk_id, **s.isian}

        def jalankan(form):
            return services.surat_update(
                oleh=request.user,
                surat=s,
                penduduk=form.cleaned_data["penduduk"],
                isian=form.isian_terisi(),
            )

        return self._halaman_form(
            request,
            jenis=s.jenis,
            surat=s,
            awal=awal,
            jalankan=jalankan,
            judul=f"Ubah draf: {s.jenis.nama}",
        )

    def _halaman_form(self, request, *, jenis, surat, awal, jalankan, judul):
        if request.method == "POST":
            form = forms.FormSurat(request.POST, jenis=jenis)
            if form.is_valid():
                try:
                    hasil = jalankan(form)
                except ValidationError as exc:
                    pasang_galat(form, exc)
                else:
                    self.message_user(
                        request,
                        "Draf disimpan. Periksa pratinjau di bawah, lalu ajukan.",
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(hasil.get_absolute_url())
        else:
            form = forms.FormSurat(initial=awal, jenis=jenis)
        terpilih = None
        nilai = form["penduduk"].value()
        if nilai and str(nilai).isdigit():
            terpilih = (
                Penduduk.objects.select_related("keluarga", "wilayah").filter(pk=int(nilai)).first()
            )
        context = {
            **self.admin_site.each_context(request),
            "title": judul,
            "opts": self.model._meta,
            "form": form,
            "jenis": jenis,
            "surat": surat,
            "hasil": [_hasil(jenis, terpilih)] if terpilih else [],
            "terpilih_id": terpilih.pk if terpilih else None,
            "kembali": surat.get_absolute_url() if surat else reverse("admin:surat_surat_pilih"),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/surat/surat/form.html", context)

    def cari_penduduk_view(self, request):
        """HTMX: up to 10 residents by name fragment or NIK/No. KK prefix (indexed search),
        each marked whether the chosen letter type applies to them."""
        if not (self.has_add_permission(request) or self._ubah(request)):
            raise PermissionDenied
        jenis = None
        if request.GET.get("jenis", "").isdigit():
            jenis = JenisSurat.objects.filter(pk=int(request.GET["jenis"])).first()
        teks = request.GET.get("q", "").strip()
        daftar = []
        if len(teks) >= 2:
            daftar = list(
                Penduduk.objects.cari(teks)
                .select_related("keluarga")
                .order_by("nama", "pk")[:JUMLAH_HASIL_CARI]
            )
        context = {
            "hasil": [_hasil(jenis, p) for p in daftar],
            "teks": teks,
            "terpilih_id": None,
        }
        return TemplateResponse(request, "admin/surat/surat/_hasil_penduduk.html", context)

    # --- the letter page ----------------------------------------------------------------------------
    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self._lihat(request):
            raise PermissionDenied
        s = self._surat(pk_angka(object_id))
        user = request.user
        pratinjau_surat = None
        if not s.nomor:
            pratinjau_surat = pratinjau(jenis=s.jenis, penduduk=s.penduduk, isian=s.isian)
        ubah = self._ubah(request)
        verifikator = user.has_perm("surat.verifikasi_surat")
        penanda = user.has_perm("surat.tandatangani_surat")
        terbitkan = self._bisa_terbitkan(request)
        pengaturan = PengaturanSurat.ambil()
        langsung = ubah and terbitkan and s.bisa_diubah and not pengaturan.verifikasi_sekretaris
        pilihan_ttd = []
        if langsung:
            try:
                pilihan_ttd = pilihan_penandatangan(timezone.localdate())
            except ValidationError:
                langsung = False  # no kepala desa in office: the page says so
        if s.status == S.TERBIT:
            bisa_batal = penanda or verifikator
        else:
            bisa_batal = s.status != S.BATAL and (ubah or verifikator or penanda)
        definisi = s.nilai_terbit.get("isian_definisi") or s.jenis.isian
        context = {
            **self.admin_site.each_context(request),
            "title": s.jenis.nama,
            "opts": self.model._meta,
            "s": s,
            "lencana": lencana(s),
            "pratinjau": pratinjau_surat,
            "isian": [(f["label"], s.isian.get(f["kode"], "")) for f in definisi],
            "riwayat": [(e, LABEL_AKSI.get(e.aksi, e.aksi)) for e in riwayat_surat(s)],
            "bisa": {
                "ubah": ubah and s.bisa_diubah,
                "ajukan": ubah and s.bisa_diubah and not langsung,
                "terbitkan_langsung": langsung,
                "verifikasi": s.status == S.VERIFIKASI and verifikator,
                "tolak": (s.status == S.VERIFIKASI and verifikator)
                or (s.status == S.TANDA_TANGAN and terbitkan),
                "tandatangani": s.status == S.TANDA_TANGAN and terbitkan,
                "batalkan": bisa_batal,
            },
            "bisa_ulang": ubah or terbitkan,
            "ttd_kepala_desa": pengaturan.tanda_tangan_kepala_desa,
            "form_terbitkan": forms.FormTandaTangan(pilihan=pilihan_ttd) if langsung else None,
            "unduh": request.GET.get("unduh") == "1",
            "ke": 0,
            "tunggu_panjang": True,
        }
        return TemplateResponse(request, "admin/surat/surat/halaman.html", context)

    # --- workflow screens ----------------------------------------------------------------------------
    def _aksi(
        self,
        request,
        s,
        *,
        form_class,
        judul,
        izin,
        jalankan,
        berhasil,
        keterangan="",
        bahaya=False,
        form_kwargs=None,
        dengan_pratinjau=True,
    ):
        response = halaman_aksi(
            self,
            request,
            obj=s,
            form_class=form_class,
            judul=judul,
            izin=izin,
            jalankan=jalankan,
            berhasil=berhasil,
            keterangan=keterangan,
            bahaya=bahaya,
            form_kwargs=form_kwargs,
        )
        if isinstance(response, TemplateResponse):
            response.template_name = "admin/surat/surat/aksi.html"
            response.context_data["s"] = s
            if dengan_pratinjau:
                response.context_data["pratinjau"] = (
                    pratinjau(jenis=s.jenis, penduduk=s.penduduk, isian=s.isian)
                    if not s.nomor
                    else None
                )
        return response

    def ajukan_view(self, request, pk):
        s = self._surat(pk)
        tujuan = (
            "Sekretaris Desa untuk diverifikasi"
            if PengaturanSurat.ambil().verifikasi_sekretaris
            else "penanda tangan"
        )
        return self._aksi(
            request,
            s,
            form_class=forms.FormAjukan,
            judul="Ajukan surat",
            izin=self._ubah(request),
            keterangan=f"Surat dikirim ke {tujuan}. Selama diproses, surat tidak bisa diubah.",
            berhasil="Surat diajukan.",
            jalankan=lambda data, _k: services.surat_ajukan(oleh=request.user, surat=s),
        )

    def verifikasi_view(self, request, pk):
        s = self._surat(pk)
        return self._aksi(
            request,
            s,
            form_class=forms.FormVerifikasi,
            judul="Verifikasi surat",
            izin=request.user.has_perm("surat.verifikasi_surat"),
            keterangan="Periksa isi surat dan persyaratannya. Setelah diverifikasi, surat menunggu tanda tangan.",
            berhasil="Surat diverifikasi.",
            jalankan=lambda data, _k: services.surat_verifikasi(
                oleh=request.user, surat=s, catatan=data.get("catatan", "")
            ),
        )

    def tolak_view(self, request, pk):
        s = self._surat(pk)
        izin = (s.status == S.VERIFIKASI and request.user.has_perm("surat.verifikasi_surat")) or (
            s.status == S.TANDA_TANGAN and self._bisa_terbitkan(request)
        )
        return self._aksi(
            request,
            s,
            form_class=forms.FormAlasan,
            judul="Kembalikan ke operator",
            izin=izin,
            keterangan="Tuliskan apa yang perlu diperbaiki. Operator melihat alasan ini pada suratnya.",
            berhasil="Surat dikembalikan ke operator.",
            jalankan=lambda data, _k: services.surat_tolak(
                oleh=request.user, surat=s, alasan=data["alasan"]
            ),
        )

    def tandatangani_view(self, request, pk):
        """Signing: the signatory chosen among those in office today (penandatangan_untuk)."""
        s = self._surat(pk)
        if not self._bisa_terbitkan(request):
            raise PermissionDenied
        try:
            pilihan = pilihan_penandatangan(timezone.localdate())
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(s.get_absolute_url())
        url_dasar = request.build_absolute_uri("/").rstrip("/")
        return self._aksi(
            request,
            s,
            form_class=forms.FormTandaTangan,
            form_kwargs={"pilihan": pilihan},
            judul="Tandatangani dan terbitkan surat",
            izin=True,
            keterangan="Setelah ditandatangani, surat mendapat nomor dan isinya dibekukan: perubahan "
            "data penduduk, perangkat atau templat sesudahnya tidak mengubah surat ini. PDF dibuat "
            "otomatis dalam beberapa detik.",
            berhasil="Surat ditandatangani. PDF sedang dibuat.",
            jalankan=lambda data, _k: services.surat_tandatangani(
                oleh=request.user, surat=s, penandatangan=data["penandatangan"], url_dasar=url_dasar
            ),
        )

    @method_decorator(require_POST)
    def terbitkan_view(self, request, pk):
        """One step from the previewed draft to the PDF when the village has no verification
        step: send, sign (the signatory chosen on the letter page) and wait for the worker's
        PDF (a fraction of a second), then open the letter page, which starts the download."""
        s = self._surat(pk)
        if not (self._ubah(request) and self._bisa_terbitkan(request)):
            raise PermissionDenied
        try:
            pilihan = pilihan_penandatangan(timezone.localdate())
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(s.get_absolute_url())
        form = forms.FormTandaTangan(request.POST, pilihan=pilihan)
        if not form.is_valid():
            self.message_user(request, "Pilih penanda tangan surat.", messages.ERROR)
            return HttpResponseRedirect(s.get_absolute_url())
        try:
            s = services.surat_terbitkan_langsung(
                oleh=request.user,
                surat=s,
                penandatangan=form.cleaned_data["penandatangan"],
                url_dasar=request.build_absolute_uri("/").rstrip("/"),
            )
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(s.get_absolute_url())
        status = tunggu_pdf(s.pk, batas_detik=settings.SID_TUNGGU_PDF_DETIK)
        pesan = f"Surat terbit dengan nomor {s.nomor}."
        if status == Surat.StatusPdf.SIAP:
            self.message_user(request, f"{pesan} PDF siap dan sedang diunduh.", messages.SUCCESS)
        else:
            self.message_user(request, f"{pesan} PDF sedang dibuat.", messages.SUCCESS)
        return HttpResponseRedirect(f"{s.get_absolute_url()}?unduh=1#pdf")

    def batalkan_view(self, request, pk):
        s = self._surat(pk)
        if s.status == S.TERBIT:
            izin = request.user.has_perm("surat.tandatangani_surat") or request.user.has_perm(
                "surat.verifikasi_surat"
            )
            keterangan = f"Nomor {s.nomor} tetap tercatat dan tidak dipakai ulang. Halaman cek keaslian akan menyatakan surat ini DIBATALKAN."
        else:
            izin = (
                self._ubah(request)
                or request.user.has_perm("surat.verifikasi_surat")
                or request.user.has_perm("surat.tandatangani_surat")
            )
            keterangan = "Surat yang belum terbit dibatalkan dan tetap tersimpan di arsip."
        return self._aksi(
            request,
            s,
            form_class=forms.FormAlasan,
            judul="Batalkan surat",
            izin=izin,
            keterangan=keterangan,
            bahaya=True,
            berhasil="Surat dibatalkan.",
            jalankan=lambda data, _k: services.surat_batalkan(
                oleh=request.user, surat=s, alasan=data["alasan"]
            ),
            dengan_pratinjau=False,
        )

    # --- PDF ------------------------------------------------------------------------------------------
    @xframe_options_sameorigin
    @csp_replace({"frame-ancestors": ["'self'"]})  # shown in our own page's frame
    def pdf_view(self, request, pk):
        """Stream the stored PDF to staff allowed to see letters (the same bytes every time).
        `?cetak=1` records a reprint and shows it inline for printing."""
        if not self._lihat(request):
            raise PermissionDenied
        s = self._surat(pk)
        if s.status_pdf != Surat.StatusPdf.SIAP or not s.berkas_pdf:
            raise Http404("PDF surat ini belum siap.")
        try:
            isi = baca_pdf(s)
        except FileNotFoundError:
            raise Http404("Berkas PDF tidak ditemukan di penyimpanan.") from None
        cetak = request.GET.get("cetak") == "1"
        if cetak:
            services.surat_cetak_ulang(oleh=request.user, surat=s)
        nomor = re.sub(r"[^A-Za-z0-9]+", "-", s.nomor).strip("-")[:80] or str(s.pk)
        response = HttpResponse(isi, content_type="application/pdf")
        jenis = "inline" if cetak else "attachment"
        response["Content-Disposition"] = f'{jenis}; filename="surat-{nomor}.pdf"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def status_pdf_view(self, request, pk):
        """HTMX: the PDF panel while the PDF is queued or being made. Each request waits up to
        two seconds for the PDF (tunggu_pdf), so the link appears as soon as the PDF is stored;
        after ~30 s still pending (worker down?) the page falls back to a plain poll every 5 s,
        so open pages never hold the web workers."""
        if not self._lihat(request):
            raise PermissionDenied
        get_object_or_404(Surat.objects.only("pk"), pk=pk)
        try:
            ke = max(0, min(int(request.GET.get("ke", "0")), 1000))
        except ValueError:
            ke = 0
        if ke < BATAS_TUNGGU_PANJANG:
            tunggu_pdf(pk, batas_detik=2)
        s = get_object_or_404(Surat, pk=pk)
        return TemplateResponse(
            request,
            "admin/surat/surat/_status_pdf.html",
            {
                "s": s,
                "bisa_ulang": self._ubah(request) or self._bisa_terbitkan(request),
                "unduh": request.GET.get("unduh") == "1",
                "ke": ke + 1,
                "tunggu_panjang": ke + 1 < BATAS_TUNGGU_PANJANG,
            },
        )

    @method_decorator(require_POST)
    def render_ulang_view(self, request, pk):
        s = get_object_or_404(Surat, pk=pk)
        if not (self._ubah(request) or self._bisa_terbitkan(request)):
            raise PermissionDenied
        try:
            services.surat_render_ulang(oleh=request.user, surat=s)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(request, "PDF sedang dibuat ulang.", messages.INFO)
        return HttpResponseRedirect(s.get_absolute_url())

    # --- register -------------------------------------------------------------------------------------
    def register_view(self, request):
        if not self._lihat(request):
            raise PermissionDenied
        hari_ini = timezone.localdate()
        form = forms.FormRegister(
            request.GET or None, initial={"dari": hari_ini.replace(day=1), "sampai": hari_ini}
        )
        reg, galat = None, []
        if form.is_bound and form.is_valid():
            d = form.cleaned_data
            reg = laporan.buat_register(d["dari"], d["sampai"], d["jenis"])
            unduh = request.GET.get("unduh")
            try:
                if unduh == "pdf":
                    return _unduhan(
                        laporan.sebagai_pdf(reg, kertas=d["kertas"]),
                        f"{reg.nama_berkas}.pdf",
                        "application/pdf",
                    )
                if unduh == "xlsx":
                    return _unduhan(
                        laporan.sebagai_xlsx(reg),
                        f"{reg.nama_berkas}.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    )
            except ValidationError as exc:
                galat = exc.messages
        context = {
            **self.admin_site.each_context(request),
            "title": "Register surat keluar",
            "opts": self.model._meta,
            "form": form,
            "register": reg,
            "kolom": [k[0] for k in laporan.KOLOM],
            "galat": galat,
            "kueri": request.GET.urlencode() if form.is_bound else "",
        }
        return TemplateResponse(request, "admin/surat/surat/register.html", context)

    def log_addition(self, request, obj, message):
        return None  # the audit log (LogAktivitas) is the record, written by the services

    def log_change(self, request, obj, message):
        return None


def _hasil(jenis, p) -> dict:
    alasan = ""
    if jenis is not None:
        try:
            periksa_penduduk(jenis, p)
        except ValidationError as exc:
            alasan = " ".join(exc.messages)
    return {"p": p, "cocok": not alasan, "alasan": alasan}


def _unduhan(isi: bytes, nama: str, jenis: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=jenis)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["Cache-Control"] = "private, no-store"
    return response
