"""Appointments by decree (SK): entry, correction, the SK check (verification), dismissal.

Every write here first takes the same lock (all `Jabatan` rows, in id order): appointment writes
are rare (a few a year), and one serial order makes the cross-row rules below safe under
concurrency on PostgreSQL (SQLite serialises writers anyway):

- a single-holder post has one definitive holder at a time, and one acting (Plt/Pj) holder;
- a per-dusun post (Kepala Dusun) has one definitive holder per dusun at a time;
- a person holds one definitive post at a time (an acting post beside it is fine);
- one appointment at a time may sign "a.n." (the sekretaris);
- an SK pengangkatan number belongs to one person.

The open (not yet dismissed) cases of the first four are also partial unique constraints in the
database; see docs/perangkat.md.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from perangkat.berkas import periksa_berkas_sk
from perangkat.models import (
    Jabatan,
    JenisPengangkatan,
    Pengangkatan,
    Perangkat,
    StatusVerifikasi,
)
from sid.exceptions import PerluKonfirmasi
from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.ubah import terapkan
from sid.models import Wilayah

# Fields whose change means the entry no longer matches what was checked against the scan.
KOLOM_SK = {
    "perangkat",
    "jabatan",
    "dusun",
    "jenis",
    "nomor_sk",
    "tanggal_sk",
    "tmt",
    "rencana_selesai",
    "berkas_sk",
}
KOLOM_UBAH = KOLOM_SK | {"boleh_an", "boleh_ub", "keterangan"}
KOLOM_AUDIT_ABAIKAN = {"dibuat", "diperbarui", "uuid", "jabatan_tunggal"}


def _tgl(tanggal: datetime.date | None) -> str:
    return tanggal.strftime("%d-%m-%Y") if tanggal else "-"


def _periode(p: Pengangkatan) -> str:
    akhir = f"s.d. {_tgl(p.tanggal_berhenti)}" if p.tanggal_berhenti else "sampai sekarang"
    return f"TMT {_tgl(p.tmt)} {akhir}"


def _kunci() -> None:
    """Serialise appointment writes (see the module docstring)."""
    list(Jabatan.objects.select_for_update().order_by("pk").values_list("pk", flat=True))


def _tanpa(perubahan: dict) -> dict:
    return {k: v for k, v in perubahan.items() if k not in KOLOM_AUDIT_ABAIKAN}


def _isi_awal(perubahan: dict) -> dict:
    """A new row's audit entry: only the fields that hold something."""
    return {k: v for k, v in _tanpa(perubahan).items() if v[1] not in (None, "", False)}


