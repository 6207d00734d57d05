"""The hub's pages for kecamatan/kabupaten staff (/hub/…). Every view is `staf_hub` (hub on,
logged in, with a scope) and reads only through `request.lingkup`; objects outside the scope
are 404. Views of officials' records are written to the access log."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.shortcuts import render as _render_django
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hub import selectors
from hub.forms import FormBalas, FormBalasTiket, FormCabut, FormDesa, FormPengumuman, FormTopik
from hub.lingkup import staf_hub
from hub.models import PesanTiket, RekamanHub
from hub.services import pendaftaran as layanan_pendaftaran
from hub.services import percakapan
from hub.services.akses import akses_catat
from sid.admin_aksi import pasang_galat
from sid.lib import sekali
from sid.lib.sel import baris_csv


def render(request, template: str, context: dict):
    return _render_django(request, template, {"nama_hub": settings.SID_HUB_NAMA, **context})


def _desa(request, kode):
    return get_object_or_404(request.lingkup.desa(), kode=kode)


def _halaman(request, qs, per: int = 50):
    return Paginator(qs, per).get_page(request.GET.get("halaman"))


# --- dashboard ---------------------------------------------------------------------------------
@staf_hub
def dasbor(request):
    kecamatan = request.GET.get("kecamatan", "")
    data = selectors.dasbor(request.lingkup, kecamatan)
    grafik = {
        "penduduk": {
            "label": [d["nama"] for d in data["desa"]],
            "l": [d["l"] for d in data["desa"]],
            "p": [d["p"] for d in data["desa"]],
        },
        "kategori": {
            k: {
                "judul": v["judul"],
                "label": [r["label"] for r in v["baris"][:15]],
                "l": [r["l"] for r in v["baris"][:15]],
                "p": [r["p"] for r in v["baris"][:15]],
            }
            for k, v in data["kategori"].items()
        },
        "mutasi": {
            "label": data["bulan"],
            "seri": [
                {"nama": data["label_mutasi"][k], "data": v} for k, v in data["mutasi"].items()
            ],
        },
        "surat": {
            "label": data["bulan"],
            "seri": [{"nama": k, "data": v} for k, v in data["surat"].items()],
        },
    }
    basi = [d for d in data["kesegaran"] if d["basi"]]
    beda = [d for d in data["kesegaran"] if d["tidak_cocok"]]
    return render(
        request,
        "hub/dasbor.html",
        {
            "data": data,
            "grafik": grafik,
            "basi": basi,
            "beda": beda,
            "perlu_perhatian": [d for d in data["kesegaran"] if d["basi"] or d["tidak_cocok"]],
            "kecamatan": kecamatan,
            "daftar_kecamatan": selectors.kecamatan_dalam(request.lingkup),
        },
    )


# --- villages ---------------------------------------------------------------------------------------
@staf_hub
def desa_daftar(request):
    form = FormDesa(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            desa = layanan_pendaftaran.desa_daftar(
                oleh=request.user, lingkup=request.lingkup, **form.cleaned_data
            )
        except ValidationError as exc:
            pasang_galat(form, exc)
        else:
            messages.success(request, f"Desa {desa.nama} terdaftar. Buat kode pendaftaran.")
            return redirect("hub:desa", kode=desa.kode)
    desa = selectors.daftar_desa(request.lingkup.desa())
    kesegaran = selectors.kesegaran([d["id"] for d in desa], desa)
    return render(request, "hub/desa_daftar.html", {"desa": kesegaran, "form": form})


@staf_hub
def desa(request, kode):
    obj = _desa(request, kode)
    return render(
        request,
        "hub/desa.html",
        {"desa": obj, "d": selectors.desa_detail(obj), "form_cabut": FormCabut()},
    )


@staf_hub
@require_http_methods(["GET", "POST"])
def desa_kode(request, kode):
    """POST makes a one-time enrolment code and redirects here; the GET shows it once (a refresh
    never makes another, and the code is not kept anywhere readable: sid.lib.sekali)."""
    obj = _desa(request, kode)
    if request.method == "POST":
        teks, kode_obj = layanan_pendaftaran.kode_pendaftaran_buat(oleh=request.user, desa=obj)
        sekali.simpan(request, "kode_pendaftaran", desa=obj.kode, kode=teks, id=kode_obj.pk)
        return redirect("hub:desa_kode", kode=obj.kode)
    data = sekali.ambil(request, "kode_pendaftaran", desa=obj.kode)
    if data is None:
        messages.warning(
            request,
            "Kode pendaftaran hanya ditampilkan sekali, tepat setelah dibuat. Buat kode baru bila "
            "desa belum menerimanya.",
        )
        return redirect("hub:desa", kode=obj.kode)
    kode_obj = get_object_or_404(obj.kode_pendaftaran, pk=data["id"])
    return render(request, "hub/kode.html", {"desa": obj, "kode": data["kode"], "obj": kode_obj})


@staf_hub
@require_POST
def kredensial_cabut_view(request, kode, kredensial):
    obj = _desa(request, kode)
    k = get_object_or_404(obj.kredensial, uuid=kredensial)
    form = FormCabut(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Tuliskan alasan pencabutan.")
        layanan_pendaftaran.kredensial_cabut(
            oleh=request.user, kredensial=k, alasan=form.cleaned_data["alasan"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Kredensial dicabut; desa harus mendaftar ulang.")
    return redirect("hub:desa", kode=obj.kode)


# --- officials (every view logged) -------------------------------------------------------------------
@staf_hub
def perangkat(request):
    daftar = selectors.perangkat(request.lingkup)
    akses_catat(request=request, jenis="perangkat_daftar", keterangan=f"{len(daftar)} rekaman")
    return render(
        request,
        "hub/perangkat.html",
        {"daftar": daftar, "agregat": selectors.perangkat_agregat(request.lingkup), "desa": None},
    )


@staf_hub
def desa_perangkat(request, kode):
    obj = _desa(request, kode)
    daftar = selectors.perangkat(request.lingkup, obj)
    akses_catat(
        request=request, jenis="perangkat_desa", desa=obj, keterangan=f"{len(daftar)} rekaman"
    )
    return render(request, "hub/perangkat.html", {"daftar": daftar, "desa": obj, "agregat": []})


@staf_hub
def perangkat_sk(request, kode, kunci):
    obj = _desa(request, kode)
    r = get_object_or_404(RekamanHub, desa=obj, dataset="perangkat", kunci=kunci)
    if not r.berkas:
        raise Http404("Berkas SK tidak dibagikan desa.")
    akses_catat(
        request=request,
        jenis="perangkat_sk",
        desa=obj,
        keterangan=f"SK {r.data.get('nomor_sk', '')} · {r.data.get('nama', '')}"[:255],
    )
    ekstensi = r.berkas.name.rsplit(".", 1)[-1]
    return FileResponse(
        r.berkas.open("rb"),
        content_type=r.berkas_jenis or "application/octet-stream",
        as_attachment=False,
        filename=f"SK-{obj.kode}-{kunci[:8]}.{ekstensi}",
    )


# --- exports -----------------------------------------------------------------------------------------------
def _csv(nama: str, kepala: list[str], baris) -> HttpResponse:
    """A CSV download; every cell through sid.lib.sel (names starting with = run nowhere)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(baris_csv(kepala))
    w.writerows(baris_csv(b) for b in baris)
    r = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    r["Content-Disposition"] = f'attachment; filename="{nama}"'
    return r


