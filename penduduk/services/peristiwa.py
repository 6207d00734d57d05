"""Population events. `status_dasar` changes only here; counts over time derive from events."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from penduduk import kode
from penduduk.models import Penduduk, Peristiwa
from penduduk.services.biodata import _isi, _tanpa, simpan_penduduk
from sid.lib.audit import catat_aktivitas, potret, selisih

S = kode.StatusDasar
J = kode.JenisPeristiwa
SHDK = kode.SHDK

# Family event recorded when the head leaves through each exit event.
KELUARGA_SAAT_KEPALA_KELUAR = {
    J.MATI: kode.JenisPeristiwaKeluarga.KEPALA_KELUARGA_MATI,
    J.PINDAH_KELUAR: kode.JenisPeristiwaKeluarga.KEPALA_KELUARGA_PINDAH,
    J.HILANG: kode.JenisPeristiwaKeluarga.KEPALA_KELUARGA_HILANG,
    J.PERGI: kode.JenisPeristiwaKeluarga.KEPALA_KELUARGA_PERGI,
}
KOLOM_DETAIL = {
    J.MATI: {
        "waktu_kematian",
        "tempat_kematian",
        "sebab_kematian",
        "penerang_kematian",
        "no_akta_kematian",
    },
    J.PINDAH_KELUAR: {"jenis_pindah", "alamat_tujuan"},
    J.PINDAH_MASUK: {"alamat_asal"},
    J.KEMBALI_DATANG: {"alamat_asal"},
}


def _validasi_tanggal(
    p: Penduduk,
    tanggal_peristiwa: datetime.date,
    tanggal_lapor: datetime.date,
    nama: str,
    *,
    kecuali: Peristiwa | None = None,
    kolom: str = "tanggal_peristiwa",
    label: str = "Tanggal peristiwa",
) -> None:
    """The event date (on the form field `kolom`, called `label` there) and the report date.

    A wrong event date is reported on its own field only: the report date is not also marked
    for being "before" a date that is itself refused."""
    hari_ini = timezone.localdate()
    galat = {}
    if tanggal_peristiwa is None:
        galat[kolom] = f"{label} wajib diisi."
    elif tanggal_peristiwa > hari_ini:
        galat[kolom] = f"{label} tidak boleh di masa depan."
    elif p.tanggal_lahir and tanggal_peristiwa < p.tanggal_lahir:
        galat[kolom] = (
            f"Tanggal {nama} tidak boleh sebelum tanggal lahir ({p.tanggal_lahir:%d-%m-%Y})."
        )
    elif p.pk:
        # Counts over time order a resident's events by date: a new event may not be dated
        # before their latest standing one; a corrected one stays between its neighbours.
        lain = Peristiwa.objects.berlaku().filter(penduduk=p)
        if kecuali is not None:
            lain = lain.exclude(pk=kecuali.pk)
            sesudah = lain.filter(pk__gt=kecuali.pk).order_by("tanggal_peristiwa").first()
            lain = lain.filter(pk__lt=kecuali.pk)
            if sesudah and tanggal_peristiwa > sesudah.tanggal_peristiwa:
                galat[kolom] = (
                    f"Tanggal {nama} tidak boleh setelah peristiwa berikutnya "
                    f"({sesudah.get_jenis_display()} {sesudah.tanggal_peristiwa:%d-%m-%Y})."
                )
        sebelum = lain.order_by("-tanggal_peristiwa", "-id").first()
        if sebelum and tanggal_peristiwa < sebelum.tanggal_peristiwa:
            galat[kolom] = (
                f"Tanggal {nama} tidak boleh sebelum peristiwa terakhir penduduk ini "
                f"({sebelum.get_jenis_display()} {sebelum.tanggal_peristiwa:%d-%m-%Y})."
            )
    if tanggal_lapor is None:
        galat["tanggal_lapor"] = "Tanggal lapor wajib diisi."
    elif tanggal_lapor > hari_ini:
        galat["tanggal_lapor"] = "Tanggal lapor tidak boleh di masa depan."
    elif tanggal_peristiwa and kolom not in galat and tanggal_lapor < tanggal_peristiwa:
        galat["tanggal_lapor"] = f"Tanggal lapor tidak boleh sebelum {label.lower()}."
    if galat:
        raise ValidationError(galat)


def _buat_peristiwa(
    *,
    oleh: Any,
    p: Penduduk,
    jenis: int,
    tanggal_peristiwa,
    tanggal_lapor,
    detail: dict[str, Any],
    status_sebelum: int | None = None,
) -> Peristiwa:
    _validasi_tanggal(p, tanggal_peristiwa, tanggal_lapor, kode.JenisPeristiwa(jenis).label.lower())
    izin = KOLOM_DETAIL.get(jenis, set()) | {"catatan"}
    asing = set(detail) - izin
    if asing:
        raise ValidationError(
            f"Kolom {', '.join(sorted(asing))} tidak berlaku untuk peristiwa ini."
        )
    keluarga = p.keluarga
    kepala = keluarga.kepala() if keluarga else None
    e = Peristiwa(
        penduduk=p,
        jenis=jenis,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        keluarga=keluarga,
        no_kk=keluarga.no_kk if keluarga else "",
        nama_kepala_keluarga=(kepala.nama if kepala else (p.nama if p.kepala_keluarga else "")),
        status_dasar_sebelum=status_sebelum,
        shdk_sebelum=p.shdk,
        dibuat_oleh=oleh if getattr(oleh, "pk", None) else None,
        **detail,
    )
    e.full_clean()
    e.save()
    catat_aktivitas(
        oleh=oleh,
        aksi=f"peristiwa_{kode.JenisPeristiwa(jenis).name.lower()}",
        objek=p,
        perubahan=_tanpa(
            selisih({}, potret(e, fields=["jenis", "tanggal_peristiwa", "tanggal_lapor", *detail]))
        ),
        keterangan=f"Peristiwa {kode.JenisPeristiwa(jenis).label} dicatat.",
    )
    return e


def _kunci(p: Penduduk) -> Penduduk:
    return Penduduk.objects.select_for_update(of=("self",)).select_related("keluarga").get(pk=p.pk)


def _keluarga_setelah_keluar(*, oleh, p: Penduduk, jenis: int, tanggal) -> None:
    """Family bookkeeping after a member left: head gone → family event; none left → inactive."""
    from keluarga.services import keluarga_peristiwa_catat

    if not p.keluarga_id:
        return
    keluarga = p.keluarga
    if p.shdk == SHDK.KEPALA_KELUARGA:
        keluarga_peristiwa_catat(
            oleh=oleh,
            keluarga=keluarga,
            jenis=KELUARGA_SAAT_KEPALA_KELUAR[jenis],
            tanggal=tanggal,
            penduduk=p,
        )
    if not Penduduk.objects.hidup().filter(keluarga=keluarga).exists() and keluarga.aktif:
        keluarga.aktif = False
        keluarga.save(update_fields=["aktif", "diperbarui"])


def _pasangan_menjadi_cerai_mati(*, oleh, p: Penduduk) -> None:
    """A married spouse in the same KK of a deceased head/spouse becomes CERAI MATI."""
    if not p.keluarga_id or p.status_kawin != kode.StatusKawin.KAWIN:
        return
    hidup = Penduduk.objects.hidup().filter(
        keluarga_id=p.keluarga_id, status_kawin=kode.StatusKawin.KAWIN
    )
    if p.shdk == SHDK.KEPALA_KELUARGA:
        pasangan = list(hidup.filter(shdk__in=[SHDK.SUAMI, SHDK.ISTRI]))
    elif p.shdk in (SHDK.SUAMI, SHDK.ISTRI):
        if hidup.filter(shdk=p.shdk).exclude(pk=p.pk).exists():
            return  # the head still has another living spouse
        pasangan = list(hidup.filter(shdk=SHDK.KEPALA_KELUARGA))
    else:
        return
    for q in pasangan:
        sebelum = potret(q, ["status_kawin"])
        q.status_kawin = kode.StatusKawin.CERAI_MATI
        q.save(update_fields=["status_kawin", "diperbarui"])
        catat_aktivitas(
            oleh=oleh,
            aksi="ubah",
            objek=q,
            perubahan=selisih(sebelum, potret(q, ["status_kawin"])),
            keterangan=f"Pasangan ({p.nama}) meninggal dunia.",
        )


def _keluar(
    *, oleh, penduduk: Penduduk, jenis: int, tanggal_peristiwa, tanggal_lapor, detail
) -> Peristiwa:
    p = _kunci(penduduk)
    status_baru = kode.PERISTIWA_KELUAR[jenis]
    nama = kode.JenisPeristiwa(jenis).label
    if p.status_dasar != S.HIDUP:
        raise ValidationError(
            f"{p.nama} berstatus {kode.StatusDasar(p.status_dasar).label}, bukan HIDUP: peristiwa {nama} tidak dapat dicatat."
        )
    if jenis == J.PERGI and p.status_penduduk != kode.StatusPenduduk.TIDAK_TETAP:
        raise ValidationError(
            f"Peristiwa PERGI hanya untuk penduduk TIDAK TETAP; {p.nama} penduduk TETAP (gunakan PINDAH KELUAR)."
        )
    e = _buat_peristiwa(
        oleh=oleh,
        p=p,
        jenis=jenis,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail=detail,
        status_sebelum=p.status_dasar,
    )
    if jenis == J.MATI:
        _pasangan_menjadi_cerai_mati(oleh=oleh, p=p)
    p.status_dasar = status_baru
    p.save(update_fields=["status_dasar", "diperbarui"])
    _keluarga_setelah_keluar(oleh=oleh, p=p, jenis=jenis, tanggal=tanggal_peristiwa)
    return e


@transaction.atomic
def peristiwa_kematian_catat(
    *,
    oleh: Any,
    penduduk: Penduduk,
    tanggal_peristiwa,
    tanggal_lapor,
    waktu_kematian=None,
    tempat_kematian: str = "",
    sebab_kematian: int | None = None,
    penerang_kematian: int | None = None,
    no_akta_kematian: str = "",
    catatan: str = "",
) -> Peristiwa:
    return _keluar(
        oleh=oleh,
        penduduk=penduduk,
        jenis=J.MATI,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail={
            "waktu_kematian": waktu_kematian,
            "tempat_kematian": tempat_kematian,
            "sebab_kematian": sebab_kematian,
            "penerang_kematian": penerang_kematian,
            "no_akta_kematian": no_akta_kematian,
            "catatan": catatan,
        },
    )


@transaction.atomic
def peristiwa_pindah_keluar_catat(
    *,
    oleh: Any,
    penduduk: Penduduk,
    tanggal_peristiwa,
    tanggal_lapor,
    jenis_pindah: int,
    alamat_tujuan: str,
    catatan: str = "",
) -> Peristiwa:
    if not (alamat_tujuan or "").strip():
        raise ValidationError({"alamat_tujuan": "Alamat tujuan pindah wajib diisi."})
    if not jenis_pindah:
        raise ValidationError({"jenis_pindah": "Pilih jenis pindah."})
    return _keluar(
        oleh=oleh,
        penduduk=penduduk,
        jenis=J.PINDAH_KELUAR,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail={
            "jenis_pindah": jenis_pindah,
            "alamat_tujuan": alamat_tujuan.strip(),
            "catatan": catatan,
        },
    )


@transaction.atomic
def peristiwa_pindah_keluar_keluarga_catat(
    *,
    oleh: Any,
    keluarga,
    tanggal_peristiwa,
    tanggal_lapor,
    jenis_pindah: int,
    alamat_tujuan: str,
    catatan: str = "",
) -> list[Peristiwa]:
    """The whole family moves out in one action: one event per living member, head last."""
    anggota = list(
        Penduduk.objects.hidup().filter(keluarga=keluarga).order_by("-shdk")  # head (1) last
    )
    if not anggota:
        raise ValidationError("Keluarga ini tidak memiliki anggota yang masih HIDUP.")
    return [
        peristiwa_pindah_keluar_catat(
            oleh=oleh,
            penduduk=p,
            tanggal_peristiwa=tanggal_peristiwa,
            tanggal_lapor=tanggal_lapor,
            jenis_pindah=jenis_pindah,
            alamat_tujuan=alamat_tujuan,
            catatan=catatan,
        )
        for p in anggota
    ]


@transaction.atomic
def peristiwa_hilang_catat(
    *, oleh: Any, penduduk: Penduduk, tanggal_peristiwa, tanggal_lapor, catatan: str = ""
) -> Peristiwa:
    return _keluar(
        oleh=oleh,
        penduduk=penduduk,
        jenis=J.HILANG,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail={"catatan": catatan},
    )


@transaction.atomic
def peristiwa_pergi_catat(
    *, oleh: Any, penduduk: Penduduk, tanggal_peristiwa, tanggal_lapor, catatan: str = ""
) -> Peristiwa:
    return _keluar(
        oleh=oleh,
        penduduk=penduduk,
        jenis=J.PERGI,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail={"catatan": catatan},
    )


def _orang_tua_dari_keluarga(keluarga) -> dict[str, str]:
    """Parents of a newborn, prefilled from the family's head and spouse."""
    anggota = list(
        Penduduk.objects.hidup().filter(
            keluarga=keluarga, shdk__in=[SHDK.KEPALA_KELUARGA, SHDK.SUAMI, SHDK.ISTRI]
        )
    )
    ayah = next(
        (
            a
            for a in anggota
            if a.jenis_kelamin == kode.JenisKelamin.LAKI_LAKI
            and a.shdk in (SHDK.KEPALA_KELUARGA, SHDK.SUAMI)
        ),
        None,
    )
    ibu = next(
        (
            a
            for a in anggota
            if a.jenis_kelamin == kode.JenisKelamin.PEREMPUAN
            and a.shdk in (SHDK.KEPALA_KELUARGA, SHDK.ISTRI)
        ),
        None,
    )
    hasil = {}
    if ayah:
        hasil.update(nama_ayah=ayah.nama, nik_ayah=ayah.nik if not ayah.nik_sementara else "")
    if ibu:
        hasil.update(nama_ibu=ibu.nama, nik_ibu=ibu.nik if not ibu.nik_sementara else "")
    kepala = next((a for a in anggota if a.shdk == SHDK.KEPALA_KELUARGA), None)
    if kepala:
        hasil["agama"] = kepala.agama
    return hasil


