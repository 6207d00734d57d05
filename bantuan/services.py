"""Writes of the social-assistance app: programmes and recipients, each with its audit entry.

Admin screens, the import and the demo filler call these; nothing else writes the models.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bantuan.models import Peserta, Program, Sasaran, SumberDana
from sid import kode
from sid.lib.audit import catat_aktivitas, potret
from sid.lib.ubah import terapkan
from sid.models import Wilayah

KOLOM_PROGRAM = ["nama", "sasaran", "sumber_dana", "tanggal_mulai", "tanggal_selesai", "keterangan"]
KOLOM_KARTU = [
    "kartu_nik",
    "kartu_nama",
    "kartu_tempat_lahir",
    "kartu_tanggal_lahir",
    "kartu_alamat",
]


def alamat_penduduk(p) -> str:
    """'Jl. Melati 5 RT 001 RW 002 Dusun Krajan' from the register (wilayah cached)."""
    w = p.wilayah
    bagian = []
    alamat = (p.keluarga.alamat if p.keluarga_id else "") or p.alamat_sekarang
    if alamat:
        bagian.append(alamat)
    if w is not None:
        if w.tingkat == Wilayah.Tingkat.RT:
            bagian.append(f"RT {w.nama}")
            if w.rw_id and w.rw_id != w.pk:
                bagian.append(f"RW {w.rw.nama}")
        if w.dusun_id:
            bagian.append(f"Dusun {w.dusun.nama}")
    return " ".join(bagian)[:255]


def kartu_dari_penduduk(p) -> dict[str, Any]:
    return {
        "kartu_nik": p.nik,
        "kartu_nama": p.nama,
        "kartu_tempat_lahir": p.tempat_lahir,
        "kartu_tanggal_lahir": p.tanggal_lahir,
        "kartu_alamat": alamat_penduduk(p),
    }


# --- programmes ----------------------------------------------------------------------------------


def periksa_program(data: dict[str, Any], *, program: Program | None = None) -> dict[str, Any]:
    """Validated programme fields (errors by field, Indonesian)."""
    galat: dict[str, str] = {}
    hasil = dict(data)
    nama = " ".join(str(data.get("nama") or "").split())
    if not nama:
        galat["nama"] = "Nama program wajib diisi."
    elif len(nama) > 150:
        galat["nama"] = "Nama program terlalu panjang (maksimal 150 karakter)."
    else:
        sama = Program.objects.filter(nama__iexact=nama)
        if program is not None:
            sama = sama.exclude(pk=program.pk)
        if sama.exists():
            galat["nama"] = f"Program bernama “{nama}” sudah ada."
    hasil["nama"] = nama
    if data.get("sasaran") not in Sasaran.values:
        galat["sasaran"] = "Sasaran harus Penduduk atau Keluarga."
    elif program is not None and data["sasaran"] != program.sasaran and program.peserta.exists():
        galat["sasaran"] = (
            "Sasaran tidak bisa diubah karena program sudah memiliki peserta; hapus pesertanya "
            "dulu atau buat program baru."
        )
    if data.get("sumber_dana") not in SumberDana.values:
        galat["sumber_dana"] = "Pilih sumber dana."
    mulai, selesai = data.get("tanggal_mulai"), data.get("tanggal_selesai")
    if mulai and selesai and selesai < mulai:
        galat["tanggal_selesai"] = "Tanggal selesai tidak boleh sebelum tanggal mulai."
    hasil["keterangan"] = str(data.get("keterangan") or "").strip()
    if galat:
        raise ValidationError(galat)
    return hasil


@transaction.atomic
def program_create(*, oleh: Any, data: dict[str, Any]) -> Program:
    bersih = periksa_program({**_bawaan_program(), **data})
    program = Program.objects.create(**{k: bersih[k] for k in KOLOM_PROGRAM})
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=program,
        perubahan={k: [None, v] for k, v in potret(program, KOLOM_PROGRAM).items()},
        keterangan="Program bantuan dibuat.",
    )
    return program


def _bawaan_program() -> dict[str, Any]:
    return {
        "sasaran": Sasaran.PENDUDUK,
        "sumber_dana": SumberDana.PUSAT,
        "tanggal_mulai": None,
        "tanggal_selesai": None,
        "keterangan": "",
    }


@transaction.atomic
def program_update(*, oleh: Any, program: Program, data: dict[str, Any]) -> Program:
    program = Program.objects.select_for_update().get(pk=program.pk)
    gabung = {k: getattr(program, k) for k in KOLOM_PROGRAM}
    gabung.update({k: v for k, v in data.items() if k in KOLOM_PROGRAM})
    bersih = periksa_program(gabung, program=program)
    perubahan = terapkan(program, {k: bersih[k] for k in KOLOM_PROGRAM})
    if perubahan:
        program.save()
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=program, perubahan=perubahan)
    return program


@transaction.atomic
def program_hapus(*, oleh: Any, program: Program) -> None:
    program = Program.objects.select_for_update().get(pk=program.pk)
    jumlah = program.peserta.count()
    if jumlah:
        raise ValidationError(
            f"Program “{program.nama}” masih memiliki {jumlah} peserta; hapus pesertanya dulu."
        )
    catat_aktivitas(oleh=oleh, aksi="hapus", objek=program, keterangan="Program bantuan dihapus.")
    program.delete()


# --- recipients ------------------------------------------------------------------------------------


def periksa_peserta(
    *, program: Program, penduduk=None, keluarga=None, kecuali: Peserta | None = None
) -> None:
    """The recipient fits the programme's target and is not in it yet."""
    if program.sasaran == Sasaran.PENDUDUK:
        if penduduk is None or keluarga is not None:
            raise ValidationError(
                {"penduduk": f"Program “{program.nama}” untuk perorangan: pilih penduduk."}
            )
        if penduduk.status_dasar != kode.StatusDasar.HIDUP:
            raise ValidationError(
                {
                    "penduduk": f"{penduduk.nama} tercatat berstatus "
                    f"{penduduk.get_status_dasar_display()}; hanya penduduk yang masih hidup "
                    "dan tinggal di desa yang dapat ditambahkan."
                }
            )
        sama = Peserta.objects.filter(program=program, penduduk=penduduk)
        pesan = {"penduduk": f"{penduduk.nama} sudah menjadi peserta program ini."}
    else:
        if keluarga is None or penduduk is not None:
            raise ValidationError(
                {"keluarga": f"Program “{program.nama}” untuk keluarga: pilih keluarga (KK)."}
            )
        if not keluarga.aktif:
            raise ValidationError({"keluarga": f"KK {keluarga.no_kk} sudah tidak aktif."})
        sama = Peserta.objects.filter(program=program, keluarga=keluarga)
        pesan = {"keluarga": f"KK {keluarga.no_kk} sudah menjadi peserta program ini."}
    if kecuali is not None:
        sama = sama.exclude(pk=kecuali.pk)
    if sama.exists():
        raise ValidationError(pesan)


