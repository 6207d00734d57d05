"""Rules a resident record must satisfy. Used by services (and so by forms, imports, admin)."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from penduduk.models import Penduduk
from sid import kode
from sid.exceptions import PerluKonfirmasi
from sid.lib.nomor import nomor_sementara_berikutnya

NAMA_REGEX = re.compile(r"^[A-Za-z][A-Za-z .,'`\-]*$")


def bersihkan_nama(nama: str) -> str:
    return " ".join((nama or "").split())


def validasi_nama(nama: str, label: str = "Nama") -> None:
    if len(nama) < 2:
        raise ValidationError(f"{label} terlalu pendek.")
    if not NAMA_REGEX.match(nama):
        raise ValidationError(
            f"{label} hanya boleh berisi huruf, spasi, titik, koma, tanda petik dan tanda hubung."
        )


def tanggal_dari_nik(nik: str) -> tuple[int, int, int, int] | None:
    """(day, month, two-digit year, jenis_kelamin) encoded in digits 7–12 of a NIK."""
    if len(nik) != 16 or not nik.isdigit() or nik.startswith("0"):
        return None
    hari, bulan, tahun = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    jenis_kelamin = kode.JenisKelamin.LAKI_LAKI
    if hari > 40:
        hari -= 40
        jenis_kelamin = kode.JenisKelamin.PEREMPUAN
    return hari, bulan, tahun, jenis_kelamin


def periksa_nik_tanggal_lahir(
    nik: str, tanggal_lahir: datetime.date, jenis_kelamin: int, konfirmasi: bool
) -> None:
    """The birth date and sex encoded in a NIK should match the record (a warning)."""
    data = tanggal_dari_nik(nik)
    if data is None or konfirmasi or tanggal_lahir is None:
        return
    hari, bulan, tahun, jk = data
    cocok = (hari, bulan, tahun) == (
        tanggal_lahir.day,
        tanggal_lahir.month,
        tanggal_lahir.year % 100,
    )
    if cocok and jk == jenis_kelamin:
        return
    tertulis = f"{hari:02d}-{bulan:02d}-{tahun:02d} ({kode.JenisKelamin(jk).label})"
    raise PerluKonfirmasi(
        f"NIK {nik} mengandung tanggal lahir/jenis kelamin {tertulis}, berbeda dengan data yang "
        f"diisi ({tanggal_lahir:%d-%m-%y}, {kode.JenisKelamin(jenis_kelamin).label}). "
        "Periksa kembali; bila data sudah benar (mis. NIK dari Dukcapil memang begitu), centang "
        "konfirmasi lalu simpan lagi.",
        code="konfirmasi",
    )


def nik_sementara_berikutnya(kode_desa: str) -> str:
    """0 + 10-digit kode desa + 5-digit sequence. Call inside a transaction holding a lock."""
    return nomor_sementara_berikutnya(Penduduk.objects.all(), "nik", kode_desa, "NIK")


def validasi_bersyarat(p) -> dict[str, str]:
    """Fields that only apply in some situations. Returns {field: message} of violations."""
    galat: dict[str, str] = {}
    hari_ini = timezone.localdate()
    if p.tanggal_lahir and p.tanggal_lahir > hari_ini:
        galat["tanggal_lahir"] = "Tanggal lahir tidak boleh di masa depan."
    sk = kode.StatusKawin
    if p.status_kawin == sk.BELUM_KAWIN:
        for f in ("akta_perkawinan", "tanggal_perkawinan", "akta_perceraian", "tanggal_perceraian"):
            if getattr(p, f):
                galat[f] = "Data perkawinan/perceraian hanya untuk penduduk yang pernah kawin."
    elif p.status_kawin == sk.KAWIN:
        for f in ("akta_perceraian", "tanggal_perceraian"):
            if getattr(p, f):
                galat[f] = "Data perceraian hanya untuk status CERAI HIDUP atau CERAI MATI."
    for f in ("tanggal_perkawinan", "tanggal_perceraian"):
        tanggal = getattr(p, f)
        if tanggal and p.tanggal_lahir and tanggal < p.tanggal_lahir:
            galat[f] = "Tanggal tidak boleh sebelum tanggal lahir."
        if tanggal and tanggal > hari_ini:
            galat[f] = "Tanggal tidak boleh di masa depan."
    if p.cara_kb:
        if p.status_kawin != sk.KAWIN:
            galat["cara_kb"] = "Akseptor KB hanya untuk penduduk berstatus KAWIN."
        elif p.jenis_kelamin not in kode.CARA_KB_JENIS_KELAMIN.get(p.cara_kb, set()):
            galat["cara_kb"] = "Cara KB ini tidak sesuai dengan jenis kelamin penduduk."
    if p.hamil == kode.Hamil.HAMIL and p.jenis_kelamin != kode.JenisKelamin.PEREMPUAN:
        galat["hamil"] = "Status hamil hanya untuk perempuan."
    if p.warganegara == kode.WargaNegara.WNI:
        if p.dokumen_kitas:
            galat["dokumen_kitas"] = "KITAS/KITAP hanya untuk warga negara asing."
        if p.negara_asal:
            galat["negara_asal"] = "Negara asal hanya diisi untuk warga negara asing."
    if p.ktp_el != kode.KtpEl.KTP_EL:
        if p.tempat_cetak_ktp:
            galat["tempat_cetak_ktp"] = "Data cetak KTP hanya untuk pemegang KTP-el."
        if p.tanggal_cetak_ktp:
            galat["tanggal_cetak_ktp"] = "Data cetak KTP hanya untuk pemegang KTP-el."
    for f, label in (("nik_ayah", "NIK ayah"), ("nik_ibu", "NIK ibu")):
        nilai = getattr(p, f)
        if nilai and (not nilai.isdigit() or len(nilai) != 16):
            galat[f] = f"{label} harus 16 digit angka."
    return galat


def validasi_shdk(p, kepala) -> None:
    """SHDK options follow the family head (None = the family has no living head now)."""
    S = kode.SHDK
    if p.keluarga_id is None:
        return
    if p.status_penduduk != kode.StatusPenduduk.TETAP:
        raise ValidationError(
            {"status_penduduk": "Hanya penduduk TETAP yang dapat menjadi anggota KK."}
        )
    if not p.shdk:
        raise ValidationError({"shdk": "Pilih hubungan dalam keluarga (SHDK)."})
    if p.shdk == S.KEPALA_KELUARGA:
        if kepala is not None and kepala.pk != p.pk:
            raise ValidationError(
                {
                    "shdk": f"Keluarga ini sudah memiliki kepala keluarga ({kepala.nama}). Satu KK hanya "
                    "boleh memiliki satu kepala keluarga."
                }
            )
        return
    if p.shdk in (S.SUAMI, S.ISTRI):
        if kepala is None or kepala.pk == p.pk:
            raise ValidationError(
                {"shdk": "SUAMI/ISTRI hanya dapat dipilih bila keluarga memiliki kepala keluarga."}
            )
        if kepala.status_kawin != kode.StatusKawin.KAWIN:
            raise ValidationError(
                {
                    "shdk": f"Kepala keluarga ({kepala.nama}) tidak berstatus KAWIN, sehingga SHDK SUAMI/ISTRI "
                    "tidak dapat dipilih."
                }
            )
        if p.shdk == S.ISTRI and (
            p.jenis_kelamin != kode.JenisKelamin.PEREMPUAN
            or kepala.jenis_kelamin != kode.JenisKelamin.LAKI_LAKI
        ):
            raise ValidationError(
                {"shdk": "ISTRI harus perempuan dengan kepala keluarga laki-laki."}
            )
        if p.shdk == S.SUAMI and (
            p.jenis_kelamin != kode.JenisKelamin.LAKI_LAKI
            or kepala.jenis_kelamin != kode.JenisKelamin.PEREMPUAN
        ):
            raise ValidationError(
                {"shdk": "SUAMI harus laki-laki dengan kepala keluarga perempuan."}
            )