def bawaan_bayi(keluarga) -> dict[str, Any]:
    """Defaults for a newborn registered into `keluarga` (for the LAHIR form)."""
    return {
        "nik": "0",
        "status_kawin": kode.StatusKawin.BELUM_KAWIN,
        "pendidikan_kk": kode.PendidikanKK.TIDAK_BELUM_SEKOLAH,
        "pendidikan_sedang": kode.PendidikanSedang.BELUM_MASUK_TK_KELOMPOK_BERMAIN,
        "pekerjaan": kode.Pekerjaan.BELUM_TIDAK_BEKERJA,
        "warganegara": kode.WargaNegara.WNI,
        "status_penduduk": kode.StatusPenduduk.TETAP,
        "ktp_el": kode.KtpEl.BELUM,
        "status_rekam": kode.StatusRekam.BELUM_WAJIB,
        "jenis_kelahiran": kode.JenisKelahiran.TUNGGAL,
        "shdk": SHDK.ANAK,
        **_orang_tua_dari_keluarga(keluarga),
    }


@transaction.atomic
def peristiwa_kelahiran_catat(
    *,
    oleh: Any,
    keluarga,
    data: dict[str, Any],
    shdk: int = SHDK.ANAK,
    tanggal_lapor,
    konfirmasi: bool = False,
) -> Penduduk:
    """Register a newborn into a family. NIK "0" gives a temporary NIK until Dukcapil issues one."""
    from keluarga.models import Keluarga

    keluarga = Keluarga.objects.select_for_update().get(pk=keluarga.pk)
    if not keluarga.aktif:
        raise ValidationError("Keluarga ini tidak aktif lagi; pilih keluarga lain.")
    bawaan = bawaan_bayi(keluarga)
    bawaan.pop("shdk")
    p = Penduduk(keluarga=keluarga, shdk=shdk, wilayah_id=keluarga.wilayah_id)
    _isi(p, {**bawaan, **{k: v for k, v in data.items() if v not in (None, "")}})
    if shdk == SHDK.KEPALA_KELUARGA:
        raise ValidationError({"shdk": "Bayi tidak dapat menjadi kepala keluarga."})
    tanggal_lahir = p.tanggal_lahir
    _validasi_tanggal(
        p, tanggal_lahir, tanggal_lapor, "kelahiran", kolom="tanggal_lahir", label="Tanggal lahir"
    )
    simpan_penduduk(p, konfirmasi=konfirmasi)
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=p,
        perubahan=_tanpa(selisih({}, potret(p))),
        keterangan="Kelahiran.",
    )
    _buat_peristiwa(
        oleh=oleh,
        p=p,
        jenis=J.LAHIR,
        tanggal_peristiwa=tanggal_lahir,
        tanggal_lapor=tanggal_lapor,
        detail={},
    )
    return p


