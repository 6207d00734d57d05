"""The population event history: `log_penduduk` → Peristiwa, `log_keluarga` → PeristiwaKeluarga,
with their own event and report dates, so the monthly report and the registers of past months
come out of SID as they did out of OpenSID."""

from __future__ import annotations

import datetime

from django.utils import timezone

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk.models import Penduduk, Peristiwa
from pindah.konteks import Konteks
from pindah.peta.identitas import tanggal_data_lengkap
from pindah.peta.register import _tanggal, _teks, nilai_mysql
from sid import kode
from sid.services import identitas_desa_update

NAMA = "Riwayat peristiwa"
TABEL = {"log_penduduk", "log_keluarga"}
MODEL = [Peristiwa, PeristiwaKeluarga]

JP = kode.JenisPeristiwa
KELUAR = {JP.MATI, JP.PINDAH_KELUAR, JP.HILANG, JP.PERGI}
BATCH = 2000


def _kode(v, pilihan) -> int | None:
    v = nilai_mysql(v)
    try:
        v = int(v)
    except (TypeError, ValueError):
        return None
    return v if v in pilihan.values else None


def _waktu(v) -> datetime.time | None:
    v = _teks(v)
    try:
        return datetime.time.fromisoformat(v) if v else None
    except ValueError:
        return None


def _saat(v) -> datetime.datetime | None:
    """OpenSID writes its own timestamps in the village's wall time."""
    v = _teks(v)
    try:
        return timezone.make_aware(datetime.datetime.fromisoformat(v)) if v else None
    except ValueError:
        return None


def jalankan(ktx: Konteks) -> None:
    _peristiwa_penduduk(ktx)
    _peristiwa_keluarga(ktx)
    selesai = tanggal_data_lengkap(ktx)
    if selesai:
        identitas_desa_update(oleh=ktx.oleh, data={"data_awal_selesai": selesai})


def _peristiwa_penduduk(ktx: Konteks) -> None:
    pk_penduduk = ktx.peta["tweb_penduduk"]
    penduduk = {
        p.pk: p for p in Penduduk.objects.filter(pk__in=pk_penduduk.values()).only("pk", "shdk")
    }
    keluarga = dict(Keluarga.objects.values_list("no_kk", "pk"))
    user = ktx.oleh if getattr(ktx.oleh, "pk", None) else None
    antre: list[Peristiwa] = []
    for b in ktx.baris("log_penduduk"):
        rujukan = f"log_penduduk id {b['id']}"
        p = penduduk.get(pk_penduduk.get(int(b.get("id_pend") or 0)))
        if p is None:
            ktx.laporan.tolak("Peristiwa", rujukan, "Penduduknya tidak terbawa.")
            continue
        jenis = _kode(b.get("kode_peristiwa"), JP)
        if jenis is None:
            ktx.laporan.tolak(
                "Peristiwa", rujukan, f"Kode peristiwa {b.get('kode_peristiwa')} tidak dikenal."
            )
            continue
        tgl = _tanggal(b.get("tgl_peristiwa"))
        lapor = _tanggal(b.get("tgl_lapor"))
        if tgl is None and lapor is None:
            ktx.laporan.tolak("Peristiwa", rujukan, "Tanggal peristiwa dan tanggal lapor kosong.")
            continue
        tgl, lapor = tgl or lapor, lapor or tgl
        if lapor < tgl:
            ktx.laporan.ubah(
                "Peristiwa", rujukan,
                f"Tanggal lapor {lapor:%d-%m-%Y} sebelum tanggal peristiwa {tgl:%d-%m-%Y}: "
                "tanggal lapor disamakan dengan tanggal peristiwa.",
            )  # fmt: skip
            lapor = tgl
        no_kk = _teks(b.get("no_kk"))
        e = Peristiwa(
            penduduk=p,
            jenis=jenis,
            tanggal_peristiwa=tgl,
            tanggal_lapor=lapor,
            keluarga_id=keluarga.get(no_kk),
            no_kk=no_kk if len(no_kk) == 16 else "",
            nama_kepala_keluarga=_teks(b.get("nama_kk"))[:100],
            status_dasar_sebelum=kode.StatusDasar.HIDUP if jenis in KELUAR else None,
            shdk_sebelum=p.shdk,
            catatan=_teks(b.get("catatan")),
            dibuat=_saat(b.get("created_at")) or timezone.now(),
            dibuat_oleh=user,
        )
        if jenis == JP.MATI:
            e.waktu_kematian = _waktu(b.get("jam_mati"))
            e.tempat_kematian = _teks(b.get("meninggal_di"))[:100]
            e.sebab_kematian = _kode(b.get("sebab"), kode.SebabKematian)
            e.penerang_kematian = _kode(b.get("penolong_mati"), kode.PenerangKematian)
            e.no_akta_kematian = _teks(b.get("akta_mati"))[:40]
        if jenis in (JP.PINDAH_KELUAR, JP.PINDAH_MASUK):
            e.jenis_pindah = _kode(b.get("ref_pindah"), kode.JenisPindah)
        if jenis == JP.PINDAH_KELUAR:
            e.alamat_tujuan = _teks(b.get("alamat_tujuan"))[:255]
        antre.append(e)
        if len(antre) >= BATCH:
            Peristiwa.objects.bulk_create(antre)
            ktx.laporan.hitung("Peristiwa", len(antre))
            antre = []
    Peristiwa.objects.bulk_create(antre)
    ktx.laporan.hitung("Peristiwa", len(antre))


def _peristiwa_keluarga(ktx: Konteks) -> None:
    pk_keluarga, pk_penduduk = ktx.peta["tweb_keluarga"], ktx.peta["tweb_penduduk"]
    user = ktx.oleh if getattr(ktx.oleh, "pk", None) else None
    antre = []
    for b in ktx.baris("log_keluarga"):
        rujukan = f"log_keluarga id {b['id']}"
        k = pk_keluarga.get(int(b.get("id_kk") or 0))
        jenis = _kode(b.get("id_peristiwa"), kode.JenisPeristiwaKeluarga)
        tgl = _tanggal(b.get("tgl_peristiwa"))
        if k is None or jenis is None or tgl is None:
            alasan = (
                "Keluarganya tidak terbawa." if k is None
                else f"Kode peristiwa keluarga {b.get('id_peristiwa')} tidak dikenal." if jenis is None
                else "Tanggal peristiwa kosong."
            )  # fmt: skip
            ktx.laporan.tolak("Peristiwa keluarga", rujukan, alasan)
            continue
        antre.append(
            PeristiwaKeluarga(
                keluarga_id=k,
                jenis=jenis,
                tanggal=tgl,
                penduduk_id=pk_penduduk.get(int(b.get("id_pend") or 0)),
                catatan="Dari OpenSID.",
                dibuat=_saat(b.get("tgl_peristiwa")) or timezone.now(),
                dibuat_oleh=user,
            )
        )
    PeristiwaKeluarga.objects.bulk_create(antre, batch_size=BATCH)
    ktx.laporan.hitung("Peristiwa keluarga", len(antre))
