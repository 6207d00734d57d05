"""Checking line keys against the account template, and the column names of a line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from keuangan.models import Rekening

KOLOM_NILAI = ("anggaran", "realisasi_semester_1", "realisasi")
KOLOM_UBAH = (*KOLOM_NILAI, "keterangan")
LABEL_KOLOM = {
    "anggaran": "Anggaran",
    "realisasi_semester_1": "Realisasi semester I",
    "realisasi": "Realisasi",
    "keterangan": "Keterangan",
}
# What an adopted budget still accepts (on its latest version): the realisation.
KOLOM_REALISASI = ("realisasi_semester_1", "realisasi")


# --- codes -------------------------------------------------------------------------------------


def rapikan_kode(kode: Any) -> str:
    """' 4.2.1' → '4.2.1.' (spaces dropped, the trailing dot Siskeudes writes added)."""
    teks = "".join(str(kode or "").split())
    if teks and not teks.endswith("."):
        teks += "."
    return teks


@dataclass(frozen=True)
class KodeBaris:
    """A checked line key: account code (and kegiatan for expenditure), with their names."""

    kode: str
    kegiatan: str
    uraian: str
    uraian_kegiatan: str = ""

    @property
    def label(self) -> str:
        if self.kegiatan:
            return f"{self.kegiatan} {self.uraian_kegiatan} / {self.kode} {self.uraian}"
        return f"{self.kode} {self.uraian}"


class PetaRekening:
    """The template codes in memory (1 query), for checking many lines (the import)."""

    def __init__(self, rekening: list[Rekening] | None = None):
        rekening = list(Rekening.objects.all()) if rekening is None else rekening
        self.per_kode = {r.kode: r for r in rekening}
        self.berinduk = {r.induk_id for r in rekening if r.induk_id}

    def periksa(self, kode: Any, kegiatan: Any = "") -> KodeBaris:
        """The line key, or ValidationError naming what is wrong (by field)."""
        kode, kegiatan = rapikan_kode(kode), rapikan_kode(kegiatan)
        if not kode:
            raise ValidationError({"kode": "Kode rekening wajib diisi."}, code="kode_kosong")
        rek = self.per_kode.get(kode)
        if rek is None or not rek.adalah_akun:
            raise ValidationError(
                {
                    "kode": f"Kode rekening {kode} tidak ada dalam templat rekening APBDes. "
                    "Pakai kode dari templat (mis. 4.2.1. Dana Desa); kode baru hanya bisa "
                    "ditambahkan Administrator di menu Kode rekening APBDes."
                },
                code="kode_tidak_dikenal",
            )
        if rek.pk in self.berinduk:
            raise ValidationError(
                {
                    "kode": f"Kode {kode} ({rek.uraian}) adalah kelompok; isi anggaran pada "
                    "rincian di bawahnya (mis. "
                    f"{next((r.kode for r in self.per_kode.values() if r.induk_id == rek.pk), kode)})."
                },
                code="kode_kelompok",
            )
        if rek.jenis == Rekening.Jenis.BELANJA:
            if not kegiatan:
                raise ValidationError(
                    {"kegiatan": f"Belanja {kode} wajib memiliki kode kegiatan (mis. 01.01.01.)."},
                    code="kegiatan_kosong",
                )
            keg = self.per_kode.get(kegiatan)
            if keg is None or keg.jenis != Rekening.Jenis.KEGIATAN:
                raise ValidationError(
                    {
                        "kegiatan": f"Kode kegiatan {kegiatan} tidak ada dalam templat "
                        "(bidang/sub bidang/kegiatan, mis. 01.01.01.)."
                    },
                    code="kegiatan_tidak_dikenal",
                )
            return KodeBaris(kode, kegiatan, rek.uraian, keg.uraian)
        if kegiatan:
            raise ValidationError(
                {
                    "kegiatan": f"Kode kegiatan hanya untuk belanja; {kode} ({rek.uraian}) "
                    "tidak memakai kegiatan."
                },
                code="kegiatan_bukan_belanja",
            )
        return KodeBaris(kode, "", rek.uraian)