@transaction.atomic
def peristiwa_pindah_masuk_catat(
    *,
    oleh: Any,
    data: dict[str, Any],
    alamat_asal: str,
    tanggal_peristiwa,
    tanggal_lapor,
    keluarga=None,
    shdk: int | None = None,
    konfirmasi: bool = False,
    catatan: str = "",
) -> Penduduk:
    """A person arrives: into an existing family, or without a KK (then `data['wilayah']`)."""
    if not (alamat_asal or "").strip():
        raise ValidationError({"alamat_asal": "Alamat asal (alamat sebelumnya) wajib diisi."})
    p = Penduduk(keluarga=keluarga, shdk=shdk)
    if keluarga is not None:
        p.wilayah_id = keluarga.wilayah_id
    _isi(p, {**data, "alamat_sebelumnya": alamat_asal.strip()})
    _validasi_tanggal(p, tanggal_peristiwa, tanggal_lapor, "pindah masuk")
    simpan_penduduk(p, konfirmasi=konfirmasi)
    catat_aktivitas(
        oleh=oleh,
        aksi="buat",
        objek=p,
        perubahan=_tanpa(selisih({}, potret(p))),
        keterangan="Pindah masuk.",
    )
    _buat_peristiwa(
        oleh=oleh,
        p=p,
        jenis=J.PINDAH_MASUK,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail={"alamat_asal": alamat_asal.strip(), "catatan": catatan},
    )
    return p


