"""The sync page: enrolled hubs, each dataset's policy, last success, the hub's receipt and
errors in plain Indonesian, "Kirim sekarang", key rotation, leaving, the hub's board."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from sid.admin_aksi import halaman_aksi
from sid.lib.kabel import protokol
from sid.lib.riwayat import rincian_data, tabel_data
from sinkron import dataset as ds
from sinkron import selectors
from sinkron.forms import (
    FormBalasForum,
    FormDaftarHub,
    FormKeluar,
    FormKonfirmasi,
    FormTopik,
)
from sinkron.models import DatasetHub, Hub, Kiriman, Tingkat
from sinkron.services import batch as layanan_batch
from sinkron.services import pendaftaran as layanan_daftar
from sinkron.services import percakapan as layanan_percakapan

TINGKAT_LABEL = dict(Tingkat.choices)


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["nama", "url", "status"]
    search_fields = ["nama", "url"]
    list_filter = ["status"]
    list_select_related = True

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        v = self.admin_site.admin_view
        return [
            path("<int:pk>/kirim/", v(self.kirim_view), name="sinkron_hub_kirim"),
            path(
                "<int:pk>/kebijakan/<int:dataset>/",
                v(self.kebijakan_view),
                name="sinkron_hub_kebijakan",
            ),
            path("<int:pk>/rotasi/", v(self.rotasi_view), name="sinkron_hub_rotasi"),
            path("<int:pk>/keluar/", v(self.keluar_view), name="sinkron_hub_keluar"),
            path("<int:pk>/forum/", v(self.forum_view), name="sinkron_hub_forum"),
            path("<int:pk>/forum/<int:topik>/", v(self.topik_view), name="sinkron_hub_topik"),
            *super().get_urls(),
        ]

    def _konteks(self, request, **kw):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "has_view_permission": True,
            **kw,
        }

    def _hub(self, request, pk) -> Hub:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(Hub, pk=pk)

    # --- the sync page --------------------------------------------------------------------------
    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        hubs = selectors.daftar_hub()
        return TemplateResponse(
            request,
            "admin/sinkron/hub/daftar.html",
            self._konteks(
                request,
                title="Sinkron ke hub",
                hubs=[(h, selectors.baris_dataset(h)) for h in hubs],
                boleh_ubah=self.has_change_permission(request),
                boleh_tambah=self.has_add_permission(request),
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        hub = self._hub(request, object_id)
        return TemplateResponse(
            request,
            "admin/sinkron/hub/detail.html",
            self._konteks(
                request,
                title=f"Sinkron ke {hub.nama}",
                hub=hub,
                baris=selectors.baris_dataset(hub),
                kiriman=selectors.kiriman_terakhir(hub),
                sidik_jari=protokol.sidik_jari(hub.kunci_publik) if hub.kunci_publik else "",
                sidik_jari_hub=protokol.sidik_jari(hub.kunci_publik_hub)
                if hub.kunci_publik_hub
                else "",
                boleh_ubah=self.has_change_permission(request, hub),
                tertunda=hub.kiriman.filter(status=Kiriman.Status.MENUNGGU).count(),
            ),
        )

    def add_view(self, request, form_url="", extra_context=None):
        return halaman_aksi(
            self,
            request,
            obj=None,
            form_class=FormDaftarHub,
            judul="Daftarkan desa ke hub",
            jalankan=lambda data, _k: layanan_daftar.hub_daftar(
                oleh=request.user, url=data["url"], kode=data["kode"]
            ),
            berhasil="Desa terdaftar di hub. Data pertama dikirim pada jadwal berikutnya, "
            "atau tekan 'Kirim sekarang'.",
            izin=self.has_add_permission(request),
            kembali=reverse("admin:sinkron_hub_changelist"),
            keterangan=(
                "Minta kode pendaftaran sekali pakai ke operator hub kecamatan/kabupaten. "
                "SID membuat kunci tanda tangan baru untuk desa ini; hanya kunci publiknya "
                "yang dikirim ke hub. Yang dikirim setiap data sejak terdaftar ada di bawah; "
                "setelah terdaftar, kebijakan tiap data bisa diubah di halaman sinkron."
            ),
            rincian=[
                (
                    f"{d.judul} — bawaan: {TINGKAT_LABEL.get(d.bawaan, d.bawaan)}",
                    d.uraian or "Angka agregat.",
                )
                for d in ds.semua()
            ],
        )

    # --- actions ---------------------------------------------------------------------------------
    def _ubah(self, request, hub) -> None:
        if not self.has_change_permission(request, hub):
            raise PermissionDenied

    def kirim_view(self, request, pk):
        hub = self._hub(request, pk)
        self._ubah(request, hub)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:sinkron_hub_change", args=[hub.pk]))
        try:
            layanan_batch.kirim_sekarang(oleh=request.user, hub=hub)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                "Data sedang disiapkan dan dikirim ke hub; tanda terima hub tampil di bawah "
                "(muat ulang halaman bila belum).",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:sinkron_hub_change", args=[hub.pk]))

    def kebijakan_view(self, request, pk, dataset):
        hub = self._hub(request, pk)
        self._ubah(request, hub)
        dh = get_object_or_404(DatasetHub, hub=hub, pk=dataset)
        if request.method == "POST":
            try:
                layanan_batch.kebijakan_ubah(
                    oleh=request.user, dataset_hub=dh, tingkat=request.POST.get("tingkat", "")
                )
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
            else:
                self.message_user(request, "Kebijakan disimpan.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:sinkron_hub_change", args=[hub.pk]))

    def rotasi_view(self, request, pk):
        hub = self._hub(request, pk)
        return halaman_aksi(
            self,
            request,
            obj=hub,
            form_class=FormKonfirmasi,
            judul="Ganti kunci tanda tangan",
            jalankan=lambda _d, _k: layanan_daftar.kunci_rotasi(oleh=request.user, hub=hub),
            berhasil="Kunci baru terdaftar di hub; kunci lama tidak berlaku lagi.",
            izin=self.has_change_permission(request, hub),
            kembali=reverse("admin:sinkron_hub_change", args=[hub.pk]),
            keterangan=(
                "SID membuat pasangan kunci baru dan mendaftarkan kunci publiknya ke hub dengan "
                "tanda tangan kunci lama. Lakukan bila server pernah dipulihkan dari cadangan "
                "orang lain, berganti pengelola, atau secara berkala."
            ),
        )

    def keluar_view(self, request, pk):
        hub = self._hub(request, pk)
        return halaman_aksi(
            self,
            request,
            obj=hub,
            form_class=FormKeluar,
            judul="Keluar dari hub",
            jalankan=lambda d, _k: layanan_daftar.hub_keluar(
                oleh=request.user, hub=hub, paksa=d["paksa"]
            ),
            berhasil="Desa keluar dari hub.",
            izin=self.has_change_permission(request, hub),
            kembali=reverse("admin:sinkron_hub_change", args=[hub.pk]),
            bahaya=True,
            keterangan=(
                "Hub mencabut kredensial desa ini dan kiriman yang menunggu dibatalkan. Data yang "
                "sudah diterima hub tetap di hub; turunkan dulu kebijakan setiap data ke "
                "'Tidak dikirim' bila hub harus menghapusnya."
            ),
        )

    # --- the hub's discussion board (live) ----------------------------------------------------------
    def forum_view(self, request, pk):
        hub = self._hub(request, pk)
        form = FormTopik(request.POST or None)
        galat = ""
        if request.method == "POST":
            self._ubah(request, hub)
            if form.is_valid():
                try:
                    t = layanan_percakapan.forum_topik_buat(
                        oleh=request.user, hub=hub, **form.cleaned_data
                    )
                except ValidationError as exc:
                    form.add_error(None, exc.messages)
                else:
                    return HttpResponseRedirect(
                        reverse("admin:sinkron_hub_topik", args=[hub.pk, t["id"]])
                    )
        try:
            topik = layanan_percakapan.forum_daftar(hub=hub)
        except ValidationError as exc:
            topik, galat = [], " ".join(exc.messages)
        return TemplateResponse(
            request,
            "admin/sinkron/hub/forum.html",
            self._konteks(
                request, title=f"Forum {hub.nama}", hub=hub, topik=topik, form=form, galat=galat
            ),
        )

    def topik_view(self, request, pk, topik):
        hub = self._hub(request, pk)
        form = FormBalasForum(request.POST or None)
        if request.method == "POST":
            self._ubah(request, hub)
            if form.is_valid():
                try:
                    layanan_percakapan.forum_balas(
                        oleh=request.user, hub=hub, id_topik=topik, isi=form.cleaned_data["isi"]
                    )
                except ValidationError as exc:
                    form.add_error(None, exc.messages)
                else:
                    return HttpResponseRedirect(request.path)
        try:
            data = layanan_percakapan.forum_topik(hub=hub, id_topik=topik)
            galat = ""
        except ValidationError as exc:
            data, galat = {}, " ".join(exc.messages)
        return TemplateResponse(
            request,
            "admin/sinkron/hub/topik.html",
            self._konteks(
                request,
                title=(data.get("topik") or {}).get("judul", "Topik"),
                hub=hub,
                data=data,
                form=form,
                galat=galat,
            ),
        )


@admin.register(Kiriman)
class KirimanAdmin(admin.ModelAdmin):
    """The outbox, read-only (what was sent, what the hub answered)."""

    list_display = [
        "dibuat",
        "hub",
        "jenis",
        "dataset",
        "periode",
        "urutan",
        "status",
        "percobaan",
        "galat",
    ]
    list_filter = ["status", "jenis", "dataset", "hub"]
    search_fields = ["uuid", "dataset", "galat"]
    list_select_related = ["hub"]
    # The batch UUID, the API path and the raw receipt are the machine's; the page shows the
    # receipt in words.
    fields = readonly_fields = [
        "hub",
        "jenis",
        "dataset",
        "periode",
        "urutan",
        "tingkat",
        "penuh",
        "status",
        "percobaan",
        "galat",
        "jawaban_hub",
        "dibuat",
        "terakhir_dicoba",
        "selesai",
    ]

    @admin.display(description="jawaban hub")
    def jawaban_hub(self, obj):
        return tabel_data(rincian_data(None, obj.tanda_terima or {}))

    def get_queryset(self, request):
        return super().get_queryset(request).defer("isi")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
