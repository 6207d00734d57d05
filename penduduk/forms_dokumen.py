"""Forms for residents' supporting documents: the upload on the resident page, the document
part of the event forms (birth, death, moving out, moving in), and the admin's edit form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from penduduk.forms import TANGGAL, KematianForm, PindahKeluarForm, PindahMasukForm
from penduduk.forms_keluarga import KelahiranForm
from penduduk.models import DokumenPenduduk, JenisDokumen
from penduduk.services.dokumen import periksa_isian
from sid.admin_aksi import FormAksi
from sid.lib.berkas import bersihkan_dokumen
from sid.widgets import InputBerkasSimpanan

TERIMA = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
BANTUAN_BERKAS = "PDF, JPG atau PNG, maksimal 5 MB. Jenis berkas dikenali dari isinya."


def _jenis_aktif():
    return JenisDokumen.objects.filter(aktif=True)


def _periksa_berkas(field: forms.Field, berkas):
    """Check the upload by content now, so the error shows on the field; a checked file is
    kept across an error elsewhere on the page (sid.widgets.InputBerkasSimpanan)."""
    if not berkas:
        return berkas
    try:
        bersihkan_dokumen(berkas, label="Berkas")
    except ValidationError as exc:
        raise ValidationError(exc.messages) from None
    berkas.seek(0)
    if isinstance(field.widget, InputBerkasSimpanan):
        field.widget.simpan_pilihan(berkas)
    return berkas


class DokumenForm(FormAksi):
    """Upload a document on the resident page."""

    jenis = forms.ModelChoiceField(label="jenis dokumen", queryset=JenisDokumen.objects.none())
    nomor = forms.CharField(label="nomor dokumen", required=False, max_length=60)
    tanggal = forms.DateField(label="tanggal dokumen", required=False, widget=TANGGAL)
    keterangan = forms.CharField(label="keterangan", required=False, max_length=200)
    berkas = forms.FileField(
        label="berkas",
        help_text=BANTUAN_BERKAS,
        widget=InputBerkasSimpanan(attrs={"accept": TERIMA}),
        error_messages={"required": "Pilih berkas dokumen (PDF, JPG atau PNG)."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].queryset = _jenis_aktif()

    def clean_berkas(self):
        return _periksa_berkas(self.fields["berkas"], self.cleaned_data.get("berkas"))


class DokumenUbahForm(forms.ModelForm):
    """The admin's change form: kind, number, date and note (the file is not replaced)."""

    class Meta:
        model = DokumenPenduduk
        fields = ["jenis", "nomor", "tanggal", "keterangan"]
        widgets = {"tanggal": TANGGAL}

    def clean(self):
        """The service's own checks, so a refusal shows on the form (the admin saves through
        `dokumen_update`, which would otherwise raise them after the form was accepted)."""
        data = super().clean()
        if self.errors:
            return data
        try:
            periksa_isian(
                jenis=data.get("jenis"),
                nomor=data.get("nomor", ""),
                tanggal=data.get("tanggal"),
                keterangan=data.get("keterangan", ""),
                baru="jenis" in self.changed_data,
            )
        except ValidationError as exc:
            for kolom, pesan in exc.message_dict.items():
                self.add_error(kolom if kolom in self.fields else None, pesan)
        return data


# --- the document part of the event forms -----------------------------------------------------

KOLOM_DOKUMEN_PERISTIWA = ["dokumen_berkas", "dokumen_jenis", "dokumen_nomor", "dokumen_tanggal"]
JUDUL_KELOMPOK = "Dokumen pendukung (opsional)"


class DokumenPeristiwaMixin(forms.Form):
    """An optional scan recorded with the event, in the same transaction."""

    jenis_dokumen_bawaan = ""  # the kind preselected (by name), e.g. "Akta Kematian"

    dokumen_berkas = forms.FileField(
        label="berkas dokumen",
        required=False,
        help_text=BANTUAN_BERKAS,
        widget=InputBerkasSimpanan(attrs={"accept": TERIMA}),
    )
    dokumen_jenis = forms.ModelChoiceField(
        label="jenis dokumen", required=False, queryset=JenisDokumen.objects.none()
    )
    dokumen_nomor = forms.CharField(label="nomor dokumen", required=False, max_length=60)
    dokumen_tanggal = forms.DateField(label="tanggal dokumen", required=False, widget=TANGGAL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dokumen_jenis"].queryset = _jenis_aktif()
        if self.jenis_dokumen_bawaan and not self.is_bound:
            bawaan = _jenis_aktif().filter(nama__iexact=self.jenis_dokumen_bawaan).first()
            if bawaan is not None:
                self.initial.setdefault("dokumen_jenis", bawaan.pk)

    def clean_dokumen_berkas(self):
        return _periksa_berkas(
            self.fields["dokumen_berkas"], self.cleaned_data.get("dokumen_berkas")
        )

    def clean(self):
        data = super().clean()
        berkas = data.get("dokumen_berkas")
        if berkas and not data.get("dokumen_jenis") and "dokumen_jenis" not in self.errors:
            self.add_error("dokumen_jenis", "Pilih jenis dokumen untuk berkas yang diunggah.")
        ada_isian = data.get("dokumen_nomor") or data.get("dokumen_tanggal")
        if not berkas and ada_isian and "dokumen_berkas" not in self.errors:
            self.add_error(
                "dokumen_berkas",
                "Nomor/tanggal dokumen diisi, tetapi berkasnya belum dipilih. Pilih berkasnya, "
                "atau kosongkan nomor dan tanggal dokumen.",
            )
        return data

    @staticmethod
    def pisahkan(data: dict) -> tuple[dict, dict | None]:
        """(the event's data, the document's arguments for dokumen_tambah or None)."""
        data = dict(data)
        berkas = data.pop("dokumen_berkas", None)
        jenis = data.pop("dokumen_jenis", None)
        nomor = data.pop("dokumen_nomor", "") or ""
        tanggal = data.pop("dokumen_tanggal", None)
        if not berkas:
            return data, None
        return data, {"berkas": berkas, "jenis": jenis, "nomor": nomor, "tanggal": tanggal}


def _kelompok(form_class) -> list:
    return [*getattr(form_class, "kelompok", []), (JUDUL_KELOMPOK, KOLOM_DOKUMEN_PERISTIWA)]


class KematianDokumenForm(DokumenPeristiwaMixin, KematianForm):
    jenis_dokumen_bawaan = "Akta Kematian"
    kelompok = _kelompok(KematianForm)


class PindahKeluarDokumenForm(DokumenPeristiwaMixin, PindahKeluarForm):
    jenis_dokumen_bawaan = "Surat Pindah"
    kelompok = _kelompok(PindahKeluarForm)


class KelahiranDokumenForm(DokumenPeristiwaMixin, KelahiranForm):
    jenis_dokumen_bawaan = "Akta Kelahiran"
    kelompok = _kelompok(KelahiranForm)


class PindahMasukDokumenForm(DokumenPeristiwaMixin, PindahMasukForm):
    jenis_dokumen_bawaan = "Surat Pindah"
    kelompok = _kelompok(PindahMasukForm)

    @staticmethod
    def untuk_layanan(data: dict) -> dict:
        return PindahMasukForm.untuk_layanan(data)