@transaction.atomic
def peristiwa_kembali_catat(
    *,
    oleh: Any,
    penduduk: Penduduk,
    tanggal_peristiwa,
    tanggal_lapor,
    alamat_asal: str = "",
    keluarga=None,
    shdk: int | None = None,
    wilayah=None,
    catatan: str = "",
) -> Peristiwa:
    """A resident who had moved out, left or gone missing comes back and is HIDUP again."""
    from keluarga.models import Keluarga

    p = _kunci(penduduk)
    if p.status_dasar not in (S.PINDAH, S.PERGI, S.HILANG):
        raise ValidationError(
            f"KEMBALI DATANG hanya untuk penduduk berstatus PINDAH, PERGI atau HILANG; {p.nama} berstatus "
            f"{kode.StatusDasar(p.status_dasar).label}."
        )
    status_sebelum = p.status_dasar
    tujuan = keluarga
    if tujuan is None and p.keluarga_id and p.keluarga.aktif:
        tujuan = p.keluarga
    if tujuan is not None:
        tujuan = Keluarga.objects.select_for_update().get(pk=tujuan.pk)
        if not tujuan.aktif:
            tujuan.aktif = True
            tujuan.save(update_fields=["aktif", "diperbarui"])
    sebelum = potret(p)
    if tujuan is None:
        if wilayah is None:
            raise ValidationError(
                {"wilayah": "Pilih keluarga tujuan, atau wilayah (RT) bila kembali tanpa KK."}
            )
        p.keluarga, p.shdk, p.wilayah = None, None, wilayah
    else:
        if tujuan.pk != p.keluarga_id and p.keluarga_id:
            p.no_kk_sebelumnya = p.keluarga.no_kk
        p.keluarga, p.wilayah_id = tujuan, tujuan.wilayah_id
        p.shdk = shdk or p.shdk
        if p.status_penduduk != kode.StatusPenduduk.TETAP:
            p.status_penduduk = kode.StatusPenduduk.TETAP
    p.status_dasar = S.HIDUP
    simpan_penduduk(p, konfirmasi=True)
    e = _buat_peristiwa(
        oleh=oleh,
        p=p,
        jenis=J.KEMBALI_DATANG,
        tanggal_peristiwa=tanggal_peristiwa,
        tanggal_lapor=tanggal_lapor,
        detail={"alamat_asal": alamat_asal, "catatan": catatan},
        status_sebelum=status_sebelum,
    )
    perubahan = _tanpa(selisih(sebelum, potret(p)))
    if perubahan:
        catat_aktivitas(
            oleh=oleh, aksi="ubah", objek=p, perubahan=perubahan, keterangan="Kembali datang."
        )
    return e


