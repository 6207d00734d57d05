"""Receiving batches and purges from villages: validated, applied in one transaction, recorded
by (village, dataset, batch UUID) so a replay returns the same receipt and changes nothing."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from hub import penerapan
from hub.models import (
    Anggaran,
    Angka,
    BatchHub,
    DataPeriode,
    DesaHub,
    PurgeHub,
    RekamanHub,
    StatusDataset,
)
from hub.verifikasi import Ditolak, PermintaanSah
from sid.lib.kabel import protokol

POLA_DATASET = re.compile(r"^[a-z][a-z0-9_-]{1,39}$")
POLA_PERIODE = re.compile(r"^(|[0-9]{4}|[0-9]{4}-(0[1-9]|1[0-2]))$")
TINGKAT = ("agregat", "rekaman")


def _uuid(nilai: Any, nama: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(nilai))
    except ValueError:
        raise Ditolak(400, "batch_tidak_sah", f"{nama} harus UUID.") from None


def _urutan(nilai: Any) -> int:
    if isinstance(nilai, bool) or not isinstance(nilai, int) or nilai < 1:
        raise Ditolak(400, "batch_tidak_sah", "Nomor urut harus bilangan bulat positif.")
    return nilai


def _dataset(nilai: Any) -> str:
    if not isinstance(nilai, str) or not POLA_DATASET.match(nilai):
        raise Ditolak(400, "batch_tidak_sah", "Kode dataset tidak sah.")
    return nilai


def _status(desa: DesaHub, dataset: str) -> StatusDataset:
    try:
        return StatusDataset.objects.get_or_create(desa=desa, dataset=dataset)[0]
    except IntegrityError:  # created concurrently
        return StatusDataset.objects.get(desa=desa, dataset=dataset)


def ringkasan_hub(desa: DesaHub, dataset: str, periode: str, spek: penerapan.Spek) -> dict:
    """The totals the hub now holds for the village, dataset and period (reconciliation)."""
    dp = DataPeriode.objects.filter(desa=desa, dataset=dataset, periode=periode).first()
    if dp is None:
        return {"periode": periode}
    hasil: dict[str, Any] = {"periode": periode, "urutan": dp.urutan, "sha256": dp.sha}
    if spek.terapkan is penerapan.terapkan_angka:
        hasil["jumlah"] = penerapan.jumlah_angka(
            desa, dataset, periode, dp.isi.get("kategori_total"), dp.isi.get("kunci_total")
        )
    if spek.rekaman:
        hasil["rekaman"] = penerapan.ringkasan_rekaman(desa, dataset)
    return hasil


def batch_terima(*, permintaan: PermintaanSah) -> dict[str, Any]:
    """Apply one batch (or return the receipt it already got). Raises Ditolak when invalid."""
    data, desa = permintaan.data, permintaan.desa
    batch = _uuid(data.get("batch"), "batch")
    dataset = _dataset(data.get("dataset"))
    urutan = _urutan(data.get("urutan"))
    periode = data.get("periode", "")
    if not isinstance(periode, str) or not POLA_PERIODE.match(periode):
        raise Ditolak(400, "batch_tidak_sah", "Periode harus kosong, YYYY atau YYYY-MM.")
    tingkat = data.get("tingkat")
    if tingkat not in TINGKAT:
        raise Ditolak(400, "batch_tidak_sah", "Tingkat harus 'agregat' atau 'rekaman'.")
    isi, manifes = data.get("isi"), data.get("manifes")
    if not isinstance(isi, dict) or not isinstance(manifes, dict):
        raise Ditolak(400, "batch_tidak_sah", "Batch harus memuat isi dan manifes.")
    spek = penerapan.spek(dataset, isi)
    if spek is None:
        raise Ditolak(400, "dataset_tidak_dikenal", f"Hub ini belum mengenal dataset '{dataset}'.")
    if data.get("versi_skema") not in spek.versi:
        raise Ditolak(
            400,
            "versi_skema",
            f"Versi skema {data.get('versi_skema')} dataset '{dataset}' belum didukung hub ini.",
        )
    if manifes.get("algoritma") != "sha256" or manifes.get("isi") != protokol.sha256_hex(
        protokol.json_kanonik(isi)
    ):
        raise Ditolak(400, "manifes_tidak_cocok", "SHA-256 isi batch tidak cocok dengan manifes.")
    berkas = penerapan.periksa_berkas(data.get("berkas"), manifes)
    ringkasan_desa = data.get("ringkasan") if isinstance(data.get("ringkasan"), dict) else {}

    lama = BatchHub.objects.filter(desa=desa, dataset=dataset, uuid=batch).first()
    if lama is not None:
        return lama.tanda_terima
    status = _status(desa, dataset)
    try:
        with transaction.atomic():
            status = StatusDataset.objects.select_for_update().get(pk=status.pk)
            lama = BatchHub.objects.filter(desa=desa, dataset=dataset, uuid=batch).first()
            if lama is not None:
                return lama.tanda_terima
            tanda_terima = _terapkan(
                desa=desa,
                status=status,
                spek=spek,
                batch=batch,
                dataset=dataset,
                periode=periode,
                urutan=urutan,
                tingkat=tingkat,
                isi=isi,
                berkas=berkas,
                penuh=bool(data.get("penuh")),
                sha=manifes["isi"],
                ringkasan_desa=ringkasan_desa,
            )
            BatchHub.objects.create(
                desa=desa,
                dataset=dataset,
                uuid=batch,
                urutan=urutan,
                periode=periode,
                versi_skema=data["versi_skema"],
                tingkat=tingkat,
                hasil=tanda_terima["hasil"],
                tanda_terima=tanda_terima,
            )
    except IntegrityError:
        lama = BatchHub.objects.filter(desa=desa, dataset=dataset, uuid=batch).first()
        if lama is None:
            raise
        return lama.tanda_terima
    return tanda_terima


def _terapkan(
    *,
    desa: DesaHub,
    status: StatusDataset,
    spek: penerapan.Spek,
    batch: uuid.UUID,
    dataset: str,
    periode: str,
    urutan: int,
    tingkat: str,
    isi: dict,
    berkas: dict,
    penuh: bool,
    sha: str,
    ringkasan_desa: dict,
) -> dict[str, Any]:
    sekarang = timezone.now()
    dp = DataPeriode.objects.filter(desa=desa, dataset=dataset, periode=periode).first()
    usang = urutan <= status.urutan_purge or (dp is not None and urutan <= dp.urutan)
    if not usang:
        terkini = spek.riwayat == penerapan.DERET or periode >= status.periode_terakhir
        spek.terapkan(
            desa=desa,
            dataset=dataset,
            periode=periode,
            isi=isi,
            terkini=terkini,
            spek=spek,
            tingkat=tingkat,
            penuh=penuh,
            berkas=berkas,
        )
        if spek.riwayat == penerapan.SNAPSHOT and terkini:
            for lama in DataPeriode.objects.filter(
                desa=desa, dataset=dataset, terkini=True
            ).exclude(periode=periode):
                lama.terkini = False
                lama.isi.pop("dusun", None)  # per-dusun detail only for the newest snapshot
                lama.save(update_fields=["terkini", "isi"])
        DataPeriode.objects.update_or_create(
            desa=desa,
            dataset=dataset,
            periode=periode,
            defaults={
                "urutan": urutan,
                "batch": batch,
                "sha": sha,
                "isi": penerapan.isi_disimpan(spek, isi, terkini),
                "terkini": terkini,
                "diterima": sekarang,
            },
        )
        status.tingkat = tingkat
        if periode >= status.periode_terakhir:
            status.periode_terakhir = periode
    status.urutan_terakhir = max(status.urutan_terakhir, urutan)
    status.terakhir_diterima = sekarang
    ringkasan = ringkasan_hub(desa, dataset, periode, spek)
    status.ringkasan_desa = ringkasan_desa
    status.ringkasan_hub = ringkasan
    status.cocok = protokol.ringkasan_cocok(ringkasan_desa, ringkasan) if ringkasan_desa else True
    status.save()
    DesaHub.objects.filter(pk=desa.pk).update(terakhir_diterima=sekarang)
    return {
        "batch": str(batch),
        "kode_desa": desa.kode,
        "dataset": dataset,
        "periode": periode,
        "urutan": urutan,
        "hasil": BatchHub.Hasil.USANG if usang else BatchHub.Hasil.DITERAPKAN,
        "urutan_hub": status.urutan_terakhir,
        "ringkasan": ringkasan,
        "cocok": status.cocok,
        "diterima": sekarang.isoformat(),
        "hub": settings.SID_HUB_NAMA,
    }


# --- purge after a policy downgrade ---------------------------------------------------------------
def purge_terima(*, permintaan: PermintaanSah) -> dict[str, Any]:
    """Delete what the hub holds above the village's new policy level, once per purge UUID."""
    data, desa = permintaan.data, permintaan.desa
    purge = _uuid(data.get("purge"), "purge")
    dataset = _dataset(data.get("dataset"))
    tingkat = data.get("tingkat")
    if tingkat not in ("agregat", "mati"):
        raise Ditolak(400, "purge_tidak_sah", "Tingkat baru harus 'agregat' atau 'mati'.")
    urutan = _urutan(data.get("urutan"))
    lama = PurgeHub.objects.filter(uuid=purge).first()
    if lama is not None:
        if lama.desa_id != desa.pk:
            raise Ditolak(403, "kode_desa_tidak_cocok", "Permintaan hapus milik desa lain.")
        return lama.tanda_terima
    status = _status(desa, dataset)
    with transaction.atomic():
        status = StatusDataset.objects.select_for_update().get(pk=status.pk)
        lama = PurgeHub.objects.filter(uuid=purge).first()
        if lama is not None:
            return lama.tanda_terima
        rekaman = RekamanHub.objects.filter(desa=desa, dataset=dataset)
        berkas = list(rekaman.exclude(berkas="").values_list("berkas", flat=True))
        dihapus = {"rekaman": rekaman.count(), "berkas": len(berkas)}
        rekaman.delete()
        for nama in berkas:
            penerapan._hapus_berkas_setelah_commit(nama)
        if tingkat == "mati":
            dihapus["periode"] = DataPeriode.objects.filter(desa=desa, dataset=dataset).delete()[0]
            dihapus["angka"] = Angka.objects.filter(desa=desa, dataset=dataset).delete()[0]
            if dataset == "apbdes":
                dihapus["anggaran"] = Anggaran.objects.filter(desa=desa).delete()[0]
            status.periode_terakhir = ""
            status.ringkasan_hub = {}
        elif penerapan.SPEK.get(dataset) and penerapan.SPEK[dataset].rekaman:
            status.ringkasan_hub = {**status.ringkasan_hub, "rekaman": {"jumlah": 0}}
        status.tingkat = tingkat
        status.urutan_purge = max(status.urutan_purge, urutan)
        status.urutan_terakhir = max(status.urutan_terakhir, urutan)
        status.cocok = True
        status.save()
        sekarang = timezone.now()
        tanda_terima = {
            "purge": str(purge),
            "kode_desa": desa.kode,
            "dataset": dataset,
            "tingkat": tingkat,
            "dihapus": dihapus,
            "waktu": sekarang.isoformat(),
            "hub": settings.SID_HUB_NAMA,
        }
        DesaHub.objects.filter(pk=desa.pk).update(terakhir_diterima=sekarang)
        PurgeHub.objects.create(
            uuid=purge,
            desa=desa,
            dataset=dataset,
            tingkat_baru=tingkat,
            dihapus=dihapus,
            tanda_terima=tanda_terima,
            waktu=sekarang,
        )
    return tanda_terima
