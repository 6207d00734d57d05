"""The village officials: `ref_jabatan` → Jabatan, `tweb_desa_pamong` → Perangkat (the person)
and Pengangkatan (the post held by SK).

OpenSID's built-in posts (jenis 1 Kepala Desa, 2 Sekretaris) and posts whose name SID already
has are mapped onto SID's posts; the others are created. An official who is a resident is linked
to the register; one row of OpenSID is one appointment, so a person with several rows (an old and
a new post) becomes one Perangkat with several Pengangkatan. Appointments go through SID's
services, which hold the rules (one definitive holder per single post, one post per person …):
what they refuse is in the report with their message.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from penduduk.models import Penduduk
from perangkat.models import Jabatan, Pengangkatan, Perangkat
from perangkat.services import (
    jabatan_create,
    pengangkatan_berhenti,
    pengangkatan_create,
    perangkat_create,
)
from pindah.konteks import Konteks
from pindah.peta import baca
from sid import kode
from sid.lib.berkas import bersihkan_gambar

NAMA = "Perangkat desa"
TABEL = {"ref_jabatan", "tweb_desa_pamong", "tweb_penduduk"}
MODEL = [Jabatan, Perangkat, Pengangkatan]

JENIS_KADES, JENIS_SEKDES = 1, 2
K_JABATAN, K_ORANG, K_SK = "Jabatan perangkat", "Perangkat desa", "Pengangkatan perangkat"
URUTAN_BARU = 71  # new posts sit after the Kasi (70) and before Kepala Dusun (80)


# --- posts -------------------------------------------------------------------------------------


def _jabatan(ktx: Konteks, pamong: list[dict]) -> dict[int, Jabatan]:
    """OpenSID post id → SID post (mapped by kind or name, else created)."""
    ada = list(Jabatan.objects.all())
    per_nama = {baca.rapi(j.nama).lower(): j for j in ada}
    bawaan = {
        JENIS_KADES: next((j for j in ada if j.kepala_desa), None),
        JENIS_SEKDES: next((j for j in ada if j.sekretaris), None),
    }
    aktif_per_jabatan: dict[int, int] = {}
    for b in pamong:
        if baca.angka(b.get("pamong_status")) == 1 and baca.angka(b.get("jabatan_id")):
            j = baca.angka(b.get("jabatan_id"))
            aktif_per_jabatan[j] = aktif_per_jabatan.get(j, 0) + 1
    urutan = URUTAN_BARU
    hasil: dict[int, Jabatan] = {}
    for b in ktx.baris("ref_jabatan"):
        id_osid, nama, jenis = int(b["id"]), baca.rapi(b.get("nama")), baca.angka(b.get("jenis"))
        rujukan = f"ref_jabatan id {id_osid} ({nama or '-'})"
        if not nama:
            ktx.laporan.tolak(K_JABATAN, rujukan, "Nama jabatan kosong.")
            continue
        j = bawaan.get(jenis) or per_nama.get(nama.lower())
        if j is None:
            data = {
                "nama": nama[:100],
                "urutan": urutan,
                "kepala_desa": jenis == JENIS_KADES,
                "sekretaris": jenis == JENIS_SEKDES,
                # Several officials in office on one post (e.g. staff): not a single-holder post.
                "tunggal": jenis in bawaan or aktif_per_jabatan.get(id_osid, 0) <= 1,
                "per_dusun": False,
            }
            try:
                j = jabatan_create(oleh=ktx.oleh, data=data)
            except ValidationError as exc:
                ktx.laporan.tolak(K_JABATAN, rujukan, " ".join(exc.messages))
                continue
            per_nama[j.nama.lower()] = j
            if jenis in bawaan:
                bawaan[jenis] = j
            urutan = min(urutan + 1, 79)
        elif j.nama != nama:
            ktx.laporan.ubah(K_JABATAN, rujukan, f"Dipetakan ke jabatan SID “{j.nama}”.")
        hasil[id_osid] = j
        ktx.laporan.hitung(K_JABATAN)
    return hasil


# --- people ------------------------------------------------------------------------------------


def _kunci_orang(b: dict) -> tuple:
    """One person per resident, else per NIK, else per row."""
    if baca.angka(b.get("id_pend")):
        return ("penduduk", baca.angka(b.get("id_pend")))
    nik = "".join(baca.teks(b.get("pamong_nik")).split())
    return ("nik", nik) if nik else ("baris", int(b["pamong_id"]))


def _identitas_sendiri(b: dict, p: dict | None) -> dict[str, Any]:
    """Own identity: the official's row, or the OpenSID resident row when not carried."""
    if p is not None:
        return {
            "nama": baca.rapi(p.get("nama")),
            "nik": baca.teks(p.get("nik")),
            "jenis_kelamin": baca.kode(p.get("sex"), kode.JenisKelamin),
            "tempat_lahir": baca.rapi(p.get("tempatlahir")),
            "tanggal_lahir": baca.tanggal(p.get("tanggallahir")),
            "agama": baca.kode(p.get("agama_id"), kode.Agama),
            "pendidikan": baca.kode(p.get("pendidikan_kk_id"), kode.PendidikanKK),
        }
    return {
        "nama": baca.rapi(b.get("pamong_nama")),
        "nik": "".join(baca.teks(b.get("pamong_nik")).split()),
        "jenis_kelamin": baca.kode(b.get("pamong_sex"), kode.JenisKelamin),
        "tempat_lahir": baca.rapi(b.get("pamong_tempatlahir")),
        "tanggal_lahir": baca.tanggal(b.get("pamong_tanggallahir")),
        "agama": baca.kode(b.get("pamong_agama"), kode.Agama),
        "pendidikan": baca.kode(b.get("pamong_pendidikan"), kode.PendidikanKK),
    }