@transaction.atomic
def peristiwa_update(*, oleh: Any, peristiwa: Peristiwa, data: dict[str, Any]) -> Peristiwa:
    """Correct an event's details (dates, cause, destination …). The kind cannot change."""
    e = (
        Peristiwa.objects.select_for_update(of=("self",))
        .select_related("penduduk")
        .get(pk=peristiwa.pk)
    )
    if e.dibatalkan:
        raise ValidationError("Peristiwa yang sudah dibatalkan tidak dapat diubah.")
    izin = KOLOM_DETAIL.get(e.jenis, set()) | {"catatan", "tanggal_peristiwa", "tanggal_lapor"}
    asing = set(data) - izin
    if asing:
        raise ValidationError(
            f"Kolom {', '.join(sorted(asing))} tidak dapat diubah pada peristiwa ini."
        )
    sebelum = potret(e)
    for k, v in data.items():
        setattr(e, k, v)
    if e.jenis == J.LAHIR and e.tanggal_peristiwa != e.penduduk.tanggal_lahir:
        raise ValidationError(
            {
                "tanggal_peristiwa": "Tanggal kelahiran mengikuti tanggal lahir; ubah tanggal lahir pada biodata."
            }
        )
    _validasi_tanggal(
        e.penduduk, e.tanggal_peristiwa, e.tanggal_lapor, e.get_jenis_display().lower(), kecuali=e
    )
    e.full_clean()
    e.save()
    perubahan = selisih(sebelum, potret(e))
    if perubahan:
        catat_aktivitas(
            oleh=oleh,
            aksi="ubah_peristiwa",
            objek=e.penduduk,
            perubahan=perubahan,
            keterangan=f"Koreksi peristiwa {e.get_jenis_display()} tanggal {e.tanggal_peristiwa:%d-%m-%Y}.",
        )
    return e


