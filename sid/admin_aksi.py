"""Operator action screens in the admin (record a death, split a KK …), the way contrib.auth's
UserAdmin adds its password page: a URL from get_urls(), admin_site.admin_view(), a form,
a service call, a message, back to the object.

Service errors (ValidationError) land on the form; PerluKonfirmasi adds a confirmation box.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

from sid.exceptions import PerluKonfirmasi
from sid.middleware import id_baris


def pk_angka(object_id: Any) -> int:
    """The integer pk of an admin URL's object_id (a <path:>): anything else is a 404, never
    a database error on a typed-in address such as /admin/penduduk/penduduk/abc/change/."""
    pk = id_baris(object_id)
    if pk is None:
        raise Http404("Data tidak ditemukan.")
    return pk


class FormAksi(forms.Form):
    """Base for action forms: an optional confirmation box shown after a warning."""

    konfirmasi = forms.BooleanField(
        label="Saya sudah memeriksa peringatan di atas dan data ini benar.",
        required=False,
        widget=forms.HiddenInput,
    )

    def tampilkan_konfirmasi(self) -> None:
        self.fields["konfirmasi"].widget = forms.CheckboxInput()


def pasang_galat(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for e in errors:
                form.add_error(target, e.messages if target is None else e)
    else:
        form.add_error(None, exc.messages)


def halaman_aksi(
    model_admin,
    request: HttpRequest,
    *,
    obj: Any,
    form_class: type[forms.Form],
    judul: str,
    jalankan: Callable[[dict[str, Any], bool], Any],
    berhasil: str,
    izin: bool,
    kembali: str | None = None,
    form_kwargs: dict[str, Any] | None = None,
    keterangan: str = "",
    bahaya: bool = False,
    rincian: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    """Render and process one action form. `jalankan(cleaned_data, konfirmasi)` calls the service."""
    if not izin:
        raise PermissionDenied
    kembali = kembali or (obj.get_absolute_url() if obj is not None else "../")
    form_kwargs = form_kwargs or {}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **form_kwargs)
        if form.is_valid():
            konfirmasi = bool(form.cleaned_data.get("konfirmasi"))
            try:
                hasil = jalankan(form.cleaned_data, konfirmasi)
            except PerluKonfirmasi as exc:
                form.add_error(None, exc.messages)
                if hasattr(form, "tampilkan_konfirmasi"):
                    form.tampilkan_konfirmasi()
            except ValidationError as exc:
                pasang_galat(form, exc)
            else:
                model_admin.message_user(request, berhasil, messages.SUCCESS)
                tujuan = hasil.get_absolute_url() if hasattr(hasil, "get_absolute_url") else kembali
                return HttpResponseRedirect(tujuan)
    else:
        form = form_class(**form_kwargs)
    opts = model_admin.model._meta
    kelompok = [
        (judul_kelompok, [form[f] for f in fields if f in form.fields and not form[f].is_hidden])
        for judul_kelompok, fields in getattr(form, "kelompok", [])
    ]
    terkelompok = {bf.name for _j, bfs in kelompok for bf in bfs}
    sisa = [bf for bf in form.visible_fields() if bf.name not in terkelompok]
    if sisa:
        kelompok.insert(0, ("", sisa))
    # A section of optional fields starts folded (<details>), unless one of its fields is wrong.
    terlipat = getattr(form, "kelompok_terlipat", frozenset())
    kelompok = [(j, bfs, j in terlipat and not any(bf.errors for bf in bfs)) for j, bfs in kelompok]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": judul,
        "subtitle": str(obj) if obj is not None else None,
        "form": form,
        "kelompok": [(j, bfs, lipat) for j, bfs, lipat in kelompok if bfs],
        "obj": obj,
        "opts": opts,
        "original": obj,
        "kembali": kembali,
        "keterangan": keterangan,
        "rincian": rincian or [],  # (term, description) pairs shown under the explanation
        "bahaya": bahaya,
        "media": model_admin.media + form.media,
        "has_view_permission": True,
    }
    return TemplateResponse(request, "admin/sid/form_aksi.html", context)
