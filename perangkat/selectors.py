"""Reads of the officials' data: signatories for letters, the website list, the sync shape.

Each runs a fixed number of queries whatever the number of officials.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from perangkat.models import JenisPengangkatan, Pengangkatan, StatusVerifikasi
from sid.lib.format import tanggal_indonesia


@dataclass(frozen=True)
class Penandatangan:
    """One signatory as a letter prints it."""

    nama: str  # with titles: "Drs. Ahmad Fauzi, M.Si."
    jabatan: str  # as signed: "Kepala Desa", "Plt. Kepala Desa", "Kasi Pelayanan"
    nip: str
    nipd: str
    pengangkatan_id: int
    perangkat_id: int
    jenis: str  # definitif / plt / pj
    terverifikasi: bool

    @property
    def nomor_induk(self) -> str:
        """NIP when the official is a civil servant, else the village number."""
        return self.nip or self.nipd


def _penandatangan(p: Pengangkatan) -> Penandatangan:
    return Penandatangan(
        nama=p.perangkat.nama_bergelar,
        jabatan=p.judul_jabatan,
        nip=p.perangkat.nip,
        nipd=p.perangkat.nipd,
        pengangkatan_id=p.pk,
        perangkat_id=p.perangkat_id,
        jenis=p.jenis,
        terverifikasi=p.status_verifikasi == StatusVerifikasi.TERVERIFIKASI,
    )


def tanpa_kepala_desa(tanggal: datetime.date) -> ValidationError:
    """No kepala desa (nor Plt/Pj) in office on `tanggal`: nobody can sign letters."""
    return ValidationError(
        f"Tidak ada Kepala Desa yang menjabat pada {tanggal_indonesia(tanggal)}. Catat "
        "pengangkatan Kepala Desa (atau Plt/Pj) di menu Perangkat Desa.",
        code="tanpa_kepala_desa",
    )


def ada_kepala_desa(tanggal: datetime.date) -> bool:
    """Whether penandatangan_untuk(tanggal) finds a kepala desa (one EXISTS query)."""
    return Pengangkatan.objects.menjabat(tanggal).filter(jabatan__kepala_desa=True).exists()


def penandatangan_untuk(tanggal: datetime.date | None = None) -> dict:
    """Who signs letters dated `tanggal` (one query).

    Returns {"kepala_desa": Penandatangan, "an": Penandatangan | None, "ub": [Penandatangan]}:
    the kepala desa in office; the sekretaris allowed to sign "a.n. Kepala Desa"; the officials
    allowed to sign "u.b.". When an acting kepala desa (Plt/Pj) is in office beside a definitive
    one, the acting one signs: an acting appointment exists because the definitive holder
    cannot act. Raises ValidationError when no kepala desa is in office on that date.
    """
    tanggal = tanggal or timezone.localdate()
    baris = list(
        Pengangkatan.objects.menjabat(tanggal)
        .filter(Q(jabatan__kepala_desa=True) | Q(boleh_an=True) | Q(boleh_ub=True))
        .select_related("perangkat__penduduk", "jabatan", "dusun")
        .urut_jabatan()
    )
    kepala = [p for p in baris if p.jabatan.kepala_desa]
    if not kepala:
        raise tanpa_kepala_desa(tanggal)
    kepala.sort(key=lambda p: (p.jenis != JenisPengangkatan.DEFINITIF, p.tmt, p.pk), reverse=True)
    an = next((p for p in baris if p.boleh_an), None)
    return {
        "kepala_desa": _penandatangan(kepala[0]),
        "an": _penandatangan(an) if an else None,
        "ub": [_penandatangan(p) for p in baris if p.boleh_ub],
    }


@dataclass
class Aparatur:
    """One official as the public website shows them."""

    nama: str
    jabatan: str
    foto_url: str
    uuid: str
    jabatan_semua: list[str] = field(default_factory=list)


def aparatur_aktif(tanggal: datetime.date | None = None) -> list[Aparatur]:
    """Officials in office on `tanggal` (today) and marked active, for the website (1 query).

    Only public data: name with titles, post(s), and the official's own photo (public media,
    re-encoded on upload). The register photo of a linked resident is private and never used.
    """
    tanggal = tanggal or timezone.localdate()
    baris = (
        Pengangkatan.objects.menjabat(tanggal)
        .filter(perangkat__aktif=True)
        .select_related("perangkat__penduduk", "jabatan", "dusun")
        .urut_jabatan()
    )
    hasil: dict[int, Aparatur] = {}
    for p in baris:
        a = hasil.get(p.perangkat_id)
        if a is None:
            orang = p.perangkat
            a = hasil[p.perangkat_id] = Aparatur(
                nama=orang.nama_bergelar,
                jabatan=p.judul_jabatan,
                foto_url=orang.foto.url if orang.foto else "",
                uuid=str(orang.uuid),
            )
        a.jabatan_semua.append(p.judul_jabatan)
    for a in hasil.values():
        a.jabatan = ", ".join(a.jabatan_semua)
    return list(hasil.values())


def pengangkatan_pada(tanggal: datetime.date):
    """The appointments in force on a date, in register order (for the books and reports)."""
    return (
        Pengangkatan.objects.menjabat(tanggal)
        .select_related("perangkat__penduduk", "jabatan", "dusun", "diverifikasi_oleh")
        .urut_jabatan()
    )


def data_sinkron(tanggal: datetime.date | None = None) -> list[dict]:
    """The officials in office with their SK, as plain JSON-ready data for the upward sync
    to the kecamatan (SIPKATDES). Keys are stable; ids are UUIDs (1 query)."""
    tanggal = tanggal or timezone.localdate()
    hasil = []
    for p in pengangkatan_pada(tanggal):
        orang = p.perangkat
        idt = orang.identitas
        hasil.append(
            {
                "perangkat_uuid": str(orang.uuid),
                "pengangkatan_uuid": str(p.uuid),
                "nama": idt.nama,
                "gelar_depan": orang.gelar_depan,
                "gelar_belakang": orang.gelar_belakang,
                "nik": idt.nik,
                "nip": orang.nip,
                "nipd": orang.nipd,
                "jenis_kelamin": idt.jenis_kelamin,
                "tempat_lahir": idt.tempat_lahir,
                "tanggal_lahir": idt.tanggal_lahir.isoformat() if idt.tanggal_lahir else None,
                "agama": idt.agama,
                "pendidikan": idt.pendidikan,
                "pangkat_golongan": orang.pangkat_golongan,
                "jabatan": p.jabatan.nama,
                "dusun": p.dusun.nama if p.dusun_id else None,
                "jenis": p.jenis,
                "nomor_sk": p.nomor_sk,
                "tanggal_sk": p.tanggal_sk.isoformat(),
                "tmt": p.tmt.isoformat(),
                "rencana_selesai": p.rencana_selesai.isoformat() if p.rencana_selesai else None,
                "status_verifikasi": p.status_verifikasi,
                "diverifikasi_pada": p.diverifikasi_pada.isoformat()
                if p.diverifikasi_pada
                else None,
            }
        )
    return hasil
