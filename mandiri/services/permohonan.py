"""Letter requests from the portal and their handling in the back office.

    permohonan_create      resident: a type enabled for Layanan Mandiri, its extra fields,
                           requirement documents (or "bawa dokumen fisik")
    permohonan_batalkan    resident, while the request still waits
    permohonan_lengkapi    resident, after the village asked for completion
    permohonan_proses      operator: the letter draft is created pre-filled (surat service)
    permohonan_kembalikan  operator: back to the resident with a message (a draft is cancelled)
    permohonan_tolak       operator: refused with a reason (a letter not yet issued is cancelled)
    permohonan_diambil     operator: the issued letter was collected

Between "diproses" and collection the request follows its letter: once the letter is issued
(signed) the request reads "Siap Diambil" (`PermohonanQuerySet.dengan_status`), so no hook in
the letter services is needed.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mandiri import surat_api
from mandiri.models import DokumenPermohonan, Permohonan
from mandiri.services.akun import pelaku_warga
from mandiri.services.berkas import bersihkan_dokumen
from penduduk.models import DokumenPenduduk
from sid.lib.audit import catat_aktivitas

S = Permohonan.Status
BATAS_TERBUKA = 10
BATAS_DOKUMEN = 10
TERBIT, BATAL = surat_api.TERBIT, surat_api.BATAL
jenis_online = surat_api.jenis_online


def _cek_pemilik(penduduk, permohonan: Permohonan) -> None:
    if permohonan.penduduk_id != penduduk.pk:
        raise PermissionDenied("Permohonan ini bukan milik Anda.")


def _siapkan_dokumen(penduduk, dokumen: list[tuple[str, Any]]) -> list[tuple[str, Any, str, Any]]:
    """Check every upload before anything is written; errors name the document.

    An item may be one of the resident's stored documents (penduduk.DokumenPenduduk, "pakai
    dokumen tersimpan") instead of an upload: it must be theirs (or their family's), and the
    request gets its own copy of the file, with `sumber` pointing at the stored one."""
    if len(dokumen) > BATAS_DOKUMEN:
        raise ValidationError({"dokumen": f"Paling banyak {BATAS_DOKUMEN} dokumen."})
    hasil, galat = [], []
    for label, berkas in dokumen:
        label = " ".join(str(label or "Dokumen").split())[:150] or "Dokumen"
        if isinstance(berkas, DokumenPenduduk):
            try:
                hasil.append((label, *_salin_tersimpan(penduduk, berkas, label), berkas))
            except ValidationError as exc:
                galat.extend(exc.messages)
            continue
        try:
            bersih, jenis = bersihkan_dokumen(berkas, label=label)
        except ValidationError as exc:
            galat.extend(exc.messages)
            continue
        hasil.append((label, bersih, jenis, None))
    if galat:
        raise ValidationError({"dokumen": galat})
    return hasil


def _salin_tersimpan(penduduk, d: DokumenPenduduk, label: str) -> tuple[ContentFile, str]:
    if not DokumenPenduduk.objects.milik_warga(penduduk).filter(pk=d.pk).exists():
        raise ValidationError(f"{label}: dokumen tersimpan tidak ditemukan.")
    try:
        with d.berkas.open("rb") as f:
            isi = f.read()
    except FileNotFoundError:
        raise ValidationError(
            f"{label}: berkas dokumen tersimpan tidak ditemukan; unggah berkasnya."
        ) from None
    return ContentFile(isi, name=f"{uuid.uuid4().hex}.{d.jenis_berkas}"), d.jenis_berkas


def _simpan_dokumen(
    permohonan: Permohonan, siap: list[tuple[str, Any, str, Any]], tersimpan: list
) -> None:
    """Write the checked files; their names go to `tersimpan` so a caller whose transaction
    rolls back can remove them (no orphan files)."""
    for label, bersih, jenis, sumber in siap:
        d = DokumenPermohonan(
            permohonan=permohonan, nama=label, jenis_berkas=jenis, ukuran=bersih.size, sumber=sumber
        )
        d.berkas.save(bersih.name, bersih, save=False)
        tersimpan.append(d.berkas.name)
        d.save()


def _hapus_berkas(nama: list[str]) -> None:
    storage = DokumenPermohonan._meta.get_field("berkas").storage
    for n in nama:
        storage.delete(n)


def _periksa_isi(*, penduduk, jenis, isian: dict[str, Any]) -> dict[str, str]:
    if not (jenis.online and jenis.aktif):
        raise ValidationError({"jenis": f"{jenis.nama} tidak dapat diminta lewat Layanan Mandiri."})
    try:
        surat_api.periksa_penduduk(jenis, penduduk)
    except ValidationError as exc:
        raise ValidationError(
            f"{jenis.nama} tidak dapat diajukan untuk Anda: " + " ".join(exc.messages)
        ) from None
    return surat_api.bersihkan_isian(jenis, isian)


def _cek_syarat(jenis, ada_dokumen: bool, bawa_dokumen_fisik: bool) -> None:
    if jenis.daftar_syarat and not ada_dokumen and not bawa_dokumen_fisik:
        raise ValidationError(
            {
                "dokumen": "Unggah dokumen persyaratan, atau pilih “Saya akan membawa dokumen "
                "fisik ke kantor desa”."
            }
        )


def permohonan_create(
    *,
    penduduk,
    jenis,
    isian: dict[str, Any] | None = None,
    dokumen: list[tuple[str, Any]] | None = None,
    bawa_dokumen_fisik: bool = False,
    keterangan: str = "",
) -> Permohonan:
    """A resident asks for a letter. Uploads are checked before anything is written."""
    nilai = _periksa_isi(penduduk=penduduk, jenis=jenis, isian=isian or {})
    siap = _siapkan_dokumen(penduduk, dokumen or [])
    _cek_syarat(jenis, bool(siap), bawa_dokumen_fisik)
    keterangan = (keterangan or "").strip()
    if len(keterangan) > 1000:
        raise ValidationError({"keterangan": "Catatan terlalu panjang (maksimal 1000 karakter)."})
    tersimpan: list[str] = []
    try:
        with transaction.atomic():
            p = _tulis_permohonan(
                penduduk=penduduk,
                jenis=jenis,
                nilai=nilai,
                keterangan=keterangan,
                bawa_dokumen_fisik=bawa_dokumen_fisik,
                siap=siap,
                tersimpan=tersimpan,
            )
    except BaseException:
        _hapus_berkas(tersimpan)
        raise
    return p


def _tulis_permohonan(*, penduduk, jenis, nilai, keterangan, bawa_dokumen_fisik, siap, tersimpan):
    terbuka = Permohonan.objects.filter(penduduk=penduduk).terbuka().count()
    if terbuka >= BATAS_TERBUKA:
        raise ValidationError(
            f"Anda masih memiliki {terbuka} permohonan yang belum selesai; tunggu sebagian "
            "selesai atau batalkan yang tidak diperlukan."
        )
    p = Permohonan.objects.create(
        penduduk=penduduk,
        jenis=jenis,
        isian=nilai,
        keterangan=keterangan,
        bawa_dokumen_fisik=bawa_dokumen_fisik,
    )
    _simpan_dokumen(p, siap, tersimpan)
    catat_aktivitas(
        oleh=None,
        aksi="mandiri_permohonan",
        objek=p,
        pelaku=pelaku_warga(penduduk.nik),
        perubahan={"isian": [None, nilai]},
        keterangan=f"Permohonan {jenis.nama} dari Layanan Mandiri, {len(siap)} dokumen"
        + (", dokumen fisik dibawa." if bawa_dokumen_fisik else "."),
    )
    return p


def _kunci(permohonan: Permohonan) -> Permohonan:
    Permohonan.objects.select_for_update().filter(pk=permohonan.pk).values_list("pk").get()
    return Permohonan.objects.select_related("penduduk", "jenis", "surat").get(pk=permohonan.pk)


@transaction.atomic
def permohonan_batalkan(*, penduduk, permohonan: Permohonan) -> Permohonan:
    _cek_pemilik(penduduk, permohonan)
    p = _kunci(permohonan)
    if not p.bisa_dibatalkan:
        raise ValidationError(
            f"Permohonan berstatus “{p.status_tampil_label}” tidak bisa dibatalkan lagi; hubungi "
            "kantor desa bila perlu."
        )
    lama = p.status
    p.status, p.ditutup_pada = S.DIBATALKAN, timezone.now()
    p.save(update_fields=["status", "ditutup_pada", "diperbarui"])
    catat_aktivitas(
        oleh=None,
        aksi="mandiri_batalkan",
        objek=p,
        pelaku=pelaku_warga(penduduk.nik),
        perubahan={"status": [lama, S.DIBATALKAN]},
        keterangan="Permohonan dibatalkan oleh pemohon.",
    )
    return p


def permohonan_lengkapi(
    *,
    penduduk,
    permohonan: Permohonan,
    isian: dict[str, Any] | None = None,
    dokumen: list[tuple[str, Any]] | None = None,
    bawa_dokumen_fisik: bool = False,
    keterangan: str = "",
) -> Permohonan:
    """The resident completes a request the village returned; it waits for verification again."""
    _cek_pemilik(penduduk, permohonan)
    if permohonan.status != S.DILENGKAPI:
        raise ValidationError("Permohonan ini tidak sedang diminta untuk dilengkapi.")
    nilai = _periksa_isi(penduduk=penduduk, jenis=permohonan.jenis, isian=isian or {})
    siap = _siapkan_dokumen(penduduk, dokumen or [])
    ada_lama = permohonan.dokumen.exists()
    _cek_syarat(permohonan.jenis, bool(siap) or ada_lama, bawa_dokumen_fisik)
    tersimpan: list[str] = []
    try:
        with transaction.atomic():
            p = _lengkapi(
                permohonan,
                nilai=nilai,
                siap=siap,
                tersimpan=tersimpan,
                bawa_dokumen_fisik=bawa_dokumen_fisik,
                keterangan=keterangan,
                penduduk=penduduk,
            )
    except BaseException:
        _hapus_berkas(tersimpan)
        raise
    return p


def _lengkapi(permohonan, *, nilai, siap, tersimpan, bawa_dokumen_fisik, keterangan, penduduk):
    p = _kunci(permohonan)
    if p.status != S.DILENGKAPI:
        raise ValidationError("Permohonan ini tidak sedang diminta untuk dilengkapi.")
    if p.dokumen.count() + len(siap) > BATAS_DOKUMEN:
        raise ValidationError({"dokumen": f"Paling banyak {BATAS_DOKUMEN} dokumen."})
    lama = p.isian
    p.isian, p.bawa_dokumen_fisik, p.status = nilai, bawa_dokumen_fisik, S.MENUNGGU
    if keterangan.strip():
        p.keterangan = keterangan.strip()[:1000]
    p.save(update_fields=["isian", "bawa_dokumen_fisik", "status", "keterangan", "diperbarui"])
    _simpan_dokumen(p, siap, tersimpan)
    catat_aktivitas(
        oleh=None,
        aksi="mandiri_lengkapi",
        objek=p,
        pelaku=pelaku_warga(penduduk.nik),
        perubahan={"status": [S.DILENGKAPI, S.MENUNGGU], "isian": [lama, nilai]},
        keterangan=f"Permohonan dilengkapi pemohon, {len(siap)} dokumen baru.",
    )
    return p


# --- operator ---------------------------------------------------------------------------------------


def _batalkan_surat(*, oleh: Any, surat, alasan: str) -> None:
    """Cancel the request's letter when it is not issued yet (the letter service decides)."""
    if surat is None or surat.status in (TERBIT, BATAL):
        return
    try:
        surat_api.batalkan(oleh=oleh, surat=surat, alasan=alasan)
    except PermissionDenied:
        raise ValidationError(
            "Anda tidak berwenang membatalkan draf surat permohonan ini."
        ) from None


