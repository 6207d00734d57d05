"""Forms of the village's sync screens (services validate; forms shape the input)."""

from __future__ import annotations

from django import forms

from sid.admin_aksi import FormAksi
from sinkron.models import Hub, TiketDesa


class FormDaftarHub(FormAksi):
    url = forms.CharField(
        label="Alamat hub",
        max_length=300,
        help_text="Alamat SID kecamatan/kabupaten, mis. https://sid.bogorkab.go.id",
    )
    kode = forms.CharField(
        label="Kode pendaftaran",
        max_length=40,
        help_text="Kode sekali pakai dari operator hub (mis. ABCD-EFGH-JKMN).",
    )


class FormKonfirmasi(FormAksi):
    setuju = forms.BooleanField(
        label="Ya, lanjutkan.",
        error_messages={"required": "Centang untuk melanjutkan."},
    )


class FormKeluar(FormAksi):
    setuju = forms.BooleanField(
        label="Ya, keluarkan desa dari hub ini (hub mencabut kredensial desa).",
        error_messages={"required": "Centang untuk melanjutkan."},
    )
    paksa = forms.BooleanField(
        label="Tetap keluar walau hub tidak dapat dihubungi.", required=False
    )


class FormTiket(FormAksi):
    hub = forms.ModelChoiceField(label="Hub", queryset=Hub.objects.none())
    kategori = forms.ChoiceField(label="Kategori", choices=TiketDesa.Kategori.choices)
    judul = forms.CharField(label="Judul", max_length=200)
    isi = forms.CharField(label="Uraian", widget=forms.Textarea(attrs={"rows": 6}))
    lampiran = forms.FileField(label="Lampiran (PDF/JPG/PNG, maks. 5 MB)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = Hub.objects.filter(status=Hub.Status.AKTIF)


class FormBalas(forms.Form):
    isi = forms.CharField(label="Balasan", widget=forms.Textarea(attrs={"rows": 4}))
    lampiran = forms.FileField(label="Lampiran", required=False)


class FormTopik(forms.Form):
    judul = forms.CharField(label="Judul", max_length=200)
    isi = forms.CharField(label="Isi", widget=forms.Textarea(attrs={"rows": 5}))


class FormBalasForum(forms.Form):
    isi = forms.CharField(label="Balasan", widget=forms.Textarea(attrs={"rows": 4}))
