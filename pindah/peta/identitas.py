"""The village itself: OpenSID's `config` row → IdentitasDesa (names, codes, office, logo)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pindah.konteks import Konteks
from pindah.peta import baca
from sid.models import IdentitasDesa
from sid.services import identitas_desa_update

NAMA = "Identitas desa"
TABEL = {"config", "setting_aplikasi"}
MODEL = [IdentitasDesa]

# OpenSID column → SID field (texts).
KOLOM = {
    "nama_desa": "nama_desa",
    "kode_desa": "kode_desa",
    "kode_pos": "kode_pos",
    "nama_kecamatan": "nama_kecamatan",
    "kode_kecamatan": "kode_kecamatan",
    "nama_kabupaten": "nama_kabupaten",
    "kode_kabupaten": "kode_kabupaten",
    "nama_propinsi": "nama_provinsi",
    "kode_propinsi": "kode_provinsi",
    "alamat_kantor": "alamat_kantor",
    "email_desa": "email_desa",
    "telepon": "telepon",
    "website": "website",
}


def _koordinat(v) -> Decimal | None:
    try:
        return Decimal(str(v)).quantize(Decimal("0.0000001")) if v not in (None, "") else None
    except InvalidOperation:
        return None


def tanggal_data_lengkap(ktx: Konteks) -> datetime.date | None:
    """OpenSID's 'Tgl Data Lengkap' when switched on: SID's end of the initial-data phase."""
    setelan = {b.get("key"): b.get("value") for b in ktx.baris("setting_aplikasi")}
    if str(setelan.get("tgl_data_lengkap_aktif") or "") != "1":
        return None
    try:
        return datetime.datetime.strptime(str(setelan.get("tgl_data_lengkap")), "%d-%m-%Y").date()
    except ValueError:
        return None


def config(ktx: Konteks) -> dict:
    """The village's `config` row (OpenSID keeps one per village; a backup holds one)."""
    return next(iter(ktx.baris("config")), {})


def jalankan(ktx: Konteks) -> None:
    c = config(ktx)
    if not c:
        ktx.laporan.catatan.append("Tabel config kosong: identitas desa tidak dibawa.")
        return
    ktx.laporan.desa = f"{baca.teks(c.get('nama_desa'))} ({baca.teks(c.get('kode_desa'))})"
    data = {sid: baca.teks(c.get(osid)) for osid, sid in KOLOM.items()}
    data["kode_pos"] = data["kode_pos"][:5]
    data["lat"], data["lng"] = _koordinat(c.get("lat")), _koordinat(c.get("lng"))
    if data["website"] and not data["website"].startswith(("http://", "https://")):
        data["website"] = f"https://{data['website']}"
    for kolom, folder in (("logo", "logo"), ("kantor_desa", "logo")):
        nama = baca.teks(c.get(kolom))
        isi = ktx.berkas_folder(f"upload/{folder}/{nama}", f"{folder}/{nama}") if nama else None
        if isi:
            data[kolom] = SimpleUploadedFile(nama, isi)
    try:
        identitas_desa_update(oleh=ktx.oleh, data=data)
    except ValidationError as exc:
        # Keep the rest: drop the fields SID refuses, name them in the report.
        salah = exc.message_dict if hasattr(exc, "message_dict") else {"__all__": exc.messages}
        for kolom, pesan in salah.items():
            ktx.laporan.ubah("Identitas desa", kolom, " ".join(pesan) + " (tidak dibawa)")
            data.pop(kolom, None)
        identitas_desa_update(oleh=ktx.oleh, data=data)
    ktx.laporan.hitung("Identitas desa")
