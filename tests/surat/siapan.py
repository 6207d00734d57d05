"""Helpers shared by the letter tests (unit, integration, browser): officials in office, a
family, the built-in letter types, and walking a letter through the workflow."""

from __future__ import annotations

import datetime
import importlib

from sid import kode
from tests.factories import KeluargaFactory, PendudukFactory, PerangkatFactory, buat_rt

TMT = datetime.date(2024, 1, 2)
NAMA_KADES = "H. Ahmad Fauzi, S.Sos."
NAMA_SEKDES = "Siti Rahmawati, S.E."
NAMA_KASI = "Dedi Kurniawan"


def pasang_jabatan() -> dict:
    """The standard posts (re-created: transactional tests flush the seeded rows)."""
    from perangkat.models import Jabatan

    bawaan = importlib.import_module("perangkat.migrations.0002_jabatan_bawaan").JABATAN
    hasil = {}
    for nama, urutan, kades, sekdes, tunggal, per_dusun in bawaan:
        hasil[nama], _ = Jabatan.objects.get_or_create(
            nama=nama,
            defaults={
                "urutan": urutan,
                "kepala_desa": kades,
                "sekretaris": sekdes,
                "tunggal": tunggal,
                "per_dusun": per_dusun,
            },
        )
    return hasil


_nomor_sk = iter(range(1, 100_000))


def angkat(oleh, perangkat, nama_jabatan: str, *, tmt=TMT, **kwargs):
    from perangkat import services

    jabatan = pasang_jabatan()
    kwargs.setdefault("nomor_sk", f"141/{next(_nomor_sk):03d}/KPTS/{tmt.year}")
    kwargs.setdefault("tanggal_sk", tmt)
    return services.pengangkatan_create(
        oleh=oleh, perangkat=perangkat, jabatan=jabatan[nama_jabatan], tmt=tmt, **kwargs
    )


def siapkan_perangkat(oleh) -> dict:
    """Kepala desa (definitive), a sekretaris who signs a.n., a kasi who signs u.b."""
    kades = angkat(
        oleh,
        PerangkatFactory(
            nama="Ahmad Fauzi", gelar_depan="H.", gelar_belakang="S.Sos.", nipd="1001"
        ),
        "Kepala Desa",
    )
    sekdes = angkat(
        oleh,
        PerangkatFactory(nama="Siti Rahmawati", gelar_belakang="S.E.", nip="198001012005012001"),
        "Sekretaris Desa",
        boleh_an=True,
    )
    kasi = angkat(
        oleh, PerangkatFactory(nama="Dedi Kurniawan", nipd="1007"), "Kasi Pelayanan", boleh_ub=True
    )
    return {"kades": kades, "sekdes": sekdes, "kasi": kasi}


def siapkan_keluarga():
    """A married head (Budi), his wife (Siti) and a son (Adi) in RT 001 / RW 001 / KRAJAN."""
    k = KeluargaFactory(no_kk="3201010101230001", wilayah=buat_rt(), alamat="Jl. Melati No. 5")
    kepala = PendudukFactory(
        nama="Budi Santoso",
        keluarga=k,
        shdk=kode.SHDK.KEPALA_KELUARGA,
        status_kawin=2,
        tanggal_lahir=datetime.date(1980, 5, 17),
        jenis_kelamin=1,
        nik="3201011705800001",
        pekerjaan=9,
    )
    istri = PendudukFactory(
        nama="Siti Aminah",
        keluarga=k,
        shdk=kode.SHDK.ISTRI,
        status_kawin=2,
        jenis_kelamin=2,
        tanggal_lahir=datetime.date(1983, 2, 3),
        nik="3201014302830002",
    )
    anak = PendudukFactory(
        nama="Adi Santoso",
        keluarga=k,
        shdk=kode.SHDK.ANAK,
        jenis_kelamin=1,
        tanggal_lahir=datetime.date(2008, 7, 9),
        nik="3201010907080003",
        nama_ayah="Budi Santoso",
        nama_ibu="Siti Aminah",
    )
    return k, kepala, istri, anak


def jenis_bawaan() -> dict:
    from surat.bawaan import pasang_jenis_bawaan
    from surat.models import JenisSurat

    pasang_jenis_bawaan(JenisSurat)
    return {j.slug: j for j in JenisSurat.objects.all()}


def isian_contoh(jenis) -> dict:
    """Valid values for every extra field of a type."""
    nilai = {}
    for f in jenis.isian:
        j = f.get("jenis")
        if j == "tanggal":
            nilai[f["kode"]] = "2024-03-05"
        elif j == "uang":
            nilai[f["kode"]] = "2500000"
        elif j == "angka":
            nilai[f["kode"]] = "3"
        elif j == "pilihan":
            nilai[f["kode"]] = f["pilihan"][0]
        else:
            nilai[f["kode"]] = f"Isi {f['label']}"
    return nilai


def sampai_tanda_tangan(surat, *, operator, sekretaris):
    from surat import services

    services.surat_ajukan(oleh=operator, surat=surat)
    return services.surat_verifikasi(oleh=sekretaris, surat=surat)
