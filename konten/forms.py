"""Forms of the website: the back-office editors (uploads checked on the field) and the
visitors' comment form. Rules live in konten.services; these only collect and pre-check."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html

from konten import gambar as gambar_lib
from konten.models import (
    Agenda,
    Artikel,
    DokumenPublik,
    GambarArtikel,
    Halaman,
    ItemMenu,
    Kategori,
    Pengumuman,
)
from sid.lib.berkas import periksa_pdf
from sid.widgets import EditorTeksKaya, InputBerkasSimpanan

TERIMA_GAMBAR = "image/jpeg,image/png,image/webp,image/gif"


def _gambar(form: forms.ModelForm, nama: str):
    """A new image upload is checked now (errors land on the field) and resized once."""
    nilai = form.cleaned_data.get(nama)
    if nilai and hasattr(nilai, "content_type"):
        return gambar_lib.periksa_unggahan(nilai)
    return nilai


def _pdf(form: forms.ModelForm, nama: str):
    nilai = form.cleaned_data.get(nama)
    if nilai and hasattr(nilai, "content_type"):
        nilai.data_pdf = periksa_pdf(nilai)
    return nilai


class _FormGambar(forms.ModelForm):
    """Uploads as plain file fields: the content check is ours (konten.gambar), not the name.
    A checked image survives an error anywhere on the page (sid.widgets.InputBerkasSimpanan)."""

    def full_clean(self):
        # Kept even when this form is valid: the page may still come back with an error in
        # another form of it (the article and its gallery rows are validated separately).
        super().full_clean()
        if not self.is_bound:
            return
        for nama, f in self.fields.items():
            berkas = self.cleaned_data.get(nama)
            if isinstance(f.widget, InputBerkasSimpanan) and hasattr(berkas, "content_type"):
                f.widget.simpan_pilihan(berkas)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nama, f in self.fields.items():
            if isinstance(f, forms.ImageField):
                # The chosen image is kept when the form comes back with an error elsewhere.
                baru = forms.FileField(
                    label=f.label,
                    required=f.required,
                    help_text=f.help_text,
                    widget=InputBerkasSimpanan(attrs={**f.widget.attrs, "accept": TERIMA_GAMBAR}),
                )
                self.fields[nama] = baru


class ArtikelForm(_FormGambar):
    class Meta:
        model = Artikel
        fields = [
            "judul",
            "slug",
            "kategori",
            "ringkasan",
            "isi",
            "gambar",
            "gambar_alt",
            "gambar_keterangan",
            "lampiran",
            "lampiran_judul",
            "status",
            "terbit_pada",
            "headline",
            "komentar_aktif",
        ]
        widgets = {
            "isi": EditorTeksKaya(),
            "ringkasan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "lampiran" in self.fields:
            self.fields["lampiran"].widget.attrs["accept"] = "application/pdf,.pdf"
        if "kategori" in self.fields:
            self.fields["kategori"].queryset = Kategori.objects.select_related("induk")

    def clean_gambar(self):
        return _gambar(self, "gambar")

    def clean_lampiran(self):
        return _pdf(self, "lampiran")

    def clean(self):
        data = super().clean()
        if data.get("status") == Artikel.Status.TERBIT and not data.get("terbit_pada"):
            # "Terbit pada" empty means now (its help text says so); the model's constraint
            # that a published article has a time is checked after this.
            data["terbit_pada"] = timezone.now()
        ada_gambar = data.get("gambar") or (
            self.instance.gambar and data.get("gambar") is not False
        )
        if "gambar" in self.fields and ada_gambar and not (data.get("gambar_alt") or "").strip():
            self.add_error("gambar_alt", "Teks alternatif (alt) wajib diisi untuk gambar utama.")
        return data


class GambarArtikelForm(_FormGambar):
    class Meta:
        model = GambarArtikel
        fields = ["berkas", "alt", "keterangan"]

    def clean_berkas(self):
        return _gambar(self, "berkas")


class KategoriForm(forms.ModelForm):
    class Meta:
        model = Kategori
        fields = ["nama", "slug", "induk", "urutan", "keterangan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        qs = Kategori.objects.filter(induk__isnull=True)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["induk"].queryset = qs


class AgendaForm(forms.ModelForm):
    class Meta:
        model = Agenda
        fields = ["judul", "mulai", "selesai", "tempat", "koordinator", "keterangan"]
        widgets = {"keterangan": EditorTeksKaya()}


class PengumumanForm(forms.ModelForm):
    tautan = forms.URLField(
        label="tautan",
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text="Opsional: alamat yang dibuka bila pengumuman diklik.",
    )

    class Meta:
        model = Pengumuman
        fields = ["teks", "tautan", "mulai", "selesai", "aktif", "urutan"]


class HalamanForm(_FormGambar):
    class Meta:
        model = Halaman
        fields = ["judul", "slug", "isi", "gambar", "gambar_alt", "terbit", "urutan"]
        widgets = {"isi": EditorTeksKaya()}

    def clean_gambar(self):
        return _gambar(self, "gambar")


class DokumenPublikForm(forms.ModelForm):
    class Meta:
        model = DokumenPublik
        fields = ["judul", "kategori", "tahun", "keterangan", "berkas", "terbit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A private file has no URL: the default widget would ask for one to show the current
        # file. Show the download link of the public view instead; an empty upload keeps it.
        berkas = self.fields["berkas"]
        berkas.widget = forms.FileInput(attrs={"accept": "application/pdf,.pdf"})
        if self.instance.pk and self.instance.berkas:
            berkas.help_text = format_html(
                'Berkas sekarang: <a href="{}" target="_blank">{}</a>. Kosongkan bila tidak '
                "diganti. PDF, maksimal 5 MB.",
                self.instance.get_absolute_url(),
                self.instance.berkas.name.rsplit("/", 1)[-1],
            )

    def clean_berkas(self):
        return _pdf(self, "berkas")


class ItemMenuForm(forms.ModelForm):
    url = forms.URLField(
        label="alamat tautan", required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = ItemMenu
        fields = [
            "judul",
            "induk",
            "urutan",
            "jenis",
            "halaman",
            "kategori",
            "internal",
            "url",
            "aktif",
        ]


# --- Public ------------------------------------------------------------------------------------


class KomentarForm(forms.Form):
    """A comment. `situs` is the honeypot: hidden from people, filled in by bots."""

    nama = forms.CharField(label="Nama", max_length=80)
    email = forms.EmailField(label="Email (tidak ditampilkan)", required=False, max_length=254)
    isi = forms.CharField(
        label="Komentar", max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
    situs = forms.CharField(
        label="Jangan isi kolom ini",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_isi(self):
        isi = self.cleaned_data["isi"].strip()
        if not isi:
            raise ValidationError("Komentar wajib diisi.")
        return isi