@staf_hub
def ekspor(request, jenis):
    if jenis == "penduduk":
        data = selectors.dasbor(request.lingkup, request.GET.get("kecamatan", ""))
        return _csv(
            "penduduk-per-desa.csv",
            ["kode_desa", "nama_desa", "kecamatan", "laki_laki", "perempuan", "jumlah"],
            [
                [d["kode"], d["nama"], d["nama_kecamatan"], d["l"], d["p"], d["jumlah"]]
                for d in data["desa"]
            ],
        )
    if jenis == "perangkat":
        daftar = selectors.perangkat(request.lingkup)
        akses_catat(request=request, jenis="perangkat_ekspor", keterangan=f"{len(daftar)} rekaman")
        return _csv(
            "perangkat-desa.csv",
            [
                "kode_desa",
                "desa",
                "nama",
                "jabatan",
                "jenis",
                "nomor_sk",
                "tanggal_sk",
                "tmt",
                "status_verifikasi",
            ],  # fmt: skip
            [
                [
                    p["desa"].kode,
                    p["desa"].nama,
                    p["nama"],
                    p["jabatan"],
                    p["jenis"],
                    p["nomor_sk"],
                    p["tanggal_sk"],
                    p["tmt"],
                    p["status_verifikasi"],
                ]  # fmt: skip
                for p in daftar
            ],
        )
    raise Http404


