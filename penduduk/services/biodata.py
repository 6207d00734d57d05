"""Creating, correcting and deleting resident records."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from keluarga.models import PeristiwaKeluarga
from penduduk import validasi
from penduduk.models import Penduduk, PendudukHapus, Peristiwa
from sid import kode
from sid.lib.audit import catat_aktivitas, nama_pelaku, potret, selisih
from sid.lib.berkas import bersihkan_gambar
from sid.lib.nomor import validasi_nomor_16
from sid.lib.ubah import terapkan
from sid.models import IdentitasDesa, Wilayah
from sid.services import tingkat_terendah

# Fields a service may not take from `data`: they change only through events or family services.
DILINDUNGI = {
    "id",
    "uuid",
    "status_dasar",
    "keluarga",
    "shdk",
    "no_kk_sebelumnya",
    "dibuat",
    "diperbarui",
}
KOLOM_AUDIT_ABAIKAN = {"diperbarui", "dibuat"}


def _pesan_nik_ganda(pemilik: Penduduk) -> str:
    status = kode.StatusDasar(pemilik.status_dasar)
    if status in (kode.StatusDasar.PINDAH, kode.StatusDasar.PERGI, kode.StatusDasar.HILANG):
        return (
            f"NIK ini sudah terdaftar atas nama {pemilik.nama} yang berstatus {status.label}. "
            "Bila orang tersebut kembali, catat peristiwa KEMBALI DATANG pada datanya; jangan "
            "mendaftarkannya ulang."
        )
    return f"NIK ini sudah terdaftar atas nama {pemilik.nama} (status {status.label})."


def simpan_penduduk(p: Penduduk, *, konfirmasi: bool = False) -> None:
    """Validate every rule on `p` and save it. Raises ValidationError / PerluKonfirmasi."""
    p.nama = validasi.bersihkan_nama(p.nama)
    p.tempat_lahir = " ".join((p.tempat_lahir or "").split())
    galat: dict[str, Any] = {}
    desa = IdentitasDesa.ambil()
    if p.nik == "0":
        kembar = (
            Penduduk.objects.nik_sementara()
            .filter(
                nama__iexact=p.nama,
                tempat_lahir__iexact=p.tempat_lahir,
                tanggal_lahir=p.tanggal_lahir,
                jenis_kelamin=p.jenis_kelamin,
            )
            .exclude(pk=p.pk)
            .first()
        )
        if kembar:
            raise ValidationError(
                {
                    "nik": f"Sudah ada penduduk ber-NIK sementara dengan nama, tempat/tanggal lahir dan "
                    f"jenis kelamin yang sama: {kembar.nama} ({kembar.nik}). Jangan mendaftarkan dua kali."
                }
            )
        # Serialise temporary numbers: lock the village row while allocating.
        IdentitasDesa.objects.select_for_update().filter(pk=desa.pk).first()
        p.nik = validasi.nik_sementara_berikutnya(desa.kode_desa)
    try:
        validasi_nomor_16(p.nik, "NIK")
    except ValidationError as exc:
        galat["nik"] = exc.messages
    else:
        pemilik = Penduduk.objects.filter(nik=p.nik).exclude(pk=p.pk).first()
        if pemilik:
            galat["nik"] = _pesan_nik_ganda(pemilik)
    try:
        validasi.validasi_nama(p.nama)
    except ValidationError as exc:
        galat["nama"] = exc.messages
    for f, label in (("nama_ayah", "Nama ayah"), ("nama_ibu", "Nama ibu")):
        nilai = validasi.bersihkan_nama(getattr(p, f))
        setattr(p, f, nilai)
        if nilai:
            try:
                validasi.validasi_nama(nilai, label)
            except ValidationError as exc:
                galat[f] = exc.messages
    galat.update(validasi.validasi_bersyarat(p))
    if p.wilayah_id:
        wilayah = Wilayah.objects.get(pk=p.wilayah_id)
        if wilayah.tingkat != tingkat_terendah():
            galat["wilayah"] = "Pilih wilayah pada tingkat terendah desa (RT)."
    if p.keluarga_id:
        p.wilayah_id = p.keluarga.wilayah_id  # a member lives where the family lives
    if galat:
        raise ValidationError(galat)
    kepala = None
    if p.keluarga_id and _keanggotaan_berubah(p):
        kepala = (
            Penduduk.objects.hidup()
            .filter(keluarga_id=p.keluarga_id, shdk=kode.SHDK.KEPALA_KELUARGA)
            .exclude(pk=p.pk)
            .first()
        )
        validasi.validasi_shdk(p, kepala)
    validasi.periksa_nik_tanggal_lahir(p.nik, p.tanggal_lahir, p.jenis_kelamin, konfirmasi)
    p.full_clean(validate_unique=False, validate_constraints=True)
    try:
        with transaction.atomic():
            p.save()
    except IntegrityError as exc:  # a concurrent writer won the race for the same NIK/head
        raise ValidationError(
            "Data bentrok dengan perubahan lain (NIK atau kepala keluarga ganda). Muat ulang dan coba lagi."
        ) from exc


def _keanggotaan_berubah(p: Penduduk) -> bool:
    """SHDK rules are checked when a membership is set or changed, not on every biodata edit:
    a widow stays ISTRI while her family waits for a new head, and her data stays editable."""
    if p.pk is None:
        return True
    lama = Penduduk.objects.filter(pk=p.pk).values("keluarga_id", "shdk", "status_penduduk").first()
    return lama is None or (lama["keluarga_id"], lama["shdk"], lama["status_penduduk"]) != (
        p.keluarga_id,
        p.shdk,
        p.status_penduduk,
    )


def _isi(p: Penduduk, data: dict[str, Any]) -> None:
    terlarang = set(data) & DILINDUNGI
    if terlarang:
        raise ValidationError(
            f"Kolom {', '.join(sorted(terlarang))} hanya berubah lewat peristiwa atau layanan keluarga."
        )
    foto = data.get("foto")
    if foto and not getattr(foto, "sudah_bersih", False):
        data = {**data, "foto": bersihkan_gambar(foto, jenis="pasfoto")}
    terapkan(p, data)


@transaction.atomic
def penduduk_create(
    *,
    oleh: Any,
    data: dict[str, Any],
    keluarga=None,
    shdk: int | None = None,
    konfirmasi: bool = False,
) -> Penduduk:
    """Add a resident directly: only during the initial-data phase (else use LAHIR/PINDAH MASUK)."""
    desa = IdentitasDesa.ambil()
    if not desa.dalam_fase_data_awal:
        raise ValidationError(
            f"Fase data awal telah selesai ({desa.data_awal_selesai:%d-%m-%Y}). Penduduk baru hanya "
            "dapat ditambahkan melalui peristiwa LAHIR atau PINDAH MASUK."
        )
    p = Penduduk(keluarga=keluarga, shdk=shdk)
    _isi(p, data)
    simpan_penduduk(p, konfirmasi=konfirmasi)
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=p,
        perubahan=_tanpa(selisih({}, potret(p))),
        keterangan="Penduduk ditambahkan pada fase data awal.",
    )
    return p


def _tanpa(perubahan: dict) -> dict:
    return {k: v for k, v in perubahan.items() if k not in KOLOM_AUDIT_ABAIKAN}


@transaction.atomic
def penduduk_update(
    *, oleh: Any, penduduk: Penduduk, data: dict[str, Any], konfirmasi: bool = False
) -> Penduduk:
    """Correct a resident's biodata. Status, family and SHDK change through their own services."""
    p = Penduduk.objects.select_for_update().get(pk=penduduk.pk)
    sebelum = potret(p)  # saving tidies names, fills a temporary NIK, stores the photo
    _isi(p, data)
    simpan_penduduk(p, konfirmasi=konfirmasi)
    perubahan = _tanpa(selisih(sebelum, potret(p)))
    if perubahan:
        catat_aktivitas(oleh=oleh, aksi="ubah", objek=p, perubahan=perubahan)
    return p


