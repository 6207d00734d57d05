"""Back office of the population register: list, resident page, event screens."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from penduduk import forms, services
from penduduk.admin_dokumen import dengan_dokumen as _dengan_dokumen
from penduduk.filters import (
    AktaLahirFilter,
    KodeFilter,
    NikSementaraFilter,
    StatusDasarFilter,
    SukuFilter,
    UmurFilter,
    WajibKtpFilter,
    WilayahFilter,
)
from penduduk.forms_dokumen import (
    KematianDokumenForm,
    PindahKeluarDokumenForm,
    PindahMasukDokumenForm,
)
from penduduk.models import Penduduk, PendudukHapus, Peristiwa, RiwayatPerubahan
from penduduk.selectors import halaman_penduduk
from sid import kode
from sid.admin import FilterAksi, FilterJenisObjek, RincianPerubahanMixin
from sid.admin_aksi import halaman_aksi, pk_angka
from sid.lib.desa import identitas_desa
from sid.lib.riwayat import rincian_data, tabel_data

SD = kode.StatusDasar

# The columns of the resident list: a resident row has ~90 columns, the list shows nine.
KOLOM_DAFTAR = (
    "nama",
    "nik",
    "jenis_kelamin",
    "tanggal_lahir",
    "shdk",
    "status_dasar",
    "keluarga",
    "keluarga__no_kk",
    "wilayah",
    "wilayah__nama",
    "wilayah__tingkat",
    "wilayah__dusun",
    "wilayah__dusun__nama",
    "wilayah__rw",
    "wilayah__rw__nama",
)


class DaftarPenduduk(ChangeList):
    """Loads only the listed columns for the page shown; `get_queryset()` (used by the export
    of the filtered list) still returns whole rows."""

    def get_results(self, request):
        self.queryset = self.queryset.only(*KOLOM_DAFTAR)
        super().get_results(request)


@admin.register(Penduduk)
class PendudukAdmin(admin.ModelAdmin):
    list_display = [
        "nama",
        "nik_tampil",
        "jk",
        "umur_tampil",
        "shdk",
        "wilayah_tampil",
        "status_dasar",
    ]
    list_display_links = ["nama"]
    list_select_related = ["keluarga", "wilayah__dusun", "wilayah__rw"]
    list_filter = [
        StatusDasarFilter,
        WilayahFilter,
        "jenis_kelamin",
        UmurFilter,
        "status_penduduk",
        NikSementaraFilter,
        "agama",
        "pendidikan_kk",
        "pekerjaan",
        "status_kawin",
        # Every statistics cell links to this list with these filters (penduduk/statistik).
        ("pendidikan_sedang", KodeFilter),
        ("shdk", KodeFilter),
        ("warganegara", KodeFilter),
        ("golongan_darah", KodeFilter),
        ("cacat", KodeFilter),
        ("sakit_menahun", KodeFilter),
        ("cara_kb", KodeFilter),
        ("hamil", KodeFilter),
        ("asuransi", KodeFilter),
        WajibKtpFilter,
        ("ktp_el", KodeFilter),
        AktaLahirFilter,
        SukuFilter,
    ]
    search_fields = ["nama"]  # the real search is cari(): name fragment, NIK or No. KK prefix
    search_help_text = "Cari nama (sebagian), NIK atau No. KK."
    list_per_page = 50
    show_full_result_count = False
    ordering = ["nama", "id"]
    sortable_by = ["nama", "nik_tampil", "umur_tampil", "status_dasar"]
    autocomplete_fields = []

    # --- list -------------------------------------------------------------------------------
    def get_changelist(self, request, **kwargs):
        return DaftarPenduduk

    def get_search_results(self, request, queryset, search_term):
        return queryset.cari(search_term), False

    @admin.display(description="NIK", ordering="nik")
    def nik_tampil(self, obj):
        if obj.nik_sementara:
            return format_html('{} <span class="sid-lencana">sementara</span>', obj.nik)
        return obj.nik

    @admin.display(description="L/P", ordering="jenis_kelamin")
    def jk(self, obj):
        return "L" if obj.jenis_kelamin == kode.JenisKelamin.LAKI_LAKI else "P"

    @admin.display(description="umur", ordering="-tanggal_lahir")
    def umur_tampil(self, obj):
        return obj.umur()

    @admin.display(description="No. KK", ordering="keluarga__no_kk")
    def no_kk(self, obj):
        return obj.keluarga.no_kk if obj.keluarga_id else "-"

    @admin.display(description="wilayah")
    def wilayah_tampil(self, obj):
        w = obj.wilayah
        bagian = [w.dusun.nama if w.dusun_id else ""]
        if w.rw_id:
            bagian.append(f"RW {w.rw.nama}")
        if w.tingkat == w.Tingkat.RT:
            bagian.append(f"RT {w.nama}")
        return " / ".join(b for b in bagian if b)

    # --- permissions: deletion only through the logged "hapus salah input" screen ----------
    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return super().has_add_permission(request) and identitas_desa().dalam_fase_data_awal

    def get_actions(self, request):
        return {}

    # --- screens ----------------------------------------------------------------------------
    def get_urls(self):
        aksi = self.admin_site.admin_view
        return [
            path("<int:pk>/ubah/", aksi(self.ubah_view), name="penduduk_penduduk_ubah"),
            path("<int:pk>/mati/", aksi(self.mati_view), name="penduduk_penduduk_mati"),
            path(
                "<int:pk>/pindah-keluar/",
                aksi(self.pindah_keluar_view),
                name="penduduk_penduduk_pindah_keluar",
            ),
            path("<int:pk>/hilang/", aksi(self.hilang_view), name="penduduk_penduduk_hilang"),
            path("<int:pk>/pergi/", aksi(self.pergi_view), name="penduduk_penduduk_pergi"),
            path("<int:pk>/kembali/", aksi(self.kembali_view), name="penduduk_penduduk_kembali"),
            path("<int:pk>/kawin/", aksi(self.kawin_view), name="penduduk_penduduk_kawin"),
            path("<int:pk>/cerai/", aksi(self.cerai_view), name="penduduk_penduduk_cerai"),
            path(
                "<int:pk>/hapus-salah-input/", aksi(self.hapus_view), name="penduduk_penduduk_hapus"
            ),
            path(
                "peristiwa/<int:pk>/ubah/",
                aksi(self.peristiwa_ubah_view),
                name="penduduk_peristiwa_ubah",
            ),
            path(
                "peristiwa/<int:pk>/batal/",
                aksi(self.peristiwa_batal_view),
                name="penduduk_peristiwa_batal",
            ),
            path(
                "pindah-masuk/", aksi(self.pindah_masuk_view), name="penduduk_penduduk_pindah_masuk"
            ),
            path("ekspor/xlsx/", aksi(self.ekspor_xlsx_view), name="penduduk_penduduk_ekspor_xlsx"),
            path(
                "ekspor/xlsx-label/",
                aksi(self.ekspor_xlsx_label_view),
                name="penduduk_penduduk_ekspor_xlsx_label",
            ),
            path("ekspor/csv/", aksi(self.ekspor_csv_view), name="penduduk_penduduk_ekspor_csv"),
            *super().get_urls(),
        ]

    def _ubah(self, request):
        return self.has_change_permission(request)

    def add_view(self, request, form_url="", extra_context=None):
        return halaman_aksi(
            self,
            request,
            obj=None,
            form_class=forms.PendudukForm,
            judul="Tambah penduduk (data awal)",
            izin=self.has_add_permission(request),
            berhasil="Penduduk ditambahkan.",
            kembali=reverse("admin:penduduk_penduduk_changelist"),
            keterangan="Hanya selama fase data awal. Setelahnya, penduduk baru masuk lewat LAHIR atau PINDAH MASUK.",
            jalankan=lambda data, konfirmasi: services.penduduk_create(
                oleh=request.user, data=_tanpa_konfirmasi(data), konfirmasi=konfirmasi
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        p = get_object_or_404(
            Penduduk.objects.select_related("keluarga", "wilayah__dusun", "wilayah__rw"),
            pk=pk_angka(object_id),
        )
        context = {
            **self.admin_site.each_context(request),
            **halaman_penduduk(p),
            "title": p.nama,
            "opts": self.model._meta,
            "p": p,
            "bisa_ubah": self.has_change_permission(request, p),
            "bisa_hapus": request.user.has_perm("penduduk.hapus_penduduk_salah_input"),
            "SD": SD,
        }
        return TemplateResponse(request, "admin/penduduk/penduduk/halaman.html", context)

    def ubah_view(self, request, pk):
        p = get_object_or_404(Penduduk, pk=pk)
        return halaman_aksi(
            self,
            request,
            obj=p,
            form_class=forms.PendudukForm,
            judul="Ubah biodata",
            izin=self._ubah(request),
            berhasil="Biodata disimpan.",
            form_kwargs={"instance": p},
            jalankan=lambda data, konfirmasi: services.penduduk_update(
                oleh=request.user,
                penduduk=p,
                data=_berubah(request, p, data),
                konfirmasi=konfirmasi,
            ),
        )

    def _peristiwa(self, request, pk, form_class, judul, fungsi, berhasil, keterangan=""):
        p = get_object_or_404(Penduduk, pk=pk)
        return halaman_aksi(
            self,
            request,
            obj=p,
            form_class=form_class,
            judul=judul,
            izin=self._ubah(request),
            berhasil=berhasil,
            keterangan=keterangan,
            jalankan=lambda data, _k: _dengan_dokumen(
                request, data, lambda d: fungsi(oleh=request.user, penduduk=p, **d)
            ),
        )

    def mati_view(self, request, pk):
        return self._peristiwa(
            request,
            pk,
            KematianDokumenForm,
            "Catat kematian",
            services.peristiwa_kematian_catat,
            "Kematian dicatat.",
        )

    def pindah_keluar_view(self, request, pk):
        return self._peristiwa(
            request,
            pk,
            PindahKeluarDokumenForm,
            "Catat pindah keluar",
            services.peristiwa_pindah_keluar_catat,
            "Pindah keluar dicatat.",
            "Untuk memindahkan seluruh anggota KK sekaligus, gunakan tombol di halaman keluarga.",
        )

    def hilang_view(self, request, pk):
        return self._peristiwa(
            request,
            pk,
            forms.TanggalPeristiwaForm,
            "Catat penduduk hilang",
            services.peristiwa_hilang_catat,
            "Peristiwa hilang dicatat.",
        )

    def pergi_view(self, request, pk):
        return self._peristiwa(
            request,
            pk,
            forms.TanggalPeristiwaForm,
            "Catat penduduk pergi (tidak tetap)",
            services.peristiwa_pergi_catat,
            "Peristiwa pergi dicatat.",
        )

    def kembali_view(self, request, pk):
        return self._peristiwa(
            request,
            pk,
            forms.KembaliForm,
            "Catat kembali datang",
            services.peristiwa_kembali_catat,
            "Kedatangan kembali dicatat.",
        )

    def kawin_view(self, request, pk):
        return self._peristiwa(
            request,
            pk,
            forms.PerkawinanForm,
            "Catat perkawinan",
            services.perkawinan_catat,
            "Perkawinan dicatat.",
        )

    def cerai_view(self, request, pk):
        return self._peristiwa(
            request,
            pk,
            forms.PerceraianForm,
            "Catat perceraian",
            services.perceraian_catat,
            "Perceraian dicatat.",
        )

    def hapus_view(self, request, pk):
        p = get_object_or_404(Penduduk, pk=pk)
        return halaman_aksi(
            self,
            request,
            obj=p,
            form_class=forms.HapusForm,
            judul="Hapus data salah input",
            bahaya=True,
            izin=request.user.has_perm("penduduk.hapus_penduduk_salah_input"),
            berhasil=f"Data {p.nama} dihapus.",
            kembali=reverse("admin:penduduk_penduduk_changelist"),
            keterangan="Hanya untuk data yang salah input atau ganda. Penduduk yang meninggal atau pindah dicatat lewat peristiwa, bukan dihapus.",
            jalankan=lambda data, _k: _hapus(request, p, data["alasan"]),
        )

    def peristiwa_ubah_view(self, request, pk):
        e = get_object_or_404(Peristiwa.objects.select_related("penduduk"), pk=pk)
        return halaman_aksi(
            self,
            request,
            obj=e.penduduk,
            form_class=forms.UbahPeristiwaForm,
            judul=f"Koreksi peristiwa {e.get_jenis_display()}",
            izin=self._ubah(request),
            berhasil="Peristiwa dikoreksi.",
            form_kwargs={"peristiwa": e},
            jalankan=lambda data, _k: (
                services.peristiwa_update(
                    oleh=request.user, peristiwa=e, data=_tanpa_konfirmasi(data)
                )
                and e.penduduk
            ),
        )

    def peristiwa_batal_view(self, request, pk):
        e = get_object_or_404(Peristiwa.objects.select_related("penduduk"), pk=pk)
        return halaman_aksi(
            self,
            request,
            obj=e.penduduk,
            form_class=forms.BatalPeristiwaForm,
            judul=f"Batalkan peristiwa {e.get_jenis_display()}",
            izin=self._ubah(request),
            berhasil="Peristiwa dibatalkan; penduduk kembali berstatus HIDUP.",
            bahaya=True,
            keterangan="Untuk memperbaiki peristiwa keluar yang salah catat. Peristiwa tetap tersimpan dengan tanda dibatalkan.",
            jalankan=lambda data, _k: (
                services.peristiwa_batalkan(
                    oleh=request.user,
                    peristiwa=e,
                    alasan=data["alasan"],
                    shdk_baru=data.get("shdk_baru"),
                )
                and e.penduduk
            ),
        )

    def pindah_masuk_view(self, request):
        return halaman_aksi(
            self,
            request,
            obj=None,
            form_class=PindahMasukDokumenForm,
            judul="Pindah masuk (perorangan)",
            izin=self.has_change_permission(request),
            berhasil="Pindah masuk dicatat.",
            kembali=reverse("admin:penduduk_penduduk_changelist"),
            keterangan="Untuk satu orang, masuk ke KK yang sudah ada atau tanpa KK. Keluarga yang datang bersama: menu Keluarga → Keluarga datang.",
            jalankan=lambda data, konfirmasi: _dengan_dokumen(
                request,
                data,
                lambda d: services.peristiwa_pindah_masuk_catat(
                    oleh=request.user,
                    konfirmasi=konfirmasi,
                    **forms.PindahMasukForm.untuk_layanan(d),
                ),
            ),
        )

    # --- export of the filtered list (penduduk/ekspor.py) -------------------------------------
    def _ekspor(self, request, format_: str):
        """The list as filtered and searched on screen, streamed in the import layout."""
        from django.contrib.admin.options import IncorrectLookupParameters
        from django.http import HttpResponseRedirect

        from penduduk.ekspor import respons_ekspor

        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            cl = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse("admin:penduduk_penduduk_changelist") + "?e=1")
        return respons_ekspor(request, cl.get_queryset(request), format_)

    def ekspor_xlsx_view(self, request):
        return self._ekspor(request, "xlsx")

    def ekspor_xlsx_label_view(self, request):
        return self._ekspor(request, "xlsx-label")

    def ekspor_csv_view(self, request):
        return self._ekspor(request, "csv")

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "bisa_pindah_masuk": self.has_change_permission(request),
        }
        return super().changelist_view(request, extra_context)


def _tanpa_konfirmasi(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "konfirmasi"}


def _berubah(request, p, data):
    """Only the fields the operator changed go to the service (and into the history)."""
    data = _tanpa_konfirmasi(data)
    return {k: v for k, v in data.items() if getattr(p, k) != v}


def _hapus(request, p, alasan):
    services.penduduk_delete(oleh=request.user, penduduk=p, alasan=alasan)
    return None


@admin.register(Peristiwa)
class PeristiwaAdmin(admin.ModelAdmin):
    list_display = [
        "tanggal_peristiwa",
        "jenis",
        "penduduk_link",
        "no_kk",
        "tanggal_lapor",
        "dibatalkan",
    ]
    list_filter = ["jenis", "dibatalkan", ("tanggal_peristiwa", admin.DateFieldListFilter)]
    search_fields = ["penduduk__nama", "no_kk"]
    list_select_related = ["penduduk"]
    date_hierarchy = "tanggal_peristiwa"
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        teks = search_term.strip()
        if teks.isdigit():
            return queryset.filter(
                Q(penduduk__nik__startswith=teks) | Q(no_kk__startswith=teks)
            ), False
        return (queryset.filter(penduduk__nama__icontains=teks) if teks else queryset), False

    @admin.display(description="penduduk", ordering="penduduk__nama")
    def penduduk_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', obj.penduduk.get_absolute_url(), obj.penduduk.nama
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """An event is shown on its resident's page."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        e = get_object_or_404(Peristiwa, pk=pk_angka(object_id))
        return HttpResponseRedirect(e.penduduk.get_absolute_url())


