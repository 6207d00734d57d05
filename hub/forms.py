"""Forms of the hub's pages (the services validate; forms only shape the input)."""

from __future__ import annotations

from django import forms

from hub.models import Tiket


class FormDesa(forms.Form):
    kode = forms.CharField(label="Kode desa (10 digit)", max_length=10)
    nama = forms.CharField(label="Nama desa", max_length=100)
    nama_kecamatan = forms.CharField(label="Nama kecamatan", max_length=100, required=False)


class FormCabut(forms.Form):
    alasan = forms.CharField(label="Alasan pencabutan", max_length=200)


class FormPengumuman(forms.Form):
    judul = forms.CharField(label="Judul", max_length=200)
    isi = forms.CharField(label="Isi", widget=forms.Textarea(attrs={"rows": 6}))
    desa = forms.ChoiceField(label="Untuk", required=False)
    lampiran = forms.FileField(label="Lampiran (PDF/JPG/PNG, maks. 5 MB)", required=False)

    def __init__(self, *args, pilihan_desa=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].choices = [("", "Semua desa dalam lingkup saya")] + [
            (d.kode, f"{d.nama} ({d.kode})") for d in pilihan_desa
        ]


class FormBalasTiket(forms.Form):
    isi = forms.CharField(label="Balasan", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    status = forms.ChoiceField(label="Status", choices=Tiket.Status.choices)
    lampiran = forms.FileField(label="Lampiran", required=False)


class FormTopik(forms.Form):
    judul = forms.CharField(label="Judul", max_length=200)
    isi = forms.CharField(label="Isi", widget=forms.Textarea(attrs={"rows": 5}))


class FormBalas(forms.Form):
    isi = forms.CharField(label="Balasan", widget=forms.Textarea(attrs={"rows": 4}))
