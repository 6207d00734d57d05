"""The resident portal (/mandiri/). Every view is `@penduduk_wajib` except the login page, and
every object is looked up together with the logged-in resident, so another resident's UUID is
simply not found (404)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe

from mandiri import selectors, services, sesi, surat_api
from mandiri.forms import FormBalasanWarga, FormGantiPin, FormPengaduan, FormPermohonan
from mandiri.models import DokumenPermohonan, Pengaduan, Permohonan
from mandiri.services.berkas import baca, tipe_konten
from mandiri.services.permohonan import jenis_online, tahapan
from mandiri.sesi import penduduk_wajib, publik
from penduduk.models import DokumenPenduduk
from sid.admin_aksi import pasang_galat

PESAN_GAGAL = (
    "NIK atau PIN tidak cocok, atau akun sedang dikunci sementara karena terlalu banyak "
    "percobaan. Periksa kembali, coba lagi nanti, atau hubungi kantor desa."
)


def _berkas(isi: bytes, nama: str, *, unduh: bool) -> HttpResponse:
    response = HttpResponse(isi, content_type=tipe_konten(nama))
    jenis = "attachment" if unduh else "inline"
    response["Content-Disposition"] = f'{jenis}; filename="{nama}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- login / logout ----------------------------------------------------------------------------


@publik
@never_cache
@csrf_protect
@sensitive_post_parameters("pin")
def masuk(request):
    """NIK + PIN. Every failure gets the same page and message, whatever its cause."""
    galat = ""
    if request.method == "POST":
        akun = services.akun_masuk(
            nik=request.POST.get("nik", ""),
            pin=request.POST.get("pin", ""),
            ip=getattr(request, "ip_klien", "") or request.META.get("REMOTE_ADDR", ""),
        )
        if akun is not None:
            sesi.buka(request, akun)
            tujuan = sesi.tujuan_aman(request, request.POST.get("next"))
            if akun.wajib_ganti_pin:
                tujuan = reverse("mandiri:ganti_pin")
            return HttpResponseRedirect(tujuan)
        galat = PESAN_GAGAL
    else:
        akun, _alasan = sesi.akun_dari_sesi(request)
        if akun is not None:
            return HttpResponseRedirect(reverse("mandiri:beranda"))
    nilai_next = request.POST.get("next") if request.method == "POST" else request.GET.get("next")
    return render(
        request,
        "mandiri/masuk.html",
        {"galat": galat, "next": sesi.tujuan_aman(request, nilai_next)},
    )


@require_POST
@penduduk_wajib(tanpa_ganti_pin=True)
def keluar(request):
    services.akun_keluar(akun=request.akun_mandiri)
    sesi.tutup(request)
    messages.success(request, "Anda telah keluar dari Layanan Mandiri.")
    return HttpResponseRedirect(reverse("mandiri:masuk"))


@sensitive_post_parameters("pin_lama", "pin_baru", "pin_ulang")
@penduduk_wajib(tanpa_ganti_pin=True)
def ganti_pin(request):
    akun = request.akun_mandiri
    form = FormGantiPin(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            akun = services.akun_ganti_pin(
                akun=akun,
                pin_lama=form.cleaned_data["pin_lama"],
                pin_baru=form.cleaned_data["pin_baru"],
                pin_ulang=form.cleaned_data["pin_ulang"],
                ip=request.ip_klien,
            )
        except ValidationError as exc:
            pasang_galat(form, exc)
        else:
            sesi.perbarui_versi(request, akun)
            messages.success(
                request, "PIN berhasil diganti. Sesi di perangkat lain telah diakhiri."
            )
            return HttpResponseRedirect(reverse("mandiri:beranda"))
    return render(request, "mandiri/ganti_pin.html", {"form": form, "wajib": akun.wajib_ganti_pin})


# --- pages ---------------------------------------------------------------------------------------


@require_safe
@penduduk_wajib
def beranda(request):
    return render(request, "mandiri/beranda.html", selectors.beranda(request.penduduk))


@require_safe
@penduduk_wajib
def biodata(request):
    return render(
        request,
        "mandiri/biodata.html",
        {"biodata": selectors.biodata(request.penduduk), "p": request.penduduk},
    )


@require_safe
@penduduk_wajib
def keluarga(request):
    return render(request, "mandiri/keluarga.html", selectors.keluarga(request.penduduk))


@require_safe
@penduduk_wajib
def bantuan(request):
    return render(request, "mandiri/bantuan.html", {"daftar": selectors.bantuan(request.penduduk)})


@require_safe
@penduduk_wajib
def informasi(request):
    return render(request, "mandiri/informasi.html", selectors.informasi(jumlah=10))


# --- letter requests --------------------------------------------------------------------------------


@require_safe
@penduduk_wajib
def permohonan_daftar(request):
    return render(request, "mandiri/permohonan_daftar.html", selectors.riwayat(request.penduduk))


@require_safe
@penduduk_wajib
def permohonan_pilih(request):
    return render(request, "mandiri/permohonan_pilih.html", {"daftar_jenis": list(jenis_online())})


@penduduk_wajib
def permohonan_baru(request, slug):
    jenis = get_object_or_404(jenis_online(), slug=slug)
    form = FormPermohonan(
        request.POST or None,
        request.FILES or None,
        jenis=jenis,
        tersimpan=selectors.dokumen(request.penduduk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            p = services.permohonan_create(
                penduduk=request.penduduk,
                jenis=jenis,
                isian=form.isian_terisi(),
                dokumen=form.dokumen_terisi(),
                bawa_dokumen_fisik=form.cleaned_data["bawa_dokumen_fisik"],
                keterangan=form.cleaned_data["keterangan"],
            )
        except ValidationError as exc:
            pasang_galat(form, exc)
        else:
            messages.success(
                request, f"Permohonan {jenis.nama} terkirim dan menunggu verifikasi petugas."
            )
            return HttpResponseRedirect(reverse("mandiri:permohonan", args=[p.uuid]))
    return render(
        request, "mandiri/permohonan_form.html", {"form": form, "jenis": jenis, "lengkapi": None}
    )


def _permohonan_milik(request, uuid) -> Permohonan:
    return get_object_or_404(
        Permohonan.objects.dengan_status().select_related("jenis", "surat"),
        uuid=uuid,
        penduduk=request.penduduk,
    )


@require_safe
@penduduk_wajib
def permohonan_detail(request, uuid):
    p = _permohonan_milik(request, uuid)
    return render(
        request,
        "mandiri/permohonan_detail.html",
        {
            "p": p,
            "dokumen": list(p.dokumen.all()),
            "tahapan": tahapan(p),
            "pdf_siap": selectors.pdf_siap(p.surat),
            "isian": selectors.isian_tampil(p.jenis, p.isian),
        },
    )


@require_POST
@penduduk_wajib
def permohonan_batal(request, uuid):
    p = _permohonan_milik(request, uuid)
    try:
        services.permohonan_batalkan(penduduk=request.penduduk, permohonan=p)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Permohonan dibatalkan.")
    return HttpResponseRedirect(reverse("mandiri:permohonan", args=[p.uuid]))


@penduduk_wajib
def permohonan_lengkapi(request, uuid):
    p = _permohonan_milik(request, uuid)
    if p.status != Permohonan.Status.DILENGKAPI:
        return HttpResponseRedirect(reverse("mandiri:permohonan", args=[p.uuid]))
    form = FormPermohonan(
        request.POST or None,
        request.FILES or None,
        jenis=p.jenis,
        dengan_isian=p.isian,
        initial={"bawa_dokumen_fisik": p.bawa_dokumen_fisik},
        tersimpan=selectors.dokumen(request.penduduk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.permohonan_lengkapi(
                penduduk=request.penduduk,
                permohonan=p,
                isian=form.isian_terisi(),
                dokumen=form.dokumen_terisi(),
                bawa_dokumen_fisik=form.cleaned_data["bawa_dokumen_fisik"],
                keterangan=form.cleaned_data["keterangan"],
            )
        except ValidationError as exc:
            pasang_galat(form, exc)
        else:
            messages.success(request, "Permohonan dilengkapi dan menunggu verifikasi lagi.")
            return HttpResponseRedirect(reverse("mandiri:permohonan", args=[p.uuid]))
    return render(
        request,
        "mandiri/permohonan_form.html",
        {"form": form, "jenis": p.jenis, "lengkapi": p, "dokumen": list(p.dokumen.all())},
    )


@require_safe
@penduduk_wajib
def permohonan_dokumen(request, uuid, dokumen):
    d = get_object_or_404(
        DokumenPermohonan.objects.select_related("permohonan"),
        uuid=dokumen,
        permohonan__uuid=uuid,
        permohonan__penduduk=request.penduduk,
    )
    try:
        isi = baca(d.berkas)
    except FileNotFoundError:
        raise Http404 from None
    ekstensi = d.berkas.name.rsplit(".", 1)[-1]
    return _berkas(isi, f"dokumen-{d.uuid.hex[:8]}.{ekstensi}", unduh=d.jenis_berkas == "pdf")


# --- stored documents ------------------------------------------------------------------------


@require_safe
@penduduk_wajib
def dokumen_daftar(request):
    """The resident's documents kept by the village (KK, KTP, akta …)."""
    return render(
        request, "mandiri/dokumen_daftar.html", {"daftar": selectors.dokumen(request.penduduk)}
    )


