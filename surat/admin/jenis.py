"""Back office of letter types: the template editor (rich text, every placeholder listed,
unknown ones flagged before saving, preview with a sample resident) and "restore original"."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from penduduk.models import Penduduk
from sid import kode
from sid.admin_aksi import FormAksi, halaman_aksi, pasang_galat, pk_angka
from sid.exceptions import PerluKonfirmasi
from surat import forms, services
from surat.isian import katalog
from surat.klasifikasi import daftar_klasifikasi, nama_klasifikasi
from surat.models import JenisSurat
from surat.services.jenis import normalisasi_isian
from surat.services.pengisian import pratinjau


@admin.register(JenisSurat)
class JenisSuratAdmin(admin.ModelAdmin):
    list_display = [
        "nama",
        "kode_tampil",
        "syarat_penduduk",
        "online",
        "pakai_qr",
        "aktif",
        "teks_tampil",
    ]
    list_display_links = ["nama"]
    list_filter = ["aktif", "online", "bawaan", "syarat_penduduk"]
    search_fields = ["nama", "kode_surat", "judul"]
    list_select_related = []
    ordering = ["urutan", "nama"]
    list_per_page = 100

    @admin.display(description="kode surat", ordering="kode_surat")
    def kode_tampil(self, obj):
        nama = nama_klasifikasi(obj.kode_surat)
        return format_html(
            '{} <span class="help">{}</span>', obj.kode_surat, nama.title() if nama else ""
        )

    @admin.display(description="teks")
    def teks_tampil(self, obj):
        if not obj.bawaan:
            return "buatan desa"
        if obj.diubah_dari_asli:
            return format_html(
                '<span class="sid-lencana sid-lencana-peringatan">{}</span>', "diubah desa"
            )
        return "asli SID"

    def has_delete_permission(self, request, obj=None):
        return False  # letters refer to their type; switch "dipakai" off instead

    def get_actions(self, request):
        return {}

    def get_urls(self):
        v = self.admin_site.admin_view
        return [
            path("<int:pk>/pulihkan/", v(self.pulihkan_view), name="surat_jenissurat_pulihkan"),
            path("pratinjau/", v(self.pratinjau_view), name="surat_jenissurat_pratinjau"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return self._halaman(request, None)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return self._halaman(request, get_object_or_404(JenisSurat, pk=pk_angka(object_id)))

    def _halaman(self, request, j: JenisSurat | None):
        bisa_simpan = (
            self.has_change_permission(request, j) if j else self.has_add_permission(request)
        )
        if request.method == "POST":
            if not bisa_simpan:
                raise PermissionDenied
            form = forms.FormJenisSurat(request.POST, instance=j)
            formset = forms.FormSetIsian(request.POST, prefix="isian")
            if form.is_valid() and formset.is_valid():
                data = {f: form.cleaned_data[f] for f in forms.FormJenisSurat.Meta.fields}
                data["isian"] = [
                    f.sebagai_data()
                    for f in formset.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE")
                ]
                konfirmasi = bool(form.cleaned_data.get("konfirmasi"))
                try:
                    if j is None:
                        hasil = services.jenis_surat_create(
                            oleh=request.user, data=data, konfirmasi=konfirmasi
                        )
                    else:
                        hasil = services.jenis_surat_update(
                            oleh=request.user, jenis=j, data=data, konfirmasi=konfirmasi
                        )
                except PerluKonfirmasi as exc:
                    form.add_error(None, exc.messages)
                    form.tampilkan_konfirmasi()
                except ValidationError as exc:
                    pasang_galat(form, exc)
                else:
                    self.message_user(
                        request, f"Jenis surat {hasil.nama} disimpan.", messages.SUCCESS
                    )
                    if "_lanjut" in request.POST:
                        return HttpResponseRedirect(hasil.get_absolute_url())
                    return HttpResponseRedirect(reverse("admin:surat_jenissurat_changelist"))
        else:
            form = forms.FormJenisSurat(instance=j)
            formset = forms.FormSetIsian(
                prefix="isian", initial=[forms.FormIsian.awal(f) for f in (j.isian if j else [])]
            )
        context = {
            **self.admin_site.each_context(request),
            "title": j.nama if j else "Tambah jenis surat",
            "opts": self.model._meta,
            "original": j,
            "j": j,
            "form": form,
            "formset": formset,
            "kelompok": [(judul, [form[f] for f in kolom]) for judul, kolom in form.kelompok],
            "katalog": katalog(j.isian if j else []),
            "klasifikasi": daftar_klasifikasi().items(),
            "bisa_simpan": bisa_simpan,
            "bisa_pulihkan": bisa_simpan and j is not None and j.diubah_dari_asli,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/surat/jenissurat/form.html", context)

    @method_decorator(require_POST)
    def pratinjau_view(self, request):
        """HTMX: the body being edited, filled with a sample resident; unknown codes marked."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        jenis = _jenis_sementara(request.POST)
        contoh_teks = request.POST.get("contoh", "").strip()
        p = _contoh_penduduk(jenis, contoh_teks)
        context = {"p": p, "contoh_teks": contoh_teks}
        if p is not None:
            context["hasil"] = pratinjau(
                jenis=jenis,
                penduduk=p,
                isian=_isian_contoh(jenis.isian),
                isi=request.POST.get("isi", ""),
            )
        return TemplateResponse(request, "admin/surat/jenissurat/_pratinjau.html", context)

    def pulihkan_view(self, request, pk):
        j = get_object_or_404(JenisSurat, pk=pk)
        return halaman_aksi(
            self,
            request,
            obj=j,
            form_class=FormAksi,
            judul="Pulihkan teks asli",
            izin=self.has_change_permission(request, j),
            keterangan="Teks surat diganti kembali dengan teks asli SID. Surat yang sudah terbit "
            "tidak berubah.",
            berhasil="Teks asli dipulihkan.",
            bahaya=True,
            jalankan=lambda data, _k: services.jenis_surat_pulihkan(oleh=request.user, jenis=j),
        )

    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None


