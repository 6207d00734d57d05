"""What every population event shares: the kinds, the date rules, writing the event."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from penduduk.models import Penduduk, Peristiwa
from penduduk.services.biodata import _tanpa
from sid import kode
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
