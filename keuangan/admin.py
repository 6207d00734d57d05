"""Back office of the village budget: the budget years (each opens as the whole year as a tree,
edited inline with HTMX), adoption, APBDes Perubahan, .xlsx import/export, the reports, and the
account template.

Who may do what (sid/peran.py): Operator (the treasurer, Kaur Keuangan) edits; Sekretaris and
Kepala Desa view and print; Administrator also deletes drafts and adds template codes.
"""

from __future__ import annotations

import uuid

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, Sum
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from keuangan import forms, impor, laporan, services
from keuangan.models import Rekening, RincianAnggaran, TahunAnggaran
from keuangan.nilai import rupiah
from keuangan.selectors import ada_versi_lebih_baru, pohon_tahun
from sid.admin_aksi import halaman_aksi, pasang_galat
from sid.exceptions import PerluKonfirmasi

KOLOM_SEL = services.KOLOM_UBAH
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KUNCI_SESI_IMPOR = "keuangan_impor"


def _unduhan(isi: bytes, nama: str, jenis: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=jenis)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["Cache-Control"] = "private, no-store"
    return response


def lencana_status(ta: TahunAnggaran):
    kelas = "sid-lencana-ok" if ta.ditetapkan else "sid-lencana-peringatan"
    return format_html('<span class="sid-lencana {}">{}</span>', kelas, ta.get_status_display())


