"""The public village website. Anyone may read it; it shows aggregates only, never NIKs.

Who may use what: every page here is public except `pratinjau` (staff with
konten.view_artikel; a Kontributor only their own articles). Drafts and scheduled articles are
never served publicly. Public pages are cached (konten.cache.halaman_publik); forms (comments)
and search are not.
"""

from __future__ import annotations

import calendar
import datetime

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from konten import selectors, services
from konten.cache import halaman_publik
from konten.forms import KomentarForm
from konten.models import Agenda, Artikel, DokumenPublik, Halaman, Kategori
from sid.admin_aksi import pasang_galat
from sid.lib.format import BULAN

PER_HALAMAN = 10
PANJANG_CARI_MAKS = 100
DIBACA_SEKALI_PER_DETIK = 3600  # one read per visitor (IP) and article per hour


def _halaman(request, qs, per: int = PER_HALAMAN):
    paginator = Paginator(qs, per)
    try:
        return paginator.page(request.GET.get("halaman") or 1)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404("Halaman tidak ada.") from exc


@require_GET
@halaman_publik
def beranda(request):
    """Home page: headline, latest articles, agenda, officials, population figures."""
    return render(request, "publik/beranda.html", selectors.beranda())


# --- Artikel -----------------------------------------------------------------------------------


def _daftar(request, qs, *, judul: str, keterangan: str = "", kategori=None, bulan=None):
    return render(
        request,
        "publik/artikel_daftar.html",
        {
            "halaman": _halaman(request, qs),
            "judul": judul,
            "keterangan": keterangan,
            "kategori": kategori,
            "bulan": bulan,
            "sidebar": selectors.sidebar(),
        },
    )


@require_GET
@halaman_publik(parameter=("halaman",))
def artikel_daftar(request):
    return _daftar(request, selectors.artikel_publik(), judul="Berita & Artikel")


@require_GET
@halaman_publik(parameter=("halaman",))
def kategori(request, slug):
    k = get_object_or_404(Kategori.objects.select_related("induk"), slug=slug)
    qs = selectors.artikel_publik().di_kategori(k)
    return _daftar(request, qs, judul=k.nama, keterangan=k.keterangan, kategori=k)


@require_GET
@halaman_publik(parameter=("halaman",))
def arsip(request, tahun: int, bulan: int):
    if not 1 <= bulan <= 12 or not 2000 <= tahun <= 2100:
        raise Http404("Bulan tidak sah.")
    zona = timezone.get_current_timezone()
    awal = datetime.datetime(tahun, bulan, 1, tzinfo=zona)
    hari = calendar.monthrange(tahun, bulan)[1]
    akhir = awal + datetime.timedelta(days=hari)
    qs = selectors.artikel_publik().filter(terbit_pada__gte=awal, terbit_pada__lt=akhir)
    return _daftar(request, qs, judul=f"Arsip {BULAN[bulan - 1]} {tahun}", bulan=awal.date())


def _konteks_artikel(artikel: Artikel) -> dict:
    return {
        "artikel": artikel,
        **selectors.halaman_artikel(artikel),
        "sidebar": selectors.sidebar(),
    }


@require_GET
@halaman_publik
def artikel(request, tahun: int, bulan: int, hari: int, slug: str):
    a = Artikel.objects.terbit().select_related("kategori", "penulis").filter(slug=slug).first()
    if a is None:
        raise Http404("Artikel tidak ditemukan.")
    t = timezone.localtime(a.terbit_pada)
    if (t.year, t.month, t.day) != (tahun, bulan, hari):
        return HttpResponsePermanentRedirect(a.get_absolute_url())
    return render(request, "publik/artikel.html", _konteks_artikel(a))


@require_GET
def pratinjau(request, uuid):
    """Staff preview of any article, drafts and scheduled ones included. Never cached."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), "admin:login")
    if not (request.user.is_staff and request.user.has_perm("konten.view_artikel")):
        raise PermissionDenied
    a = get_object_or_404(Artikel.objects.select_related("kategori", "penulis"), uuid=uuid)
    if not services.boleh_terbitkan(request.user) and a.penulis_id != request.user.pk:
        raise PermissionDenied  # a Kontributor previews only their own articles
    response = render(request, "publik/artikel.html", {**_konteks_artikel(a), "pratinjau": True})
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt  # a counter only: no session, no data, deduplicated per IP (see docs/konten.md)
@require_POST
def dibaca(request, uuid):
    """Read beacon sent by the article page's script: counts one read per IP and hour."""
    if cache.add(f"konten:dibaca:{request.ip_klien}:{uuid}", 1, DIBACA_SEKALI_PER_DETIK):
        services.artikel_tambah_dibaca(uuid=uuid)
    return HttpResponse(status=204)


