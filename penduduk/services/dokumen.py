"""Supporting documents of residents and the list of their kinds.

    jenis_dokumen_create / _update / _delete   the village's list of kinds (KK, KTP …)
    dokumen_tambah                             a checked scan kept for a resident
    dokumen_update                             correct a document's kind, number, date, note
    dokumen_hapus                              remove it; the audit log keeps what it was
    peristiwa_dengan_dokumen                   an event and its document in one transaction

Every upload is checked by content (`sid.lib.berkas.bersihkan_dokumen`, the code that checks
the portal's requirement documents) and stored privately under a random name. The audit entry
of a document is written on the resident, so it shows in the resident's change history.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from penduduk.models import DokumenPenduduk, JenisDokumen, Penduduk, Peristiwa
from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.berkas import bersihkan_dokumen
from sid.lib.ubah import terapkan

KOLOM_JENIS = ["nama", "untuk_keluarga", "urutan", "aktif"]
KOLOM_DOKUMEN = ["jenis", "nomor", "tanggal", "keterangan"]
KOLOM_JEJAK = ["jenis", "nomor", "tanggal", "keterangan", "nama_berkas", "berkas", "peristiwa"]


# --- the kinds --------------------------------------------------------------------------------


def _simpan_jenis(j: JenisDokumen) -> None:
    j.nama = " ".join((j.nama or "").split())
    if not j.nama:
        raise ValidationError({"nama": "Nama jenis dokumen wajib diisi."})
    if JenisDokumen.objects.filter(nama__iexact=j.nama).exclude(pk=j.pk).exists():
        raise ValidationError({"nama": "Jenis dokumen dengan nama ini sudah ada."})
    j.full_clean(validate_constraints=False)
    j.save()


@transaction.atomic
def jenis_dokumen_create(*, oleh: Any, data: dict[str, Any]) -> JenisDokumen:
    asing = set(data) - set(KOLOM_JENIS)
    if asing:
        raise ValidationError(f"Kolom {', '.join(sorted(asing))} tidak dikenal.")
    j = JenisDokumen(**data)
    _simpan_jenis(j)
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=j,
        perubahan=selisih({}, potret(j, KOLOM_JENIS)),
        keterangan="Jenis dokumen ditambahkan.",
    )
    return j


@transaction.atomic
def jenis_dokumen_update(*, oleh: Any, jenis: JenisDokumen, data: dict[str, Any]) -> JenisDokumen:
    j = JenisDokumen.objects.select_for_update().get(pk=jenis.pk)
    perubahan = terapkan(j, data, kolom=KOLOM_JENIS)
    _simpan_jenis(j)
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=j, perubahan=perubahan)
    return j


@transaction.atomic
def jenis_dokumen_delete(*, oleh: Any, jenis: JenisDokumen) -> None:
    j = JenisDokumen.objects.select_for_update().get(pk=jenis.pk)
    if DokumenPenduduk.objects.filter(jenis=j).exists():
        raise ValidationError(
            f"Jenis “{j.nama}” sudah dipakai dokumen penduduk; nonaktifkan saja agar tidak "
            "ditawarkan lagi."
        )
    catat_aktivitas(
        oleh=oleh,
        aksi="hapus",
        objek=j,
        perubahan={k: [v, None] for k, v in potret(j, KOLOM_JENIS).items()},
        keterangan=f"Jenis dokumen {j.nama} dihapus.",
    )
    try:
        j.delete()
    except ProtectedError:
        raise ValidationError(f"Jenis “{j.nama}” masih dipakai.") from None


# --- the documents ----------------------------------------------------------------------------


def periksa_isian(
    *, jenis: JenisDokumen | None, nomor: str, tanggal, keterangan: str, baru: bool
) -> tuple[str, str]:
    """The document's details, normalised: (nomor, keterangan), or a ValidationError by field.
    `baru`: the kind is newly chosen (an inactive kind may stay on an old document)."""
    galat: dict[str, str] = {}
    nomor = " ".join((nomor or "").split())
    keterangan = " ".join((keterangan or "").split())
    if jenis is None:
        galat["jenis"] = "Pilih jenis dokumen."
    elif baru and not jenis.aktif:
        galat["jenis"] = f"Jenis dokumen “{jenis.nama}” tidak aktif lagi; pilih jenis lain."
    if len(nomor) > 60:
        galat["nomor"] = "Nomor dokumen terlalu panjang (maksimal 60 karakter)."
    if len(keterangan) > 200:
        galat["keterangan"] = "Keterangan terlalu panjang (maksimal 200 karakter)."
    if tanggal is not None:
        if not isinstance(tanggal, datetime.date):
            galat["tanggal"] = "Tanggal dokumen tidak sah."
        elif tanggal > timezone.localdate():
            galat["tanggal"] = "Tanggal dokumen tidak boleh di masa depan."
        elif tanggal.year < 1900:
            galat["tanggal"] = "Tanggal dokumen tidak sah (sebelum tahun 1900)."
    if galat:
        raise ValidationError(galat)
    return nomor, keterangan


def _ringkas(d: DokumenPenduduk) -> str:
    nomor = f" No. {d.nomor}" if d.nomor else ""
    asal = f" (berkas “{d.nama_berkas}”)" if d.nama_berkas else ""
    return f"{d.jenis.nama}{nomor}{asal}"


@transaction.atomic
def dokumen_tambah(
    *,
    oleh: Any,
    penduduk: Penduduk,
    jenis: JenisDokumen | None,
    berkas,
    nomor: str = "",
    tanggal: datetime.date | None = None,
    keterangan: str = "",
    peristiwa: Peristiwa | None = None,
) -> DokumenPenduduk:
    """Keep a scanned document for a resident. A family document (KK) is also the family's:
    the resident's family at the time of upload."""
    if berkas is None:
        raise ValidationError({"berkas": "Pilih berkas dokumen (PDF, JPG atau PNG)."})
    nomor, keterangan = periksa_isian(
        jenis=jenis, nomor=nomor, tanggal=tanggal, keterangan=keterangan, baru=True
    )
    try:
        bersih, jenis_berkas = bersihkan_dokumen(berkas, label="Berkas")
    except ValidationError as exc:
        raise ValidationError({"berkas": exc.messages}) from None
    if peristiwa is not None and peristiwa.penduduk_id != penduduk.pk:
        raise ValidationError("Peristiwa ini bukan milik penduduk tersebut.")
    p = Penduduk.objects.select_related("keluarga").get(pk=penduduk.pk)
    d = DokumenPenduduk(
        penduduk=p,
        keluarga=p.keluarga if jenis.untuk_keluarga and p.keluarga_id else None,
        peristiwa=peristiwa,
        jenis=jenis,
        nomor=nomor,
        tanggal=tanggal,
        keterangan=keterangan,
        jenis_berkas=jenis_berkas,
        ukuran=bersih.size,
        nama_berkas=str(getattr(berkas, "name", "") or "")[-150:],
        diunggah_oleh=oleh if getattr(oleh, "pk", None) else None,
    )
    d.berkas.save(bersih.name, bersih, save=False)
    nama = d.berkas.name
    # The file is written before the row: a refused row takes its file with it. A caller whose
    # own transaction fails later removes it too (peristiwa_dengan_dokumen).
    try:
        with transaction.atomic():
            d.save()
            catat_aktivitas(
                oleh=oleh,
                aksi="tambah_dokumen",
                objek=p,
                perubahan=selisih({}, potret(d, KOLOM_JEJAK)),
                keterangan=f"Dokumen {_ringkas(d)} diunggah.",
            )
    except BaseException:
        d.berkas.storage.delete(nama)
        raise
    return d


