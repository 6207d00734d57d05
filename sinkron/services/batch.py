"""Building batches into the outbox, and the village's policy per dataset."""

from __future__ import annotations

import datetime
import logging
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sid.celery_app import antrekan
from sid.lib.audit import catat_aktivitas
from sid.lib.kabel import protokol
from sinkron import dataset as ds
from sinkron.models import URUTAN_TINGKAT, DatasetHub, Hub, Kiriman, RekamanTerkirim, Tingkat
from sinkron.services.umum import PATH

log = logging.getLogger("sinkron")

# Unchanged content is still re-sent this often, so the hub knows the village is alive.
KIRIM_ULANG_SAMA = datetime.timedelta(hours=24)
SIMPAN_SHA_PERIODE = 24


def _antrekan_kirim(hub: Hub, *, paksa: bool = False) -> None:
    transaction.on_commit(lambda: antrekan("sinkron.kirim_hub", hub.pk, paksa=paksa))


# --- policy --------------------------------------------------------------------------------------
def kebijakan_ubah(*, oleh: Any, dataset_hub: DatasetHub, tingkat: str) -> DatasetHub:
    """Change what a hub may receive of one dataset. Lowering it asks the hub to purge what it
    holds above the new level (pending sends above it are cancelled) and the hub's purge
    receipt is shown on the sync page; raising it sends a full snapshot next."""
    definisi = ds.ambil(dataset_hub.dataset)
    if definisi is None:
        raise ValidationError("Dataset ini tidak dikenal di instalasi ini.")
    if tingkat != Tingkat.MATI and tingkat not in definisi.jenis:
        raise ValidationError(
            {"tingkat": f"Dataset '{definisi.judul}' tidak dapat dikirim sebagai {tingkat}."}
        )
    with transaction.atomic():
        dh = DatasetHub.objects.select_for_update().select_related("hub").get(pk=dataset_hub.pk)
        lama = dh.tingkat
        if lama == tingkat:
            return dh
        if not dh.hub.aktif:
            raise ValidationError("Hub ini tidak aktif.")
        if URUTAN_TINGKAT[tingkat] < URUTAN_TINGKAT[lama]:
            Kiriman.objects.filter(
                hub=dh.hub,
                jenis=Kiriman.Jenis.BATCH,
                dataset=dh.dataset,
                status=Kiriman.Status.MENUNGGU,
            ).update(status=Kiriman.Status.DIBATALKAN, galat="Dibatalkan: kebijakan diturunkan.")
            dh.urutan += 1
            kode = uuid.uuid4()
            Kiriman.objects.create(
                uuid=kode,
                hub=dh.hub,
                jenis=Kiriman.Jenis.PURGE,
                dataset=dh.dataset,
                urutan=dh.urutan,
                tingkat=tingkat,
                path=PATH["purge"],
                isi={
                    "kode_desa": dh.hub.kode_desa,
                    "purge": str(kode),
                    "dataset": dh.dataset,
                    "tingkat": tingkat,
                    "urutan": dh.urutan,
                },
            )
            RekamanTerkirim.objects.filter(hub=dh.hub, dataset=dh.dataset).delete()
            dh.sha_periode = {}
            dh.tanda_terima_purge = {}
        dh.perlu_penuh = True
        dh.tingkat = tingkat
        dh.diubah = timezone.now()
        dh.diubah_oleh = oleh if getattr(oleh, "pk", None) else None
        dh.save()
        catat_aktivitas(
            oleh=oleh,
            aksi="sinkron_kebijakan",
            objek=dh.hub,
            perubahan={f"kebijakan {definisi.judul}": [lama, tingkat]},
        )
        _antrekan_kirim(dh.hub)
    return dh


# --- building batches ------------------------------------------------------------------------
def _sha_rekaman(data: dict, berkas_sha: str) -> str:
    return protokol.sha256_hex(protokol.json_kanonik({"data": data, "berkas": berkas_sha}))


def _rekaman_ke_delta(
    hub: Hub, dh: DatasetHub, isi: dict, penuh: bool
) -> tuple[dict, dict[str, str], dict]:
    """The full record set from the builder → (content with changes and tombstones, files
    to attach, the reconciliation summary of the full set)."""
    semua = isi.get("rekaman") or []
    diakui = {
        r.kunci: r
        for r in RekamanTerkirim.objects.filter(hub=hub, dataset=dh.dataset).only(
            "kunci", "sha", "berkas_sha"
        )
    }
    rekaman, berkas, pasangan = [], {}, []
    for r in semua:
        lampiran = r.get("berkas")
        berkas_sha = protokol.sha256_hex(lampiran["isi"]) if lampiran else ""
        sha = _sha_rekaman(r["data"], berkas_sha)
        pasangan.append((r["kunci"], sha))
        lama = diakui.get(r["kunci"])
        if not penuh and lama is not None and lama.sha == sha:
            continue
        entri = {"kunci": r["kunci"], "sha256": sha, "data": r["data"], "berkas": None}
        if lampiran:
            entri["berkas"] = {"sha256": berkas_sha, "jenis": lampiran.get("jenis", "")}
            if penuh or lama is None or lama.berkas_sha != berkas_sha:
                berkas[berkas_sha] = protokol.b64(lampiran["isi"])
        rekaman.append(entri)
    kunci_ada = {k for k, _ in pasangan}
    hapus = sorted(set(diakui) - kunci_ada) if not penuh else []
    konten = {"agregat": isi.get("agregat", {}), "rekaman": rekaman, "hapus": hapus}
    return (
        konten,
        berkas,
        {"jumlah": len(pasangan), "sha256": protokol.digest_rekaman(pasangan)},
    )