@require_safe
@penduduk_wajib
def dokumen_unduh(request, uuid):
    """One of the resident's own (or their family's) documents; anyone else's is a 404."""
    d = get_object_or_404(
        DokumenPenduduk.objects.milik_warga(request.penduduk).select_related("jenis"), uuid=uuid
    )
    try:
        isi = baca(d.berkas)
    except FileNotFoundError:
        raise Http404 from None
    return _berkas(isi, d.nama_unduhan, unduh=d.jenis_berkas == "pdf")


@require_safe
@penduduk_wajib
def surat_pdf(request, kode):
    """The signed PDF of one of the resident's own issued letters (stored bytes)."""
    s = selectors.surat_milik(request.penduduk, kode)
    if s is None:
        raise Http404
    try:
        isi = surat_api.baca_pdf(s)
    except FileNotFoundError:
        raise Http404 from None
    services.surat_diunduh_warga(penduduk=request.penduduk, surat=s)
    nomor = re.sub(r"[^A-Za-z0-9]+", "-", s.nomor).strip("-")[:80] or "surat"
    return _berkas(isi, f"surat-{nomor}.pdf", unduh=True)


# --- complaints ----------------------------------------------------------------------------------------


@require_safe
@penduduk_wajib
def pengaduan_daftar(request):
    return render(
        request,
        "mandiri/pengaduan_daftar.html",
        {"daftar": selectors.pengaduan(request.penduduk)},
    )