# --- notices --------------------------------------------------------------------------------------------
@staf_hub
def pengumuman_daftar(request):
    pilihan = list(request.lingkup.desa().order_by("kode"))
    form = FormPengumuman(request.POST or None, request.FILES or None, pilihan_desa=pilihan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tujuan = next((d for d in pilihan if d.kode == data["desa"]), None)
        try:
            p = percakapan.pengumuman_buat(
                oleh=request.user,
                lingkup=request.lingkup,
                judul=data["judul"],
                isi=data["isi"],
                desa=tujuan,
                lampiran=data.get("lampiran"),
            )
        except ValidationError as exc:
            pasang_galat(form, exc)
        else:
            messages.success(request, "Pengumuman dikirim; desa mengambilnya saat sinkron.")
            return redirect("hub:pengumuman", id=p.pk)
    daftar = _halaman(request, selectors.pengumuman(request.lingkup).order_by("-dibuat", "-pk"))
    return render(request, "hub/pengumuman_daftar.html", {"daftar": daftar, "form": form})


def _pengumuman(request, id):
    return get_object_or_404(selectors.pengumuman(request.lingkup), pk=id)


@staf_hub
def pengumuman(request, id):
    p = _pengumuman(request, id)
    pembaca = selectors.pembaca(request.lingkup, p)
    return render(
        request,
        "hub/pengumuman.html",
        {
            "p": p,
            "pembaca": pembaca,
            "jumlah_baca": sum(1 for x in pembaca if x["baca"]),
        },
    )


@staf_hub
def pengumuman_lampiran(request, id):
    p = _pengumuman(request, id)
    if not p.lampiran:
        raise Http404
    return FileResponse(
        p.lampiran.open("rb"), content_type=p.lampiran_jenis, filename=p.lampiran_nama
    )


# --- reports from villages -----------------------------------------------------------------------------
@staf_hub
def tiket_daftar(request):
    qs = selectors.tiket(request.lingkup)
    status = request.GET.get("status", "")
    if status:
        qs = qs.filter(status=status)
    return render(
        request,
        "hub/tiket_daftar.html",
        {"daftar": _halaman(request, qs.order_by("-diperbarui", "-pk")), "status": status},
    )


@staf_hub
def tiket(request, kode):
    t = get_object_or_404(selectors.tiket(request.lingkup), uuid=kode)
    form = FormBalasTiket(request.POST or None, request.FILES or None, initial={"status": t.status})
    if request.method == "POST" and form.is_valid():
        try:
            percakapan.tiket_balas(
                oleh=request.user,
                tiket=t,
                isi=form.cleaned_data["isi"],
                status=form.cleaned_data["status"],
                lampiran=form.cleaned_data.get("lampiran"),
            )
        except ValidationError as exc:
            pasang_galat(form, exc)
        else:
            messages.success(request, "Balasan dikirim; desa menerimanya saat sinkron.")
            return redirect("hub:tiket", kode=t.uuid)
    return render(request, "hub/tiket.html", {"t": t, "pesan": t.pesan.all(), "form": form})


@staf_hub
def tiket_lampiran(request, kode, pesan):
    t = get_object_or_404(selectors.tiket(request.lingkup), uuid=kode)
    p = get_object_or_404(PesanTiket, tiket=t, uuid=pesan)
    if not p.lampiran:
        raise Http404
    return FileResponse(
        p.lampiran.open("rb"), content_type=p.lampiran_jenis, filename=p.lampiran_nama
    )


# --- discussion board --------------------------------------------------------------------------------
@staf_hub
def forum(request):
    form = FormTopik(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            t = percakapan.topik_buat(
                oleh=request.user, lingkup=request.lingkup, **form.cleaned_data
            )
        except ValidationError as exc:
            pasang_galat(form, exc)
        else:
            return redirect("hub:topik", id=t.pk)
    daftar = _halaman(request, selectors.forum(request.lingkup).order_by("-diperbarui", "-pk"))
    return render(request, "hub/forum.html", {"daftar": daftar, "form": form})


@staf_hub
def topik(request, id):
    t = get_object_or_404(selectors.forum(request.lingkup), pk=id)
    form = FormBalas(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            percakapan.forum_balas(topik=t, isi=form.cleaned_data["isi"], oleh=request.user)
        except ValidationError as exc:
            pasang_galat(form, exc)
        else:
            return redirect(reverse("hub:topik", args=[t.pk]) + "#akhir")
    return render(
        request,
        "hub/topik.html",
        {"t": t, "balasan": t.balasan.select_related("desa"), "form": form},
    )


# --- logs ----------------------------------------------------------------------------------------------------
@staf_hub
def penolakan(request):
    daftar = _halaman(request, selectors.penolakan(request.lingkup).order_by("-waktu", "-pk"))
    return render(request, "hub/log.html", {"daftar": daftar, "jenis": "penolakan"})


@staf_hub
def akses(request):
    daftar = _halaman(request, selectors.akses(request.lingkup).order_by("-waktu", "-pk"))
    return render(request, "hub/log.html", {"daftar": daftar, "jenis": "akses"})
