"""Back office for families: list, family page and the family screens.

It lives in penduduk because its screens record population events and move residents
(the keluarga app below does not import the resident app). Registered on import by
penduduk/admin.py; its URLs stay under /admin/keluarga/keluarga/.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from keluarga import services
from keluarga.models import Keluarga
from penduduk import admin_keluarga_datang
from penduduk import forms_keluarga as forms
from penduduk import services as layanan_penduduk
from penduduk.forms import HapusForm
from penduduk.forms_dokumen import DokumenPeristiwaMixin, KelahiranDokumenForm
from penduduk.models import Penduduk
from penduduk.selectors_keluarga import (
    halaman_keluarga,
    keluarga_dengan_jumlah_anggota,
    keluarga_dengan_kepala,
    keluarga_perlu_kepala,
)
from penduduk.services import kk
from penduduk.services.dokumen import peristiwa_dengan_dokumen
from penduduk.services.peristiwa import bawaan_bayi
from sid import kode
from sid.admin_aksi import halaman_aksi
from sid.models import Wilayah


class PerluKepalaFilter(admin.SimpleListFilter):
    title = "kepala keluarga"
    parameter_name = "perlu_kepala"

    def lookups(self, request, model_admin):
        return [("ya", "Perlu kepala baru")]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(pk__in=keluarga_perlu_kepala().values("pk"))
        return queryset


class DusunFilter(admin.SimpleListFilter):
    title = "dusun"
    parameter_name = "dusun"

    def lookups(self, request, model_admin):
        return [
            (str(w.pk), w.nama)
            for w in Wilayah.objects.filter(tingkat=Wilayah.Tingkat.DUSUN).order_by("nama")
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(wilayah__dusun_id=int(self.value()))
        return queryset


@admin.register(Keluarga)
class KeluargaAdmin(admin.ModelAdmin):
    list_display = ["no_kk", "kepala_tampil", "jumlah_anggota", "alamat", "wilayah_tampil", "aktif"]
    list_filter = ["aktif", PerluKepalaFilter, DusunFilter, "kelas_sosial"]
    list_select_related = ["wilayah__dusun", "wilayah__rw"]
    search_fields = ["no_kk"]
    search_help_text = "Cari No. KK atau nama kepala keluarga."
    list_per_page = 20
    show_full_result_count = False
    ordering = ["no_kk"]

    def get_queryset(self, request):
        return keluarga_dengan_jumlah_anggota(keluarga_dengan_kepala(super().get_queryset(request)))

    def get_search_results(self, request, queryset, search_term):
        teks = search_term.strip()
        if not teks:
            return queryset, False
        if teks.isdigit():
            return queryset.filter(no_kk__startswith=teks), False
        kepala = Penduduk.objects.filter(
            keluarga=OuterRef("pk"), shdk=kode.SHDK.KEPALA_KELUARGA, nama__icontains=teks
        )
        return queryset.filter(Exists(kepala)), False

    @admin.display(description="kepala keluarga", ordering="kepala_nama")
    def kepala_tampil(self, obj):
        if obj.kepala_nama:
            return obj.kepala_nama
        return format_html(
            '<span class="sid-lencana sid-lencana-peringatan">{}</span>',
            "perlu kepala baru" if obj.aktif else "-",
        )

    @admin.display(description="anggota hidup", ordering="jumlah_anggota")
    def jumlah_anggota(self, obj):
        return obj.jumlah_anggota

    @admin.display(description="wilayah")
    def wilayah_tampil(self, obj):
        return obj.wilayah.nama_lengkap.replace("Dusun ", "")

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}

    def get_urls(self):
        aksi = self.admin_site.admin_view
        return [
            path("<int:pk>/ubah/", aksi(self.ubah_view), name="keluarga_keluarga_ubah"),
            path(
                "<int:pk>/kelahiran/", aksi(self.kelahiran_view), name="keluarga_keluarga_kelahiran"
            ),
            path(
                "<int:pk>/pindah-keluar/",
                aksi(self.pindah_keluar_view),
                name="keluarga_keluarga_pindah_keluar",
            ),
            path(
                "<int:pk>/ganti-kepala/",
                aksi(self.ganti_kepala_view),
                name="keluarga_keluarga_ganti_kepala",
            ),
            path("<int:pk>/pecah/", aksi(self.pecah_view), name="keluarga_keluarga_pecah"),
            path(
                "<int:pk>/tambah-anggota/",
                aksi(self.tambah_anggota_view),
                name="keluarga_keluarga_tambah_anggota",
            ),
            path("<int:pk>/hapus/", aksi(self.hapus_view), name="keluarga_keluarga_hapus"),
            path(
                "<int:pk>/pindah-masuk/",
                aksi(self.pindah_masuk_view),
                name="keluarga_keluarga_pindah_masuk",
            ),
            path("datang/", aksi(self.datang_view), name="keluarga_keluarga_datang"),
            *super().get_urls(),
        ]

    def _ubah(self, request):
        return self.has_change_permission(request)

    def add_view(self, request, form_url="", extra_context=None):
        return halaman_aksi(
            self,
            request,
            obj=None,
            form_class=forms.KeluargaForm,
            judul="Tambah keluarga (KK)",
            izin=self.has_add_permission(request),
            berhasil="Keluarga ditambahkan. Tambahkan kepala dan anggotanya.",
            kembali=reverse("admin:keluarga_keluarga_changelist"),
            jalankan=lambda data, _k: services.keluarga_create(oleh=request.user, **_tanpa(data)),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        k = get_object_or_404(
            Keluarga.objects.select_related("wilayah__dusun", "wilayah__rw"), pk=object_id
        )
        context = {
            **self.admin_site.each_context(request),
            **halaman_keluarga(k),
            "title": f"KK {k.no_kk}",
            "opts": self.model._meta,
            "k": k,
            "bisa_ubah": self.has_change_permission(request, k),
            "bisa_hapus": request.user.has_perm("keluarga.delete_keluarga"),
            "bisa_datang": admin_keluarga_datang.boleh_mencatat_kedatangan(request),
        }
        return TemplateResponse(request, "admin/keluarga/keluarga/halaman.html", context)

    def ubah_view(self, request, pk):
        k = get_object_or_404(Keluarga, pk=pk)
        return halaman_aksi(
            self,
            request,
            obj=k,
            form_class=forms.KeluargaForm,
            judul="Ubah data keluarga",
            izin=self._ubah(request),
            berhasil="Data keluarga disimpan.",
            form_kwargs={"instance": k},
            keterangan="Mengganti RT memindahkan seluruh anggota ke RT baru (perubahan alamat, bukan peristiwa).",
            jalankan=lambda data, _k: kk.keluarga_update(
                oleh=request.user,
                keluarga=k,
                data={f: v for f, v in _tanpa(data).items() if getattr(k, f) != v},
            ),
        )

    def kelahiran_view(self, request, pk):
        k = get_object_or_404(Keluarga, pk=pk)
        bawaan = bawaan_bayi(k)

        def jalankan(data, konfirmasi):
            data, dokumen = DokumenPeristiwaMixin.pisahkan(_tanpa(data))
            return peristiwa_dengan_dokumen(
                oleh=request.user,
                dokumen=dokumen,
                catat=lambda: layanan_penduduk.peristiwa_kelahiran_catat(
                    oleh=request.user,
                    keluarga=k,
                    shdk=data.pop("shdk"),
                    tanggal_lapor=data.pop("tanggal_lapor"),
                    data=data,
                    konfirmasi=konfirmasi,
                ),
            )

        return halaman_aksi(
            self,
            request,
            obj=k,
            form_class=KelahiranDokumenForm,
            judul="Catat kelahiran",
            izin=self._ubah(request),
            berhasil="Kelahiran dicatat.",
            form_kwargs={"initial": bawaan},
            jalankan=jalankan,
            keterangan="NIK 0 = NIK sementara sampai Dukcapil menerbitkan NIK bayi.",
        )

    def pindah_keluar_view(self, request, pk):
        k = get_object_or_404(Keluarga, pk=pk)
        return halaman_aksi(
            self,
            request,
            obj=k,
            form_class=forms.PindahKeluarKeluargaForm,
            judul="Pindah keluar seluruh keluarga",
            izin=self._ubah(request),
            berhasil="Pindah keluar seluruh anggota keluarga dicatat.",
            jalankan=lambda data, _k: services_pindah(request, k, data),
        )

    def ganti_kepala_view(self, request, pk):
        k = get_object_or_404(Keluarga, pk=pk)
        return halaman_aksi(
            self,
            request,
            obj=k,
            form_class=forms.GantiKepalaForm,
            judul="Pilih kepala keluarga baru",
            izin=self._ubah(request),
            berhasil="Kepala keluarga baru disimpan.",
            form_kwargs={"keluarga": k},
            jalankan=lambda data, _k: kk.keluarga_kepala_ganti(
                oleh=request.user, keluarga=k, **_tanpa(data)
            ),
        )

    def pecah_view(self, request, pk):
        k = get_object_or_404(Keluarga, pk=pk)

        def jalankan(data, _k):
            data = _tanpa(data)
            return kk.keluarga_pecah(
                oleh=request.user,
                keluarga=k,
                anggota=list(data["anggota"]),
                kepala=data["kepala"],
                no_kk_baru=data["no_kk_baru"],
                alamat=data["alamat"] or None,
                wilayah=data["wilayah"],
                tanggal=data["tanggal"],
            )

        return halaman_aksi(
            self,
            request,
            obj=k,
            form_class=forms.PecahKKForm,
            judul="Pecah KK",
            izin=self._ubah(request),
            berhasil="KK baru dibuat dari anggota yang dipilih.",
            form_kwargs={"keluarga": k},
            jalankan=jalankan,
            keterangan="Anggota terpilih pindah ke KK baru; nomor KK lama tersimpan pada data mereka.",
        )

    def tambah_anggota_view(self, request, pk):
        k = get_object_or_404(Keluarga, pk=pk)
        return halaman_aksi(
            self,
            request,
            obj=k,
            form_class=forms.AnggotaTambahForm,
            judul="Masukkan penduduk ke KK ini",
            izin=self._ubah(request),
            berhasil="Penduduk dimasukkan ke KK.",
            jalankan=lambda data, _k: (
                kk.keluarga_anggota_tambah(oleh=request.user, keluarga=k, **_tanpa(data)) and k
            ),
        )

    def hapus_view(self, request, pk):
        k = get_object_or_404(Keluarga, pk=pk)
        return halaman_aksi(
            self,
            request,
            obj=k,
            form_class=HapusForm,
            judul="Hapus KK",
            bahaya=True,
            izin=request.user.has_perm("keluarga.delete_keluarga"),
            berhasil="KK ditandai dihapus.",
            keterangan="Hanya KK tanpa anggota hidup (salah input atau sudah kosong). KK tetap tersimpan di riwayat.",
            jalankan=lambda data, _k: services.keluarga_hapus(
                oleh=request.user, keluarga=k, alasan=data["alasan"]
            ),
        )

    def datang_view(self, request):
        return admin_keluarga_datang.keluarga_datang_view(self, request)

    def pindah_masuk_view(self, request, pk):
        return admin_keluarga_datang.pindah_masuk_view(self, request, pk)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "bisa_datang": admin_keluarga_datang.boleh_mencatat_kedatangan(request),
        }
        return super().changelist_view(request, extra_context)


def services_pindah(request, k, data):
    layanan_penduduk.peristiwa_pindah_keluar_keluarga_catat(
        oleh=request.user, keluarga=k, **_tanpa(data)
    )
    return k


def _tanpa(data: dict) -> dict:
    return {key: v for key, v in data.items() if key != "konfirmasi"}
