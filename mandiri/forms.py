"""Forms of the resident portal and of the Layanan Mandiri back office. They collect input;
the services decide."""

from __future__ import annotations

import contextlib
import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect

from mandiri.models import AkunMandiri, Pengaduan
from mandiri.pin import PANJANG_MAKSIMUM, panjang_pin
from penduduk.models import Penduduk
from sid.admin_aksi import FormAksi
from sid.models import Wilayah
from surat.forms import field_isian


def _pin(label: str, autocomplete: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=PANJANG_MAKSIMUM + 8,
        strip=True,
        widget=forms.PasswordInput(
            attrs={
                "class": "form-control form-control-lg",
                "inputmode": "numeric",
                "autocomplete": autocomplete,
                "pattern": "[0-9]*",
            }
        ),
    )


class FormGantiPin(forms.Form):
    pin_lama = _pin("PIN lama", "current-password")
    pin_baru = _pin("PIN baru", "new-password")
    pin_ulang = _pin("Ulangi PIN baru", "new-password")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        n = panjang_pin()
        self.fields["pin_baru"].help_text = (
            f"{n} digit angka atau lebih. Jangan memakai angka yang sama semua, angka "
            "berurutan, atau tanggal lahir Anda."
        )


def _bootstrap(field: forms.Field) -> forms.Field:
    w = field.widget
    if isinstance(w, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(w, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    w.attrs["class"] = css
    if isinstance(field, forms.IntegerField):
        w.attrs.setdefault("inputmode", "numeric")
    return field


def _label_tersimpan(d) -> str:
    nomor = f" No. {d.nomor}" if d.nomor else ""
    tanggal = f" ({d.tanggal:%d-%m-%Y})" if d.tanggal else ""
    return f"{d.jenis.nama}{nomor}{tanggal}"


class FormPermohonan(forms.Form):
    """The type's extra fields, one upload per requirement, or "bawa dokumen fisik"."""

    bawa_dokumen_fisik = forms.BooleanField(
        label="Saya akan membawa dokumen fisik ke kantor desa", required=False
    )
    keterangan = forms.CharField(
        label="Catatan untuk petugas (opsional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, jenis, dengan_isian: dict | None = None, tersimpan=(), **kwargs):
        """`tersimpan`: the resident's stored documents (penduduk.DokumenPenduduk), offered
        beside each upload as "pakai dokumen tersimpan"."""
        super().__init__(*args, **kwargs)
        self.tersimpan = {str(d.uuid): d for d in tersimpan}
        self.jenis = jenis
        awal = dengan_isian or {}
        for f in jenis.isian:
            field = _bootstrap(field_isian(f))
            if f.get("jenis") == "tanggal" and awal.get(f["kode"]):
                with contextlib.suppress(ValueError):
                    field.initial = datetime.date.fromisoformat(awal[f["kode"]])
            else:
                field.initial = awal.get(f["kode"])
            self.fields[f["kode"]] = field
        self.syarat = jenis.daftar_syarat
        for i, syarat in enumerate([*self.syarat, "Dokumen lain (opsional)"]):
            self.fields[f"dokumen_{i}"] = forms.FileField(
                label=syarat,
                required=False,
                widget=forms.ClearableFileInput(
                    attrs={"class": "form-control", "accept": ".pdf,.jpg,.jpeg,.png,image/*"}
                ),
            )
            if self.tersimpan:
                self.fields[f"tersimpan_{i}"] = forms.ChoiceField(
                    label="atau pakai dokumen tersimpan",
                    required=False,
                    choices=[("", "— tidak —")]
                    + [(k, _label_tersimpan(d)) for k, d in self.tersimpan.items()],
                    widget=forms.Select(attrs={"class": "form-select"}),
                    error_messages={
                        "invalid_choice": "Dokumen tersimpan tidak ditemukan; pilih dari daftar."
                    },
                )
        for nama in ("bawa_dokumen_fisik", "keterangan"):
            _bootstrap(self.fields[nama])
            self.fields[nama] = self.fields.pop(nama)  # after the uploads

    def field_isian(self):
        return [self[f["kode"]] for f in self.jenis.isian]

    def field_dokumen(self):
        return [self[n] for n in self.fields if n.startswith(("dokumen_", "tersimpan_"))]

    def clean(self):
        data = super().clean()
        for nama in list(self.fields):
            if nama.startswith("tersimpan_") and data.get(nama):
                unggah = nama.replace("tersimpan_", "dokumen_")
                if data.get(unggah):
                    self.add_error(
                        nama,
                        "Pilih salah satu: unggah berkas baru atau pakai dokumen tersimpan.",
                    )
        return data

    def isian_terisi(self) -> dict:
        hasil = {}
        for f in self.jenis.isian:
            nilai = self.cleaned_data.get(f["kode"])
            if isinstance(nilai, datetime.date):
                nilai = nilai.isoformat()
            hasil[f["kode"]] = "" if nilai is None else str(nilai)
        return hasil

    def dokumen_terisi(self) -> list[tuple[str, object]]:
        """(label, upload or stored DokumenPenduduk) for each requirement filled in."""
        hasil = []
        for nama in self.fields:
            if not nama.startswith("dokumen_"):
                continue
            berkas = self.cleaned_data.get(nama) or self.tersimpan.get(
                self.cleaned_data.get(nama.replace("dokumen_", "tersimpan_")) or ""
            )
            if berkas:
                label = self.fields[nama].label
                hasil.append(
                    ("Dokumen lain" if label.startswith("Dokumen lain") else label, berkas)
                )
        return hasil


class FormPengaduan(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis",
        choices=Pengaduan.Jenis.choices,
        initial=Pengaduan.Jenis.PENGADUAN,
        widget=forms.RadioSelect,
    )
    judul = forms.CharField(
        label="Judul", max_length=150, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    isi = forms.CharField(
        label="Isi",
        max_length=3000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 5}),
    )
    foto = forms.FileField(
        label="Foto (opsional)",
        required=False,
        help_text="JPG atau PNG, maksimal 5 MB.",
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": "image/jpeg,image/png"}
        ),
    )


class FormBalasanWarga(forms.Form):
    isi = forms.CharField(
        label="Tambahkan balasan",
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )


# --- back office -------------------------------------------------------------------------------


class FormBuatAkun(forms.Form):
    penduduk = forms.ModelChoiceField(
        queryset=None,
        label="Penduduk",
        help_text="Ketik nama atau NIK. Hanya penduduk yang masih hidup.",
    )

    def __init__(self, *args, **kwargs):

        super().__init__(*args, **kwargs)
        field = self.fields["penduduk"]
        field.widget = AutocompleteSelect(
            AkunMandiri._meta.get_field("penduduk"), admin.site, attrs={"style": "width: 28rem"}
        )
        field.queryset = Penduduk.objects.hidup()  # also gives the new widget its choices


class FormCetakMassal(forms.Form):
    wilayah = forms.ModelChoiceField(
        queryset=Wilayah.objects.select_related("dusun", "rw").order_by(
            "dusun__nama", "tingkat", "nama"
        ),
        required=False,
        label="Wilayah",
        empty_label="Seluruh desa",
        help_text="Dusun, RW atau RT. Paling banyak 2.000 penduduk sekali cetak.",
    )
    umur_min = forms.IntegerField(
        label="Umur minimal (tahun)", min_value=0, max_value=120, initial=17
    )
    termasuk_akun_lama = forms.BooleanField(
        label="Juga penduduk yang sudah punya akun (PIN mereka diganti baru)", required=False
    )


class FormNonaktif(FormAksi):
    alasan = forms.CharField(
        label="Alasan", max_length=200, widget=forms.TextInput(attrs={"class": "vTextField"})
    )


class FormKembalikan(FormAksi):
    pesan = forms.CharField(
        label="Yang perlu dilengkapi pemohon",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        help_text="Ditampilkan kepada pemohon di Layanan Mandiri.",
    )


class FormTolak(FormAksi):
    alasan = forms.CharField(
        label="Alasan penolakan",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        help_text="Ditampilkan kepada pemohon di Layanan Mandiri.",
    )


class FormBalasPengaduan(forms.Form):
    isi = forms.CharField(
        label="Balasan",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
        help_text="Dibaca pelapor di Layanan Mandiri (ditandatangani “Pemerintah Desa”).",
    )
    status = forms.ChoiceField(label="Status", choices=Pengaduan.Status.choices)