def _boleh_menghapus(oleh: Any) -> bool:
    return bool(oleh and oleh.has_perm("penduduk.hapus_penduduk_salah_input"))


@transaction.atomic
def penduduk_delete(*, oleh: Any, penduduk: Penduduk, alasan: str) -> PendudukHapus:
    """Remove a record entered by mistake (or a duplicate). Administrator only, with a reason.

    The deletion log keeps the record and its events; events are deleted explicitly here
    (their foreign key protects them from any cascade).
    """
    if not _boleh_menghapus(oleh):
        raise ValidationError("Hanya Administrator yang boleh menghapus data penduduk.")
    alasan = (alasan or "").strip()
    if len(alasan) < 10:
        raise ValidationError(
            {
                "alasan": "Tulis alasan penghapusan (minimal 10 karakter), mis. 'data ganda dengan NIK ...'."
            }
        )
    p = Penduduk.objects.select_for_update().get(pk=penduduk.pk)
    if (
        p.keluarga_id
        and p.shdk == kode.SHDK.KEPALA_KELUARGA
        and p.hidup
        and (Penduduk.objects.hidup().filter(keluarga_id=p.keluarga_id).exclude(pk=p.pk).exists())
    ):
        raise ValidationError(
            "Penduduk ini kepala keluarga yang masih memiliki anggota. Pilih kepala keluarga baru "
            "terlebih dahulu, baru hapus datanya."
        )
    peristiwa = list(Peristiwa.objects.filter(penduduk=p).values())
    data = potret(p)
    data["peristiwa"] = [
        {k: str(v) if v is not None else None for k, v in e.items()} for e in peristiwa
    ]
    log = PendudukHapus.objects.create(
        nik=p.nik,
        nama=p.nama,
        alasan=alasan,
        data=data,
        oleh=oleh if getattr(oleh, "pk", None) else None,
        nama_pengguna=nama_pelaku(oleh),
    )

    PeristiwaKeluarga.objects.filter(penduduk=p).update(penduduk=None)
    Peristiwa.objects.filter(penduduk=p).delete()
    catat_aktivitas(oleh=oleh, aksi="hapus", objek=p, keterangan=f"Dihapus: {alasan}")
    try:
        with transaction.atomic():
            p.delete()
    except ProtectedError as exc:
        jenis = sorted({o._meta.verbose_name_plural for o in exc.protected_objects})
        raise ValidationError(
            f"Data penduduk ini sudah dipakai ({', '.join(jenis)}), sehingga tidak dapat dihapus."
        ) from None
    return log
