"""Forms of the letter back office. They collect input; the services decide."""

from __future__ import annotations

import datetime

from django import forms

from penduduk.models import Penduduk
from sid.admin_aksi import FormAksi
from sid.widgets import EditorTeksKaya
from surat.isian import JENIS_ISIAN
from surat.models import JenisSurat, PengaturanSurat


def field_isian(f: dict) -> forms.Field:
    """The form field for one extra-field definition of a letter type."""
    jenis = f.get("jenis", "teks")
    umum = {"label": f.get("label") or f["kode"], "required": bool(f.get("wajib"))}
    if f.get("bantuan"):
        umum["help_text"] = f["bantuan"]
    if jenis == "teks_panjang":
        return forms.CharField(
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
            **umum,
        )
    if jenis == "tanggal":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **umum)
    if jenis == "angka":
        return forms.IntegerField(min_value=0, **umum)
    if jenis == "uang":
        return forms.IntegerField(
            min_value=0,
            widget=forms.NumberInput(attrs={"step": "1000", "placeholder": "mis. 2500000"}),
            **umum,
        )
    if jenis == "pilihan":
        pilihan = [("", "— pilih —")] + [(p, p) for p in f.get("pilihan", [])]
        return forms.ChoiceField(choices=pilihan, **umum)
    return forms.CharField(
        max_length=200, widget=forms.TextInput(attrs={"class": "vTextField"}), **umum
    )


class FormSurat(FormAksi):
    """Resident (picked with the HTMX search) plus the type's extra fields."""

    penduduk = forms.ModelChoiceField(
        queryset=Penduduk.objects.all(),
        label="Penduduk",
        error_messages={
            "required": "Pilih penduduk: ketik nama atau NIK lalu pilih dari hasil pencarian.",
            "invalid_choice": "Penduduk yang dipilih tidak ditemukan.",
        },
    )

    def __init__(self, *args, jenis: JenisSurat, **kwargs):
        super().__init__(*args, **kwargs)
        self.jenis = jenis
        for f in jenis.isian:
            self.fields[f["kode"]] = field_isian(f)

    def isian_terisi(self) -> dict:
        hasil = {}
        for f in self.jenis.isian:
            nilai = self.cleaned_data.get(f["kode"])
            if isinstance(nilai, datetime.date):
                nilai = nilai.isoformat()
            hasil[f["kode"]] = "" if nilai is None else str(nilai)
        return hasil

    def field_isian(self):
        return [self[f["kode"]] for f in self.jenis.isian]


class FormAjukan(FormAksi):
    pass


class FormVerifikasi(FormAksi):
    catatan = forms.CharField(
        label="Catatan (tidak wajib)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FormAlasan(FormAksi):
    alasan = forms.CharField(
        label="Alasan", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FormTandaTangan(FormAksi):
    penandatangan = forms.ChoiceField(label="Ditandatangani oleh", widget=forms.RadioSelect)

    def __init__(self, *args, pilihan: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penandatangan"].choices = pilihan
        if pilihan:
            self.fields["penandatangan"].initial = pilihan[0][0]


class FormRegister(forms.Form):
    dari = forms.DateField(label="Dari tanggal", widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label="Sampai tanggal", widget=forms.DateInput(attrs={"type": "date"}))
    jenis = forms.ModelChoiceField(
        queryset=JenisSurat.objects.all(),
        label="Jenis surat",
        required=False,
        empty_label="Semua jenis",
    )
    kertas = forms.ChoiceField(
        label="Kertas (PDF)", choices=[("A4", "A4"), ("F4", "F4")], initial="A4"
    )

    def clean(self):
        data = super().clean()
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai:
            if sampai < dari:
                raise forms.ValidationError("Tanggal akhir tidak boleh sebelum tanggal awal.")
            if (sampai - dari).days > 366:
                raise forms.ValidationError("Periode paling lama satu tahun.")
        return data


# --- letter types ----------------------------------------------------------------------------


class FormJenisSurat(forms.ModelForm, FormAksi):
    class Meta:
        model = JenisSurat
        fields = [
            "nama", "slug", "judul", "kode_surat", "isi", "syarat", "syarat_penduduk",
            "masa_berlaku", "satuan_masa_berlaku", "online", "pakai_qr", "kertas", "orientasi",
            "margin_atas", "margin_kanan", "margin_bawah", "margin_kiri", "huruf",
            "ukuran_huruf", "format_nomor", "aktif", "urutan",
        ]  # fmt: skip
        widgets = {
            "isi": EditorTeksKaya(mode="surat"),
            "syarat": forms.Textarea(attrs={"rows": 4}),
            "kode_surat": forms.TextInput(
                attrs={"list": "daftar-klasifikasi", "autocomplete": "off"}
            ),
        }

    kelompok = [
        ("Jenis surat", ["nama", "slug", "judul", "kode_surat", "syarat_penduduk", "aktif", "urutan"]),
        ("Isi surat", ["isi"]),
        ("Layanan", ["syarat", "masa_berlaku", "satuan_masa_berlaku", "online", "pakai_qr", "format_nomor"]),
        ("Halaman", ["kertas", "orientasi", "huruf", "ukuran_huruf", "margin_atas", "margin_kanan", "margin_bawah", "margin_kiri"]),
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["judul"].required = False
        self.fields["slug"].help_text = "Kosongkan untuk dibuat dari nama."
        self.fields["judul"].help_text = "Kosongkan untuk “SURAT” + nama jenis."

    def _post_clean(self):
        # The service validates the model (with its own messages); skip ModelForm's copy.
        pass


class FormIsian(forms.Form):
    kode = forms.CharField(
        label="Kode",
        max_length=45,
        widget=forms.TextInput(attrs={"placeholder": "form_…", "size": 18}),
    )
    label = forms.CharField(
        label="Label", max_length=100, widget=forms.TextInput(attrs={"size": 24})
    )
    jenis = forms.ChoiceField(label="Jenis", choices=JENIS_ISIAN, initial="teks")
    wajib = forms.BooleanField(label="Wajib", required=False)
    pilihan = forms.CharField(
        label="Pilihan (satu per baris)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 18}),
    )
    bantuan = forms.CharField(label="Petunjuk", required=False, max_length=200)

    def sebagai_data(self) -> dict:
        d = self.cleaned_data
        data = {"kode": d["kode"], "label": d["label"], "jenis": d["jenis"], "wajib": d["wajib"]}
        if d["jenis"] == "pilihan":
            data["pilihan"] = [
                p.strip() for p in (d.get("pilihan") or "").splitlines() if p.strip()
            ]
        if d.get("bantuan"):
            data["bantuan"] = d["bantuan"]
        return data

    @staticmethod
    def awal(f: dict) -> dict:
        return {**f, "pilihan": "\n".join(f.get("pilihan", []))}


FormSetIsian = forms.formset_factory(FormIsian, extra=1, can_delete=True, max_num=30)


class FormPengaturan(forms.ModelForm, FormAksi):
    url_publik = forms.URLField(
        label="alamat website desa untuk kode QR",
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=PengaturanSurat._meta.get_field("url_publik").help_text,
    )

    class Meta:
        model = PengaturanSurat
        fields = [
            "verifikasi_sekretaris",
            "tanda_tangan_kepala_desa",
            "penomoran",
            "format_nomor",
            "url_publik",
        ]

    def _post_clean(self):
        pass
