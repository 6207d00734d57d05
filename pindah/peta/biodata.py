"""The resident fields the import format does not hold (birth details, contacts, previous
address, KTP print, photo …): carried onto the residents `register` wrote, each value checked
against its SID field; a value SID cannot accept is left empty and named in the report."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import validate_email

from penduduk.models import Penduduk
from pindah.konteks import Konteks
from pindah.peta import baca
from sid.lib.berkas import bersihkan_gambar

NAMA = "Biodata tambahan penduduk"
TABEL = {"tweb_penduduk"}
MODEL: list = []  # the residents' table is analysed after `register`

JENIS = "Penduduk"
BATCH = 500
# tweb_penduduk column → Penduduk field, by how the value is read.
TEKS = {
    "no_kk_sebelumnya": "no_kk_sebelumnya", "alamat_sebelumnya": "alamat_sebelumnya",
    "negara_asal": "negara_asal", "bpjs_ketenagakerjaan": "bpjs_ketenagakerjaan",
    "tempat_cetak_ktp": "tempat_cetak_ktp", "telepon": "telepon", "ket": "catatan",
}  # fmt: skip
KODE = {
    "tempat_dilahirkan": "tempat_dilahirkan", "jenis_kelahiran": "jenis_kelahiran",
    "penolong_kelahiran": "penolong_kelahiran", "sakit_menahun_id": "sakit_menahun",
}  # fmt: skip


def _pilihan(field: str):
    return Penduduk._meta.get_field(field).choices


def _kode(v, field: str) -> int | None:
    n = baca.angka(v)
    return n if n is not None and n in {k for k, _ in _pilihan(field)} else None


def _isi(ktx: Konteks, p: Penduduk, b: dict, rujukan: str) -> list[str]:
    """Set the extra fields of one resident; returns the names of the fields set."""
    diisi = []

    def lewati(kolom: str, nilai, sebab: str) -> None:
        ktx.laporan.ubah(JENIS, rujukan, f"{kolom} '{nilai}' {sebab}: dikosongkan.")

    for kolom, field in TEKS.items():
        v = baca.teks(b.get(kolom))
        if not v:
            continue
        batas = Penduduk._meta.get_field(field).max_length
        if batas and len(v) > batas:
            lewati(kolom, v, f"lebih dari {batas} karakter")
            continue
        setattr(p, field, v)
        diisi.append(field)
    for kolom, field in KODE.items():
        v = baca.nilai(b.get(kolom))
        if v in (None, 0, "0"):
            continue
        kode = _kode(v, field)
        if kode is None:
            lewati(kolom, v, "bukan kode yang dikenal SID")
            continue
        setattr(p, field, kode)
        diisi.append(field)
    if jam := baca.teks(b.get("waktu_lahir")):
        if (w := baca.waktu(jam)) is None:
            lewati("waktu_lahir", jam, "bukan jam yang sah")
        else:
            p.waktu_lahir, _ = w, diisi.append("waktu_lahir")
    if (n := baca.angka(b.get("kelahiran_anak_ke"))) and 0 < n < 100:
        p.kelahiran_anak_ke, _ = n, diisi.append("kelahiran_anak_ke")
    if (n := baca.angka(b.get("berat_lahir"))) and 0 < n < 10000:
        p.berat_lahir, _ = n, diisi.append("berat_lahir")
    if panjang := baca.teks(b.get("panjang_lahir")).replace(",", "."):
        try:
            nilai = Decimal(panjang)
        except InvalidOperation:
            lewati("panjang_lahir", panjang, "bukan angka")
        else:
            if 0 < nilai < 100:
                p.panjang_lahir, _ = nilai, diisi.append("panjang_lahir")
    if (t := baca.tanggal(b.get("tanggal_cetak_ktp"))) and t <= datetime.date.today():
        p.tanggal_cetak_ktp, _ = t, diisi.append("tanggal_cetak_ktp")
    if email := baca.teks(b.get("email")):
        try:
            validate_email(email)
        except ValidationError:
            lewati("email", email, "bukan alamat email yang sah")
        else:
            p.email, _ = email, diisi.append("email")
    if foto := _foto(ktx, b, rujukan):
        p.foto, _ = foto, diisi.append("foto")
    return diisi


def _foto(ktx: Konteks, b: dict, rujukan: str) -> str | None:
    nama = baca.teks(b.get("foto")).rsplit("/", 1)[-1]
    if not nama or ktx.folder is None:
        return None
    isi = ktx.berkas_folder(f"upload/user_pict/{nama}", f"upload/user_pict/sedang_{nama}")
    if isi is None:
        ktx.laporan.ubah(JENIS, rujukan, f"Foto {nama} tidak ada di cadangan folder desa.")
        return None
    try:
        bersih = bersihkan_gambar(SimpleUploadedFile(nama, isi), jenis="pasfoto")
    except ValidationError as exc:
        ktx.laporan.ubah(JENIS, rujukan, f"Foto {nama}: {' '.join(exc.messages)} Tidak dibawa.")
        return None
    storage = Penduduk._meta.get_field("foto").storage
    return ktx.simpan_berkas(storage, f"penduduk/foto/{bersih.name}", bersih.read())


def jalankan(ktx: Konteks) -> None:
    pk = ktx.peta["tweb_penduduk"]
    # Residents grouped by the fields they got, each group written with one bulk update.
    per_kolom: dict[tuple[str, ...], list[Penduduk]] = {}
    n = 0
    for b in ktx.baris("tweb_penduduk"):
        if int(b["id"]) not in pk:
            continue
        p = Penduduk(pk=pk[int(b["id"])])
        diisi = _isi(ktx, p, b, f"tweb_penduduk id {b['id']}")
        if diisi:
            per_kolom.setdefault(tuple(sorted(diisi)), []).append(p)
            n += 1
    for kolom, daftar in per_kolom.items():
        Penduduk.objects.bulk_update(daftar, list(kolom), batch_size=BATCH)
    if n:
        ktx.laporan.hitung("Biodata tambahan", n)
