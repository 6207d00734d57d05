"""Back office: the population statistics page and the editable age groups.

Imported at the end of penduduk/admin.py. The page is the changelist of the `Statistik` proxy
model, so it sits in the Kependudukan navigation and follows the role permissions
(view_statistik + view_penduduk; Redaksi has neither).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.defaultfilters import floatformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from penduduk.models import RentangUmur, Statistik
from penduduk.statistik import KATEGORI, kategori, keluaran, per_kelompok
from penduduk.statistik.grafik import data_grafik
from penduduk.statistik.hitung import DATA, LUAR
from penduduk.statistik.rentang import (
    rentang_umur_create,
    rentang_umur_delete,
    rentang_umur_update,
)
from penduduk.statistik.tautan import tautan_tabel
from penduduk.statistik.versi import hitung_tersimpan
from sid.admin_layanan import AdminLayanan
from sid.lib.wilayah import daftar_wilayah
from sid.models import Wilayah

KATEGORI_AWAL = "umur-rentang"


def wilayah_dari(request) -> Wilayah | None:
    nilai = request.GET.get("wilayah") or ""
    if not nilai:
        return None
    if not nilai.isdigit():
        raise Http404("Wilayah tidak dikenal.")
    w = Wilayah.objects.select_related("dusun", "rw").filter(pk=int(nilai)).first()
    if w is None:
        raise Http404("Wilayah tidak dikenal.")
    return w


@admin.register(Statistik)
class StatistikAdmin(admin.ModelAdmin):
    def has_view_permission(self, request, obj=None):
        u = request.user
        return u.has_perm("penduduk.view_statistik") and u.has_perm("penduduk.view_penduduk")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "",
                self.admin_site.admin_view(self.changelist_view),
                name="penduduk_statistik_changelist",
            ),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            kat = kategori(request.GET.get("kategori") or KATEGORI_AWAL)
        except KeyError:
            raise Http404("Kategori statistik tidak dikenal.") from None
        wilayah = wilayah_dari(request)
        tabel = hitung_tersimpan(kat.kunci, wilayah=wilayah, hanya_cache_bersama=True)
        format_ = request.GET.get("keluaran")
        if format_:
            # Cetak (PDF shown in the browser), Unduh PDF, Unduh Excel: the table on screen.
            if format_ not in ("cetak", "pdf", "xlsx"):
                raise Http404("Format tidak dikenal.")
            return keluaran.respons(
                tabel, "pdf" if format_ == "cetak" else format_, lampiran=format_ != "cetak"
            )
        tautan = tautan_tabel(tabel)
        baris = [
            {
                "b": b,
                "sel": [(getattr(b, k), tautan.get((i, k))) for k in ("jumlah", "l", "p")],
            }
            for i, b in enumerate(tabel.semua_baris)
        ]
        isi_tabel = baris_tabel_html(baris)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Statistik: {kat.judul}",
            "opts": self.model._meta,
            "kategori": kat,
            "kelompok": per_kelompok(KATEGORI),
            "tabel": tabel,
            "baris": baris,
            "isi_tabel": isi_tabel,
            "wilayah": wilayah,
            "daftar_wilayah": daftar_wilayah(),
            "grafik": data_grafik(tabel),
            "url_keluaran": _url_keluaran(kat.kunci, wilayah),
            "nama_berkas": keluaran.nama_berkas(tabel),
            "bisa_ubah_rentang": kat.jenis == "umur"
            and request.user.has_perm("penduduk.change_rentangumur"),
            "url_rentang": reverse("admin:penduduk_rentangumur_changelist")
            + f"?jenis__exact={kat.rentang}",
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/penduduk/statistik/halaman.html", context)


def baris_tabel_html(baris: list[dict]) -> SafeString:
    """The table's <tr>s: what a template loop gave (No for data rows, a link on each cell
    that has one, thousands separators, two-decimal percentages), built here: the loop with
    `intcomma` per cell was most of the page's rendering (~20 rows × 3 cells)."""
    bagian = []
    for i, r in enumerate(baris, 1):
        b = r["b"]
        sel = [
            format_html(
                '<td class="angka"><a href="{}" class="sel-{}">{}</a></td>', url, n, intcomma(nilai)
            )
            if url
            else format_html('<td class="angka">{}</td>', intcomma(nilai))
            for n, (nilai, url) in enumerate(r["sel"], 1)
        ]
        bagian.append(
            format_html(
                '<tr class="{}" data-jenis="{}"><td>{}</td><th scope="row">{}</th>{}'
                '<td class="angka">{}</td></tr>\n',
                "data" if b.jenis in (DATA, LUAR) else "ringkas",
                b.jenis,
                i if b.jenis == DATA else "",
                b.label,
                SafeString("".join(sel)),  # format_html pieces: already escaped
                floatformat(b.persen, 2),
            )
        )
    return SafeString("".join(bagian))


def _url_keluaran(kunci: str, wilayah: Wilayah | None) -> dict[str, str]:
    """Cetak / Unduh PDF / Unduh Excel links of the page's table (same category and area)."""
    dasar = {"kategori": kunci, **({"wilayah": wilayah.pk} if wilayah else {})}
    return {f: "?" + urlencode({**dasar, "keluaran": f}) for f in ("cetak", "pdf", "xlsx")}


class RentangUmurForm(forms.ModelForm):
    class Meta:
        model = RentangUmur
        fields = ["jenis", "label", "dari", "sampai", "urutan"]

    def clean_label(self):
        return (self.cleaned_data.get("label") or "").strip().upper()


@admin.register(RentangUmur)
class RentangUmurAdmin(AdminLayanan):
    """Operators add and change age groups; overlaps within a kind are refused (clean())."""

    form = RentangUmurForm
    list_display = ["label", "jenis", "dari", "sampai_tampil", "urutan"]
    list_display_links = ["label"]
    list_filter = ["jenis"]
    list_select_related = []
    search_fields = ["label"]
    ordering = ["jenis", "dari", "urutan"]

    @admin.display(description="sampai umur", ordering="sampai")
    def sampai_tampil(self, obj):
        return "tanpa batas" if obj.sampai is None else obj.sampai

    layanan_create = staticmethod(rentang_umur_create)
    layanan_update = staticmethod(rentang_umur_update)
    layanan_hapus = staticmethod(rentang_umur_delete)
    nama_argumen = "rentang"

    def data_layanan(self, form, change):
        return {f: form.cleaned_data[f] for f in RentangUmurForm.Meta.fields}


__all__ = ["KATEGORI", "RentangUmurAdmin", "StatistikAdmin"]