@admin.register(PendudukHapus)
class PendudukHapusAdmin(admin.ModelAdmin):
    list_display = ["waktu", "nik", "nama", "nama_pengguna", "alasan"]
    search_fields = ["nik", "nama", "alasan"]
    date_hierarchy = "waktu"
    fields = ["waktu", "nik", "nama", "alasan", "nama_pengguna", "data_tampil", "peristiwa_tampil"]
    readonly_fields = fields

    @admin.display(description="data saat dihapus")
    def data_tampil(self, obj):
        baris = rincian_data(Penduduk, obj.data or {}, _LABEL_DATA_HAPUS)
        return tabel_data(baris)

    @admin.display(description="peristiwa yang ikut terhapus")
    def peristiwa_tampil(self, obj):
        daftar = (obj.data or {}).get("peristiwa") or []
        if not daftar:
            return "-"
        return format_html_join(
            "",
            "<div>{}</div>",
            (
                (", ".join(n for _l, n in rincian_data(Peristiwa, p, _LABEL_DATA_HAPUS)),)
                for p in daftar
            ),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


_LABEL_DATA_HAPUS = {
    "no_kk": "No. KK",
    "nama_kepala_keluarga": "kepala keluarga",
    "wilayah": "wilayah",
    "keluarga": "keluarga",
}


@admin.register(RiwayatPerubahan)
class RiwayatPerubahanAdmin(RincianPerubahanMixin, admin.ModelAdmin):
    """Every field change of residents and families, filterable by month."""

    list_display = ["waktu", "pelaku", "aksi_label", "objek_link", "ringkasan"]
    list_filter = [FilterAksi, FilterJenisObjek]
    date_hierarchy = "waktu"
    search_fields = ["objek", "pelaku"]
    list_select_related = ["content_type"]
    show_full_result_count = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(
                content_type__app_label__in=["penduduk", "keluarga"],
                content_type__model__in=["penduduk", "keluarga"],
            )
        )

    @admin.display(description="data")
    def objek_link(self, obj):
        nama = "penduduk" if obj.content_type.model == "penduduk" else "keluarga"
        try:
            url = reverse(f"admin:{nama}_{nama}_change", args=[int(obj.object_id)])
        except ValueError:
            return obj.objek
        return format_html('<a href="{}">{}</a>', url, obj.objek)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Screens in their own modules, registered on import (they need the classes above).
from penduduk import (  # noqa: E402,F401,I001
    admin_dokumen,
    admin_impor,
    admin_keluarga,
    admin_laporan,
    admin_statistik,
    admin_wilayah,
)
