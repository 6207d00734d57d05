"""Pushing the outbox to a hub until each item has a final answer, reading the receipts
(reconciliation), and pulling what the hub has for the village (notices, answers)."""

from __future__ import annotations

import datetime
import io
import logging
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from sid.lib.audit import catat_aktivitas
from sid.lib.kabel import protokol
from sid.lib.kabel.lampiran import periksa_lampiran
from sinkron import klien
from sinkron.models import (
    DatasetHub,
    Hub,
    Kiriman,
    PengumumanDesa,
    PesanTiketDesa,
    RekamanTerkirim,
    TiketDesa,
)
from sinkron.services.umum import KREDENSIAL_MATI, PATH, SEMENTARA, jeda, pesan_jawaban

log = logging.getLogger("sinkron")

LAMA_SEWA = datetime.timedelta(minutes=10)
BATAS_PER_JALAN = 500
TARIK_SETIAP = datetime.timedelta(minutes=15)


def _sewa(hub_id: int) -> bool:
    """Take the hub's sending lease (a conditional UPDATE: one winner across processes)."""
    sekarang = timezone.now()
    return bool(
        Hub.objects.filter(pk=hub_id, status=Hub.Status.AKTIF)
        .filter(Q(sedang_dikirim_sampai__isnull=True) | Q(sedang_dikirim_sampai__lt=sekarang))
        .update(sedang_dikirim_sampai=sekarang + LAMA_SEWA)
    )


def sinkron_kirim(*, hub_id: int, paksa: bool = False, tarik: bool | None = None) -> dict[str, int]:
    """Send due outbox items of one hub in order (system service, run by Celery).

    A network failure stops the run and backs the whole hub off exponentially; a final refusal
    marks that item and goes on; `paksa` ignores the backoff ("Kirim sekarang")."""
    hasil = {"terkirim": 0, "ditolak": 0, "gagal": 0}
    if not _sewa(hub_id):
        return hasil
    try:
        hub = Hub.objects.get(pk=hub_id)
        if not paksa and hub.coba_lagi_pada and hub.coba_lagi_pada > timezone.now():
            return hasil
        sudah_penuh: set[str] = set()
        for _putaran in range(2):
            if not _kirim_antrean(hub, hasil):
                break
            # Reconciliation: datasets whose figures differ at the hub get a full snapshot once.
            perlu = (
                set(
                    hub.dataset.filter(perlu_penuh=True)
                    .exclude(tingkat="mati")
                    .values_list("dataset", flat=True)
                )
                - sudah_penuh
            )
            if not perlu:
                break
            from sinkron.services.batch import sinkron_siapkan

            sinkron_siapkan(hub=hub, hanya=sorted(perlu))
            sudah_penuh |= perlu
        hub.refresh_from_db()
        jatuh_tempo = hub.terakhir_tarik is None or (
            timezone.now() - hub.terakhir_tarik > TARIK_SETIAP
        )
        if hub.aktif and hub.gagal_berturut == 0 and (tarik or (tarik is None and jatuh_tempo)):
            sinkron_tarik(hub=hub)
    finally:
        Hub.objects.filter(pk=hub_id).update(sedang_dikirim_sampai=None)
    return hasil


def _kirim_antrean(hub: Hub, hasil: dict[str, int]) -> bool:
    """True when the queue was worked through without a network failure."""
    antrean = list(
        hub.kiriman.filter(status=Kiriman.Status.MENUNGGU)
        .order_by("dibuat", "pk")
        .values_list("pk", flat=True)[:BATAS_PER_JALAN]
    )
    for pk in antrean:
        kiriman = Kiriman.objects.filter(pk=pk, status=Kiriman.Status.MENUNGGU).first()
        if kiriman is None:
            continue
        try:
            jawaban = klien.kirim_ke_hub(hub, path=kiriman.path, data=kiriman.isi)
        except klien.GagalJaringan as exc:
            _gagal_sementara(hub, kiriman, str(exc), mundur=True)
            hasil["gagal"] += 1
            return False
        lanjut = _proses_jawaban(hub, kiriman, jawaban, hasil)
        if not lanjut:
            return False
    Hub.objects.filter(pk=hub.pk).update(
        gagal_berturut=0, coba_lagi_pada=None, galat="", terakhir_kontak=timezone.now()
    )
    hub.gagal_berturut = 0
    return True


def _gagal_sementara(hub: Hub, kiriman: Kiriman, pesan: str, *, mundur: bool) -> None:
    sekarang = timezone.now()
    Kiriman.objects.filter(pk=kiriman.pk).update(
        percobaan=kiriman.percobaan + 1, galat=pesan, terakhir_dicoba=sekarang
    )
    if kiriman.dataset:
        DatasetHub.objects.filter(hub=hub, dataset=kiriman.dataset).update(galat=pesan)
    if mundur:
        hub.gagal_berturut += 1
        Hub.objects.filter(pk=hub.pk).update(
            gagal_berturut=hub.gagal_berturut,
            coba_lagi_pada=sekarang + jeda(hub.gagal_berturut),
            galat=pesan,
        )


