"""Applying a batch's content to the hub's tables, per dataset and schema version.

Aggregate datasets share one shape ({"angka": [rows]}), stored as `Angka` rows: any new
aggregate dataset a village registers is accepted without hub code (schema version 1).
"Snapshot" datasets (population, officials …) describe the state at a period: only the newest
period is `terkini` and keeps its per-dusun detail. "Deret" datasets (monthly change, letters,
budgets per year) are one fact per period: every period stays current.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum

from hub.models import Anggaran, Angka, DesaHub, RekamanHub
from hub.verifikasi import Ditolak
from sid.lib.kabel import protokol

SNAPSHOT, DERET = "snapshot", "deret"
BATAS_BARIS = 20_000
JENIS_BERKAS = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
}


@dataclass(frozen=True)
class Spek:
    versi: frozenset[int]
    riwayat: str
    terapkan: Callable[..., None]
    rekaman: bool = False


def _tolak(pesan: str) -> Ditolak:
    return Ditolak(400, "isi_tidak_sah", pesan)


def _teks(nilai: Any, batas: int) -> str:
    return ("" if nilai is None else str(nilai))[:batas]


def _bulat(nilai: Any) -> int:
    if isinstance(nilai, bool) or not isinstance(nilai, int) or nilai < 0:
        raise _tolak("Angka harus bilangan bulat tidak negatif.")
    return nilai


# --- aggregates ------------------------------------------------------------------------------
def terapkan_angka(
    *, desa: DesaHub, dataset: str, periode: str, isi: dict, terkini: bool, spek: Spek, **_
) -> None:
    """Village-level rows (summed over dusun) as `Angka`; the per-dusun detail goes to
    DataPeriode.isi["dusun"] (see `isi_disimpan`)."""
    baris = isi.get("angka")
    if not isinstance(baris, list) or len(baris) > BATAS_BARIS:
        raise _tolak("Isi dataset agregat harus memuat daftar 'angka'.")
    desa_saja: dict[tuple[str, str], Angka] = {}
    for r in baris:
        if not isinstance(r, dict) or not r.get("kategori") or r.get("kunci") in (None, ""):
            raise _tolak("Setiap baris angka harus memiliki kategori dan kunci.")
        kategori, kunci = _teks(r["kategori"], 40), _teks(r["kunci"], 60)
        jumlah = _bulat(r.get("jumlah", 0))
        lk, pr = _bulat(r.get("l", 0)), _bulat(r.get("p", 0))
        a = desa_saja.get((kategori, kunci))
        if a is None:
            a = desa_saja[(kategori, kunci)] = Angka(
                desa=desa,
                dataset=dataset,
                periode=periode,
                kategori=kategori,
                kunci=kunci,
                label=_teks(r.get("label", kunci), 200),
                jenis=_teks(r.get("jenis", "data"), 10),
                terkini=terkini,
            )
        a.jumlah += jumlah
        a.l += lk
        a.p += pr
    if spek.riwayat == SNAPSHOT and terkini:
        Angka.objects.filter(desa=desa, dataset=dataset, terkini=True).exclude(
            periode=periode
        ).update(terkini=False)
    Angka.objects.filter(desa=desa, dataset=dataset, periode=periode).delete()
    Angka.objects.bulk_create(desa_saja.values(), batch_size=2000)


def rinci_dusun(isi: dict) -> dict[str, list]:
    """The per-dusun rows, compact: {kategori: [[kunci, dusun, jumlah, l, p], ...]}."""
    hasil: dict[str, list] = {}
    for r in isi.get("angka") or []:
        if r.get("dusun"):
            hasil.setdefault(str(r["kategori"])[:40], []).append(
                [
                    str(r["kunci"])[:60],
                    str(r["dusun"])[:60],
                    r.get("jumlah", 0),
                    r.get("l", 0),
                    r.get("p", 0),
                ]  # fmt: skip
            )
    return hasil


def jumlah_angka(
    desa: DesaHub, dataset: str, periode: str, kategori: str | None, kunci: str | None = None
) -> int:
    """The headline total, as `protokol.jumlah_angka` computes it on the village side."""
    qs = Angka.objects.filter(desa=desa, dataset=dataset, periode=periode)
    if kategori:
        qs = qs.filter(kategori=kategori)
    if kunci:
        qs = qs.filter(kunci=kunci)
    return qs.aggregate(n=Sum("jumlah"))["n"] or 0


# --- budget ------------------------------------------------------------------------------------
def _desimal(nilai: Any) -> Decimal:
    try:
        hasil = Decimal(str(nilai))
    except (InvalidOperation, ValueError):
        raise _tolak("Nilai anggaran harus angka desimal.") from None
    if not hasil.is_finite() or abs(hasil) >= Decimal("1e16"):
        raise _tolak("Nilai anggaran di luar batas.")
    return hasil.quantize(Decimal("0.01"))


def terapkan_apbdes(*, desa: DesaHub, periode: str, isi: dict, **_) -> None:
    if not periode.isdigit():
        raise _tolak("Periode APBDes harus tahun (YYYY).")
    tahun = int(periode)
    baris = []
    for jenis, kunci in ((Anggaran.Jenis.REKENING, "rekening"), (Anggaran.Jenis.BIDANG, "bidang")):
        daftar = isi.get(kunci, [])
        if not isinstance(daftar, list) or len(daftar) > BATAS_BARIS:
            raise _tolak(f"Daftar '{kunci}' APBDes tidak sah.")
        for r in daftar:
            if not isinstance(r, dict) or not r.get("kode"):
                raise _tolak("Setiap baris APBDes harus memiliki kode.")
            baris.append(
                Anggaran(
                    desa=desa,
                    tahun=tahun,
                    jenis=jenis,
                    kode=_teks(r["kode"], 40),
                    uraian=_teks(r.get("uraian"), 255),
                    tingkat=int(r.get("tingkat") or 1),
                    anggaran=_desimal(r.get("anggaran", 0)),
                    realisasi_semester_1=_desimal(r.get("realisasi_semester_1", 0)),
                    realisasi=_desimal(r.get("realisasi", 0)),
                )
            )
    Anggaran.objects.filter(desa=desa, tahun=tahun).delete()
    Anggaran.objects.bulk_create(baris, batch_size=2000)


# --- identity ------------------------------------------------------------------------------------
def terapkan_identitas(*, desa: DesaHub, isi: dict, terkini: bool, **_) -> None:
    if terkini:
        DesaHub.objects.filter(pk=desa.pk).update(
            identitas={k: v for k, v in isi.items() if isinstance(v, str | int | list | None)}
        )


# --- records (officials and their SK) ---------------------------------------------------------
def _jenis_berkas(isi: bytes) -> tuple[str, str]:
    for awalan, jenis in JENIS_BERKAS.items():
        if isi.startswith(awalan):
            return jenis
    raise _tolak("Berkas lampiran harus PDF, JPG atau PNG.")


def _hapus_berkas_setelah_commit(nama: str) -> None:
    if nama:
        storage = RekamanHub._meta.get_field("berkas").storage
        transaction.on_commit(lambda: storage.delete(nama))


def terapkan_rekaman(
    *,
    desa: DesaHub,
    dataset: str,
    isi: dict,
    tingkat: str,
    penuh: bool,
    berkas: dict[str, str],
    **_,
) -> None:
    rekaman = isi.get("rekaman", [])
    hapus = isi.get("hapus", [])
    if not isinstance(rekaman, list) or not isinstance(hapus, list):
        raise _tolak("Isi rekaman harus memuat daftar 'rekaman' dan 'hapus'.")
    if tingkat != "rekaman":
        if rekaman:
            raise Ditolak(
                400, "tingkat_tidak_sesuai", "Rekaman hanya diterima pada kebijakan 'rekaman'."
            )
        return
    ada = {r.kunci: r for r in RekamanHub.objects.filter(desa=desa, dataset=dataset)}
    masuk = set()
    for r in rekaman:
        if not isinstance(r, dict) or not r.get("kunci") or not isinstance(r.get("data"), dict):
            raise _tolak("Setiap rekaman harus memiliki kunci dan data.")
        kunci = _teks(r["kunci"], 64)
        masuk.add(kunci)
        obj = ada.get(kunci) or RekamanHub(desa=desa, dataset=dataset, kunci=kunci)
        obj.data = r["data"]
        obj.sha = _teks(r.get("sha256"), 64)
        lampiran = r.get("berkas") or {}
        sha_baru = _teks(lampiran.get("sha256"), 64) if isinstance(lampiran, dict) else ""
        if sha_baru != obj.berkas_sha:
            lama = obj.berkas.name if obj.berkas else ""
            if sha_baru:
                data = berkas.get(sha_baru)
                if data is None:
                    raise _tolak(f"Berkas {sha_baru[:12]}… tidak ikut dikirim.")
                mentah = base64.b64decode(data)
                jenis, ekstensi = _jenis_berkas(mentah)
                obj.berkas.save(
                    f"{desa.kode}/{dataset}/{sha_baru}.{ekstensi}", ContentFile(mentah), save=False
                )
                obj.berkas_jenis = jenis
            else:
                obj.berkas = ""
                obj.berkas_jenis = ""
            obj.berkas_sha = sha_baru
            _hapus_berkas_setelah_commit(lama)
        obj.save()
    dihapus = {_teks(k, 64) for k in hapus}
    if penuh:
        dihapus |= set(ada) - masuk
    for kunci in dihapus - masuk:
        if kunci in ada:
            _hapus_berkas_setelah_commit(ada[kunci].berkas.name if ada[kunci].berkas else "")
    RekamanHub.objects.filter(desa=desa, dataset=dataset, kunci__in=dihapus - masuk).delete()


def ringkasan_rekaman(desa: DesaHub, dataset: str) -> dict:
    pasangan = list(
        RekamanHub.objects.filter(desa=desa, dataset=dataset).values_list("kunci", "sha")
    )
    return {"jumlah": len(pasangan), "sha256": protokol.digest_rekaman(pasangan)}


def periksa_berkas(berkas: Any, manifes: dict) -> dict[str, str]:
    """Attached files: each one's SHA-256 and size must match the manifest."""
    if berkas in (None, {}):
        berkas = {}
    if not isinstance(berkas, dict):
        raise Ditolak(400, "manifes_tidak_cocok", "Daftar berkas tidak sah.")
    daftar = manifes.get("berkas") or {}
    if set(berkas) != set(daftar):
        raise Ditolak(400, "manifes_tidak_cocok", "Berkas tidak sesuai manifes.")
    for sha, data in berkas.items():
        try:
            mentah = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise Ditolak(400, "manifes_tidak_cocok", "Berkas bukan base64 yang sah.") from None
        if hashlib.sha256(mentah).hexdigest() != sha or len(mentah) != daftar[sha]:
            raise Ditolak(400, "manifes_tidak_cocok", "Isi berkas tidak cocok dengan manifes.")
    return berkas