def _kartu(program: Program, penduduk, keluarga, data: dict[str, Any]) -> dict[str, Any]:
    """Card identity: what was given, the rest from the register (family: its head)."""
    if penduduk is None and keluarga is not None:
        penduduk = keluarga.kepala()
    bawaan = kartu_dari_penduduk(penduduk) if penduduk is not None else {}
    hasil = {}
    for k in KOLOM_KARTU:
        nilai = data.get(k)
        hasil[k] = nilai if nilai not in (None, "") else bawaan.get(k)
    hasil["kartu_tanggal_lahir"] = hasil.get("kartu_tanggal_lahir") or None
    nik = str(hasil.get("kartu_nik") or "")
    hasil["kartu_nik"] = nik
    if nik and not (nik.isdigit() and len(nik) == 16):
        raise ValidationError({"kartu_nik": "NIK pada kartu harus 16 digit angka."})
    if isinstance(hasil["kartu_tanggal_lahir"], datetime.datetime):
        hasil["kartu_tanggal_lahir"] = hasil["kartu_tanggal_lahir"].date()
    for k, batas in (("kartu_nama", 100), ("kartu_tempat_lahir", 100), ("kartu_alamat", 255)):
        hasil[k] = str(hasil.get(k) or "")[:batas]
    return hasil


@transaction.atomic
def peserta_create(
    *,
    oleh: Any,
    program: Program,
    penduduk=None,
    keluarga=None,
    nomor_kartu: str = "",
    kartu: dict[str, Any] | None = None,
    catat: bool = True,
) -> Peserta:
    periksa_peserta(program=program, penduduk=penduduk, keluarga=keluarga)
    nomor_kartu = " ".join(str(nomor_kartu or "").split())
    if len(nomor_kartu) > 50:
        raise ValidationError({"nomor_kartu": "Nomor kartu terlalu panjang (maksimal 50)."})
    data_kartu = _kartu(program, penduduk, keluarga, kartu or {})
    try:
        with transaction.atomic():
            peserta = Peserta.objects.create(
                program=program,
                penduduk=penduduk,
                keluarga=keluarga,
                nomor_kartu=nomor_kartu,
                dibuat_oleh=oleh if getattr(oleh, "is_authenticated", False) else None,
                **data_kartu,
            )
    except IntegrityError:  # a concurrent add of the same recipient
        raise ValidationError("Penerima ini sudah menjadi peserta program tersebut.") from None
    if catat:
        catat_aktivitas(
            oleh=oleh,
            aksi="buat",
            objek=peserta,
            perubahan={"nomor_kartu": [None, nomor_kartu]},
            keterangan=f"Peserta {program.nama}: {peserta.penerima}.",
        )
    return peserta


@transaction.atomic
def peserta_update(*, oleh: Any, peserta: Peserta, data: dict[str, Any]) -> Peserta:
    """Change the card number and the card identity (the recipient itself stays)."""
    peserta = Peserta.objects.select_for_update().select_related("program").get(pk=peserta.pk)
    nomor = peserta.nomor_kartu
    if "nomor_kartu" in data:
        nomor = " ".join(str(data["nomor_kartu"] or "").split())
        if len(nomor) > 50:
            raise ValidationError({"nomor_kartu": "Nomor kartu terlalu panjang (maksimal 50)."})
    kartu = {k: getattr(peserta, k) for k in KOLOM_KARTU}
    kartu.update({k: v for k, v in data.items() if k in KOLOM_KARTU})
    bersih = _kartu(peserta.program, peserta.penduduk, peserta.keluarga, kartu)
    perubahan = terapkan(peserta, {"nomor_kartu": nomor, **bersih})
    if perubahan:
        peserta.save()
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=peserta, perubahan=perubahan)
    return peserta


@transaction.atomic
def peserta_hapus(*, oleh: Any, peserta: Peserta) -> None:
    catat_aktivitas(
        oleh=oleh,
        aksi="hapus",
        objek=peserta,
        keterangan=f"Dikeluarkan dari program {peserta.program.nama}.",
    )
    peserta.delete()