def _validasi(p: Pengangkatan, *, konfirmasi: bool, jabatan_berubah: bool = True) -> None:
    """Every rule of one appointment, hard errors first; the back-dated TMT warning last."""
    p.nomor_sk = " ".join((p.nomor_sk or "").split())
    p.keterangan = " ".join((p.keterangan or "").split())
    galat: dict[str, Any] = {}
    if not p.perangkat_id:
        galat["perangkat"] = "Pilih perangkat yang diangkat."
    if not p.jabatan_id:
        galat["jabatan"] = "Pilih jabatan."
    if not p.nomor_sk:
        galat["nomor_sk"] = "Nomor SK pengangkatan wajib diisi."
    if not p.tanggal_sk:
        galat["tanggal_sk"] = "Tanggal SK pengangkatan wajib diisi."
    if not p.tmt:
        galat["tmt"] = "TMT (tanggal mulai menjabat) wajib diisi."
    if galat:
        raise ValidationError(galat)
    jabatan = p.jabatan
    p.jabatan_tunggal = jabatan.tunggal
    if jabatan_berubah and not jabatan.aktif:
        galat["jabatan"] = f"Jabatan {jabatan.nama} tidak dipakai lagi."
    if p.dusun_id:
        dusun = Wilayah.objects.get(pk=p.dusun_id)
        if not jabatan.per_dusun:
            galat["dusun"] = "Dusun hanya diisi untuk jabatan per dusun (mis. Kepala Dusun)."
        elif dusun.tingkat != Wilayah.Tingkat.DUSUN:
            galat["dusun"] = "Pilih sebuah dusun."
    if p.boleh_an and not jabatan.sekretaris:
        galat["boleh_an"] = (
            "Hanya Sekretaris Desa yang dapat menandatangani atas nama (a.n.) Kepala Desa."
        )
    if p.boleh_ub and jabatan.kepala_desa:
        galat["boleh_ub"] = "Kepala Desa menandatangani sendiri, bukan u.b."
    if p.rencana_selesai and p.rencana_selesai <= p.tmt:
        galat["rencana_selesai"] = (
            f"Akhir masa jabatan ({_tgl(p.rencana_selesai)}) harus setelah TMT ({_tgl(p.tmt)})."
        )
    if p.tanggal_berhenti and p.tanggal_berhenti < p.tmt:
        galat["tmt"] = (
            f"TMT ({_tgl(p.tmt)}) tidak boleh setelah tanggal berhenti yang sudah tercatat "
            f"({_tgl(p.tanggal_berhenti)})."
        )
    if p.tanggal_sk_berhenti and p.tanggal_sk_berhenti < p.tanggal_sk:
        galat["tanggal_sk"] = (
            f"Tanggal SK ({_tgl(p.tanggal_sk)}) tidak boleh setelah tanggal SK pemberhentian "
            f"yang sudah tercatat ({_tgl(p.tanggal_sk_berhenti)})."
        )
    if galat:
        raise ValidationError(galat)
    _periksa_nomor_sk(p)
    _periksa_tumpang_tindih(p)
    p.full_clean(validate_unique=False, validate_constraints=False)
    if p.tmt < p.tanggal_sk and not konfirmasi:
        raise PerluKonfirmasi(
            f"TMT ({_tgl(p.tmt)}) lebih awal dari tanggal SK ({_tgl(p.tanggal_sk)}). SK yang "
            "berlaku surut memang ada; centang konfirmasi bila tanggal ini sesuai dengan SK."
        )


def _periksa_nomor_sk(p: Pengangkatan) -> None:
    """An SK pengangkatan number names one person (compared without case or extra spaces)."""
    lain = (
        Pengangkatan.objects.filter(nomor_sk__iexact=p.nomor_sk)
        .exclude(perangkat_id=p.perangkat_id)
        .exclude(pk=p.pk)
        .select_related("perangkat__penduduk", "jabatan", "dusun")
        .first()
    )
    if lain:
        raise ValidationError(
            {
                "nomor_sk": f"Nomor SK {p.nomor_sk} sudah dipakai untuk pengangkatan "
                f"{lain.perangkat} sebagai {lain.judul_jabatan}. Satu SK pengangkatan hanya "
                "untuk satu orang: periksa kembali nomornya."
            }
        )