@admin.register(TahunAnggaran)
class TahunAnggaranAdmin(admin.ModelAdmin):
    list_display = [
        "judul",
        "status_tampil",
        "nomor_perdes",
        "tanggal_perdes",
        "pendapatan_tampil",
        "belanja_tampil",
    ]
    list_display_links = ["judul"]
    list_filter = ["status", "tahun"]
    list_select_related: list[str] = []
    search_fields = ["nomor_perdes"]
    search_help_text = "Cari tahun atau nomor Perdes."
    ordering = ["-tahun", "-perubahan_ke"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                total_pendapatan=Sum("rincian__anggaran", filter=Q(rincian__kode__startswith="4.")),
                total_belanja=Sum("rincian__anggaran", filter=Q(rincian__kode__startswith="5.")),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if term.isdigit():
            return queryset.filter(tahun=int(term)), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description="APBDes", ordering="-tahun")
    def judul(self, obj):
        return str(obj)

    @admin.display(description="status", ordering="status")
    def status_tampil(self, obj):
        return lencana_status(obj)

    @admin.display(description="pendapatan (Rp)")
    def pendapatan_tampil(self, obj):
        return rupiah(obj.total_pendapatan or 0)

    @admin.display(description="belanja (Rp)")
    def belanja_tampil(self, obj):
        return rupiah(obj.total_belanja or 0)

    # --- permissions ------------------------------------------------------------------------
    def has_delete_permission(self, request, obj=None):
        return False  # drafts are deleted through the service screen (Administrator)

    def get_actions(self, request):
        return {}

    def _lihat(self, request) -> bool:
        return self.has_view_or_change_permission(request)

    def _ubah(self, request) -> bool:
        return request.user.has_perm("keuangan.change_tahunanggaran") and request.user.has_perm(
            "keuangan.change_rinciananggaran"
        )

    def log_addition(self, request, obj, message):
        return None  # the audit log (LogAktivitas) is the record, written by the services

    def log_change(self, request, obj, message):
        return None

    # --- urls ---------------------------------------------------------------------------------
    def get_urls(self):
        v = self.admin_site.admin_view
        n = "keuangan_tahunanggaran_"
        return [
            path("<int:pk>/sel/", v(self.sel_view), name=f"{n}sel"),
            path("<int:pk>/tambah-baris/", v(self.tambah_baris_view), name=f"{n}tambah_baris"),
            path("<int:pk>/hapus-baris/<int:rid>/", v(self.hapus_baris_view), name=f"{n}hapus_baris"),
            path("<int:pk>/tetapkan/", v(self.tetapkan_view), name=f"{n}tetapkan"),
            path("<int:pk>/perubahan/", v(self.perubahan_view), name=f"{n}perubahan"),
            path("<int:pk>/semester-1/", v(self.semester_view), name=f"{n}semester1"),
            path("<int:pk>/hapus/", v(self.hapus_view), name=f"{n}hapus"),
            path("<int:pk>/impor/", v(self.impor_view), name=f"{n}impor"),
            path("<int:pk>/ekspor/", v(self.ekspor_view), name=f"{n}ekspor"),
            path("<int:pk>/laporan/<slug:jenis>/", v(self.laporan_view), name=f"{n}laporan"),
            *super().get_urls(),
        ]  # fmt: skip

    def _ta(self, pk) -> TahunAnggaran:
        return get_object_or_404(TahunAnggaran.objects.select_related("asal"), pk=pk)

    # --- open a year --------------------------------------------------------------------------
    def add_view(self, request, form_url="", extra_context=None):
        def jalankan(data, _konfirmasi):
            return services.tahun_anggaran_create(
                oleh=request.user,
                tahun=data["tahun"],
                salin_dari=data.get("salin_dari"),
                salin_anggaran=bool(data.get("salin_anggaran")),
            )

        return halaman_aksi(
            self,
            request,
            obj=None,
            form_class=forms.TahunAnggaranBaruForm,
            judul="Buka tahun anggaran",
            izin=self.has_add_permission(request),
            berhasil="Tahun anggaran dibuka. Isi anggaran per baris; simpan otomatis per sel.",
            kembali=reverse("admin:keuangan_tahunanggaran_changelist"),
            keterangan="APBDes baru dibuka sebagai rancangan dari templat rekening APBDes "
            "(Permendagri 20/2018), atau dengan menyalin susunan tahun lain.",
            jalankan=jalankan,
        )

    # --- the year as a tree -------------------------------------------------------------------
    def _konteks_pohon(self, request, ta: TahunAnggaran) -> dict:
        terbaru = not ada_versi_lebih_baru(ta)
        bisa = self._ubah(request) and terbaru
        ubah_anggaran = bisa and not ta.ditetapkan
        return {
            "ta": ta,
            "pohon": pohon_tahun(ta, semua_rekening=ubah_anggaran),
            "ubah_anggaran": ubah_anggaran,
            "ubah_realisasi": bisa,
            "terbaru": terbaru,
            "url_sel": reverse("admin:keuangan_tahunanggaran_sel", args=[ta.pk]),
            "kolom_nilai": services.KOLOM_NILAI,
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self._lihat(request):
            raise PermissionDenied
        if not str(object_id).isdigit():
            raise Http404
        ta = self._ta(int(object_id))
        konteks = self._konteks_pohon(request, ta)
        versi = list(TahunAnggaran.objects.filter(tahun=ta.tahun).order_by("perubahan_ke"))
        form_tambah = None
        if konteks["ubah_anggaran"]:
            rekening = list(Rekening.objects.order_by("kunci_urut"))
            form_tambah = forms.TambahBarisForm(rekening=rekening)
        context = {
            **self.admin_site.each_context(request),
            **konteks,
            "title": str(ta),
            "opts": self.model._meta,
            "versi": versi,
            "form_tambah": form_tambah,
            "bisa_tetapkan": konteks["ubah_anggaran"],
            "bisa_perubahan": konteks["ubah_realisasi"] and ta.ditetapkan,
            "bisa_hapus": request.user.has_perm("keuangan.delete_tahunanggaran")
            and not ta.ditetapkan,
            "laporan": laporan.JENIS_LAPORAN,
        }
        return TemplateResponse(request, "admin/keuangan/tahunanggaran/halaman.html", context)

    @staticmethod
    def _kolom(request) -> str:
        kolom = request.POST.get("kolom", "")
        if kolom not in KOLOM_SEL:
            raise Http404
        return kolom

    def sel_view(self, request, pk):
        """Save one cell (HTMX): the cell comes back with its value or message, and the subtotals
        of its ancestors and the year's totals come along as out-of-band swaps."""
        if request.method != "POST":
            raise Http404
        if not self._ubah(request):
            raise PermissionDenied
        ta = self._ta(pk)
        kolom = self._kolom(request)
        kode, kegiatan = request.POST.get("kode", ""), request.POST.get("kegiatan", "")
        nilai = request.POST.get("nilai", "")
        galat: list[str] = []
        peringatan: list[str] = []
        try:
            services.rincian_simpan(
                oleh=request.user,
                tahun_anggaran=ta,
                kode=kode,
                kegiatan=kegiatan,
                data={kolom: nilai},
                konfirmasi=request.POST.get("konfirmasi") == "1",
            )
        except PerluKonfirmasi as exc:
            peringatan = exc.messages
        except ValidationError as exc:
            galat = exc.messages
        ta.refresh_from_db()
        konteks = self._konteks_pohon(request, ta)
        kunci = services.rapikan_kode(kode), services.rapikan_kode(kegiatan)
        simpul = next(
            (
                s
                for bagian in konteks["pohon"].bagian
                for s in bagian.jalan()
                if s.slot and (s.kode, s.kegiatan) == kunci
            ),
            None,
        )
        if simpul is None:
            raise Http404
        context = {
            **konteks,
            "s": simpul,
            "kolom": kolom,
            "galat": galat,
            "peringatan": peringatan,
            "nilai_ketik": nilai if (galat or peringatan) else None,
            "leluhur": list(simpul.leluhur()),
            "boleh": konteks["ubah_anggaran"]
            if kolom in ("anggaran", "keterangan")
            else konteks["ubah_realisasi"],
        }
        return TemplateResponse(request, "admin/keuangan/tahunanggaran/_respon_sel.html", context)

    def tambah_baris_view(self, request, pk):
        if request.method != "POST":
            raise Http404
        if not self._ubah(request):
            raise PermissionDenied
        ta = self._ta(pk)
        form = forms.TambahBarisForm(
            request.POST, rekening=list(Rekening.objects.order_by("kunci_urut"))
        )
        tujuan = ta.get_absolute_url()
        if not form.is_valid():
            for e in form.errors.values():
                self.message_user(request, " ".join(e), messages.ERROR)
            return HttpResponseRedirect(tujuan)
        try:
            baris = services.rincian_tambah(
                oleh=request.user,
                tahun_anggaran=ta,
                kode=form.cleaned_data["kode"],
                kegiatan=form.cleaned_data["kegiatan"],
                anggaran=form.cleaned_data["anggaran"],
            )
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(tujuan)
        self.message_user(request, f"Baris {baris.kegiatan} / {baris.kode} ditambahkan.")
        return HttpResponseRedirect(f"{tujuan}#b-{baris.kegiatan}-{baris.kode}".replace(".", "_"))

    def hapus_baris_view(self, request, pk, rid):
        if request.method != "POST":
            raise Http404
        if not self._ubah(request):
            raise PermissionDenied
        ta = self._ta(pk)
        baris = get_object_or_404(RincianAnggaran, pk=rid, tahun_anggaran=ta)
        try:
            services.rincian_hapus(oleh=request.user, rincian=baris)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(request, "Baris dihapus dari rancangan.")
        return HttpResponseRedirect(ta.get_absolute_url())

    # --- adopt, revise, close semester, delete -------------------------------------------------
    def tetapkan_view(self, request, pk):
        ta = self._ta(pk)
        return halaman_aksi(
            self,
            request,
            obj=ta,
            form_class=forms.TetapkanForm,
            judul="Tetapkan APBDes",
            izin=self._ubah(request),
            berhasil=f"{ta} ditetapkan. Anggarannya kini terkunci; realisasi tetap bisa dicatat.",
            keterangan="Catat nomor dan tanggal Peraturan Desa yang menetapkan APBDes ini. "
            "Setelah ditetapkan, anggaran tidak bisa diubah kecuali lewat APBDes Perubahan, dan "
            "APBDes tampil di halaman transparansi website desa.",
            jalankan=lambda data, konfirmasi: services.tahun_anggaran_tetapkan(
                oleh=request.user,
                tahun_anggaran=ta,
                nomor_perdes=data["nomor_perdes"],
                tanggal_perdes=data["tanggal_perdes"],
                konfirmasi=konfirmasi,
            ),
        )

    def perubahan_view(self, request, pk):
        ta = self._ta(pk)
        return halaman_aksi(
            self,
            request,
            obj=ta,
            form_class=forms.SetujuForm,
            judul="Buka APBDes Perubahan",
            izin=self._ubah(request),
            berhasil="APBDes Perubahan dibuka sebagai rancangan, berisi salinan APBDes yang "
            "ditetapkan. Ubah anggarannya lalu tetapkan dengan Perdes perubahan.",
            keterangan=f"{ta} tetap tersimpan apa adanya. Salinannya menjadi rancangan APBDes "
            "Perubahan: anggaran dan baris bisa diubah, dan realisasi selanjutnya dicatat di sana. "
            "Website tetap menampilkan APBDes yang ditetapkan sampai perubahan ditetapkan.",
            jalankan=lambda _d, _k: services.tahun_anggaran_buka_perubahan(
                oleh=request.user, tahun_anggaran=ta
            ),
        )

    def semester_view(self, request, pk):
        ta = self._ta(pk)

        def jalankan(_d, _k):
            services.realisasi_semester_1_salin(oleh=request.user, tahun_anggaran=ta)
            return ta

        return halaman_aksi(
            self,
            request,
            obj=ta,
            form_class=forms.SetujuForm,
            judul="Tutup realisasi semester I",
            izin=self._ubah(request),
            berhasil="Realisasi semester I diisi dari realisasi saat ini.",
            keterangan="Kolom realisasi semester I setiap baris diisi dengan realisasi yang "
            "tercatat saat ini (lakukan setelah semua transaksi s/d 30 Juni dicatat). Koreksi per "
            "baris tetap bisa dilakukan sesudahnya.",
            jalankan=jalankan,
        )

    def hapus_view(self, request, pk):
        ta = self._ta(pk)

        def jalankan(_d, _k):
            services.tahun_anggaran_hapus(oleh=request.user, tahun_anggaran=ta)
            return None

        return halaman_aksi(
            self,
            request,
            obj=ta,
            form_class=forms.SetujuForm,
            judul="Hapus rancangan APBDes",
            izin=request.user.has_perm("keuangan.delete_tahunanggaran"),
            berhasil=f"Rancangan {ta} dihapus.",
            kembali=reverse("admin:keuangan_tahunanggaran_changelist"),
            keterangan="Rancangan beserta semua barisnya dihapus (tercatat di log aktivitas). "
            "APBDes yang sudah ditetapkan tidak bisa dihapus.",
            bahaya=True,
            jalankan=jalankan,
        )

    # --- import / export ----------------------------------------------------------------------
    def impor_view(self, request, pk):
        if not self._ubah(request):
            raise PermissionDenied
        ta = self._ta(pk)
        form = forms.ImporForm()
        hasil = galat = None
        sesi = request.session.get(KUNCI_SESI_IMPOR) or {}
        if request.method == "POST" and request.POST.get("aksi") == "simpan":
            token = request.POST.get("token", "")
            if sesi.get("token") != token or sesi.get("tahun_anggaran") != ta.pk:
                self.message_user(
                    request, "Pratinjau impor kedaluwarsa; unggah ulang berkasnya.", messages.ERROR
                )
                return HttpResponseRedirect(request.path)
            try:
                jumlah = services.rincian_impor(
                    oleh=request.user,
                    tahun_anggaran=ta,
                    baris=sesi["baris"],
                    nama_berkas=sesi.get("nama", ""),
                    konfirmasi=request.POST.get("konfirmasi") == "1",
                )
            except ValidationError as exc:
                galat = exc.messages
                hasil = impor.periksa_baris(ta, sesi["baris"])
            else:
                request.session.pop(KUNCI_SESI_IMPOR, None)
                self.message_user(
                    request,
                    f"Impor selesai: {jumlah['baru']} baris baru, {jumlah['diubah']} diubah, "
                    f"{jumlah['sama']} tidak berubah.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(ta.get_absolute_url())
        elif request.method == "POST":
            form = forms.ImporForm(request.POST, request.FILES)
            if form.is_valid():
                berkas = form.cleaned_data["berkas"]
                try:
                    baris = impor.baca_berkas(berkas)
                except ValidationError as exc:
                    pasang_galat(form, ValidationError({"berkas": exc.messages}))
                else:
                    hasil = impor.periksa_baris(ta, baris)
                    sesi = {
                        "token": uuid.uuid4().hex,
                        "tahun_anggaran": ta.pk,
                        "nama": berkas.name[:100],
                        "baris": baris,
                    }
                    request.session[KUNCI_SESI_IMPOR] = sesi
        context = {
            **self.admin_site.each_context(request),
            "title": f"Impor anggaran dan realisasi — {ta}",
            "opts": self.model._meta,
            "ta": ta,
            "form": form,
            "hasil": hasil,
            "galat": galat,
            "token": sesi.get("token", "") if hasil else "",
            "nama_berkas": sesi.get("nama", ""),
        }
        return TemplateResponse(request, "admin/keuangan/tahunanggaran/impor.html", context)

    def ekspor_view(self, request, pk):
        if not self._lihat(request):
            raise PermissionDenied
        ta = self._ta(pk)
        versi = f"-perubahan-{ta.perubahan_ke}" if ta.perubahan else ""
        return _unduhan(impor.ekspor_xlsx(ta), f"apbdes-{ta.tahun}{versi}-rincian.xlsx", XLSX)

    # --- reports ------------------------------------------------------------------------------
    def laporan_view(self, request, pk, jenis):
        if not self._lihat(request):
            raise PermissionDenied
        if jenis not in laporan.JENIS_LAPORAN:
            raise Http404
        ta = self._ta(pk)
        lap = laporan.buat_laporan(ta, jenis)
        unduh = request.GET.get("unduh")
        if unduh == "pdf":
            kertas = request.GET.get("kertas", "A4")
            pdf = laporan.sebagai_pdf(lap, dicetak=timezone.localdate(), kertas=kertas)
            return _unduhan(pdf, f"{lap.nama_berkas}.pdf", "application/pdf")
        if unduh == "xlsx":
            return _unduhan(laporan.sebagai_xlsx(lap), f"{lap.nama_berkas}.xlsx", XLSX)
        context = {
            **self.admin_site.each_context(request),
            "title": laporan.JENIS_LAPORAN[jenis],
            "subtitle": str(ta),
            "opts": self.model._meta,
            "ta": ta,
            "lap": lap,
            "jenis": jenis,
            "semua_jenis": laporan.JENIS_LAPORAN,
        }
        return TemplateResponse(request, "admin/keuangan/tahunanggaran/laporan.html", context)


# --- the account template ------------------------------------------------------------------------


@admin.register(Rekening)
class RekeningAdmin(admin.ModelAdmin):
    list_display = ["kode", "uraian", "jenis", "bawaan"]
    list_display_links = ["kode"]
    list_filter = ["jenis", "bawaan"]
    list_select_related: list[str] = []
    search_fields = ["kode", "uraian"]
    search_help_text = "Cari kode (mis. 4.2.1.) atau uraian."
    ordering = ["jenis", "kunci_urut"]
    list_per_page = 100
    fields = ["kode", "uraian", "jenis", "induk", "bawaan"]
    readonly_fields = ["kode", "jenis", "induk", "bawaan"]

    def _kelola(self, request) -> bool:
        return request.user.has_perm("keuangan.kelola_rekening")

    def has_add_permission(self, request):
        return self._kelola(request)

    def has_change_permission(self, request, obj=None):
        return self._kelola(request) and (obj is None or not obj.bawaan)

    def has_delete_permission(self, request, obj=None):
        return False  # codes stay: budget lines of past years refer to them

    def get_actions(self, request):
        return {}

    def add_view(self, request, form_url="", extra_context=None):
        return halaman_aksi(
            self,
            request,
            obj=None,
            form_class=forms.RekeningForm,
            judul="Tambah kode rekening",
            izin=self._kelola(request),
            berhasil="Kode rekening ditambahkan ke templat.",
            kembali=reverse("admin:keuangan_rekening_changelist"),
            keterangan="Tambahkan kode hanya bila memang dipakai desa dan tidak ada dalam templat "
            "resmi. Kode baru berada di bawah kode yang sudah ada; jenisnya mengikuti induknya.",
            jalankan=lambda data, _k: services.rekening_create(
                oleh=request.user, kode=data["kode"], uraian=data["uraian"]
            ),
        )

    def save_model(self, request, obj, form, change):
        if change and "uraian" in form.changed_data:
            services.rekening_update(oleh=request.user, rekening=obj, uraian=obj.uraian)

    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None