@penduduk_wajib
def pengaduan_baru(request):
    form = FormPengaduan(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            p = services.pengaduan_create(
                penduduk=request.penduduk,
                jenis=d["jenis"],
                judul=d["judul"],
                isi=d["isi"],
                foto=d.get("foto"),
            )
        except ValidationError as exc:
            pasang_galat(form, exc)
        else:
            messages.success(request, f"{p.get_jenis_display()} Anda terkirim.")
            return HttpResponseRedirect(reverse("mandiri:pengaduan", args=[p.uuid]))
    return render(request, "mandiri/pengaduan_form.html", {"form": form})


def _pengaduan_milik(request, uuid) -> Pengaduan:
    return get_object_or_404(Pengaduan, uuid=uuid, penduduk=request.penduduk)


@penduduk_wajib
def pengaduan_detail(request, uuid):
    p = _pengaduan_milik(request, uuid)
    form = FormBalasanWarga(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pengaduan_balas_warga(
                penduduk=request.penduduk, pengaduan=p, isi=form.cleaned_data["isi"]
            )
        except ValidationError as exc:
            pasang_galat(form, exc)
        except PermissionDenied:  # pragma: no cover - the lookup above already checked
            raise Http404 from None
        else:
            messages.success(request, "Balasan terkirim.")
            return HttpResponseRedirect(reverse("mandiri:pengaduan", args=[p.uuid]))
    return render(
        request,
        "mandiri/pengaduan_detail.html",
        {"p": p, "balasan": list(p.balasan.all()), "form": form},
    )


@require_safe
@penduduk_wajib
def pengaduan_foto(request, uuid):
    p = _pengaduan_milik(request, uuid)
    if not p.foto:
        raise Http404
    try:
        isi = baca(p.foto)
    except FileNotFoundError:
        raise Http404 from None
    ekstensi = p.foto.name.rsplit(".", 1)[-1]
    return _berkas(isi, f"foto-{p.uuid.hex[:8]}.{ekstensi}", unduh=False)