@transaction.atomic
def dokumen_update(*, oleh: Any, dokumen: DokumenPenduduk, data: dict[str, Any]) -> DokumenPenduduk:
    """Correct a document's kind, number, date or note (the file stays as it is)."""
    d = DokumenPenduduk.objects.select_for_update().select_related("jenis").get(pk=dokumen.pk)
    sebelum, jenis_lama = potret(d, KOLOM_DOKUMEN), d.jenis_id
    terapkan(d, data, kolom=KOLOM_DOKUMEN)
    d.nomor, d.keterangan = periksa_isian(
        jenis=d.jenis if d.jenis_id else None,
        nomor=d.nomor,
        tanggal=d.tanggal,
        keterangan=d.keterangan,
        baru=d.jenis_id != jenis_lama,
    )
    if d.jenis.untuk_keluarga and d.keluarga_id is None:
        d.keluarga_id = d.penduduk.keluarga_id
    elif not d.jenis.untuk_keluarga:
        d.keluarga = None
    d.save()
    perubahan = selisih(sebelum, potret(d, KOLOM_DOKUMEN))
    if perubahan:
        catat_aktivitas(
            oleh=oleh,
            aksi="ubah_dokumen",
            objek=d.penduduk,
            perubahan=perubahan,
            keterangan=f"Dokumen {_ringkas(d)} diubah.",
        )
    return d


@transaction.atomic
def dokumen_hapus(*, oleh: Any, dokumen: DokumenPenduduk) -> None:
    """Delete a document and its file. The resident's audit trail keeps who deleted what and
    when: kind, number, date, note, the uploaded file's name and the stored one."""
    d = (
        DokumenPenduduk.objects.select_for_update(of=("self",))
        .select_related("jenis", "penduduk")
        .get(pk=dokumen.pk)
    )
    catat_aktivitas(
        oleh=oleh,
        aksi="hapus_dokumen",
        objek=d.penduduk,
        perubahan={k: [v, None] for k, v in potret(d, KOLOM_JEJAK).items() if v not in ("", None)},
        keterangan=f"Dokumen {_ringkas(d)} dihapus.",
    )
    nama, storage = d.berkas.name, d.berkas.storage
    d.delete()
    transaction.on_commit(lambda: storage.delete(nama))


def peristiwa_dengan_dokumen(
    *, oleh: Any, catat: Callable[[], Any], dokumen: dict[str, Any] | None
) -> Any:
    """Record an event with `catat()` and keep its document in the same transaction.

    `catat` returns the event (death, moving out) or the new resident (birth, moving in); the
    document belongs to that resident and links to the event. A refused document refuses the
    event too, and a file written for a transaction that does not commit is removed.
    """
    if not dokumen:
        return catat()
    tersimpan: list[DokumenPenduduk] = []
    try:
        with transaction.atomic():
            hasil = catat()
            if isinstance(hasil, Peristiwa):
                e, p = hasil, hasil.penduduk
            else:
                p = hasil
                e = Peristiwa.objects.filter(penduduk=p).order_by("-id").first()
            try:
                tersimpan.append(dokumen_tambah(oleh=oleh, penduduk=p, peristiwa=e, **dokumen))
            except ValidationError as exc:
                raise ValidationError(_ke_kolom_dokumen(exc)) from None
    except BaseException:
        for d in tersimpan:
            d.berkas.storage.delete(d.berkas.name)
        raise
    return hasil


def _ke_kolom_dokumen(exc: ValidationError):
    """A document error named after the event form's fields (dokumen_jenis, dokumen_berkas …)."""
    if not hasattr(exc, "error_dict"):
        return exc
    return {f"dokumen_{k}": v for k, v in exc.error_dict.items()}
