"""Back-office forms of the population register. They only collect input: the services
(penduduk.services) decide, so the same rules hold for imports and the admin alike."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from keluarga.models import Keluarga
from penduduk.models import Penduduk
from sid import kode
from sid.admin_aksi import FormAksi
from sid.lib.berkas import BidangPasfoto
from sid.models import Wilayah
from sid.services import tingkat_terendah

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
JAM = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

KELOMPOK_BIODATA = [
    ("Identitas", ["nik", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama", "status_kawin",
                   "warganegara", "status_penduduk", "wilayah", "alamat_sekarang", "alamat_sebelumnya", "suku"]),
    ("Pendidikan dan pekerjaan", ["pendidikan_kk", "pekerjaan", "pendidikan_sedang", "dapat_membaca_huruf"]),
    ("Kelahiran", ["waktu_lahir", "tempat_dilahirkan", "jenis_kelahiran", "kelahiran_anak_ke",
                   "penolong_kelahiran", "berat_lahir", "panjang_lahir", "akta_lahir"]),
    ("Keluarga", ["nik_ayah", "nama_ayah", "nik_ibu", "nama_ibu", "akta_perkawinan", "tanggal_perkawinan",
                  "akta_perceraian", "tanggal_perceraian"]),
    ("Dokumen dan kontak", ["ktp_el", "status_rekam", "tempat_cetak_ktp", "tanggal_cetak_ktp", "tag_id_card",
                            "negara_asal", "dokumen_pasport", "tanggal_akhir_paspor", "dokumen_kitas",
                            "telepon", "email", "foto", "lat", "lng", "catatan"]),
    ("Kesehatan", ["golongan_darah", "cacat", "sakit_menahun", "cara_kb", "hamil", "asuransi", "no_asuransi",
                   "bpjs_ketenagakerjaan"]),
]  # fmt: skip
# Sections with only optional fields start folded on the form (opened when one shows an error):
# the required fields, in the first two sections, fit on one screen.
KELOMPOK_TERLIPAT = frozenset({"Kelahiran", "Keluarga", "Dokumen dan kontak", "Kesehatan"})
KOLOM_BIODATA = [f for _judul, fields in KELOMPOK_BIODATA for f in fields]


def wilayah_terendah():

    return (
        Wilayah.objects.filter(tingkat=tingkat_terendah())
        .select_related("dusun", "rw")
        .order_by("dusun__nama", "rw__nama", "nama")
    )


class PendudukForm(forms.ModelForm, FormAksi):
    """Biodata. Uniqueness and every cross-field rule are checked by the service."""

    kelompok = KELOMPOK_BIODATA
    kelompok_terlipat = KELOMPOK_TERLIPAT

    class Meta:
        model = Penduduk
        fields = KOLOM_BIODATA
        widgets = {
            "tanggal_lahir": TANGGAL,
            "tanggal_akhir_paspor": TANGGAL,
            "tanggal_perkawinan": TANGGAL,
            "tanggal_perceraian": TANGGAL,
            "tanggal_cetak_ktp": TANGGAL,
            "waktu_lahir": JAM,
            "catatan": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"foto": BidangPasfoto}
        help_texts = {
            "nik": "16 digit. Isi 0 bila belum punya NIK: sistem memberi NIK sementara.",
            "wilayah": "RT tempat tinggal. Anggota KK selalu mengikuti RT keluarganya.",
        }

    def __init__(self, *args, tanpa: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        if "wilayah" in self.fields:
            self.fields["wilayah"].queryset = wilayah_terendah()
        for nama in tanpa:
            self.fields.pop(nama, None)

    def validate_unique(self):
        """The service checks NIK uniqueness with a message that says what to do instead."""

    def _post_clean(self):
        """Model validation runs in the service (with every constraint), not on the form."""


def _hari_ini():
    return timezone.localdate()


class TanggalPeristiwaForm(FormAksi):
    tanggal_peristiwa = forms.DateField(
        label="tanggal peristiwa",
        widget=TANGGAL,
        initial=_hari_ini,
        help_text="Kapan peristiwa terjadi.",
    )
    tanggal_lapor = forms.DateField(
        label="tanggal lapor",
        widget=TANGGAL,
        initial=_hari_ini,
        help_text="Kapan dilaporkan ke desa (tidak boleh sebelum tanggal peristiwa).",
    )
    catatan = forms.CharField(
        label="catatan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class KematianForm(TanggalPeristiwaForm):
    waktu_kematian = forms.TimeField(label="jam kematian", required=False, widget=JAM)
    tempat_kematian = forms.CharField(label="tempat kematian", required=False, max_length=100)
    sebab_kematian = forms.TypedChoiceField(
        label="sebab kematian",
        choices=[("", "---")] + kode.SebabKematian.choices,
        coerce=int,
        empty_value=None,
        required=False,
    )
    penerang_kematian = forms.TypedChoiceField(
        label="yang menerangkan",
        choices=[("", "---")] + kode.PenerangKematian.choices,
        coerce=int,
        empty_value=None,
        required=False,
    )
    no_akta_kematian = forms.CharField(label="nomor akta kematian", required=False, max_length=40)


class PindahKeluarForm(TanggalPeristiwaForm):
    jenis_pindah = forms.TypedChoiceField(
        label="jenis pindah", choices=kode.JenisPindah.choices, coerce=int
    )
    alamat_tujuan = forms.CharField(label="alamat tujuan", max_length=255)


class KembaliForm(TanggalPeristiwaForm):
    alamat_asal = forms.CharField(label="datang dari (alamat)", required=False, max_length=255)
    wilayah = forms.ModelChoiceField(
        label="wilayah (RT)",
        queryset=Wilayah.objects.none(),
        required=False,
        help_text="Hanya bila kembali tanpa KK, atau KK lamanya sudah tidak aktif.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].queryset = wilayah_terendah()


class PerkawinanForm(FormAksi):
    tanggal_perkawinan = forms.DateField(label="tanggal perkawinan", widget=TANGGAL)
    akta_perkawinan = forms.CharField(label="nomor akta/buku nikah", required=False, max_length=40)


class PerceraianForm(FormAksi):
    tanggal_perceraian = forms.DateField(label="tanggal perceraian", widget=TANGGAL)
    akta_perceraian = forms.CharField(label="nomor akta cerai", required=False, max_length=40)


class HapusForm(FormAksi):
    alasan = forms.CharField(
        label="alasan penghapusan",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Hanya untuk salah input atau data ganda. Penghapusan tercatat permanen.",
    )


class BatalPeristiwaForm(FormAksi):
    alasan = forms.CharField(label="alasan pembatalan", widget=forms.Textarea(attrs={"rows": 3}))
    shdk_baru = forms.TypedChoiceField(
        label="hubungan dalam keluarga (bila keluarga sudah punya kepala baru)",
        choices=[("", "---")] + [c for c in kode.SHDK.choices if c[0] != kode.SHDK.KEPALA_KELUARGA],
        coerce=int,
        empty_value=None,
        required=False,
    )


class UbahPeristiwaForm(FormAksi):
    """Fields offered depend on the event kind (see penduduk.services.peristiwa.KOLOM_DETAIL)."""

    def __init__(self, *args, peristiwa, **kwargs):
        super().__init__(*args, **kwargs)
        from penduduk.services.peristiwa import KOLOM_DETAIL

        semua = {
            **TanggalPeristiwaForm.base_fields,
            **KematianForm.base_fields,
            **PindahKeluarForm.base_fields,
            **KembaliForm.base_fields,
        }
        for nama in [
            "tanggal_peristiwa",
            "tanggal_lapor",
            *sorted(KOLOM_DETAIL.get(peristiwa.jenis, ())),
            "catatan",
        ]:
            if nama in semua:
                field = semua[nama]
                self.fields[nama] = _salin(field)
                self.initial[nama] = getattr(peristiwa, nama)


def _salin(field):
    import copy

    salinan = copy.deepcopy(field)
    salinan.initial = None
    return salinan


class PindahMasukForm(PendudukForm):
    """One person arriving: biodata + where from + into which family (or none)."""

    kelompok = [
        ("Kedatangan", ["tanggal_peristiwa", "tanggal_lapor", "alamat_asal", "keluarga", "shdk"]),
        *KELOMPOK_BIODATA,
    ]
    tanggal_peristiwa = forms.DateField(label="tanggal datang", widget=TANGGAL, initial=_hari_ini)
    tanggal_lapor = forms.DateField(label="tanggal lapor", widget=TANGGAL, initial=_hari_ini)
    alamat_asal = forms.CharField(label="alamat asal", max_length=255)
    keluarga = forms.ModelChoiceField(
        label="masuk ke KK",
        required=False,
        queryset=None,
        help_text="Kosongkan bila belum masuk KK mana pun (isi wilayah RT di bawah).",
    )
    shdk = forms.TypedChoiceField(
        label="hubungan dalam keluarga",
        choices=[("", "---")] + kode.SHDK.choices,
        coerce=int,
        empty_value=None,
        required=False,
    )

    class Meta(PendudukForm.Meta):
        fields = [f for f in KOLOM_BIODATA if f not in ("alamat_sebelumnya",)]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["keluarga"].queryset = Keluarga.objects.aktif()
        self.fields["keluarga"].widget = forms.TextInput(attrs={"placeholder": "No. KK (16 digit)"})
        self.fields["keluarga"].to_field_name = "no_kk"
        self.fields["wilayah"].required = False

    @staticmethod
    def untuk_layanan(data: dict) -> dict:
        data = {k: v for k, v in data.items() if k != "konfirmasi"}
        return {
            "tanggal_peristiwa": data.pop("tanggal_peristiwa"),
            "tanggal_lapor": data.pop("tanggal_lapor"),
            "alamat_asal": data.pop("alamat_asal"),
            "keluarga": data.pop("keluarga"),
            "shdk": data.pop("shdk"),
            "data": {k: v for k, v in data.items() if not (k == "wilayah" and v is None)},
        }
