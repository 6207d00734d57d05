"""Back office of the website. Every save and delete goes through konten.services (sanitising,
image variants, audit entry, cache invalidation); these classes only collect and show.

Roles: Redaksi has every konten permission plus konten.terbitkan_artikel; a Kontributor
(add/change/view artikel) sees and edits only their own drafts and never the publishing fields.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from konten import forms, services
from konten.models import (
    Agenda,
    Artikel,
    DokumenPublik,
    GambarArtikel,
    Halaman,
    ItemMenu,
    Kategori,
    Komentar,
    Pengumuman,
)
from sid.admin_layanan import AdminLayanan, data_form

# --- Artikel -----------------------------------------------------------------------------------


class StatusTerbitFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status_terbit"

    def lookups(self, request, model_admin):
        return [("draf", "Draf"), ("terjadwal", "Terjadwal"), ("terbit", "Terbit")]

    def queryset(self, request, queryset):
        return {
            "draf": queryset.draf,
            "terjadwal": queryset.terjadwal,
            "terbit": queryset.terbit,
        }.get(self.value(), queryset.all)()


class GambarArtikelInline(admin.TabularInline):
    """Up to three more photos. Rights follow the article (a Kontributor's own draft)."""

    model = GambarArtikel
    form = forms.GambarArtikelForm
    extra = 1
    max_num = 3
    fields = ["pratinjau_gambar", "berkas", "alt", "keterangan"]
    readonly_fields = ["pratinjau_gambar"]

    @admin.display(description="")
    def pratinjau_gambar(self, obj):
        if obj and obj.kecil:
            return format_html(
                '<img src="{}" alt="" width="120" style="height:auto">', obj.kecil.url
            )
        return ""

    def _boleh(self, request, obj) -> bool:
        if obj is None:
            return request.user.has_perm("konten.add_artikel") or request.user.has_perm(
                "konten.change_artikel"
            )
        return services.boleh_ubah(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("konten.view_artikel")

    def has_add_permission(self, request, obj=None):
        return self._boleh(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._boleh(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._boleh(request, obj)


@admin.register(Artikel)
class ArtikelAdmin(AdminLayanan):
    form = forms.ArtikelForm
    inlines = [GambarArtikelInline]
    list_display = [
        "judul",
        "kategori",
        "status_lencana",
        "terbit_pada",
        "headline",
        "penulis_tampil",
        "dibaca",
        "tautan",
    ]
    list_filter = [StatusTerbitFilter, "kategori", "headline", "komentar_aktif"]
    list_select_related = ["kategori", "penulis"]
    search_fields = ["judul"]
    search_help_text = "Cari judul artikel."
    date_hierarchy = "terbit_pada"
    prepopulated_fields = {"slug": ["judul"]}
    readonly_fields = ["tautan"]
    actions = ["aksi_terbitkan", "aksi_jadikan_draf", "delete_selected"]
    fieldsets = [
        (None, {"fields": ["judul", "slug", "kategori", "ringkasan", "isi"]}),
        (
            "Gambar utama",
            {
                "fields": ["gambar", "gambar_alt", "gambar_keterangan"],
                "description": "JPG, PNG atau WebP sampai 5 MB. Gambar diperkecil otomatis "
                "(1200 dan 400 piksel) dan data lokasi/EXIF dihapus.",
            },
        ),
        ("Lampiran", {"fields": ["lampiran", "lampiran_judul"], "classes": ["collapse"]}),
        (
            "Penerbitan",
            {
                "fields": ["status", "terbit_pada", "headline", "komentar_aktif", "tautan"],
                "description": "Status Terbit dengan waktu yang akan datang = terjadwal.",
            },
        ),
    ]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if not services.boleh_terbitkan(request.user):
            qs = qs.filter(penulis=request.user)  # a Kontributor sees only their own articles
        return qs

    def get_fieldsets(self, request, obj=None):
        if services.boleh_terbitkan(request.user):
            return self.fieldsets
        return [*self.fieldsets[:-1], ("Status", {"fields": ["tautan"]})]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.boleh_ubah(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or services.boleh_ubah(request.user, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not services.boleh_terbitkan(request.user):
            actions.pop("aksi_terbitkan", None)
            actions.pop("aksi_jadikan_draf", None)
        return actions

    layanan_create = staticmethod(services.artikel_create)
    layanan_update = staticmethod(services.artikel_update)
    layanan_hapus = staticmethod(services.artikel_hapus)
    nama_argumen = "artikel"

    def save_formset(self, request, form, formset, change):
        if formset.model is not GambarArtikel:
            return super().save_formset(request, form, formset, change)
        artikel = form.instance
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for f in formset.forms:
            gambar = f.instance if f.instance.pk else None
            if f in formset.deleted_forms:
                if gambar is not None:
                    services.gambar_artikel_hapus(oleh=request.user, gambar=gambar)
                    formset.deleted_objects.append(gambar)
                continue
            if not f.has_changed():
                continue
            hasil = services.gambar_artikel_simpan(
                oleh=request.user,
                artikel=artikel,
                gambar=gambar,
                data=data_form(f, gambar is not None),
            )
            if gambar is None:
                formset.new_objects.append(hasil)
            else:
                formset.changed_objects.append((hasil, f.changed_data))

    @admin.display(description="status", ordering="status")
    def status_lencana(self, obj):
        warna = {"Draf": "secondary", "Terjadwal": "warning", "Terbit": "success"}[
            obj.status_tampil
        ]
        return format_html('<span class="badge text-bg-{}">{}</span>', warna, obj.status_tampil)

    @admin.display(description="penulis", ordering="penulis__username")
    def penulis_tampil(self, obj):
        if obj.penulis is None:
            return "-"
        return obj.penulis.get_full_name() or obj.penulis.get_username()

    @admin.display(description="lihat")
    def tautan(self, obj):
        if obj is None or not obj.pk:
            return "-"
        if obj.publik:
            return format_html(
                '<a href="{}" target="_blank">Buka di website</a>', obj.get_absolute_url()
            )
        return format_html(
            '<a href="{}" target="_blank">Pratinjau</a>',
            reverse("konten:pratinjau", args=[obj.uuid]),
        )

    def _setiap(self, request, queryset, fungsi, berhasil: str):
        jumlah = 0
        for artikel in queryset:
            try:
                fungsi(oleh=request.user, artikel=artikel)
            except ValidationError as exc:
                self.message_user(request, f"{artikel}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                jumlah += 1
        if jumlah:
            self.message_user(request, berhasil.format(jumlah=jumlah), messages.SUCCESS)

    @admin.action(description="Terbitkan sekarang", permissions=["change"])
    def aksi_terbitkan(self, request, queryset):
        if not services.boleh_terbitkan(request.user):
            raise PermissionDenied
        self._setiap(request, queryset, services.artikel_terbitkan, "{jumlah} artikel diterbitkan.")

    @admin.action(description="Jadikan draf (tarik dari website)", permissions=["change"])
    def aksi_jadikan_draf(self, request, queryset):
        if not services.boleh_terbitkan(request.user):
            raise PermissionDenied
        self._setiap(
            request, queryset, services.artikel_jadikan_draf, "{jumlah} artikel dijadikan draf."
        )


# --- Komentar ----------------------------------------------------------------------------------


@admin.register(Komentar)
class KomentarAdmin(admin.ModelAdmin):
    list_display = ["nama", "ringkas", "artikel", "status", "dibuat", "ip"]
    list_filter = ["status", "dibuat"]
    list_select_related = ["artikel"]
    search_fields = ["nama", "isi", "artikel__judul"]
    fields = ["artikel", "nama", "email", "isi", "ip", "dibuat", "status"]
    readonly_fields = ["artikel", "nama", "email", "isi", "ip", "dibuat"]
    actions = ["aksi_setujui", "aksi_tolak"]

    @admin.display(description="komentar")
    def ringkas(self, obj):
        return obj.isi[:80] + ("…" if len(obj.isi) > 80 else "")

    def has_add_permission(self, request):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        status = form.base_fields.get("status")
        if status is not None and obj is not None and obj.status != Komentar.Status.MENUNGGU:
            # A moderated comment is approved or rejected; it never goes back to the queue.
            status.choices = [c for c in status.choices if c[0] != Komentar.Status.MENUNGGU]
        return form

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            fungsi = {
                Komentar.Status.DISETUJUI: services.komentar_setujui,
                Komentar.Status.DITOLAK: services.komentar_tolak,
            }.get(form.cleaned_data["status"])
            if fungsi is None:
                self.message_user(
                    request,
                    "Komentar yang sudah dimoderasi tidak bisa dikembalikan ke antrean.",
                    messages.WARNING,
                )
                return
            fungsi(oleh=request.user, komentar=obj)

    def delete_model(self, request, obj):
        services.komentar_hapus(oleh=request.user, komentar=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None

    def log_deletion(self, request, obj, object_repr):
        return None

    def log_deletions(self, request, queryset):
        return None

    def _moderasi(self, request, queryset, fungsi, pesan):
        for k in queryset:
            fungsi(oleh=request.user, komentar=k)
        self.message_user(request, pesan.format(jumlah=len(queryset)), messages.SUCCESS)

    @admin.action(description="Setujui (tampilkan)", permissions=["change"])
    def aksi_setujui(self, request, queryset):
        self._moderasi(request, queryset, services.komentar_setujui, "{jumlah} komentar disetujui.")

    @admin.action(description="Tolak", permissions=["change"])
    def aksi_tolak(self, request, queryset):
        self._moderasi(request, queryset, services.komentar_tolak, "{jumlah} komentar ditolak.")


# --- Kategori, agenda, pengumuman, halaman, dokumen, menu --------------------------------------


@admin.register(Kategori)
class KategoriAdmin(AdminLayanan):
    form = forms.KategoriForm
    list_display = ["nama", "induk", "urutan", "jumlah_artikel"]
    list_editable = ["urutan"]
    list_select_related = ["induk"]
    search_fields = ["nama"]
    list_filter = [("induk", admin.EmptyFieldListFilter)]
    prepopulated_fields = {"slug": ["nama"]}
    layanan_create = staticmethod(services.kategori_create)
    layanan_update = staticmethod(services.kategori_update)
    layanan_hapus = staticmethod(services.kategori_hapus)
    nama_argumen = "kategori"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_artikel=Count("artikel"))

    @admin.display(description="artikel", ordering="n_artikel")
    def jumlah_artikel(self, obj):
        return obj.n_artikel


@admin.register(Agenda)
class AgendaAdmin(AdminLayanan):
    form = forms.AgendaForm
    list_display = ["judul", "mulai", "selesai", "tempat", "koordinator"]
    search_fields = ["judul", "tempat", "koordinator"]
    list_filter = ["mulai"]
    date_hierarchy = "mulai"
    layanan_create = staticmethod(services.agenda_create)
    layanan_update = staticmethod(services.agenda_update)
    layanan_hapus = staticmethod(services.agenda_hapus)
    nama_argumen = "agenda"


@admin.register(Pengumuman)
class PengumumanAdmin(AdminLayanan):
    form = forms.PengumumanForm
    list_display = ["teks", "aktif", "mulai", "selesai", "urutan"]
    list_filter = ["aktif"]
    search_fields = ["teks"]
    layanan_create = staticmethod(services.pengumuman_create)
    layanan_update = staticmethod(services.pengumuman_update)
    layanan_hapus = staticmethod(services.pengumuman_hapus)
    nama_argumen = "pengumuman"


@admin.register(Halaman)
class HalamanAdmin(AdminLayanan):
    form = forms.HalamanForm
    list_display = ["judul", "slug", "terbit", "urutan", "diperbarui", "tautan"]
    list_filter = ["terbit"]
    search_fields = ["judul"]
    prepopulated_fields = {"slug": ["judul"]}
    layanan_create = staticmethod(services.halaman_create)
    layanan_update = staticmethod(services.halaman_update)
    layanan_hapus = staticmethod(services.halaman_hapus)
    nama_argumen = "halaman"

    @admin.display(description="lihat")
    def tautan(self, obj):
        if not obj.terbit:
            return "belum tampil"
        return format_html('<a href="{}" target="_blank">Buka</a>', obj.get_absolute_url())


@admin.register(DokumenPublik)
class DokumenPublikAdmin(AdminLayanan):
    form = forms.DokumenPublikForm
    list_display = ["judul", "kategori", "tahun", "terbit", "diunggah", "tautan"]
    list_filter = ["kategori", "terbit", "tahun"]
    search_fields = ["judul", "keterangan"]
    layanan_create = staticmethod(services.dokumen_create)
    layanan_update = staticmethod(services.dokumen_update)
    layanan_hapus = staticmethod(services.dokumen_hapus)
    nama_argumen = "dokumen"

    @admin.display(description="berkas")
    def tautan(self, obj):
        return format_html('<a href="{}" target="_blank">PDF</a>', obj.get_absolute_url())


@admin.register(ItemMenu)
class ItemMenuAdmin(AdminLayanan):
    form = forms.ItemMenuForm
    list_display = ["judul", "induk", "urutan", "jenis", "tujuan", "aktif"]
    list_editable = ["urutan", "aktif"]
    list_filter = ["aktif", "jenis"]
    list_select_related = ["induk", "halaman", "kategori"]
    search_fields = ["judul"]
    ordering = ["induk__urutan", "induk_id", "urutan"]
    layanan_create = staticmethod(services.item_menu_create)
    layanan_update = staticmethod(services.item_menu_update)
    layanan_hapus = staticmethod(services.item_menu_hapus)
    nama_argumen = "item"

    @admin.display(description="tujuan")
    def tujuan(self, obj):
        return obj.halaman or obj.kategori or obj.get_internal_display() or obj.url or "-"