@require_GET
def lampiran(request, uuid):
    """An article's PDF attachment: public once the article is; staff may see drafts'."""
    a = get_object_or_404(Artikel, uuid=uuid)
    staf = request.user.is_authenticated and request.user.has_perm("konten.view_artikel")
    if not a.lampiran or not (a.publik or staf):
        raise Http404("Lampiran tidak ditemukan.")
    return _pdf(a.lampiran, a.lampiran_judul or a.judul)


@require_http_methods(["GET", "POST"])
def komentar(request, uuid):
    """The comment form of an article (never cached: it carries a CSRF token)."""
    a = get_object_or_404(Artikel.objects.terbit(), uuid=uuid)
    if not a.komentar_aktif:
        raise Http404("Komentar untuk artikel ini ditutup.")
    form = KomentarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.komentar_kirim(
                artikel=a,
                nama=d["nama"],
                email=d["email"],
                isi=d["isi"],
                ip=request.ip_klien,
                jebakan=d["situs"],
            )
        except ValidationError as exc:
            pasang_galat(form, exc)
        else:
            return redirect("konten:komentar_terkirim", uuid=a.uuid)
    status = 400 if request.method == "POST" else 200
    return render(request, "publik/komentar.html", {"artikel": a, "form": form}, status=status)


@require_GET
def komentar_terkirim(request, uuid):
    a = get_object_or_404(Artikel.objects.terbit(), uuid=uuid)
    return render(request, "publik/komentar_terkirim.html", {"artikel": a})


# --- Cari --------------------------------------------------------------------------------------


@require_GET
def cari(request):
    """Search titles and bodies. Not cached (terms are arbitrary); the term is shown escaped."""
    q = " ".join(request.GET.get("q", "").split())[:PANJANG_CARI_MAKS]
    halaman = None
    if len(q) >= 2:
        halaman = _halaman(request, selectors.artikel_publik().cari(q))
    return render(
        request, "publik/cari.html", {"q": q, "halaman": halaman, "sidebar": selectors.sidebar()}
    )


# --- Agenda, halaman, aparatur, dokumen --------------------------------------------------------


@require_GET
@halaman_publik(parameter=("halaman",))
def agenda(request):
    return render(
        request,
        "publik/agenda_daftar.html",
        {
            "mendatang": list(Agenda.objects.mendatang()[:50]),
            "halaman": _halaman(request, Agenda.objects.lewat(), per=20),
        },
    )


@require_GET
@halaman_publik
def agenda_detail(request, uuid):
    return render(request, "publik/agenda.html", {"agenda": get_object_or_404(Agenda, uuid=uuid)})


@require_GET
@halaman_publik
def halaman(request, slug):
    h = get_object_or_404(Halaman, slug=slug, terbit=True)
    return render(request, "publik/halaman.html", {"halaman_statis": h})


@require_GET
@halaman_publik
def aparatur(request):
    return render(request, "publik/aparatur.html", {"aparatur": selectors.aparatur()})


@require_GET
@halaman_publik
def dokumen(request):
    daftar = list(DokumenPublik.objects.filter(terbit=True).defer("berkas"))
    kelompok = [
        (label, [d for d in daftar if d.kategori == nilai])
        for nilai, label in DokumenPublik.KategoriInformasi.choices
    ]
    return render(request, "publik/dokumen.html", {"kelompok": [(k, d) for k, d in kelompok if d]})


def _pdf(berkas, judul: str) -> FileResponse:
    nama = f"{slugify(judul)[:80] or 'dokumen'}.pdf"
    response = FileResponse(berkas.open("rb"), content_type="application/pdf", filename=nama)
    response["Content-Disposition"] = f'inline; filename="{nama}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def dokumen_unduh(request, uuid):
    """A public document's PDF, streamed by its UUID (never a media path)."""
    d = get_object_or_404(DokumenPublik, uuid=uuid)
    staf = request.user.is_authenticated and request.user.has_perm("konten.view_dokumenpublik")
    if not d.terbit and not staf:
        raise Http404("Dokumen tidak ditemukan.")
    return _pdf(d.berkas, d.judul)


def tidak_ditemukan(request, exception=None):
    return render(request, "publik/404.html", status=404)
