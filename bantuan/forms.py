"""Forms of the social-assistance back office. They collect input; the services decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from bantuan import services
from bantuan.models import Peserta, Program, Sasaran


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = services.KOLOM_PROGRAM
        widgets = {
            "tanggal_mulai": forms.DateInput(attrs={"type": "date"}),
            "tanggal_selesai": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                services.periksa_program(
                    {k: data.get(k) for k in services.KOLOM_PROGRAM},
                    program=self.instance if self.instance.pk else None,
                )
            except ValidationError as exc:
                for field, pesan in exc.message_dict.items():
                    self.add_error(field if field in self.fields else None, pesan)
        return data

    def validate_unique(self):
        pass  # the service checks the name (case-insensitive) with a clear message


class PesertaForm(forms.ModelForm):
    class Meta:
        model = Peserta
        fields = ["program", "penduduk", "keluarga", "nomor_kartu", *services.KOLOM_KARTU]
        widgets = {"kartu_tanggal_lahir": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "kartu_nama": "Kosongkan untuk mengambil dari data penduduk.",
        }

    def clean(self):
        data = super().clean()
        if self.instance.pk or self.errors:
            return data
        program = data.get("program")
        if program is None:
            return data
        if program.sasaran == Sasaran.PENDUDUK:
            data["keluarga"] = None
        else:
            data["penduduk"] = None
        try:
            services.periksa_peserta(
                program=program, penduduk=data.get("penduduk"), keluarga=data.get("keluarga")
            )
        except ValidationError as exc:
            for field, pesan in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, pesan)
        return data

    def validate_unique(self):
        pass


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas .xlsx",
        help_text="Format impor program bantuan OpenSID: lembar Program dan Peserta (maks. 5 MB).",
    )