@transaction.atomic
def peristiwa_batalkan(
    *, oleh: Any, peristiwa: Peristiwa, alasan: str, shdk_baru: int | None = None
) -> Peristiwa:
    """Revert the latest exit event: the person is HIDUP again; the event stays, marked reverted."""
    from keluarga.models import Keluarga
    from keluarga.services import keluarga_peristiwa_catat

    e = Peristiwa.objects.select_for_update().get(pk=peristiwa.pk)
    p = _kunci(e.penduduk)
    if not (alasan or "").strip():
        raise ValidationError({"alasan": "Tulis alasan pembatalan."})
    if e.dibatalkan:
        raise ValidationError("Peristiwa ini sudah dibatalkan.")
    if not e.keluar:
        raise ValidationError(
            "Hanya peristiwa keluar (mati, pindah keluar, hilang, pergi) yang dapat dibatalkan."
        )
    terakhir = (
        Peristiwa.objects.berlaku().filter(penduduk=p).order_by("-tanggal_peristiwa", "-id").first()
    )
    if terakhir is None or terakhir.pk != e.pk or p.status_dasar != kode.PERISTIWA_KELUAR[e.jenis]:
        raise ValidationError("Hanya peristiwa terakhir penduduk ini yang dapat dibatalkan.")
    sebelum = potret(p)
    if p.keluarga_id:
        keluarga = Keluarga.objects.select_for_update().get(pk=p.keluarga_id)
        if not keluarga.aktif:
            keluarga.aktif = True
            keluarga.save(update_fields=["aktif", "diperbarui"])
        if p.shdk == SHDK.KEPALA_KELUARGA:
            kepala_baru = keluarga.kepala()
            if kepala_baru is not None:
                if not shdk_baru or shdk_baru == SHDK.KEPALA_KELUARGA:
                    raise ValidationError(
                        {
                            "shdk_baru": f"Keluarga ini sudah memiliki kepala baru ({kepala_baru.nama}). "
                            f"Pilih hubungan dalam keluarga untuk {p.nama}."
                        }
                    )
                p.shdk = shdk_baru
            elif e.jenis == J.MATI:
                keluarga_peristiwa_catat(
                    oleh=oleh,
                    keluarga=keluarga,
                    jenis=kode.JenisPeristiwaKeluarga.KEPALA_KELUARGA_KEMBALI_HIDUP,
                    tanggal=timezone.localdate(),
                    penduduk=p,
                )
    p.status_dasar = S.HIDUP
    simpan_penduduk(p, konfirmasi=True)
    e.dibatalkan = True
    e.dibatalkan_pada = timezone.now()
    e.alasan_batal = alasan.strip()
    e.save(update_fields=["dibatalkan", "dibatalkan_pada", "alasan_batal"])
    catat_aktivitas(
        oleh=oleh,
        aksi="batal_peristiwa",
        objek=p,
        perubahan=_tanpa(selisih(sebelum, potret(p))),
        keterangan=f"Peristiwa {e.get_jenis_display()} {e.tanggal_peristiwa:%d-%m-%Y} dibatalkan: {alasan.strip()}",
    )
    return e


