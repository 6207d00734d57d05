"""Back-office forms for families (input only; the services decide)."""

from __future__ import annotations

from django import forms

from keluarga.models import Keluarga
from penduduk.forms import (
    KELOMPOK_BIODATA,
    TANGGAL,
    PendudukForm,
    PindahKeluarForm,
    PindahMasukForm,
    _hari_ini,
    wilayah_terendah,
)
from penduduk.models import Penduduk
from sid import kode
from sid.admin_aksi import FormAksi
from sid.models import Wilayah

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


class KeluargaDatangForm(FormAksi):
    """A family arriving together: the new KK. Its members are the rows of AnggotaFormSet."""

    no_kk = forms.CharField(
        label="No. KK",
        max_length=16,
        initial="0",
        help_text="16 digit, atau 0 bila KK belum terbit: sistem memberi nomor sementara.",
    )
    wilayah = forms.ModelChoiceField(label="RT", queryset=Wilayah.objects.none())
    alamat = forms.CharField(label="alamat di desa", max_length=255, required=False)
    kelas_sosial = forms.TypedChoiceField(
        label="kelas sosial",
        choices=[("", "---")] + kode.KelasSosial.choices,
        coerce=int,
        empty_value=None,
        required=False,
    )
    alamat_asal = forms.CharField(label="alamat asal", max_length=255)
    tanggal_peristiwa = forms.DateField(label="tanggal datang", widget=TANGGAL, initial=_hari_ini)
    tanggal_lapor = forms.DateField(label="tanggal lapor", widget=TANGGAL, initial=_hari_ini)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].queryset = wilayah_terendah()

    def clean_no_kk(self):
        no_kk = self.cleaned_data["no_kk"].strip()
        if no_kk != "0" and not (no_kk.isdigit() and len(no_kk) == 16):
            raise forms.ValidationError(
                "Nomor KK harus 16 digit angka, atau 0 untuk nomor sementara."
            )
        if no_kk != "0" and Keluarga.objects.filter(no_kk=no_kk).exists():
            raise forms.ValidationError(f"Nomor KK {no_kk} sudah terdaftar.")
        return no_kk

    def clean(self):
        data = super().clean()
        datang, lapor = data.get("tanggal_peristiwa"), data.get("tanggal_lapor")
        hari_ini = _hari_ini()
        if datang and datang > hari_ini:
            self.add_error("tanggal_peristiwa", "Tanggal datang tidak boleh di masa depan.")
        elif lapor and lapor > hari_ini:
            self.add_error("tanggal_lapor", "Tanggal lapor tidak boleh di masa depan.")
        elif datang and lapor and lapor < datang:
            self.add_error("tanggal_lapor", "Tanggal lapor tidak boleh sebelum tanggal datang.")
        return data


# One row per member: the fields a resident must have. The rest is filled in later on each
# resident's page (Ubah biodata).
KOLOM_BARIS = [
    "nik", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama", "status_kawin",
    "pendidikan_kk", "pekerjaan",
]  # fmt: skip


class AnggotaBarisForm(forms.ModelForm):
    shdk = forms.TypedChoiceField(
        label="Hubungan dalam keluarga", choices=[("", "---")] + kode.SHDK.choices, coerce=int
    )

    class Meta:
        model = Penduduk
        fields = KOLOM_BARIS
        widgets = {"tanggal_lahir": TANGGAL}
        help_texts = {"nik": "16 digit, atau 0 bila belum punya NIK."}

    field_order = ["nik", "nama", "shdk", *KOLOM_BARIS[2:]]

    def clean_nik(self):
        nik = (self.cleaned_data.get("nik") or "").strip()
        if nik != "0" and not (nik.isdigit() and len(nik) == 16):
            raise forms.ValidationError("NIK harus 16 digit angka, atau 0 untuk NIK sementara.")
        return nik

    def clean_tanggal_lahir(self):
        tanggal = self.cleaned_data.get("tanggal_lahir")
        if tanggal and tanggal > _hari_ini():
            raise forms.ValidationError("Tanggal lahir tidak boleh di masa depan.")
        return tanggal

    def validate_unique(self):
        """The service checks NIK uniqueness against the register."""

    def _post_clean(self):
        """Model validation runs in the service (with every constraint), not on the form."""

    def untuk_layanan(self) -> dict:
        data = dict(self.cleaned_data)
        return {"shdk": data.pop("shdk"), "data": data}


class BaseAnggotaFormSet(forms.BaseFormSet):
    """Rows left blank are skipped; the rows filled in must hold one head and distinct NIKs."""

    def terisi(self) -> list[AnggotaBarisForm]:
        return [f for f in self.forms if f.has_changed()]

    def clean(self):
        if any(self.errors):
            return
        baris = self.terisi()
        if not baris:
            raise forms.ValidationError("Isi minimal satu anggota: kepala keluarga.")
        kepala = [f for f in baris if f.cleaned_data.get("shdk") == kode.SHDK.KEPALA_KELUARGA]
        if len(kepala) != 1:
            pesan = "Satu KK harus memiliki tepat satu KEPALA KELUARGA"
            if not kepala:
                raise forms.ValidationError(f"{pesan}; belum ada yang dipilih.")
            for f in kepala[1:]:
                f.add_error("shdk", f"{pesan}; baris ini yang kedua.")
        dipakai: dict[str, int] = {}
        for nomor, f in enumerate(self.forms, start=1):
            nik = f.cleaned_data.get("nik") if f in baris else None
            if not nik or nik == "0":
                continue
            if nik in dipakai:
                f.add_error("nik", f"NIK ini sama dengan anggota baris {dipakai[nik]}.")
            else:
                dipakai[nik] = nomor
        terdaftar = dict(Penduduk.objects.filter(nik__in=dipakai).values_list("nik", "nama"))
        for f in baris:
            nik = f.cleaned_data.get("nik")
            if nik in terdaftar:
                f.add_error(
                    "nik",
                    f"NIK ini sudah terdaftar atas nama {terdaftar[nik]}. Bila orang itu pernah "
                    "tinggal di desa dan kembali, catat KEMBALI DATANG pada datanya.",
                )
        if any(self.errors):
            raise forms.ValidationError("Periksa kembali baris anggota yang ditandai.")


AnggotaFormSet = forms.formset_factory(
    AnggotaBarisForm, formset=BaseAnggotaFormSet, extra=4, max_num=20, validate_max=True
)


class PindahMasukKeluargaForm(PindahMasukForm):
    """One person arriving into this family: the KK is given by the page, the RT follows it."""

    kelompok = [
        ("Kedatangan", ["tanggal_peristiwa", "tanggal_lapor", "alamat_asal", "shdk"]),
        *[(j, [f for f in fs if f != "wilayah"]) for j, fs in KELOMPOK_BIODATA],
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["keluarga"], self.fields["wilayah"]
        self.fields["shdk"] = forms.TypedChoiceField(
            label="hubungan dalam keluarga", choices=SHDK_ANGGOTA, coerce=int
        )

    @staticmethod
    def untuk_layanan(data: dict) -> dict:
        return PindahMasukForm.untuk_layanan({**data, "keluarga": None, "wilayah": None})
