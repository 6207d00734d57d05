"""The population event history: `log_penduduk` → Peristiwa, `log_keluarga` → PeristiwaKeluarga,
with their own event and report dates, so the monthly report and the registers of past months
come out of SID as they did out of OpenSID."""

from __future__ import annotations

from django.utils import timezone

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk.models import Penduduk, Peristiwa
from pindah.konteks import Konteks
from pindah.peta import baca
from pindah.peta.identitas import tanggal_data_lengkap
from sid import kode
from sid.services import identitas_desa_update

NAMA = "Riwayat peristiwa"
TABEL = {"log_penduduk", "log_keluarga"}
MODEL = [Peristiwa, PeristiwaKeluarga]
BOBOT = 3  # share of the progress bar (bench.pindah)

JP = kode.JenisPeristiwa
KELUAR = {JP.MATI, JP.PINDAH_KELUAR, JP.HILANG, JP.PERGI}
BATCH = 2000


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
        jenis = baca.kode(b.get("kode_peristiwa"), JP)
        if jenis is None:
            ktx.laporan.tolak(
                "Peristiwa", rujukan, f"Kode peristiwa {b.get('kode_peristiwa')} tidak dikenal."
            )
            continue
        tgl = baca.tanggal(b.get("tgl_peristiwa"))
        lapor = baca.tanggal(b.get("tgl_lapor"))
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
        no_kk = baca.teks(b.get("no_kk"))
        e = Peristiwa(
            penduduk=p,
            jenis=jenis,
            tanggal_peristiwa=tgl,
            tanggal_lapor=lapor,
            keluarga_id=keluarga.get(no_kk),
            no_kk=no_kk if len(no_kk) == 16 else "",
            nama_kepala_keluarga=baca.teks(b.get("nama_kk"))[:100],
            status_dasar_sebelum=kode.StatusDasar.HIDUP if jenis in KELUAR else None,
            shdk_sebelum=p.shdk,
            catatan=baca.teks(b.get("catatan")),
            dibuat=baca.saat(b.get("created_at")) or timezone.now(),
            dibuat_oleh=user,
        )
        if jenis == JP.MATI:
            e.waktu_kematian = baca.waktu(b.get("jam_mati"))
            e.tempat_kematian = baca.teks(b.get("meninggal_di"))[:100]
            e.sebab_kematian = baca.kode(b.get("sebab"), kode.SebabKematian)
            e.penerang_kematian = baca.kode(b.get("penolong_mati"), kode.PenerangKematian)
            e.no_akta_kematian = baca.teks(b.get("akta_mati"))[:40]
        if jenis in (JP.PINDAH_KELUAR, JP.PINDAH_MASUK):
            e.jenis_pindah = baca.kode(b.get("ref_pindah"), kode.JenisPindah)
        if jenis == JP.PINDAH_KELUAR:
            e.alamat_tujuan = baca.teks(b.get("alamat_tujuan"))[:255]
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
        jenis = baca.kode(b.get("id_peristiwa"), kode.JenisPeristiwaKeluarga)
        tgl = baca.tanggal(b.get("tgl_peristiwa"))
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
                dibuat=baca.saat(b.get("tgl_peristiwa")) or timezone.now(),
                dibuat_oleh=user,
            )
        )
    PeristiwaKeluarga.objects.bulk_create(antre, batch_size=BATCH)
    ktx.laporan.hitung("Peristiwa keluarga", len(antre))
