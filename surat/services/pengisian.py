"""Filling a letter: the signatory for the letter date (from the officials app) and every
placeholder value, for the preview and for the frozen text at signing."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from perangkat.models import Pengangkatan
from perangkat.selectors import penandatangan_untuk
from sid.lib.desa import identitas_desa
from sid.lib.format import tanggal_indonesia
from sid.lib.html import bersihkan_html
from surat import isian as kode_isian
from surat import penomoran
from surat.models import JenisSurat, Surat

# --- signatory -----------------------------------------------------------------------------------


def pilihan_penandatangan(tanggal: datetime.date) -> list[tuple[str, str]]:
    """Choices for the signing screen (raises the officials' message when no kepala desa)."""

    info = penandatangan_untuk(tanggal)
    kd = info["kepala_desa"]
    hasil = [("kepala_desa", f"{kd.nama} — {kd.jabatan}")]
    if info["an"]:
        hasil.append(("an", f"{info['an'].nama} — a.n. {kd.jabatan}, {info['an'].jabatan}"))
    for ub in info["ub"]:
        hasil.append((f"ub:{ub.pengangkatan_id}", f"{ub.nama} — u.b., {ub.jabatan}"))
    return hasil


def _nomor_induk(p, desa) -> tuple[str, str]:
    if p.nip:
        return p.nip, f"NIP. {p.nip}"
    if p.nipd:
        return p.nipd, f"{desa.sebutan_nip_desa or 'NIPD'}. {p.nipd}"
    return "", ""


def penandatangan_terpilih(pilihan: str, tanggal: datetime.date, desa) -> dict[str, Any]:
    """Resolve a choice ("kepala_desa", "an", "ub:<pengangkatan id>") for the letter date into
    what the letter prints. The official must be in office on that date."""

    info = penandatangan_untuk(tanggal)  # ValidationError when no kepala desa in office
    kd = info["kepala_desa"]
    nama_desa = desa.nama_desa
    kepala = f"{kd.jabatan} {nama_desa}".strip()
    teks_tanggal = tanggal_indonesia(tanggal)
    if pilihan == "kepala_desa":
        p, jenis, baris = kd, Surat.JenisTtd.KEPALA_DESA, [kepala]
    elif pilihan == "an":
        p = info["an"]
        if p is None:
            raise ValidationError(
                {
                    "penandatangan": "Tidak ada Sekretaris Desa yang berhak menandatangani a.n. "
                    f"Kepala Desa pada {teks_tanggal}."
                }
            )
        jenis, baris = Surat.JenisTtd.AN, [f"a.n. {kepala}", p.jabatan]
    elif pilihan.startswith("ub:") and pilihan[3:].isdigit():
        pid = int(pilihan[3:])
        p = next((u for u in info["ub"] if u.pengangkatan_id == pid), None)
        if p is None:
            angkat = (
                Pengangkatan.objects.select_related("perangkat__penduduk", "jabatan", "dusun")
                .filter(pk=pid)
                .first()
            )
            if angkat is None:
                pesan = "Pejabat yang dipilih tidak ditemukan."
            elif not angkat.menjabat_pada(tanggal):
                pesan = (
                    f"{angkat.perangkat.nama_bergelar} ({angkat.judul_jabatan}) tidak menjabat "
                    f"pada tanggal surat, {teks_tanggal}."
                )
            else:
                pesan = (
                    f"{angkat.perangkat.nama_bergelar} ({angkat.judul_jabatan}) tidak berhak "
                    "menandatangani u.b."
                )
            raise ValidationError({"penandatangan": pesan})
        baris = [f"a.n. {kepala}"]
        if info["an"]:
            baris.append(info["an"].jabatan)
        baris += ["u.b.", p.jabatan]
        jenis = Surat.JenisTtd.UB
    else:
        raise ValidationError({"penandatangan": "Pilih penanda tangan."})
    nomor, label = _nomor_induk(p, desa)
    return {
        "jenis": str(jenis),
        "nama": p.nama,
        "jabatan": p.jabatan,
        "nomor_induk": nomor,
        "label_nomor_induk": label,
        "baris_jabatan": baris,
        "pengangkatan_id": p.pengangkatan_id,
        "terverifikasi": p.terverifikasi,
        "kepala_desa": kd.nama,
    }


def penandatangan_pratinjau(tanggal: datetime.date, desa) -> dict[str, Any] | None:
    try:
        return penandatangan_terpilih("kepala_desa", tanggal, desa)
    except ValidationError:
        return None


# --- filling ---------------------------------------------------------------------------------------


def nilai_surat_lengkap(
    *,
    jenis: JenisSurat,
    penduduk,
    isian: dict[str, Any],
    tanggal: datetime.date,
    desa,
    ttd: dict[str, Any] | None,
    nomor: str,
    nomor_urut: int | None,
    berlaku_sampai: datetime.date | None,
) -> dict[str, object]:
    nilai: dict[str, object] = {}
    nilai.update(kode_isian.nilai_desa(desa))
    nilai.update(kode_isian.nilai_penduduk(penduduk, tanggal))
    nilai.update(
        kode_isian.nilai_surat(
            jenis=jenis,
            tanggal=tanggal,
            nomor=nomor,
            nomor_urut=nomor_urut,
            berlaku_sampai=berlaku_sampai,
        )
    )
    nilai.update(kode_isian.nilai_penandatangan(ttd, (ttd or {}).get("kepala_desa", "")))
    nilai.update(kode_isian.nilai_isian(jenis.isian, isian))
    return nilai


def pratinjau(
    *, jenis: JenisSurat, penduduk, isian: dict[str, Any], isi: str | None = None
) -> dict[str, Any]:
    """The body filled as it would print today (number shown as "…"); unknown codes marked.

    `isi` previews an unsaved template text (the type editor)."""
    desa = identitas_desa()
    tanggal = timezone.localdate()
    ttd = penandatangan_pratinjau(tanggal, desa)
    nomor = penomoran.format_nomor(
        penomoran.format_untuk(jenis),
        nomor_urut=None,
        kode_surat=jenis.kode_surat,
        kode_desa=desa.kode_desa,
        tanggal=tanggal,
    )
    nilai = nilai_surat_lengkap(
        jenis=jenis,
        penduduk=penduduk,
        isian=isian,
        tanggal=tanggal,
        desa=desa,
        ttd=ttd,
        nomor=nomor,
        nomor_urut=None,
        berlaku_sampai=kode_isian.hitung_berlaku_sampai(jenis, tanggal),
    )
    teks = bersihkan_html(jenis.isi if isi is None else isi)
    return {
        "isi": kode_isian.isi_template(teks, nilai, tandai_asing=True),
        "nomor": nomor,
        "tanggal": tanggal,
        "ttd": ttd,
        "asing": kode_isian.kode_asing(teks, jenis.isian),
    }
