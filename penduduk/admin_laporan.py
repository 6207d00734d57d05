"""Back office: the monthly population report (with drill-down to names) and the Bumindes
population registers, on screen, as PDF and as .xlsx.

Imported at the end of penduduk/admin.py. The pages hang off the `LaporanKependudukan` proxy
(view_laporankependudukan + view_penduduk). Registers with one row per person are written by
a Celery task (LaporanBerkas, progress polled with HTMX) and downloaded only by the user who
asked for them; the monthly report and the recap are small and are sent directly.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from penduduk.laporan import mutasi
from penduduk.laporan.buku import BUKU, buat_buku
from penduduk.laporan.forms import FORM_PER_JENIS
from penduduk.laporan.keluaran import sebagai_pdf, sebagai_xlsx
from penduduk.laporan.services import laporan_berkas_create
from penduduk.models import LaporanBerkas, LaporanKependudukan
from sid.lib.format import BULAN
from sid.models import Wilayah

PER_HALAMAN = 50
JENIS_BERKAS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KETERANGAN_BUKU = {
    "bulanan": "Awal bulan, lahir, mati, datang, pindah, hilang dan akhir bulan (WNI/WNA, L/P, KK); "
    "setiap angka dapat dibuka sampai ke nama.",
    "rekapitulasi": "Laporan bulanan per dusun (Buku B.3).",
    "induk": "Seluruh penduduk yang tinggal di desa pada satu tanggal.",
    "mutasi": "Peristiwa penambahan dan pengurangan penduduk dalam sebulan atau setahun, dengan "
    "tab data yang dihapus karena salah input.",
    "sementara": "Penduduk tidak tetap yang tinggal atau pergi pada tahun berjalan.",
    "ktp-kk": "Penduduk ber-KK per Kartu Keluarga, dengan data KTP-el.",
}
# Monthly report cells: (column key in the row, nationality, sex) for the drill-down.
KOLOM_BULANAN = [
    ("wni_l", "wni", "l"),
    ("wni_p", "wni", "p"),
    ("wni", "wni", ""),
    ("wna_l", "wna", "l"),
    ("wna_p", "wna", "p"),
    ("wna", "wna", ""),
    ("l", "", "l"),
    ("p", "", "p"),
    ("jumlah", "", ""),
]


@admin.register(LaporanKependudukan)
class LaporanKependudukanAdmin(admin.ModelAdmin):
    def has_view_permission(self, request, obj=None):
        u = request.user
        return u.has_perm("penduduk.view_laporankependudukan") and u.has_perm(
            "penduduk.view_penduduk"
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        v = self.admin_site.admin_view
        return [
            path("", v(self.changelist_view), name="penduduk_laporankependudukan_changelist"),
            path("bulanan/rincian/", v(self.rincian_view), name="penduduk_laporan_rincian"),
            path("buku/<slug:kunci>/", v(self.buku_view), name="penduduk_laporan_buku"),
            path("berkas/<uuid:uuid>/", v(self.berkas_view), name="penduduk_laporan_berkas"),
            path(
                "berkas/<uuid:uuid>/status/",
                v(self.berkas_status_view),
                name="penduduk_laporan_berkas_status",
            ),
            path(
                "berkas/<uuid:uuid>/unduh/",
                v(self.berkas_unduh_view),
                name="penduduk_laporan_berkas_unduh",
            ),
        ]

    def _cek(self, request) -> None:
        if not self.has_view_permission(request):
            raise PermissionDenied

    def _konteks(self, request, judul: str, **kw) -> dict:
        return {
            **self.admin_site.each_context(request),
            "title": judul,
            "opts": self.model._meta,
            **kw,
        }

    # --- the list of reports --------------------------------------------------------------
    def changelist_view(self, request, extra_context=None):
        self._cek(request)
        daftar = [
            {
                "kunci": k,
                "judul": judul,
                "keterangan": KETERANGAN_BUKU.get(k, ""),
                "url": reverse("admin:penduduk_laporan_buku", args=[k]),
            }
            for k, (judul, _f, _j) in BUKU.items()
        ]
        berkas = LaporanBerkas.objects.filter(oleh=request.user)[:10]
        return TemplateResponse(
            request,
            "admin/penduduk/laporan/indeks.html",
            self._konteks(request, "Laporan & buku kependudukan", daftar=daftar, berkas=berkas),
        )

    # --- one report / register ------------------------------------------------------------
    def _form(self, kunci: str, data):
        jenis = BUKU[kunci][2]
        kelas = FORM_PER_JENIS[jenis]
        awal = {
            nama: (f.initial() if callable(f.initial) else f.initial)
            for nama, f in kelas.base_fields.items()
            if f.initial is not None
        }
        gabung = {**{k: str(v) for k, v in awal.items()}, **data.dict()}
        if "samarkan" not in data:
            gabung.pop("samarkan", None)
        return kelas(gabung, dengan_wilayah=kunci != "rekapitulasi")

    def buku_view(self, request, kunci: str):
        self._cek(request)
        if kunci not in BUKU:
            raise Http404("Laporan tidak dikenal.")
        judul = BUKU[kunci][0]
        data = request.POST if request.method == "POST" else request.GET
        form = self._form(kunci, data)
        tab = "hapus" if kunci == "mutasi" and data.get("tab") == "hapus" else ""
        konteks = self._konteks(
            request, judul, kunci=kunci, form=form, tab=tab, keterangan=KETERANGAN_BUKU.get(kunci)
        )
        if not form.is_valid():
            return TemplateResponse(request, "admin/penduduk/laporan/buku.html", konteks)
        p = form.parameter()
        p.tab = tab
        if request.method == "POST":
            return self._unduh(request, kunci, p, data.get("unduh"))
        buku = buat_buku(kunci, p)
        halaman = Paginator(_Hitung(buku), PER_HALAMAN).get_page(request.GET.get("hal"))
        mulai = (halaman.number - 1) * PER_HALAMAN
        baris = list(buku.baris(mulai, PER_HALAMAN))
        kueri = {k: v for k, v in request.GET.items() if k not in ("hal",)}
        konteks.update(
            buku=buku,
            baris=baris,
            halaman=halaman,
            kueri_halaman=urlencode(kueri),
            parameter=[(k, v) for k, v in kueri.items() if k != "csrfmiddlewaretoken"],
            berkas=LaporanBerkas.objects.filter(oleh=request.user, buku=kunci)[:5],
        )
        if kunci == "bulanan":
            konteks["sel_bulanan"] = _sel_bulanan(buku.laporan)
            konteks["tidak_konsisten"] = {
                k: n for k, n in mutasi.periksa_konsistensi().items() if n
            }
        return TemplateResponse(request, "admin/penduduk/laporan/buku.html", konteks)

    def _unduh(self, request, kunci, p, format_):
        if format_ not in JENIS_BERKAS:
            raise Http404("Format tidak dikenal.")
        buku = buat_buku(kunci, p)
        if buku.besar:
            try:
                b = laporan_berkas_create(
                    oleh=request.user, buku=kunci, format=format_, parameter=p
                )
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
            return HttpResponseRedirect(reverse("admin:penduduk_laporan_berkas", args=[b.uuid]))
        if format_ == "pdf":
            isi = sebagai_pdf(buku, kertas=p.kertas, dicetak=timezone.localdate())
        else:
            isi = sebagai_xlsx(buku)
        response = HttpResponse(isi, content_type=JENIS_BERKAS[format_])
        response["Content-Disposition"] = f'attachment; filename="{buku.nama_berkas}.{format_}"'
        response["Cache-Control"] = "private, no-store"
        return response

    # --- drill-down of the monthly report -------------------------------------------------
    def rincian_view(self, request):
        self._cek(request)
        g = request.GET
        try:
            tahun, bulan = int(g.get("tahun", "")), int(g.get("bulan", ""))
            mutasi.batas_bulan(tahun, bulan)
        except (TypeError, ValueError):
            raise Http404("Bulan tidak sah.") from None
        baris = g.get("baris", "")
        if baris not in mutasi.LABEL_BARIS:
            raise Http404("Baris laporan tidak dikenal.")
        wn = g.get("wn") if g.get("wn") in ("wni", "wna") else None
        jk = g.get("jk") if g.get("jk") in ("l", "p") else None
        wilayah = None
        if g.get("wilayah"):
            if not g["wilayah"].isdigit():
                raise Http404("Wilayah tidak dikenal.")
            wilayah = get_object_or_404(Wilayah, pk=int(g["wilayah"]))
        qs = mutasi.rincian(tahun, bulan, baris, wn=wn, jk=jk, wilayah=wilayah)
        halaman = Paginator(qs, 100).get_page(g.get("hal"))
        bagian = [mutasi.LABEL_BARIS[baris], f"{BULAN[bulan - 1]} {tahun}"]
        if wn:
            bagian.append(wn.upper())
        if jk:
            bagian.append("laki-laki" if jk == "l" else "perempuan")
        if wilayah:
            bagian.append(wilayah.nama_lengkap)
        kembali = {"bulan": bulan, "tahun": tahun, **({"wilayah": wilayah.pk} if wilayah else {})}
        return TemplateResponse(
            request,
            "admin/penduduk/laporan/rincian.html",
            self._konteks(
                request,
                "Rincian: " + " · ".join(bagian),
                halaman=halaman,
                peristiwa=baris not in ("awal", "akhir"),
                kueri_halaman=urlencode({k: v for k, v in g.items() if k != "hal"}),
                url_kembali=reverse("admin:penduduk_laporan_buku", args=["bulanan"])
                + "?"
                + urlencode(kembali),
            ),
        )

    # --- generated files ------------------------------------------------------------------
    def _berkas(self, request, uuid) -> LaporanBerkas:
        self._cek(request)
        # Only the user who asked for a file sees it (it holds personal data).
        return get_object_or_404(LaporanBerkas, uuid=uuid, oleh=request.user)

    def berkas_view(self, request, uuid):
        b = self._berkas(request, uuid)
        return TemplateResponse(
            request,
            "admin/penduduk/laporan/berkas.html",
            self._konteks(request, b.judul, b=b, url_buku=_url_buku(b)),
        )

    def berkas_status_view(self, request, uuid):
        b = self._berkas(request, uuid)
        return TemplateResponse(request, "admin/penduduk/laporan/_berkas_status.html", {"b": b})

    def berkas_unduh_view(self, request, uuid):
        b = self._berkas(request, uuid)
        if not b.siap:
            raise Http404("Berkas belum selesai dibuat.")
        try:
            isi = b.berkas.open("rb")
        except FileNotFoundError:
            raise Http404("Berkas tidak ditemukan di penyimpanan.") from None
        response = FileResponse(
            isi, as_attachment=True, filename=b.nama_berkas, content_type=JENIS_BERKAS[b.format]
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class _Hitung:
    """Lets the Paginator count a register without reading its rows."""

    def __init__(self, buku):
        self.buku = buku

    def count(self) -> int:
        return self.buku.jumlah()

    def __getitem__(self, item):
        return []


def _url_buku(b: LaporanBerkas) -> str:
    p = {k: v for k, v in (b.parameter or {}).items() if v not in (None, "", False)}
    if "wilayah_id" in p:
        p["wilayah"] = p.pop("wilayah_id")
    if p.get("samarkan"):
        p["samarkan"] = "on"
    return reverse("admin:penduduk_laporan_buku", args=[b.buku]) + "?" + urlencode(p)


def _sel_bulanan(lap: mutasi.LaporanBulanan) -> list[dict]:
    """Rows of the monthly report with a drill-down link on every non-zero number."""
    dasar = reverse("admin:penduduk_laporan_rincian")
    hasil = []
    for i, b in enumerate(lap.baris, start=1):
        sel = []
        for atribut, wn, jk in KOLOM_BULANAN:
            nilai = getattr(b.angka, atribut)
            params = {"tahun": lap.tahun, "bulan": lap.bulan, "baris": b.kunci}
            if wn:
                params["wn"] = wn
            if jk:
                params["jk"] = jk
            if lap.wilayah is not None:
                params["wilayah"] = lap.wilayah.pk
            sel.append((nilai, f"{dasar}?{urlencode(params)}" if nilai else ""))
        hasil.append({"no": i, "label": b.label, "sel": sel, "kk": b.angka.kk, "kunci": b.kunci})
    return hasil


__all__ = ["LaporanKependudukanAdmin"]
