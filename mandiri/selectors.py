"""Reads of the resident portal. Each takes the logged-in resident and runs a fixed, small
number of queries; nothing here can return another resident's data."""

from __future__ import annotations

import contextlib

from django.db.models import Count

from bantuan.selectors import bantuan_penduduk
from konten.models import Agenda
from konten.selectors import artikel_publik, pengumuman_tayang
from mandiri import surat_api
from mandiri.models import Pengaduan, Permohonan
from penduduk.models import DokumenPenduduk, Penduduk
from sid import kode
from sid.lib.format import samarkan_nik, tanggal_indonesia

JUMLAH_BERANDA = 5


def informasi(jumlah: int = 5) -> dict:
    """Latest articles, coming agenda and current announcements (3 queries)."""
    return {
        "artikel": list(artikel_publik()[:jumlah]),
        "agenda": list(Agenda.objects.mendatang()[:jumlah]),
        "pengumuman": pengumuman_tayang()[:jumlah],  # cached by the website app
    }


def beranda(penduduk) -> dict:
    """Open requests and the latest announcements (1 query + the website's cached block)."""
    terbuka = list(
        Permohonan.objects.filter(penduduk=penduduk)
        .terbuka()
        .dengan_status()
        .select_related("jenis")
        .order_by("-dibuat", "-pk")[:JUMLAH_BERANDA]
    )
    return {
        "permohonan_terbuka": terbuka,
        "pengumuman": pengumuman_tayang()[:JUMLAH_BERANDA],
    }


def biodata(p) -> list[tuple[str, list[tuple[str, str]]]]:
    """The resident's own data, grouped, as readable text (the resident is loaded with family
    and wilayah by the session; no query)."""

    def pilihan(nama):
        nilai = getattr(p, nama)
        return getattr(p, f"get_{nama}_display")() if nilai is not None else "-"

    keluarga = p.keluarga
    return [
        (
            "Identitas",
            [
                ("NIK", p.nik),
                ("Nama lengkap", p.nama),
                ("Jenis kelamin", pilihan("jenis_kelamin")),
                ("Tempat, tanggal lahir", p.tempat_tanggal_lahir),
                ("Umur", f"{p.umur()} tahun"),
                ("Agama", pilihan("agama")),
                ("Golongan darah", pilihan("golongan_darah")),
                ("Kewarganegaraan", pilihan("warganegara")),
            ],
        ),
        (
            "Keluarga dan alamat",
            [
                ("No. KK", keluarga.no_kk if keluarga else "-"),
                ("Hubungan dalam keluarga", pilihan("shdk")),
                ("Alamat", (keluarga.alamat if keluarga else p.alamat_sekarang) or "-"),
                ("Wilayah", str(p.wilayah)),
                ("Status perkawinan", pilihan("status_kawin")),
            ],
        ),
        (
            "Pendidikan dan pekerjaan",
            [
                ("Pendidikan dalam KK", pilihan("pendidikan_kk")),
                ("Pekerjaan", pilihan("pekerjaan")),
            ],
        ),
        (
            "Dokumen",
            [
                ("Nomor akta kelahiran", p.akta_lahir or "-"),
                ("Status rekam KTP-el", pilihan("status_rekam")),
                ("Nama ayah", p.nama_ayah or "-"),
                ("Nama ibu", p.nama_ibu or "-"),
            ],
        ),
    ]


def keluarga(p) -> dict:
    """The resident's family: members with SHDK; other members' NIK masked (1 query)."""

    if not p.keluarga_id:
        return {"keluarga": None, "anggota": []}
    anggota = []
    for a in (
        Penduduk.objects.filter(keluarga_id=p.keluarga_id, status_dasar=kode.StatusDasar.HIDUP)
        .only("pk", "nama", "nik", "shdk", "jenis_kelamin", "tanggal_lahir", "tempat_lahir")
        .order_by("shdk", "tanggal_lahir", "pk")
    ):
        sendiri = a.pk == p.pk
        anggota.append(
            {
                "nama": a.nama,
                "nik": a.nik if sendiri else samarkan_nik(a.nik),
                "shdk": a.get_shdk_display() if a.shdk else "-",
                "jenis_kelamin": a.get_jenis_kelamin_display(),
                "lahir": f"{a.tempat_lahir}, {tanggal_indonesia(a.tanggal_lahir)}",
                "sendiri": sendiri,
            }
        )
    return {"keluarga": p.keluarga, "anggota": anggota}


def bantuan(p) -> list:
    return bantuan_penduduk(p)


def riwayat(p) -> dict:
    """All the resident's requests, and their issued letters ready to download (2 queries)."""
    permohonan = list(
        Permohonan.objects.filter(penduduk=p)
        .dengan_status()
        .select_related("jenis")
        .order_by("-dibuat", "-pk")[:100]
    )
    return {"daftar": permohonan, "surat_terbit": surat_api.surat_terbit_penduduk(p)}


pdf_siap = surat_api.pdf_siap
surat_milik = surat_api.surat_milik


def isian_tampil(jenis, isian: dict) -> list[tuple[str, str]]:
    hasil = []
    for f in jenis.isian:
        nilai = (isian or {}).get(f["kode"]) or "-"
        if f.get("jenis") == "tanggal" and nilai != "-":
            import datetime

            with contextlib.suppress(ValueError):
                nilai = tanggal_indonesia(datetime.date.fromisoformat(nilai))
        hasil.append((f.get("label") or f["kode"], nilai))
    return hasil


def pengaduan(p) -> list[Pengaduan]:
    return list(
        Pengaduan.objects.filter(penduduk=p)
        .annotate(jumlah_balasan=Count("balasan"))
        .order_by("-dibuat", "-pk")[:100]
    )


def dokumen(p) -> list[DokumenPenduduk]:
    """The resident's stored documents and their family's (the KK), newest first (1 query)."""
    return list(
        DokumenPenduduk.objects.milik_warga(p).select_related("jenis", "peristiwa", "penduduk")
    )