SPEK: dict[str, Spek] = {
    "identitas": Spek(frozenset({1}), SNAPSHOT, terapkan_identitas),
    "penduduk": Spek(frozenset({1}), SNAPSHOT, terapkan_angka),
    "mutasi": Spek(frozenset({1}), DERET, terapkan_angka),
    "surat": Spek(frozenset({1}), DERET, terapkan_angka),
    "bantuan": Spek(frozenset({1}), SNAPSHOT, terapkan_angka),
    "pengaduan": Spek(frozenset({1}), SNAPSHOT, terapkan_angka),
    "apbdes": Spek(frozenset({1}), DERET, terapkan_apbdes),
    "perangkat": Spek(frozenset({1}), SNAPSHOT, terapkan_rekaman, rekaman=True),
}
GENERIK = Spek(frozenset({1}), SNAPSHOT, terapkan_angka)


def spek(dataset: str, isi: Any) -> Spek | None:
    """The dataset's spec; an unknown dataset with aggregate content uses the generic one."""
    if dataset in SPEK:
        return SPEK[dataset]
    if isinstance(isi, dict) and isinstance(isi.get("angka"), list):
        return GENERIK
    return None


def isi_disimpan(spek_: Spek, isi: dict, terkini: bool) -> dict:
    """What DataPeriode keeps of the content: everything but the rows stored elsewhere, and
    the per-dusun detail of the newest snapshot."""
    if spek_.terapkan is terapkan_angka:
        hasil = {k: v for k, v in isi.items() if k != "angka"}
        dusun = rinci_dusun(isi) if terkini else {}
        if dusun:
            hasil["dusun"] = dusun
        return hasil
    if spek_.terapkan is terapkan_apbdes:
        return {k: v for k, v in isi.items() if k not in ("rekening", "bidang", "rincian")}
    if spek_.rekaman:
        return {"agregat": isi.get("agregat", {})}
    return isi