def _proses_jawaban(hub: Hub, kiriman: Kiriman, jawaban: klien.Jawaban, hasil: dict) -> bool:
    """Record the hub's answer to one item. False = stop sending to this hub for now."""
    kode = jawaban.kode_galat
    if jawaban.ok:
        with transaction.atomic():
            _selesai(hub, kiriman, jawaban.data)
        hasil["terkirim"] += 1
        return True
    pesan = pesan_jawaban(jawaban)
    if kode in KREDENSIAL_MATI:
        with transaction.atomic():
            Hub.objects.filter(pk=hub.pk).update(status=Hub.Status.DICABUT, galat=pesan)
            _gagal_sementara(hub, kiriman, pesan, mundur=False)
            catat_aktivitas(
                oleh=None, aksi="sinkron_kredensial_dicabut", objek=hub, keterangan=pesan
            )
        hub.status = Hub.Status.DICABUT
        hasil["gagal"] += 1
        return False
    if kode in SEMENTARA or not kode:
        _gagal_sementara(hub, kiriman, pesan, mundur=kode != "ulangan")
        hasil["gagal"] += 1
        return kode == "ulangan"
    with transaction.atomic():
        Kiriman.objects.filter(pk=kiriman.pk).update(
            status=Kiriman.Status.DITOLAK,
            galat=pesan,
            tanda_terima=jawaban.data,
            percobaan=kiriman.percobaan + 1,
            terakhir_dicoba=timezone.now(),
            selesai=timezone.now(),
        )
        if kiriman.dataset:
            DatasetHub.objects.filter(hub=hub, dataset=kiriman.dataset).update(galat=pesan)
    hasil["ditolak"] += 1
    return True


def _selesai(hub: Hub, kiriman: Kiriman, tanda_terima: dict[str, Any]) -> None:
    sekarang = timezone.now()
    Kiriman.objects.filter(pk=kiriman.pk).update(
        status=Kiriman.Status.SELESAI,
        tanda_terima=tanda_terima,
        galat="",
        percobaan=kiriman.percobaan + 1,
        terakhir_dicoba=sekarang,
        selesai=sekarang,
    )
    if kiriman.jenis == Kiriman.Jenis.BATCH:
        _terima_batch(hub, kiriman, tanda_terima, sekarang)
    elif kiriman.jenis == Kiriman.Jenis.PURGE:
        DatasetHub.objects.filter(hub=hub, dataset=kiriman.dataset).update(
            tanda_terima_purge=tanda_terima, galat=""
        )
        catat_aktivitas(
            oleh=None,
            aksi="sinkron_purge_diterima",
            objek=hub,
            keterangan=f"{kiriman.dataset}: {tanda_terima.get('dihapus')}",
        )
    elif kiriman.jenis == Kiriman.Jenis.TIKET:
        TiketDesa.objects.filter(
            uuid=kiriman.isi.get("tiket"), status=TiketDesa.Status.TERKIRIM
        ).update(status=tanda_terima.get("status") or TiketDesa.Status.DITERIMA)


def _terima_batch(hub: Hub, kiriman: Kiriman, tt: dict[str, Any], sekarang) -> None:
    dh = DatasetHub.objects.select_for_update().get(hub=hub, dataset=kiriman.dataset)
    amplop = kiriman.isi
    cocok = tt.get("hasil") == "diterapkan" and protokol.ringkasan_cocok(
        amplop.get("ringkasan", {}), tt.get("ringkasan", {})
    )
    # The hub holds a newer number than ours (e.g. this server was restored from a backup):
    # continue above it, so our next batches are not ignored as stale.
    urutan_hub = tt.get("urutan_hub")
    if isinstance(urutan_hub, int) and urutan_hub > dh.urutan:
        dh.urutan = urutan_hub
    dh.tanda_terima = tt
    dh.cocok = cocok
    if tt.get("hasil") == "diterapkan":
        dh.terakhir_berhasil = sekarang
        dh.galat = ""
    if not cocok:
        dh.perlu_penuh = True
        dh.galat = (
            "Angka di hub berbeda dengan angka desa; kiriman lengkap disiapkan otomatis."
            if tt.get("hasil") == "diterapkan"
            else "Hub sudah memegang data yang lebih baru; kiriman lengkap disiapkan otomatis."
        )
    dh.save()
    if tt.get("hasil") != "diterapkan" or amplop.get("tingkat") != "rekaman":
        return
    isi = amplop.get("isi", {})
    if amplop.get("penuh"):
        RekamanTerkirim.objects.filter(hub=hub, dataset=kiriman.dataset).delete()
    else:
        RekamanTerkirim.objects.filter(
            hub=hub, dataset=kiriman.dataset, kunci__in=isi.get("hapus", [])
        ).delete()
    for r in isi.get("rekaman", []):
        RekamanTerkirim.objects.update_or_create(
            hub=hub,
            dataset=kiriman.dataset,
            kunci=r["kunci"],
            defaults={"sha": r["sha256"], "berkas_sha": (r.get("berkas") or {}).get("sha256", "")},
        )