def _pas(ktx: Konteks, rujukan: str, data: dict, kolom: str, batas: int, label: str) -> None:
    if len(data[kolom]) > batas:
        ktx.laporan.ubah(K_ORANG, rujukan, f"{label} dipotong menjadi {batas} karakter.")
        data[kolom] = data[kolom][:batas].strip()


def _data_orang(
    ktx: Konteks, b: dict, penduduk: dict[int, Penduduk], baris_penduduk: dict[int, dict],
    dipakai: dict[str, set[str]], aktif: bool,
) -> dict[str, Any]:  # fmt: skip
    rujukan = f"tweb_desa_pamong id {b['pamong_id']}"
    id_pend = baca.angka(b.get("id_pend"))
    data: dict[str, Any] = {}
    if id_pend and id_pend in penduduk:
        data["penduduk"] = penduduk[id_pend]
    else:
        asal = baris_penduduk.get(id_pend) if id_pend else None
        if id_pend:
            ktx.laporan.ubah(
                K_ORANG, rujukan,
                "Penduduknya tidak terbawa ke register: identitas disalin dari data OpenSID.",
            )  # fmt: skip
        data.update(_identitas_sendiri(b, asal))
        _pas(ktx, rujukan, data, "nama", 100, "Nama")
        _pas(ktx, rujukan, data, "tempat_lahir", 100, "Tempat lahir")
    data["gelar_depan"] = baca.rapi(b.get("gelar_depan"))
    data["gelar_belakang"] = baca.rapi(b.get("gelar_belakang"))
    data["nip"] = "".join(baca.teks(b.get("pamong_nip")).split())
    data["nipd"] = baca.rapi(b.get("pamong_niap"))
    if data["nipd"] == "0":  # OpenSID's column default
        data["nipd"] = ""
    data["pangkat_golongan"] = baca.rapi(b.get("pamong_pangkat"))
    for kolom, batas, label in (("gelar_depan", 30, "Gelar depan"), ("nipd", 30, "NIPD"),
                                ("gelar_belakang", 50, "Gelar belakang"),
                                ("pangkat_golongan", 60, "Pangkat/golongan")):  # fmt: skip
        _pas(ktx, rujukan, data, kolom, batas, label)
    for kolom, digit, label in (("nik", 16, "NIK"), ("nip", 18, "NIP")):
        nilai = data.get(kolom, "")
        if nilai and not (nilai.isdigit() and len(nilai) == digit):
            ktx.laporan.ubah(
                K_ORANG, rujukan, f"{label} {nilai} bukan {digit} digit angka: tidak dibawa."
            )
            data[kolom] = ""
    for kolom, label in (("nik", "NIK"), ("nip", "NIP"), ("nipd", "NIPD")):
        nilai = data.get(kolom, "")
        if nilai and nilai in dipakai[kolom]:
            ktx.laporan.ubah(
                K_ORANG, rujukan, f"{label} {nilai} sudah dipakai perangkat lain: tidak dibawa."
            )
            data[kolom] = ""
    data["aktif"] = aktif
    data["urutan"] = min(max(baca.angka(b.get("urut")) or 0, 0), 32767)
    foto = _foto(ktx, rujukan, b, baris_penduduk.get(id_pend) if id_pend else None)
    if foto is not None:
        data["foto"] = foto
    return data