def _jenis_sementara(data) -> JenisSurat:
    """An unsaved type from the editor's current values (for the preview only)."""
    formset = forms.FormSetIsian(data, prefix="isian")
    isian = []
    if formset.is_valid():
        isian = [
            f.sebagai_data()
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            isian = normalisasi_isian(isian)
        except ValidationError:
            isian = [f for f in isian if f["kode"].startswith("form_")]
    j = JenisSurat(
        nama=data.get("nama") or "Contoh",
        judul=data.get("judul") or "SURAT",
        kode_surat=data.get("kode_surat") or "000",
        syarat_penduduk=data.get("syarat_penduduk") or JenisSurat.SyaratPenduduk.HIDUP,
        format_nomor=data.get("format_nomor", ""),
        isian=isian,
    )
    try:
        j.masa_berlaku = max(0, int(data.get("masa_berlaku") or 0))
    except ValueError:
        j.masa_berlaku = 0
    j.satuan_masa_berlaku = data.get("satuan_masa_berlaku") or "bulan"
    return j


def _contoh_penduduk(jenis: JenisSurat, teks: str):
    qs = Penduduk.objects.select_related("keluarga", "wilayah__dusun", "wilayah__rw")
    if teks:
        return qs.cari(teks).order_by("nama", "pk").first()
    aturan = jenis.syarat_penduduk
    if aturan == JenisSurat.SyaratPenduduk.MATI:
        qs = qs.filter(status_dasar=kode.StatusDasar.MATI)
    elif aturan == JenisSurat.SyaratPenduduk.KEPALA_KELUARGA:
        qs = qs.hidup().filter(shdk=kode.SHDK.KEPALA_KELUARGA, keluarga__isnull=False)
    elif aturan == JenisSurat.SyaratPenduduk.HIDUP:
        qs = qs.hidup()
    return qs.order_by("pk").first()


def _isian_contoh(isian: list[dict]) -> dict[str, str]:
    contoh = {}
    for f in isian:
        jenis = f.get("jenis")
        if jenis == "tanggal":
            contoh[f["kode"]] = timezone.localdate().isoformat()
        elif jenis == "uang":
            contoh[f["kode"]] = "2500000"
        elif jenis == "angka":
            contoh[f["kode"]] = "3"
        elif jenis == "pilihan" and f.get("pilihan"):
            contoh[f["kode"]] = f["pilihan"][0]
        else:
            contoh[f["kode"]] = f"(contoh {str(f.get('label', '')).lower()})"
    return contoh
