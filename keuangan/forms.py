"""Forms of the budget screens. They only collect input: every rule lives in keuangan.services."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from keuangan.models import Rekening, TahunAnggaran
from sid.admin_aksi import FormAksi


class PilihTahunSumber(forms.ModelChoiceField):
    def label_from_instance(self, obj: TahunAnggaran) -> str:
        return f"{obj} ({obj.get_status_display().lower()})"


class TahunAnggaranBaruForm(FormAksi):
    tahun = forms.IntegerField(
        label="Tahun anggaran", min_value=2000, max_value=2100, help_text="Mis. 2027."
    )
    salin_dari = PilihTahunSumber(
        label="Isi awal",
        queryset=TahunAnggaran.objects.none(),
        required=False,
        empty_label="Kosong, dari templat rekening APBDes",
        help_text="Atau salin susunan baris (rekening dan kegiatan) dari tahun lain.",
    )
    salin_anggaran = forms.BooleanField(
        label="Salin juga nilai anggarannya (realisasi tidak pernah disalin)", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The latest version of each year is the structure worth copying.
        terbaru = {}
        for ta in TahunAnggaran.objects.order_by("-tahun", "-perubahan_ke"):
            terbaru.setdefault(ta.tahun, ta.pk)
        self.fields["salin_dari"].queryset = TahunAnggaran.objects.filter(
            pk__in=terbaru.values()
        ).order_by("-tahun")
        if not self.is_bound:
            sekarang = timezone.localdate().year
            ada = set(terbaru)
            self.initial.setdefault("tahun", sekarang if sekarang not in ada else sekarang + 1)
            lalu = max((t for t in ada if t < self.initial["tahun"]), default=None)
            if lalu:
                self.initial.setdefault("salin_dari", terbaru[lalu])


class TetapkanForm(FormAksi):
    nomor_perdes = forms.CharField(
        label="Nomor Peraturan Desa", max_length=100, help_text="Mis. 1 Tahun 2026."
    )
    tanggal_perdes = forms.DateField(
        label="Tanggal Peraturan Desa", widget=forms.DateInput(attrs={"type": "date"})
    )


class SetujuForm(FormAksi):
    setuju = forms.BooleanField(label="Saya mengerti dan ingin melanjutkan.", required=True)


class TambahBarisForm(forms.Form):
    """Add an expenditure line: a kegiatan (by bidang/sub-bidang) and an expenditure account."""

    kegiatan = forms.ChoiceField(label="Kegiatan")
    kode = forms.ChoiceField(label="Rekening belanja")
    anggaran = forms.CharField(
        label="Anggaran (Rp)",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "0"}),
    )

    def __init__(self, *args, rekening: list[Rekening], **kwargs):
        super().__init__(*args, **kwargs)
        per_pk = {r.pk: r for r in rekening}
        berinduk = {r.induk_id for r in rekening}
        grup: dict[str, list[tuple[str, str]]] = {}
        for r in rekening:
            if r.jenis == Rekening.Jenis.KEGIATAN:
                sub = per_pk.get(r.induk_id)
                judul = f"{sub.kode} {sub.uraian}" if sub else "Lainnya"
                grup.setdefault(judul, []).append((r.kode, f"{r.kode} {r.uraian}"))
        self.fields["kegiatan"].choices = [("", "— pilih kegiatan —"), *grup.items()]
        self.fields["kode"].choices = [("", "— pilih rekening —")] + [
            (r.kode, f"{r.kode} {r.uraian}")
            for r in rekening
            if r.jenis == Rekening.Jenis.BELANJA and r.pk not in berinduk
        ]


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas .xlsx",
        help_text="Kolom: kode, kegiatan, uraian, anggaran, realisasi_semester_1, realisasi, "
        "keterangan (format sama dengan hasil Ekspor). Sebelum disimpan, isi berkas diperiksa "
        "dan ditampilkan dulu.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class RekeningForm(FormAksi):
    kode = forms.CharField(
        label="Kode",
        max_length=20,
        help_text="Di bawah kode yang sudah ada, diakhiri titik: mis. 4.1.4.01. atau 01.01.93.",
    )
    uraian = forms.CharField(label="Uraian", max_length=255)