def _periksa_tumpang_tindih(p: Pengangkatan) -> None:
    lain = (
        Pengangkatan.objects.exclude(pk=p.pk)
        .tumpang_tindih(p.tmt, p.tanggal_berhenti)
        .select_related("perangkat__penduduk", "jabatan", "dusun")
    )
    jabatan = p.jabatan
    definitif = p.jenis == JenisPengangkatan.DEFINITIF
    if jabatan.tunggal:
        sejenis = lain.filter(jabatan=jabatan)
        if definitif:
            sejenis = sejenis.filter(jenis=JenisPengangkatan.DEFINITIF)
        else:
            sejenis = sejenis.exclude(jenis=JenisPengangkatan.DEFINITIF)
        bentrok = sejenis.order_by("tmt").first()
        if bentrok:
            if definitif:
                pesan = (
                    f"Jabatan {jabatan.nama} sudah dipegang secara definitif oleh "
                    f"{bentrok.perangkat} ({_periode(bentrok)}). Satu jabatan hanya boleh "
                    "memiliki satu pejabat definitif pada waktu yang sama: catat dulu "
                    "pemberhentian pejabat tersebut, atau angkat sebagai Plt/Pj."
                )
            else:
                pesan = (
                    f"Jabatan {jabatan.nama} sudah memiliki pejabat sementara: "
                    f"{bentrok.judul_jabatan} {bentrok.perangkat} ({_periode(bentrok)}). "
                    "Catat dulu pemberhentiannya."
                )
            raise ValidationError({"jabatan": pesan})
    if jabatan.per_dusun and p.dusun_id and definitif:
        bentrok = (
            lain.filter(jabatan=jabatan, dusun_id=p.dusun_id, jenis=JenisPengangkatan.DEFINITIF)
            .order_by("tmt")
            .first()
        )
        if bentrok:
            raise ValidationError(
                {
                    "dusun": f"{bentrok.judul_jabatan} sudah dijabat secara definitif oleh "
                    f"{bentrok.perangkat} ({_periode(bentrok)}). Catat dulu pemberhentiannya."
                }
            )
    milik_sendiri = lain.filter(perangkat_id=p.perangkat_id)
    bentrok = milik_sendiri.filter(jabatan=jabatan).order_by("tmt").first()
    if bentrok:
        raise ValidationError(
            {
                "perangkat": f"{bentrok.perangkat} sudah tercatat sebagai {bentrok.judul_jabatan} "
                f"pada periode ini ({_periode(bentrok)})."
            }
        )
    if definitif:
        bentrok = milik_sendiri.filter(jenis=JenisPengangkatan.DEFINITIF).order_by("tmt").first()
        if bentrok:
            raise ValidationError(
                {
                    "perangkat": f"{bentrok.perangkat} masih memegang jabatan definitif "
                    f"{bentrok.judul_jabatan} ({_periode(bentrok)}). Catat dulu "
                    "pemberhentiannya; jabatan rangkap hanya sebagai Plt/Pj."
                }
            )
    if p.boleh_an:
        bentrok = lain.filter(boleh_an=True).order_by("tmt").first()
        if bentrok:
            raise ValidationError(
                {
                    "boleh_an": f"{bentrok.perangkat} ({bentrok.judul_jabatan}, "
                    f"{_periode(bentrok)}) sudah berhak menandatangani a.n. Kepala Desa. Hanya "
                    "satu Sekretaris Desa pada satu waktu."
                }
            )


def _simpan(p: Pengangkatan, berkas_baru=None, *, nama_lama: str = "") -> None:
    """Save the row (and a new scan). A lost race on a constraint becomes a clear message."""
    if berkas_baru is not None:
        p.berkas_sk.save(berkas_baru.name, berkas_baru, save=False)
        p.berkas_sk_jenis = berkas_baru.jenis_mime
    try:
        with transaction.atomic():
            p.save()
    except IntegrityError as exc:
        if berkas_baru is not None:
            p.berkas_sk.storage.delete(p.berkas_sk.name)
        raise ValidationError(
            "Data bentrok dengan pengangkatan lain yang baru saja disimpan (pejabat definitif "
            "atau penanda tangan a.n. ganda). Muat ulang dan coba lagi."
        ) from exc
    if berkas_baru is not None and nama_lama:
        # The replaced scan is removed only once the change is committed.
        storage = p.berkas_sk.storage
        transaction.on_commit(lambda: storage.delete(nama_lama))


@transaction.atomic
def pengangkatan_create(
    *,
    oleh: Any,
    perangkat: Perangkat,
    jabatan: Jabatan,
    nomor_sk: str,
    tanggal_sk: datetime.date,
    tmt: datetime.date,
    jenis: str = JenisPengangkatan.DEFINITIF,
    dusun: Wilayah | None = None,
    rencana_selesai: datetime.date | None = None,
    berkas_sk=None,
    boleh_an: bool = False,
    boleh_ub: bool = False,
    keterangan: str = "",
    konfirmasi: bool = False,
) -> Pengangkatan:
    """Enter an appointment from its SK. It starts unverified ("belum diperiksa")."""
    berkas = periksa_berkas_sk(berkas_sk) if berkas_sk else None
    _kunci()
    p = Pengangkatan(
        perangkat=perangkat,
        jabatan=jabatan,
        jenis=jenis,
        dusun=dusun,
        nomor_sk=nomor_sk,
        tanggal_sk=tanggal_sk,
        tmt=tmt,
        rencana_selesai=rencana_selesai,
        boleh_an=boleh_an,
        boleh_ub=boleh_ub,
        keterangan=keterangan,
        dibuat_oleh=oleh if getattr(oleh, "is_authenticated", False) else None,
    )
    _validasi(p, konfirmasi=konfirmasi)
    _simpan(p, berkas)
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=p,
        perubahan=_isi_awal(selisih({}, potret(p))),
        keterangan="Pengangkatan dicatat dari SK; menunggu pemeriksaan."
        + (" TMT sebelum tanggal SK dikonfirmasi." if tmt < tanggal_sk else ""),
    )
    return p