@transaction.atomic
def permohonan_proses(*, oleh: Any, permohonan: Permohonan):
    """Open a waiting request: the letter draft is created from it (type, resident, fields).
    A request whose letter was cancelled may be processed again (a new draft)."""
    p = _kunci(permohonan)
    ulang = p.status == S.DIPROSES and p.surat_id and p.surat.status == BATAL
    if p.status != S.MENUNGGU and not ulang:
        raise ValidationError(
            f"Permohonan berstatus “{p.status_tampil_label}”; hanya permohonan yang menunggu "
            "verifikasi yang dapat diproses."
        )
    try:
        surat = surat_api.buat_draf(oleh=oleh, jenis=p.jenis, penduduk=p.penduduk, isian=p.isian)
    except PermissionDenied:
        raise ValidationError("Anda tidak berwenang membuat surat.") from None
    except ValidationError as exc:
        raise ValidationError(
            "Draf surat tidak dapat dibuat dari permohonan ini: "
            + " ".join(exc.messages)
            + " Kembalikan permohonan ke pemohon untuk dilengkapi, atau tolak."
        ) from None
    lama = p.status
    p.status, p.surat, p.pesan_petugas = S.DIPROSES, surat, ""
    p.diproses_pada, p.diproses_oleh = timezone.now(), oleh
    p.save(
        update_fields=[
            "status",
            "surat",
            "pesan_petugas",
            "diproses_pada",
            "diproses_oleh",
            "diperbarui",
        ]
    )
    catat_aktivitas(
        oleh=oleh,
        aksi="proses",
        objek=p,
        perubahan={"status": [lama, S.DIPROSES]},
        keterangan=f"Diproses: draf surat {p.jenis.nama} dibuat (id {surat.pk}).",
    )
    return p