def _buat_batch(
    *, hub: Hub, dh: DatasetHub, definisi: ds.Dataset, periode: str, isi: dict, penuh: bool
) -> Kiriman | None:
    # A newer batch replaces one of the same period still waiting (never loses a full one).
    tertunda = Kiriman.objects.filter(
        hub=hub,
        jenis=Kiriman.Jenis.BATCH,
        dataset=dh.dataset,
        periode=periode,
        status=Kiriman.Status.MENUNGGU,
    )
    if not penuh and tertunda.filter(penuh=True).exists():
        penuh = True
    berkas: dict[str, str] = {}
    ringkasan: dict[str, Any] = {}
    if dh.tingkat == Tingkat.REKAMAN and definisi.bisa_rekaman:
        isi, berkas, ringkasan["rekaman"] = _rekaman_ke_delta(hub, dh, isi, penuh)
    elif definisi.bisa_rekaman:
        isi = {"agregat": isi.get("agregat", {}), "rekaman": [], "hapus": []}
    sha = protokol.sha256_hex(protokol.json_kanonik(isi))
    sebelumnya = (dh.sha_periode or {}).get(periode)
    sekarang = timezone.now()
    if not penuh and sebelumnya and sebelumnya[0] == sha:
        dikirim = datetime.datetime.fromisoformat(sebelumnya[1])
        if sekarang - dikirim < KIRIM_ULANG_SAMA:
            return None
    ringkasan["sha256"] = sha
    jumlah = protokol.jumlah_angka(isi)
    if jumlah is not None:
        ringkasan["jumlah"] = jumlah
    tertunda.update(status=Kiriman.Status.DIBATALKAN, galat="Digantikan kiriman yang lebih baru.")
    dh.urutan += 1
    kode = uuid.uuid4()
    amplop = {
        "protokol": protokol.VERSI_PROTOKOL,
        "kode_desa": hub.kode_desa,
        "batch": str(kode),
        "dataset": dh.dataset,
        "versi_skema": definisi.versi_skema,
        "periode": periode,
        "urutan": dh.urutan,
        "tingkat": dh.tingkat,
        "penuh": penuh,
        "dibuat": sekarang.isoformat(),
        "manifes": protokol.manifes(isi, berkas),
        "ringkasan": ringkasan,
        "isi": isi,
        "berkas": berkas,
    }
    sha_periode = dict(dh.sha_periode or {})
    sha_periode[periode] = [sha, sekarang.isoformat()]
    dh.sha_periode = dict(sorted(sha_periode.items())[-SIMPAN_SHA_PERIODE:])
    return Kiriman.objects.create(
        uuid=kode,
        hub=hub,
        jenis=Kiriman.Jenis.BATCH,
        dataset=dh.dataset,
        periode=periode,
        urutan=dh.urutan,
        tingkat=dh.tingkat,
        penuh=penuh,
        path=PATH["batch"],
        isi=amplop,
    )


def sinkron_siapkan(
    *, hub: Hub, penuh: bool = False, hanya: list[str] | None = None
) -> list[Kiriman]:
    """Build this run's batches for every shared dataset into the outbox (system service)."""
    if not hub.aktif:
        return []
    from sinkron.services.pendaftaran import dataset_lengkapi

    dataset_lengkapi(hub)
    hasil: list[Kiriman] = []
    for dh in hub.dataset.exclude(tingkat=Tingkat.MATI).order_by("pk"):
        definisi = ds.ambil(dh.dataset)
        if definisi is None or (hanya is not None and dh.dataset not in hanya):
            continue
        # Build outside any transaction (a big village's statistics take a few seconds and
        # SQLite would hold its write lock meanwhile), then write under the row lock.
        lengkap = penuh or dh.perlu_penuh
        tingkat = dh.tingkat
        isi_periode, galat = [], ""
        for periode in definisi.periode(lengkap):
            try:
                isi = definisi.bangun(periode, tingkat)
            except Exception as exc:  # a broken source must not stop the other datasets
                log.exception("dataset %s periode %s gagal dibangun", dh.dataset, periode)
                galat = f"Data '{definisi.judul}' gagal disiapkan: {exc}"
                continue
            if isi is not None:
                isi_periode.append((periode, isi))
        with transaction.atomic():
            dh = DatasetHub.objects.select_for_update().get(pk=dh.pk)
            if dh.tingkat != tingkat:
                continue  # the policy changed meanwhile: the next run builds at the new level
            for periode, isi in isi_periode:
                kiriman = _buat_batch(
                    hub=hub, dh=dh, definisi=definisi, periode=periode, isi=isi, penuh=lengkap
                )
                if kiriman is not None:
                    hasil.append(kiriman)
            dh.terakhir_dibangun = timezone.now()
            dh.galat = galat
            if not galat:
                dh.perlu_penuh = False
            dh.save()
    return hasil


def kirim_sekarang(*, oleh: Any, hub: Hub) -> None:
    """ "Kirim sekarang": prepare fresh batches and push them now, ignoring the backoff."""
    if not hub.aktif:
        raise ValidationError("Desa tidak terdaftar aktif di hub ini.")
    with transaction.atomic():
        catat_aktivitas(oleh=oleh, aksi="sinkron_kirim_sekarang", objek=hub)
        transaction.on_commit(lambda: antrekan("sinkron.siapkan_dan_kirim", hub.pk))