@transaction.atomic
def pengangkatan_update(
    *, oleh: Any, pengangkatan: Pengangkatan, data: dict[str, Any], konfirmasi: bool = False
) -> Pengangkatan:
    """Correct an appointment. Changing any SK field (or the scan) sends it back to checking."""
    berkas = periksa_berkas_sk(data["berkas_sk"]) if data.get("berkas_sk") else None
    _kunci()
    p = Pengangkatan.objects.select_for_update().get(pk=pengangkatan.pk)
    sebelum = potret(p)  # `_validasi` tidies and the scan is stored on save: diff after
    jabatan_lama = p.jabatan_id
    nama_lama = p.berkas_sk.name if berkas is not None else ""
    terapkan(p, {k: v for k, v in data.items() if k != "berkas_sk"}, kolom=KOLOM_UBAH)
    _validasi(p, konfirmasi=konfirmasi, jabatan_berubah=p.jabatan_id != jabatan_lama)
    sesudah_tanpa_berkas = potret(p)
    berubah_sk = berkas is not None or any(
        sebelum.get(k) != sesudah_tanpa_berkas.get(k) for k in KOLOM_SK
    )
    keterangan = ""
    if berubah_sk and p.status_verifikasi != StatusVerifikasi.BELUM:
        if p.status_verifikasi == StatusVerifikasi.TERVERIFIKASI:
            keterangan = "Data SK diubah: status verifikasi kembali ke 'belum diperiksa'."
        p.status_verifikasi = StatusVerifikasi.BELUM
        p.diverifikasi_oleh = None
        p.diverifikasi_pada = None
    _simpan(p, berkas, nama_lama=nama_lama)
    perubahan = _tanpa(selisih(sebelum, potret(p)))
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=p, perubahan=perubahan, keterangan=keterangan)
    return p


@transaction.atomic
def pengangkatan_verifikasi(*, oleh: Any, pengangkatan: Pengangkatan) -> Pengangkatan:
    """ "Cocok": the entered data match the scanned SK."""
    p = Pengangkatan.objects.select_for_update().get(pk=pengangkatan.pk)
    if not p.berkas_sk:
        raise ValidationError(
            "Belum ada pindaian SK. Unggah berkas SK terlebih dahulu, lalu periksa kecocokannya."
        )
    if p.status_verifikasi == StatusVerifikasi.TERVERIFIKASI:
        raise ValidationError("Pengangkatan ini sudah terverifikasi.")
    sebelum = potret(p, ["status_verifikasi", "diverifikasi_oleh", "catatan_perbaikan"])
    p.status_verifikasi = StatusVerifikasi.TERVERIFIKASI
    p.diverifikasi_oleh = oleh if getattr(oleh, "is_authenticated", False) else None
    p.diverifikasi_pada = timezone.now()
    p.catatan_perbaikan = ""
    p.save(
        update_fields=[
            "status_verifikasi",
            "diverifikasi_oleh",
            "diverifikasi_pada",
            "catatan_perbaikan",
            "diperbarui",
        ]
    )
    catat_aktivitas(
        oleh=oleh,
        aksi="verifikasi",
        objek=p,
        perubahan=selisih(sebelum, potret(p, list(sebelum))),
        keterangan="Data pengangkatan cocok dengan pindaian SK.",
    )
    return p