def _bisa_ditangani(p: Permohonan) -> bool:
    """Waiting, returned, or in progress with a letter that is not issued yet."""
    if p.status in (S.MENUNGGU, S.DILENGKAPI):
        return True
    return p.status == S.DIPROSES and (p.surat is None or p.surat.status != TERBIT)


@transaction.atomic
def permohonan_kembalikan(*, oleh: Any, permohonan: Permohonan, pesan: str) -> Permohonan:
    """Ask the resident to complete the request (message shown in the portal)."""
    pesan = " ".join((pesan or "").split())
    if len(pesan) < 5:
        raise ValidationError({"pesan": "Tuliskan apa yang perlu dilengkapi (minimal 5 karakter)."})
    p = _kunci(permohonan)
    if p.status == S.DILENGKAPI or not _bisa_ditangani(p):
        raise ValidationError(
            f"Permohonan berstatus “{p.status_tampil_label}” tidak bisa dikembalikan ke pemohon."
        )
    if (
        p.status == S.DIPROSES
        and p.surat is not None
        and p.surat.status not in (*surat_api.DAPAT_DIUBAH, BATAL)
    ):
        raise ValidationError(
            "Surat permohonan ini sudah diajukan untuk verifikasi/tanda tangan; kembalikan dulu "
            "suratnya ke operator, atau tolak permohonan."
        )
    _batalkan_surat(oleh=oleh, surat=p.surat, alasan=f"Permohonan dikembalikan ke pemohon: {pesan}")
    lama = p.status
    p.status, p.pesan_petugas, p.surat = S.DILENGKAPI, pesan, None
    p.save(update_fields=["status", "pesan_petugas", "surat", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="kembalikan",
        objek=p,
        perubahan={"status": [lama, S.DILENGKAPI]},
        keterangan=f"Dikembalikan ke pemohon untuk dilengkapi: {pesan}",
    )
    return p


@transaction.atomic
def permohonan_tolak(*, oleh: Any, permohonan: Permohonan, alasan: str) -> Permohonan:
    alasan = " ".join((alasan or "").split())
    if len(alasan) < 5:
        raise ValidationError({"alasan": "Tuliskan alasan penolakan (minimal 5 karakter)."})
    p = _kunci(permohonan)
    if not _bisa_ditangani(p):
        raise ValidationError(f"Permohonan berstatus “{p.status_tampil_label}” tidak bisa ditolak.")
    _batalkan_surat(oleh=oleh, surat=p.surat, alasan=f"Permohonan ditolak: {alasan}")
    lama = p.status
    p.status, p.pesan_petugas, p.ditutup_pada = S.DITOLAK, alasan, timezone.now()
    p.save(update_fields=["status", "pesan_petugas", "ditutup_pada", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="tolak",
        objek=p,
        perubahan={"status": [lama, S.DITOLAK]},
        keterangan=f"Permohonan ditolak: {alasan}",
    )
    return p


@transaction.atomic
def permohonan_diambil(*, oleh: Any, permohonan: Permohonan) -> Permohonan:
    """The resident collected the issued letter: the request is finished."""
    p = _kunci(permohonan)
    if p.status_tampil != S.SIAP:
        raise ValidationError(
            f"Permohonan berstatus “{p.status_tampil_label}”; hanya surat yang sudah terbit "
            "(Siap Diambil) yang dapat ditandai sudah diambil."
        )
    p.status, p.diambil_pada = S.SELESAI, timezone.now()
    p.save(update_fields=["status", "diambil_pada", "diperbarui"])
    catat_aktivitas(
        oleh=oleh,
        aksi="diambil",
        objek=p,
        perubahan={"status": [S.SIAP, S.SELESAI]},
        keterangan=f"Surat {p.surat.nomor} sudah diambil pemohon.",
    )
    return p


def surat_diunduh_warga(*, penduduk, surat) -> None:
    """Record a resident's download of their letter (the PDF itself is not changed)."""
    catat_aktivitas(
        oleh=None,
        aksi="mandiri_unduh_surat",
        objek=surat,
        pelaku=pelaku_warga(penduduk.nik),
        keterangan=f"Surat {surat.nomor} diunduh pemohon dari Layanan Mandiri.",
    )


def tahapan(p: Permohonan) -> list[tuple[str, datetime.datetime | None, bool]]:
    """The steps a resident sees: (label, when, done)."""
    s = p.surat
    status = p.status_tampil
    langkah = [("Diajukan", p.dibuat, True)]
    if status in (S.DITOLAK, S.DIBATALKAN):
        langkah.append((p.get_status_display(), p.ditutup_pada, True))
        return langkah
    langkah.append(("Diterima petugas, surat dibuat", p.diproses_pada, bool(p.diproses_pada)))
    langkah.append(
        (
            "Diverifikasi sekretaris desa",
            getattr(s, "diverifikasi_pada", None),
            bool(s and s.status in ("tanda_tangan", TERBIT)),
        )
    )
    langkah.append(
        (
            "Ditandatangani — siap diambil",
            getattr(s, "ditandatangani_pada", None),
            bool(s and s.status == TERBIT),
        )
    )
    langkah.append(("Sudah diambil", p.diambil_pada, status == S.SELESAI))
    return langkah