def _foto(ktx: Konteks, rujukan: str, b: dict, p: dict | None):
    """The official's photo (else the resident's) from the folder backup, re-encoded."""
    nama = baca.teks(b.get("foto")) or (baca.teks(p.get("foto")) if p else "")
    nama = nama.rsplit("/", 1)[-1]
    if not nama:
        return None
    isi = ktx.berkas_folder(
        f"upload/user_pict/{nama}", f"upload/user_pict/sedang_{nama}",
        f"upload/user_pict/kecil_{nama}",
    )  # fmt: skip
    if isi is None:
        if ktx.folder is not None:
            ktx.laporan.ubah(K_ORANG, rujukan, f"Foto {nama} tidak ada di cadangan folder desa.")
        return None
    try:
        return bersihkan_gambar(SimpleUploadedFile(nama, isi), jenis="pasfoto")
    except ValidationError as exc:
        ktx.laporan.ubah(K_ORANG, rujukan, f"Foto {nama}: {' '.join(exc.messages)} Tidak dibawa.")
        return None


# --- appointments ------------------------------------------------------------------------------


def _angkat(ktx: Konteks, b: dict, orang: Perangkat, jabatan: dict[int, Jabatan]) -> None:
    rujukan = f"tweb_desa_pamong id {b['pamong_id']} ({orang.nama_bergelar})"
    j = jabatan.get(baca.angka(b.get("jabatan_id")) or 0)
    nomor, tanggal = baca.rapi(b.get("pamong_nosk")), baca.tanggal(b.get("pamong_tglsk"))
    henti_nomor, henti = baca.rapi(b.get("pamong_nohenti")), baca.tanggal(b.get("pamong_tglhenti"))
    aktif = baca.angka(b.get("pamong_status")) == 1
    alasan = (
        "Jabatannya tidak ada atau tidak terbawa." if j is None
        else "Nomor dan tanggal SK pengangkatan kosong di OpenSID." if not nomor or not tanggal
        else "Nonaktif di OpenSID tanpa nomor dan tanggal SK pemberhentian." if not aktif
        and not (henti_nomor and henti)
        else ""
    )  # fmt: skip
    if alasan:
        ktx.laporan.tolak(
            K_SK, rujukan,
            f"{alasan} Perangkatnya dibawa tanpa pengangkatan ini; catat pengangkatannya (dan "
            "pemberhentiannya) dari SK di menu Perangkat Desa.",
        )  # fmt: skip
        return
    boleh_an = baca.angka(b.get("pamong_ttd")) == 1
    boleh_ub = baca.angka(b.get("pamong_ub")) == 1
    if boleh_an and not j.sekretaris:
        ktx.laporan.ubah(K_SK, rujukan, "Tanda a.n. hanya untuk Sekretaris Desa: tidak dibawa.")
        boleh_an = False
    if boleh_ub and j.kepala_desa:
        boleh_ub = False
    masa = baca.rapi(b.get("pamong_masajab"))
    try:
        with transaction.atomic():
            p = pengangkatan_create(
                oleh=ktx.oleh,
                perangkat=orang,
                jabatan=j,
                nomor_sk=nomor[:100],
                tanggal_sk=tanggal,
                tmt=tanggal,
                boleh_an=boleh_an,
                boleh_ub=boleh_ub,
                keterangan=f"Masa jabatan: {masa}"[:255] if masa else "",
                konfirmasi=True,
            )
            if henti_nomor and henti:
                pengangkatan_berhenti(
                    oleh=ktx.oleh,
                    pengangkatan=p,
                    nomor_sk_berhenti=henti_nomor,
                    tanggal_sk_berhenti=henti,
                    tanggal_berhenti=henti,
                    alasan_berhenti="Dari OpenSID.",
                )
    except ValidationError as exc:
        ktx.laporan.tolak(K_SK, rujukan, " ".join(exc.messages))
        return
    ktx.laporan.hitung(K_SK)