# --- pulling ------------------------------------------------------------------------------------
def _ambil_berkas(hub: Hub, path: str):
    jawaban = klien.kirim_ke_hub(hub, path=path, method="GET")
    if jawaban.status != 200 or not jawaban.mentah:
        return None
    berkas = io.BytesIO(jawaban.mentah)
    berkas.size = len(jawaban.mentah)
    try:
        return periksa_lampiran(berkas)
    except Exception:  # noqa: BLE001 - a bad attachment must not block the notice itself
        log.warning("lampiran dari hub %s ditolak", hub.pk)
        return None


def sinkron_tarik(*, hub: Hub) -> dict[str, int]:
    """Pull notices and answers to the village's reports by cursor (system service)."""
    hasil = {"pengumuman": 0, "pesan": 0}
    try:
        hasil["pengumuman"] = _tarik_pengumuman(hub)
        hasil["pesan"] = _tarik_tiket(hub)
    except klien.GagalJaringan as exc:
        Hub.objects.filter(pk=hub.pk).update(galat=str(exc))
        return hasil
    Hub.objects.filter(pk=hub.pk).update(terakhir_tarik=timezone.now())
    return hasil


def _tarik_pengumuman(hub: Hub) -> int:
    jumlah = 0
    for _halaman in range(20):
        hub.refresh_from_db(fields=["kursor_pengumuman"])
        jawaban = klien.kirim_ke_hub(
            hub, path=f"{PATH['pengumuman']}?setelah={hub.kursor_pengumuman}", method="GET"
        )
        if not jawaban.ok:
            raise klien.GagalJaringan(pesan_jawaban(jawaban))
        for p in jawaban.data.get("pengumuman", []):
            lampiran = None
            if p.get("lampiran"):
                lampiran = _ambil_berkas(hub, f"{PATH['pengumuman']}{p['id']}/lampiran/")
            with transaction.atomic():
                obj, baru = PengumumanDesa.objects.get_or_create(
                    hub=hub,
                    id_hub=p["id"],
                    defaults={
                        "judul": str(p.get("judul", ""))[:200],
                        "isi": str(p.get("isi", "")),
                        "pengirim": str(p.get("pengirim", ""))[:150],
                        "dikirim_pada": parse_datetime(str(p.get("dibuat"))) or timezone.now(),
                    },
                )
                if baru and lampiran:
                    berkas, jenis, nama = lampiran
                    obj.lampiran.save(berkas.name, berkas, save=False)
                    obj.lampiran_nama = str((p["lampiran"] or {}).get("nama") or nama)[:150]
                    obj.lampiran_jenis = jenis
                    obj.save()
                jumlah += baru
        Hub.objects.filter(pk=hub.pk).update(kursor_pengumuman=int(jawaban.data.get("kursor", 0)))
        if not jawaban.data.get("lagi"):
            break
    return jumlah


def _tarik_tiket(hub: Hub) -> int:
    jumlah = 0
    for _halaman in range(20):
        hub.refresh_from_db(fields=["kursor_tiket"])
        jawaban = klien.kirim_ke_hub(
            hub, path=f"{PATH['tiket']}?setelah={hub.kursor_tiket}", method="GET"
        )
        if not jawaban.ok:
            raise klien.GagalJaringan(pesan_jawaban(jawaban))
        for p in jawaban.data.get("pesan", []):
            tiket = TiketDesa.objects.filter(uuid=p.get("tiket"), hub=hub).first()
            if tiket is None:
                continue
            lampiran = None
            if p.get("lampiran"):
                lampiran = _ambil_berkas(hub, f"{PATH['tiket']}lampiran/{p['uuid']}/")
            with transaction.atomic():
                pesan, baru = PesanTiketDesa.objects.get_or_create(
                    uuid=p["uuid"],
                    defaults={
                        "tiket": tiket,
                        "dari": PesanTiketDesa.Dari.HUB,
                        "nama": str(p.get("nama", ""))[:150],
                        "isi": str(p.get("isi", "")),
                        "status_baru": str(p.get("status_baru", ""))[:10],
                        "waktu": parse_datetime(str(p.get("waktu"))) or timezone.now(),
                    },
                )
                if baru and lampiran:
                    berkas, jenis, nama = lampiran
                    pesan.lampiran.save(berkas.name, berkas, save=False)
                    pesan.lampiran_nama = str((p["lampiran"] or {}).get("nama") or nama)[:150]
                    pesan.lampiran_jenis = jenis
                    pesan.save()
                status = p.get("status")
                TiketDesa.objects.filter(pk=tiket.pk).update(
                    status=status if status in TiketDesa.Status.values else tiket.status,
                    ada_balasan=True,
                    diperbarui=timezone.now(),
                )
                jumlah += baru
        Hub.objects.filter(pk=hub.pk).update(kursor_tiket=int(jawaban.data.get("kursor", 0)))
        if not jawaban.data.get("lagi"):
            break
    return jumlah
