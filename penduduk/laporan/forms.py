"""Forms of the report pages: which month/date, which wilayah, paper, masking."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from penduduk.laporan.buku import Parameter
from sid.lib.format import BULAN
from sid.lib.wilayah import daftar_wilayah

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
KERTAS = [("F4", "F4 (folio), mendatar"), ("A4", "A4, mendatar")]


def pilihan_wilayah() -> list[tuple[str, str]]:
    return [("", "Seluruh desa")] + [
        (str(w.pk), ("— " * w.kedalaman) + w.nama_lengkap) for w in daftar_wilayah()
    ]


class _Dasar(forms.Form):
    wilayah = forms.TypedChoiceField(label="wilayah", required=False, coerce=int, empty_value=None)
    kertas = forms.ChoiceField(label="kertas", choices=KERTAS, required=False, initial="F4")
    samarkan = forms.BooleanField(
        label="samarkan NIK dan No. KK", required=False, help_text="Mis. untuk ditempel/dibagikan."
    )

    def __init__(self, *args, dengan_wilayah: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if dengan_wilayah:
            self.fields["wilayah"].choices = pilihan_wilayah()
        else:
            del self.fields["wilayah"]

    def parameter(self) -> Parameter:
        d = self.cleaned_data
        return Parameter(
            tanggal=d.get("tanggal"),
            tahun=d.get("tahun"),
            bulan=d.get("bulan"),
            wilayah_id=d.get("wilayah"),
            kertas=d.get("kertas") or "F4",
            samarkan=bool(d.get("samarkan")),
        )


def _tahun_ini() -> int:
    return timezone.localdate().year


def _bulan_ini() -> int:
    return timezone.localdate().month


class PilihBulanForm(_Dasar):
    bulan = forms.TypedChoiceField(
        label="bulan",
        choices=[(i, b) for i, b in enumerate(BULAN, start=1)],
        coerce=int,
        initial=_bulan_ini,
    )
    tahun = forms.IntegerField(label="tahun", min_value=1900, max_value=2999, initial=_tahun_ini)
    field_order = ["bulan", "tahun", "wilayah", "kertas", "samarkan"]

    def clean(self):
        d = super().clean()
        if d.get("tahun") and d.get("bulan"):
            hari_ini = timezone.localdate()
            if (d["tahun"], d["bulan"]) > (hari_ini.year, hari_ini.month):
                raise forms.ValidationError("Bulan laporan tidak boleh di masa depan.")
        return d


class PilihPeriodeForm(PilihBulanForm):
    """A month, or the whole year when no month is chosen (Buku Mutasi)."""

    bulan = forms.TypedChoiceField(
        label="bulan",
        choices=[("", "Setahun penuh"), *[(i, b) for i, b in enumerate(BULAN, start=1)]],
        coerce=int,
        empty_value=None,
        required=False,
        initial=_bulan_ini,
    )


class PilihTanggalForm(_Dasar):
    tanggal = forms.DateField(
        label="keadaan per tanggal", widget=TANGGAL, initial=timezone.localdate
    )
    field_order = ["tanggal", "wilayah", "kertas", "samarkan"]

    def clean_tanggal(self):
        t = self.cleaned_data["tanggal"]
        if t > timezone.localdate():
            raise forms.ValidationError("Tanggal tidak boleh di masa depan.")
        return t


FORM_PER_JENIS = {"bulan": PilihBulanForm, "periode": PilihPeriodeForm, "tanggal": PilihTanggalForm}
