"""The register's rules applied to one import row (penduduk/validasi.py does the checking).

A row is either a new resident (`periksa_baru`) or an update of an existing one
(`periksa_ubah`). Messages are added to the row with the column they concern.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import signals
from django.db.models.base import ModelState

from penduduk import validasi
from penduduk.impor import kolom as K
from penduduk.impor.nilai import TANPA_TINGKAT, bersihkan, sama
from penduduk.impor.opensid import Baris
from penduduk.impor.register import nilai_register
from penduduk.models import Penduduk
from sid import kode
from sid.lib.nomor import validasi_nomor_16

S = kode.StatusDasar
# Penduduk field → import column (for messages).
KOLOM_FIELD = {k.atribut: k.nama for k in K.KOLOM if k.atribut}
KOLOM_FIELD.update({"shdk": "kk_level", "status_dasar": "status_dasar", "keluarga": "no_kk"})
BATAS_KOORDINAT = {"lat": Decimal(90), "lng": Decimal(180)}
# Column → (Penduduk field, max_length or None, coordinate bound or None, label), for the
# field rules checked on every row (looked up once, not per row).
_BATAS_KOLOM = {
    k.nama: (
        k.atribut,
        getattr(Penduduk._meta.get_field(k.atribut), "max_length", None),
        BATAS_KOORDINAT.get(k.nama),
        k.label.capitalize(),
    )
    for k in K.KOLOM + K.KOLOM_TAMBAHAN
    if k.atribut
}


@dataclass
class Perubahan:
    """An accepted update: the changed columns (for the preview) and fields (for the audit)."""

    baris: Baris
    p: Penduduk
    kolom: list[tuple[str, Any, Any]] = field(default_factory=list)  # (column, old, new)
    sebelum: dict[str, Any] = field(default_factory=dict)  # field → stored value before
    alamat_keluarga: str | None = None


def _label(kol: K.Kolom, v) -> str:
    if v is None:
        return ""
    if kol.jenis == K.KODE:
        try:
            return f"{v} {kol.pilihan(v).label}"
        except ValueError:
            return str(v)
    if isinstance(v, datetime.date):
        return v.strftime("%d-%m-%Y")
    return str(v)


def tampil(kolom: str, v) -> str:
    """A value as the preview shows it ('2 PEREMPUAN', '10-03-1996')."""
    return _label(K.PER_NAMA[kolom], v)


def _galat_ke_baris(b: Baris, exc: ValidationError, kolom_bawaan: str) -> None:
    if hasattr(exc, "error_dict"):
        for nama, errors in exc.error_dict.items():
            for e in errors:
                for pesan in e.messages:
                    b.tolak(KOLOM_FIELD.get(nama, nama), pesan)
    else:
        for pesan in exc.messages:
            b.tolak(kolom_bawaan, pesan)


def _periksa_isi(b: Baris, p: Penduduk, kolom_diisi) -> None:
    """Field rules: names, lengths, coordinates, the conditional fields of validasi.py."""
    for nama_field, kolom, label in (
        ("nama", "nama", "Nama"),
        ("nama_ayah", "nama_ayah", "Nama ayah"),
        ("nama_ibu", "nama_ibu", "Nama ibu"),
    ):
        nilai = getattr(p, nama_field)
        if nilai and kolom in kolom_diisi:
            try:
                validasi.validasi_nama(nilai, label)
            except ValidationError as exc:
                _galat_ke_baris(b, exc, kolom)
    for kolom in kolom_diisi:
        batas = _BATAS_KOLOM.get(kolom)
        if batas is None:
            continue
        atribut, panjang, koordinat, label = batas
        nilai = getattr(p, atribut)
        if panjang and isinstance(nilai, str) and len(nilai) > panjang:
            b.tolak(kolom, f"Terlalu panjang: {len(nilai)} karakter (maksimal {panjang}).")
        if koordinat is not None and nilai is not None and abs(nilai) > koordinat:
            b.tolak(kolom, f"{label} di luar rentang ±{koordinat}.")
    for nama_field, pesan in validasi.validasi_bersyarat(p).items():
        b.tolak(KOLOM_FIELD.get(nama_field, nama_field), pesan)


class _PendudukKosong:
    """`Penduduk()` for thousands of rows: the field defaults copied from one instance built
    once, callable defaults (the UUID) called again for each. Model.__init__ with no
    arguments does nothing else when no pre_init / post_init receiver listens (checked)."""

    def __init__(self):
        self.awal: dict[str, Any] | None = None
        self.segar = [
            f for f in Penduduk._meta.concrete_fields if f.has_default() and callable(f.default)
        ]

    def __call__(self) -> Penduduk:
        if signals.pre_init.has_listeners(Penduduk) or signals.post_init.has_listeners(Penduduk):
            return Penduduk()
        if self.awal is None:
            self.awal = {k: v for k, v in Penduduk().__dict__.items() if k != "_state"}
        p = Penduduk.__new__(Penduduk)
        p.__dict__.update(self.awal)
        p._state = ModelState()
        for f in self.segar:
            p.__dict__[f.attname] = f.get_default()
        return p


_penduduk_kosong = _PendudukKosong()


def penduduk_dari_baris(b: Baris) -> Penduduk:
    p = _penduduk_kosong()
    for nama, v in b.nilai.items():
        kol = K.PER_NAMA[nama]
        if kol.atribut:
            setattr(p, kol.atribut, v)
    p.shdk = b.nilai.get("kk_level")
    p.status_dasar = b.nilai.get("status_dasar", S.HIDUP)
    return p


def periksa_baru(b: Baris, *, kode_desa: str) -> Penduduk:
    """A new resident: required columns, numbers, field rules. Returns the unsaved record."""
    if "rw" not in b.nilai and "rw" not in b.tak_terbaca:
        b.nilai["rw"] = TANPA_TINGKAT  # blank rw = '-': the dusun has no RW
    for kolom in K.WAJIB_BARU:
        if kolom not in b.nilai and kolom not in b.tak_terbaca:
            b.tolak(kolom, f"Kolom {kolom} wajib diisi untuk penduduk baru.")
    nik = b.nilai.get("nik")
    if nik == "0":
        if not kode_desa:
            b.tolak("nik", "Isi kode desa di Identitas Desa sebelum membuat NIK sementara.")
    elif nik:
        try:
            validasi_nomor_16(nik, "NIK")
        except ValidationError as exc:
            _galat_ke_baris(b, exc, "nik")
    no_kk = b.nilai.get("no_kk")
    if no_kk == "0":
        b.tolak(
            "no_kk",
            "No. KK 0 tidak dapat dipakai di berkas impor (anggota keluarga tidak dapat "
            "dikelompokkan). Isi No. KK 16 digit.",
        )
    elif no_kk:
        try:
            validasi_nomor_16(no_kk, "Nomor KK")
        except ValidationError as exc:
            _galat_ke_baris(b, exc, "no_kk")
    for kolom in ("dusun", "rw", "rt"):
        nama = b.nilai.get(kolom) or ""
        if len(nama) > 60:
            b.tolak(kolom, f"Nama wilayah terlalu panjang: {len(nama)} karakter (maksimal 60).")
    p = penduduk_dari_baris(b)
    _periksa_isi(b, p, set(b.nilai))
    return p


def _pesan_struktur(kolom: str, p: Penduduk, lama, baru) -> str:
    if kolom == "no_kk":
        if lama is None:
            return (
                f"{p.nama} belum terdaftar dalam KK; impor tidak memasukkan penduduk ke KK. "
                "Tambahkan lewat halaman keluarga."
            )
        return (
            f"Baris ini akan memindahkan {p.nama} dari KK {lama} ke KK {baru}. Impor tidak "
            "mengubah susunan keluarga; gunakan menu Keluarga (pecah KK / tambah anggota)."
        )
    if kolom == "kk_level":
        return (
            f"Baris ini mengubah hubungan dalam keluarga {p.nama} dari {tampil(kolom, lama) or '-'} "
            f"menjadi {tampil(kolom, baru)}. Ubah lewat halaman keluarga, bukan impor."
        )
    if kolom == "status_dasar":
        return (
            f"Status dasar {p.nama} di register {tampil(kolom, lama)}, di berkas "
            f"{tampil(kolom, baru)}. Perubahan status dicatat lewat peristiwa (kematian, pindah, "
            "kembali datang …), bukan impor."
        )
    return (
        f"Baris ini akan memindahkan {p.nama} ke wilayah lain ({kolom} di register "
        f"{lama or '-'}, di berkas {baru}). Pindah wilayah dilakukan lewat halaman keluarga."
    )


def _bersih_lama(kol: K.Kolom, v):
    """A register value cleaned like a cell, so formatting differences are not changes."""
    try:
        return bersihkan(kol, v)
    except ValueError:
        return v


def periksa_ubah(b: Baris, p: Penduduk) -> Perubahan | None:
    """An existing NIK: non-empty columns update the record; structure may not change.

    Returns the accepted change (p is modified in place), or None when nothing changes or the
    row is refused (then `b.galat` says why).
    """
    lama = nilai_register(p)
    for kolom, v in b.nilai.items():  # clean a stored value only when it differs as written
        if lama.get(kolom) != v and kolom in lama:
            lama[kolom] = _bersih_lama(K.PER_NAMA[kolom], lama[kolom])
    if lama["alamat"] is not None:
        lama["alamat"] = _bersih_lama(K.PER_NAMA["alamat"], lama["alamat"])
    for kolom in K.KOLOM_STRUKTUR:
        if kolom in b.nilai and not sama(K.PER_NAMA[kolom], lama[kolom], b.nilai[kolom]):
            b.tolak(kolom, _pesan_struktur(kolom, p, lama[kolom], b.nilai[kolom]))
    if b.ditolak:
        return None
    perubahan = Perubahan(baris=b, p=p)
    diisi = set()
    for kolom, baru in b.nilai.items():
        kol = K.PER_NAMA[kolom]
        if not kol.atribut or kolom == "nik":
            continue
        if not sama(kol, lama[kolom], baru):
            perubahan.kolom.append((kolom, lama[kolom], baru))
            perubahan.sebelum[kol.atribut] = getattr(p, kol.atribut)
            setattr(p, kol.atribut, baru)
            diisi.add(kolom)
    alamat = b.nilai.get("alamat")
    if (
        alamat
        and p.keluarga_id
        and p.shdk == kode.SHDK.KEPALA_KELUARGA
        and p.status_dasar == S.HIDUP
        and alamat != lama["alamat"]
    ):
        perubahan.alamat_keluarga = alamat
        perubahan.kolom.append(("alamat", lama["alamat"], alamat))
    if not perubahan.kolom:
        return None
    _periksa_isi(b, p, diisi)
    return None if b.ditolak else perubahan
