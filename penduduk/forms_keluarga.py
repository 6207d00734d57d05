"""Back-office forms for families (input only; the services decide)."""

from __future__ import annotations

from django import forms

from keluarga.models import Keluarga
from penduduk.forms import (
    KELOMPOK_BIODATA,
    TANGGAL,
    PendudukForm,
    PindahKeluarForm,
    _hari_ini,
    wilayah_terendah,
)
from penduduk.models import Penduduk
from sid import kode
from sid.admin_aksi import FormAksi

SHDK_ANGGOTA = [("", "---")] + [c for c in kode.SHDK.choices if c[0] != kode.SHDK.KEPALA_KELUARGA]


class KeluargaForm(forms.ModelForm, FormAksi):
    class Meta:
        model = Keluarga
        fields = ["no_kk", "alamat", "wilayah", "kelas_sosial", "tanggal_cetak_kk"]
        widgets = {"tanggal_cetak_kk": TANGGAL}
        help_texts = {
            "no_kk": "16 digit. Isi 0 bila KK belum terbit: sistem memberi nomor sementara."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].queryset = wilayah_terendah()

    def validate_unique(self):
        """Checked by the service."""

    def _post_clean(self):
        """Constraints are checked by the service."""


class KelahiranForm(PendudukForm):
    """A newborn into this family. Parents and defaults come prefilled from the family."""

    kelompok = [
        ("Bayi", ["nama", "jenis_kelamin", "nik", "shdk", "tempat_lahir", "tanggal_lahir", "waktu_lahir", "agama"]),
        ("Kelahiran", ["tempat_dilahirkan", "jenis_kelahiran", "kelahiran_anak_ke", "penolong_kelahiran",
                       "berat_lahir", "panjang_lahir", "akta_lahir", "tanggal_lapor"]),
        ("Orang tua", ["nama_ayah", "nik_ayah", "nama_ibu", "nik_ibu"]),
    ]  # fmt: skip
    shdk = forms.TypedChoiceField(
        label="hubungan dalam keluarga",
        choices=SHDK_ANGGOTA[1:],
        coerce=int,
        initial=kode.SHDK.ANAK,
    )
    tanggal_lapor = forms.DateField(label="tanggal lapor", widget=TANGGAL, initial=_hari_ini)

    class Meta(PendudukForm.Meta):
        fields = [
            "nama", "jenis_kelamin", "nik", "tempat_lahir", "tanggal_lahir", "waktu_lahir", "agama",
            "tempat_dilahirkan", "jenis_kelahiran", "kelahiran_anak_ke", "penolong_kelahiran", "berat_lahir",
            "panjang_lahir", "akta_lahir", "nama_ayah", "nik_ayah", "nama_ibu", "nik_ibu",
        ]  # fmt: skip


class PindahKeluarKeluargaForm(PindahKeluarForm):
    pass


class GantiKepalaForm(FormAksi):
    kepala_baru = forms.ModelChoiceField(
        label="kepala keluarga baru", queryset=Penduduk.objects.none()
    )
    shdk_kepala_lama = forms.TypedChoiceField(
        label="hubungan baru kepala lama",
        choices=SHDK_ANGGOTA,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Hanya bila kepala lama masih hidup dan tetap di KK ini.",
    )

    def __init__(self, *args, keluarga, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kepala_baru"].queryset = (
            Penduduk.objects.hidup()
            .filter(keluarga=keluarga)
            .exclude(shdk=kode.SHDK.KEPALA_KELUARGA)
        )


class PecahKKForm(FormAksi):
    anggota = forms.ModelMultipleChoiceField(
        label="anggota yang pindah ke KK baru",
        queryset=Penduduk.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    kepala = forms.ModelChoiceField(label="kepala KK baru", queryset=Penduduk.objects.none())
    no_kk_baru = forms.CharField(
        label="No. KK baru",
        max_length=16,
        initial="0",
        help_text="16 digit, atau 0 untuk nomor sementara sampai KK terbit.",
    )
    alamat = forms.CharField(
        label="alamat KK baru",
        max_length=255,
        required=False,
        help_text="Kosongkan untuk memakai alamat KK lama.",
    )
    wilayah = forms.ModelChoiceField(
        label="RT KK baru", queryset=None, required=False, help_text="Kosongkan untuk RT yang sama."
    )
    tanggal = forms.DateField(label="tanggal", widget=TANGGAL, initial=_hari_ini)

    def __init__(self, *args, keluarga, **kwargs):
        super().__init__(*args, **kwargs)
        hidup = Penduduk.objects.hidup().filter(keluarga=keluarga).order_by("shdk", "tanggal_lahir")
        self.fields["anggota"].queryset = hidup
        self.fields["kepala"].queryset = hidup
        self.fields["wilayah"].queryset = wilayah_terendah()


class AnggotaTambahForm(FormAksi):
    penduduk = forms.ModelChoiceField(
        label="NIK penduduk",
        queryset=Penduduk.objects.none(),
        to_field_name="nik",
        widget=forms.TextInput,
        help_text="Penduduk hidup yang belum masuk KK mana pun.",
    )
    shdk = forms.TypedChoiceField(
        label="hubungan dalam keluarga", choices=kode.SHDK.choices, coerce=int
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penduduk"].queryset = Penduduk.objects.hidup().filter(keluarga__isnull=True)
        self.fields["penduduk"].error_messages["invalid_choice"] = (
            "Tidak ada penduduk hidup tanpa KK dengan NIK itu."
        )


class KeluargaDatangForm(PendudukForm):
    """A family arriving: the new KK and its head. Members follow with 'Pindah masuk' into it."""

    kelompok = [
        ("Kedatangan", ["no_kk", "alamat", "tanggal_peristiwa", "tanggal_lapor", "alamat_asal"]),
        *[(f"Kepala keluarga — {j.lower()}", fs) for j, fs in KELOMPOK_BIODATA],
    ]
    no_kk = forms.CharField(
        label="No. KK", max_length=16, help_text="16 digit, atau 0 untuk nomor sementara."
    )
    alamat = forms.CharField(label="alamat di desa", max_length=255, required=False)
    tanggal_peristiwa = forms.DateField(label="tanggal datang", widget=TANGGAL, initial=_hari_ini)
    tanggal_lapor = forms.DateField(label="tanggal lapor", widget=TANGGAL, initial=_hari_ini)
    alamat_asal = forms.CharField(label="alamat asal", max_length=255)

    class Meta(PendudukForm.Meta):
        fields = [f for f in PendudukForm.Meta.fields if f not in ("alamat_sebelumnya",)]