@transaction.atomic
def perkawinan_catat(
    *, oleh: Any, penduduk: Penduduk, tanggal_perkawinan, akta_perkawinan: str = ""
) -> Penduduk:
    p = _kunci(penduduk)
    if not p.hidup:
        raise ValidationError(f"{p.nama} tidak berstatus HIDUP.")
    if p.status_kawin == kode.StatusKawin.KAWIN:
        raise ValidationError(f"{p.nama} sudah berstatus KAWIN.")
    sebelum = potret(p)
    p.status_kawin = kode.StatusKawin.KAWIN
    p.tanggal_perkawinan, p.akta_perkawinan = tanggal_perkawinan, (akta_perkawinan or "").strip()
    p.akta_perceraian, p.tanggal_perceraian = "", None
    if not tanggal_perkawinan:
        raise ValidationError({"tanggal_perkawinan": "Tanggal perkawinan wajib diisi."})
    simpan_penduduk(p, konfirmasi=True)
    catat_aktivitas(
        oleh=oleh, aksi="perkawinan", objek=p, perubahan=_tanpa(selisih(sebelum, potret(p)))
    )
    return p


@transaction.atomic
def perceraian_catat(
    *, oleh: Any, penduduk: Penduduk, tanggal_perceraian, akta_perceraian: str = ""
) -> Penduduk:
    p = _kunci(penduduk)
    if p.status_kawin != kode.StatusKawin.KAWIN:
        raise ValidationError(
            f"{p.nama} tidak berstatus KAWIN, sehingga perceraian tidak dapat dicatat."
        )
    if not tanggal_perceraian:
        raise ValidationError({"tanggal_perceraian": "Tanggal perceraian wajib diisi."})
    if (
        p.keluarga_id
        and p.shdk == SHDK.KEPALA_KELUARGA
        and Penduduk.objects.hidup()
        .filter(keluarga_id=p.keluarga_id, shdk__in=[SHDK.SUAMI, SHDK.ISTRI])
        .exists()
    ):
        raise ValidationError(
            f"Pasangan {p.nama} masih tercatat dalam KK yang sama. Pecah KK pasangan terlebih dahulu, "
            "baru catat perceraiannya."
        )
    if p.keluarga_id and p.shdk in (SHDK.SUAMI, SHDK.ISTRI):
        raise ValidationError(
            f"{p.nama} masih tercatat sebagai {kode.SHDK(p.shdk).label} dalam KK. Pecah KK atau ubah SHDK terlebih dahulu."
        )
    sebelum = potret(p)
    p.status_kawin = kode.StatusKawin.CERAI_HIDUP
    p.tanggal_perceraian, p.akta_perceraian = tanggal_perceraian, (akta_perceraian or "").strip()
    simpan_penduduk(p, konfirmasi=True)
    catat_aktivitas(
        oleh=oleh, aksi="perceraian", objek=p, perubahan=_tanpa(selisih(sebelum, potret(p)))
    )
    return p