@transaction.atomic
def pengangkatan_minta_perbaikan(
    *, oleh: Any, pengangkatan: Pengangkatan, catatan: str
) -> Pengangkatan:
    """ "Perbaiki": the entry does not match the scan; say what to correct."""
    catatan = (catatan or "").strip()
    if len(catatan) < 5:
        raise ValidationError(
            {"catatan": "Tulis apa yang harus diperbaiki (mis. 'tanggal SK tertulis 2 Mei')."}
        )
    p = Pengangkatan.objects.select_for_update().get(pk=pengangkatan.pk)
    sebelum = potret(p, ["status_verifikasi", "diverifikasi_oleh", "catatan_perbaikan"])
    p.status_verifikasi = StatusVerifikasi.PERLU_PERBAIKAN
    p.catatan_perbaikan = catatan
    p.diverifikasi_oleh = None
    p.diverifikasi_pada = None
    p.save(
        update_fields=[
            "status_verifikasi",
            "diverifikasi_oleh",
            "diverifikasi_pada",
            "catatan_perbaikan",
            "diperbarui",
        ]
    )
    catat_aktivitas(
        oleh=oleh,
        aksi="minta_perbaikan",
        objek=p,
        perubahan=selisih(sebelum, potret(p, list(sebelum))),
        keterangan=catatan,
    )
    return p


@transaction.atomic
def pengangkatan_berhenti(
    *,
    oleh: Any,
    pengangkatan: Pengangkatan,
    nomor_sk_berhenti: str,
    tanggal_sk_berhenti: datetime.date,
    tanggal_berhenti: datetime.date | None = None,
    alasan_berhenti: str = "",
) -> Pengangkatan:
    """Record the dismissal (SK pemberhentian), or correct a recorded one.

    `tanggal_berhenti` is the first day out of office; it defaults to the SK date.
    """
    nomor = " ".join((nomor_sk_berhenti or "").split())
    tanggal_berhenti = tanggal_berhenti or tanggal_sk_berhenti
    _kunci()
    p = Pengangkatan.objects.select_for_update().select_related("jabatan").get(pk=pengangkatan.pk)
    galat: dict[str, Any] = {}
    if not nomor:
        galat["nomor_sk_berhenti"] = "Nomor SK pemberhentian wajib diisi."
    if not tanggal_sk_berhenti:
        galat["tanggal_sk_berhenti"] = "Tanggal SK pemberhentian wajib diisi."
    elif tanggal_sk_berhenti < p.tanggal_sk:
        galat["tanggal_sk_berhenti"] = (
            f"Tanggal SK pemberhentian ({_tgl(tanggal_sk_berhenti)}) tidak boleh sebelum "
            f"tanggal SK pengangkatan ({_tgl(p.tanggal_sk)})."
        )
    if tanggal_berhenti and tanggal_berhenti < p.tmt:
        galat["tanggal_berhenti"] = (
            f"Tanggal berhenti ({_tgl(tanggal_berhenti)}) tidak boleh sebelum TMT "
            f"pengangkatan ({_tgl(p.tmt)})."
        )
    if galat:
        raise ValidationError(galat)
    sebelum = potret(
        p, ["nomor_sk_berhenti", "tanggal_sk_berhenti", "tanggal_berhenti", "alasan_berhenti"]
    )
    koreksi = p.tanggal_berhenti is not None
    p.nomor_sk_berhenti = nomor
    p.tanggal_sk_berhenti = tanggal_sk_berhenti
    p.tanggal_berhenti = tanggal_berhenti
    p.alasan_berhenti = " ".join((alasan_berhenti or "").split())
    # A later end date could now overlap a successor: check the period again.
    _periksa_tumpang_tindih(p)
    p.full_clean(validate_unique=False, validate_constraints=False)
    _simpan(p)
    catat_aktivitas(
        oleh=oleh,
        aksi="koreksi_berhenti" if koreksi else "berhenti",
        objek=p,
        perubahan=selisih(sebelum, potret(p, list(sebelum))),
        keterangan=p.alasan_berhenti,
    )
    return p
