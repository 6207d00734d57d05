"""Forms of the core app."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from sid import services
from sid.lib.berkas import BidangGambar, BidangLogo, bersihkan_gambar
from sid.models import IdentitasDesa, Wilayah


class IdentitasDesaForm(forms.ModelForm):
    website = forms.URLField(label="website", required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = IdentitasDesa
        fields = [
            "nama_desa", "kode_desa", "kode_pos", "alamat_kantor", "email_desa", "telepon",
            "website", "nama_kecamatan", "kode_kecamatan", "nama_kabupaten", "kode_kabupaten",
            "nama_provinsi", "kode_provinsi", "logo", "kantor_desa", "lat", "lng", "pakai_rw",
            "pakai_rt", "sebutan_desa", "sebutan_dusun", "sebutan_kecamatan", "sebutan_kabupaten",
            "sebutan_camat", "sebutan_kepala_desa", "sebutan_nip_desa",
        ]  # fmt: skip
        field_classes = {"logo": BidangLogo, "kantor_desa": BidangGambar}

    def _gambar(self, name):
        value = self.cleaned_data.get(name)
        if value and hasattr(value, "content_type"):  # a new upload, not the stored file
            return bersihkan_gambar(value, jenis=services.JENIS_GAMBAR_DESA[name])
        return value

    def clean_logo(self):
        return self._gambar("logo")

    def clean_kantor_desa(self):
        return self._gambar("kantor_desa")

    def clean(self):
        data = super().clean()
        try:
            services.validasi_tingkat_desa(
                pakai_rw=data.get("pakai_rw", True), pakai_rt=data.get("pakai_rt", True)
            )
        except ValidationError as exc:
            self.add_error(None, exc)
        return data


class WilayahForm(forms.ModelForm):
    class Meta:
        model = Wilayah
        fields = ["tingkat", "induk", "nama", "kepala_nama"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "induk" in self.fields:
            self.fields["induk"].help_text = (
                "RW: pilih dusunnya. RT: pilih RW-nya, atau langsung dusunnya bila dusun itu "
                "tidak memakai RW (satu dusun memakai RW untuk semua RT-nya atau tidak sama "
                "sekali)."
            )

    def clean(self):
        data = super().clean()
        instance = self.instance
        if instance.pk is None:
            instance.tingkat = data.get("tingkat")
            instance.induk = data.get("induk")
        instance.nama = data.get("nama", "")
        if instance.tingkat:
            try:
                services.validasi_wilayah(instance)
            except ValidationError as exc:
                self.add_error(None, exc)
        return data
