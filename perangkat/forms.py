"""Back-office forms for officials and appointments. They collect and pre-check input; the
services (perangkat.services) decide, so the same rules hold for every caller."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from perangkat.berkas import periksa_berkas_sk
from perangkat.models import Jabatan, Pengangkatan, Perangkat
from sid.admin_aksi import FormAksi
from sid.lib.berkas import BidangPasfoto, bersihkan_gambar
from sid.models import Wilayah

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TERIMA_SK = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


def _hari_ini():
    return timezone.localdate()


class PerangkatForm(forms.ModelForm):
    """The official as a person (standard admin form; saved through the services)."""

    # Longer than stored: numbers are often typed with spaces, which clean_* removes.
    nik = forms.CharField(label="NIK", max_length=24, required=False)
    nip = forms.CharField(
        label="NIP",
        max_length=30,
        required=False,
        help_text="Nomor Induk Pegawai (hanya untuk PNS), 18 digit.",
    )

    class Meta:
        model = Perangkat
        fields = [
            "penduduk", "nama", "nik", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama",
            "pendidikan", "gelar_depan", "gelar_belakang", "nip", "nipd", "pangkat_golongan",
            "foto", "telepon", "aktif", "urutan",
        ]  # fmt: skip
        widgets = {"tanggal_lahir": TANGGAL}
        field_classes = {"foto": BidangPasfoto}

    def clean_foto(self):
        foto = self.cleaned_data.get("foto")
        if foto and hasattr(foto, "content_type"):  # a new upload, not the stored file
            return bersihkan_gambar(foto, jenis="pasfoto")
        return foto

    def clean_nip(self):
        return "".join((self.cleaned_data.get("nip") or "").split())

    def clean_nik(self):
        return "".join((self.cleaned_data.get("nik") or "").split())

    def clean(self):
        data = super().clean()
        r = data.get("penduduk")
        if r is not None:
            # Identity comes from the register; the copy keeps the books readable.
            data.update(
                nama=r.nama,
                nik="" if r.nik.startswith("0") else r.nik,
                jenis_kelamin=r.jenis_kelamin,
                tempat_lahir=r.tempat_lahir,
                tanggal_lahir=r.tanggal_lahir,
                agama=r.agama,
                pendidikan=r.pendidikan_kk,
            )
        elif not " ".join((data.get("nama") or "").split()):
            self.add_error("nama", "Isi nama, atau pilih penduduk dari register.")
        return data


class PengangkatanForm(forms.ModelForm, FormAksi):
    """Entering or correcting an appointment from its SK."""

    berkas_sk = forms.FileField(
        label="berkas SK (pindaian)",
        required=False,
        widget=forms.FileInput(attrs={"accept": TERIMA_SK}),
        help_text="PDF, JPG atau PNG, maksimal 5 MB. Jenis berkas diperiksa dari isinya.",
    )

    kelompok = [
        ("Pengangkatan", ["perangkat", "jabatan", "dusun", "jenis"]),
        ("Surat Keputusan (SK) pengangkatan", ["nomor_sk", "tanggal_sk", "tmt", "rencana_selesai",
                                               "berkas_sk"]),
        ("Penandatanganan surat", ["boleh_an", "boleh_ub"]),
        ("Lain-lain", ["keterangan"]),
    ]  # fmt: skip

    class Meta:
        model = Pengangkatan
        fields = [
            "perangkat", "jabatan", "dusun", "jenis", "nomor_sk", "tanggal_sk", "tmt",
            "rencana_selesai", "boleh_an", "boleh_ub", "keterangan",
        ]  # fmt: skip
        widgets = {"tanggal_sk": TANGGAL, "tmt": TANGGAL, "rencana_selesai": TANGGAL}
        help_texts = {
            "nomor_sk": "Tulis persis seperti pada SK, mis. 141/12/KPTS/2024.",
            "tmt": "Biasanya sama dengan atau sesudah tanggal SK.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sekarang = self.instance if self.instance.pk else None
        orang = Perangkat.objects.select_related("penduduk").order_by("urutan", "nama")
        jabatan = Jabatan.objects.order_by("urutan", "nama")
        if sekarang is None:
            orang = orang.filter(aktif=True)
            jabatan = jabatan.filter(aktif=True)
        self.fields["perangkat"].queryset = orang
        self.fields["perangkat"].label_from_instance = lambda p: p.nama_bergelar
        self.fields["jabatan"].queryset = jabatan
        self.fields["dusun"].queryset = Wilayah.objects.filter(
            tingkat=Wilayah.Tingkat.DUSUN
        ).order_by("nama")
        self.fields["dusun"].label_from_instance = lambda w: w.nama

    def clean_berkas_sk(self):
        berkas = self.cleaned_data.get("berkas_sk")
        return periksa_berkas_sk(berkas) if berkas else None

    def tampilkan_konfirmasi(self) -> None:
        super().tampilkan_konfirmasi()
        if self.files.get("berkas_sk"):
            # Browsers never resend a chosen file: without this the scan would be lost.
            self.add_error(
                "berkas_sk",
                "Pilih ulang berkas SK sebelum menyimpan (berkas tidak terkirim ulang).",
            )

    def validate_unique(self):
        """Uniqueness and the one-holder rules are checked by the service, with clear text."""

    def _post_clean(self):
        """Model validation runs in the service (with every rule), not on the form."""


class BerhentiForm(FormAksi):
    nomor_sk_berhenti = forms.CharField(label="nomor SK pemberhentian", max_length=100)
    tanggal_sk_berhenti = forms.DateField(
        label="tanggal SK pemberhentian", widget=TANGGAL, initial=_hari_ini
    )
    tanggal_berhenti = forms.DateField(
        label="berhenti terhitung mulai tanggal",
        widget=TANGGAL,
        required=False,
        help_text="Hari pertama tidak lagi menjabat. Kosongkan bila sama dengan tanggal SK.",
    )
    alasan_berhenti = forms.CharField(
        label="alasan berhenti",
        max_length=255,
        required=False,
        help_text="Mis. masa jabatan berakhir, mengundurkan diri, meninggal dunia, usia 60 tahun.",
    )


class PerbaikiForm(forms.Form):
    catatan = forms.CharField(
        label="Apa yang harus diperbaiki?",
        min_length=5,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Tulis apa yang harus diperbaiki (mis. 'tanggal SK tertulis 2 Mei').",
            "min_length": "Tulis apa yang harus diperbaiki (mis. 'tanggal SK tertulis 2 Mei').",
        },
    )


class PilihLaporanForm(forms.Form):
    tanggal = forms.DateField(label="Keadaan per tanggal", widget=TANGGAL, initial=_hari_ini)
    kertas = forms.ChoiceField(
        label="Ukuran kertas",
        choices=[("A4", "A4"), ("F4", "F4 (folio)")],
        initial="A4",
        required=False,
    )