def jalankan(ktx: Konteks) -> None:
    pamong = list(ktx.baris("tweb_desa_pamong"))
    jabatan = _jabatan(ktx, pamong)
    if not pamong:
        return
    perlu = {baca.angka(b.get("id_pend")) for b in pamong} - {None, 0}
    pk = ktx.peta["tweb_penduduk"]
    objek = Penduduk.objects.in_bulk([pk[i] for i in perlu if i in pk])
    penduduk = {i: objek[pk[i]] for i in perlu if pk.get(i) in objek}
    baris_penduduk = {int(b["id"]): b for b in ktx.baris("tweb_penduduk") if int(b["id"]) in perlu}
    dipakai: dict[str, set[str]] = {
        k: set(Perangkat.objects.exclude(**{k: ""}).values_list(k, flat=True))
        for k in ("nik", "nip", "nipd")
    }
    kelompok: dict[tuple, list[dict]] = {}
    for b in pamong:
        kelompok.setdefault(_kunci_orang(b), []).append(b)
    orang: dict[tuple, Perangkat] = {}
    for kunci, rows in kelompok.items():
        aktif = any(baca.angka(b.get("pamong_status")) == 1 for b in rows)
        # The person's data from their current row (active, latest SK).
        utama = max(rows, key=lambda b: (baca.angka(b.get("pamong_status")) == 1,
                                         baca.tanggal(b.get("pamong_tglsk")) or datetime.date.min))  # fmt: skip
        rujukan = f"tweb_desa_pamong id {utama['pamong_id']}"
        data = _data_orang(ktx, utama, penduduk, baris_penduduk, dipakai, aktif)
        try:
            p = perangkat_create(oleh=ktx.oleh, data=data)
        except ValidationError as exc:
            for b in rows:
                ktx.laporan.tolak(
                    K_ORANG, f"tweb_desa_pamong id {b['pamong_id']}", " ".join(exc.messages)
                )
            continue
        if p.foto:
            ktx.berkas_ditulis.append((p.foto.storage, p.foto.name))
        for k in dipakai:
            if getattr(p, k):
                dipakai[k].add(getattr(p, k))
        orang[kunci] = p
        ktx.laporan.hitung(K_ORANG)
        if len(rows) > 1:
            ktx.laporan.ubah(
                K_ORANG, rujukan,
                f"{len(rows)} baris OpenSID untuk orang yang sama: satu perangkat dengan "
                f"{len(rows)} pengangkatan.",
            )  # fmt: skip
    # Earlier SKs first, so a closed appointment is in place before its successor's.
    urut = sorted(
        (b for b in pamong if _kunci_orang(b) in orang),
        key=lambda b: (
            baca.tanggal(b.get("pamong_tglsk")) or datetime.date.max,
            int(b["pamong_id"]),
        ),
    )
    for b in urut:
        _angkat(ktx, b, orang[_kunci_orang(b)], jabatan)
