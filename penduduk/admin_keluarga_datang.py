"""The family screens that bring new people into a KK: a whole family arriving (the KK and
every member in one form, one transaction) and one person arriving into an existing KK.

Called from KeluargaAdmin.get_urls() (penduduk/admin_keluarga.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from keluarga.models import Keluarga
from penduduk import forms_keluarga as forms
from penduduk import services
from penduduk.services.kk import GalatAnggota
from sid.admin_aksi import halaman_aksi, pasang_galat
from sid.exceptions import PerluKonfirmasi


def boleh_mencatat_kedatangan(request) -> bool:
    """Arrivals write both registers: the KK and its residents."""
    return request.user.has_perm("keluarga.change_keluarga") and request.user.has_perm(
        "penduduk.change_penduduk"
    )


def keluarga_datang_view(model_admin, request):
    """A family arriving with its members: one form, one PINDAH MASUK per member."""
    if not boleh_mencatat_kedatangan(request):
        raise PermissionDenied
    if request.method == "POST":
        form = forms.KeluargaDatangForm(request.POST)
        baris = forms.AnggotaFormSet(request.POST, prefix="anggota")
        form_ok, baris_ok = form.is_valid(), baris.is_valid()
        if form_ok and baris_ok:
            k = _simpan(request, form, baris)
            if k is not None:
                jumlah = len(baris.terisi())
                model_admin.message_user(
                    request,
                    f"Keluarga KK {k.no_kk} dan {jumlah} anggotanya dicatat pindah masuk.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(k.get_absolute_url())
    else:
        form = forms.KeluargaDatangForm()
        baris = forms.AnggotaFormSet(prefix="anggota")
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Keluarga datang (pindah masuk)",
        "opts": model_admin.model._meta,
        "form": form,
        "baris": baris,
        "kembali": reverse("admin:keluarga_keluarga_changelist"),
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, "admin/keluarga/keluarga/datang.html", context)


def _simpan(request, form, baris) -> Keluarga | None:
    """Call the service; put its refusal on the KK form or on the member's row."""
    data = {k: v for k, v in form.cleaned_data.items() if k != "konfirmasi"}
    konfirmasi = bool(form.cleaned_data.get("konfirmasi"))
    terisi = baris.terisi()
    try:
        return services.keluarga_baru_datang(
            oleh=request.user,
            anggota=[{**f.untuk_layanan(), "konfirmasi": konfirmasi} for f in terisi],
            **data,
        )
    except GalatAnggota as exc:
        f = terisi[exc.baris]
        nomor = baris.forms.index(f) + 1
        if isinstance(exc.galat, PerluKonfirmasi):
            form.tampilkan_konfirmasi()
            form.add_error(None, f"Peringatan pada anggota baris {nomor}: {' '.join(exc.messages)}")
        else:
            form.add_error(None, f"Data anggota baris {nomor} ditolak; lihat pesan pada baris itu.")
        _galat_baris(f, exc.galat)
    except ValidationError as exc:
        pasang_galat(form, exc)
    return None


def _galat_baris(f, exc: ValidationError) -> None:
    """A member's error on its row: on the field when the row has it, else above the row."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for e in errors:
                if field in f.fields:
                    f.add_error(field, e)
                else:
                    f.add_error(None, e.messages)
    else:
        f.add_error(None, exc.messages)


def pindah_masuk_view(model_admin, request, pk):
    """One person arriving into this KK (Tambah anggota baru → Pindah masuk)."""
    k = get_object_or_404(Keluarga, pk=pk)

    def jalankan(data, konfirmasi):
        if not k.aktif:
            raise ValidationError("KK ini tidak aktif lagi; pilih KK lain.")
        args = forms.PindahMasukKeluargaForm.untuk_layanan(data)
        services.peristiwa_pindah_masuk_catat(
            oleh=request.user, konfirmasi=konfirmasi, **{**args, "keluarga": k}
        )
        return k

    return halaman_aksi(
        model_admin,
        request,
        obj=k,
        form_class=forms.PindahMasukKeluargaForm,
        judul="Pindah masuk ke KK ini",
        izin=boleh_mencatat_kedatangan(request) and k.aktif,
        berhasil="Pindah masuk dicatat; anggota baru masuk ke KK ini.",
        keterangan=f"Anggota baru masuk ke KK {k.no_kk} dan tinggal di {k.wilayah}.",
        jalankan=jalankan,
    )
