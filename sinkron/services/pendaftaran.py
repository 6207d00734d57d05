"""Enrolling at a hub, rotating the village's key, leaving a hub."""

from __future__ import annotations

import contextlib
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sid.lib.audit import catat_aktivitas
from sid.lib.kabel import protokol
from sid.models import IdentitasDesa
from sinkron import dataset as ds
from sinkron import klien
from sinkron.models import DatasetHub, Hub, Kiriman
from sinkron.services.umum import PATH, pesan_jawaban


def normalkan_url(url: str) -> str:
    url = (url or "").strip().rstrip("/")
    bagian = urlsplit(url)
    if bagian.scheme not in ("http", "https") or not bagian.netloc or bagian.query:
        raise ValidationError({"url": "Alamat hub harus berupa http(s)://nama-server[/awalan]."})
    return url


def hub_daftar(*, oleh: Any, url: str, kode: str) -> Hub:
    """Enrol this village at a hub with the hub's one-time code. A new Ed25519 key pair is
    made here; only its public half goes to the hub. The network call happens before any
    write, so a refused or failed enrolment leaves nothing behind."""
    desa = IdentitasDesa.ambil()
    if not desa.kode_desa:
        raise ValidationError("Isi kode desa (10 digit) di Identitas Desa sebelum mendaftar.")
    url = normalkan_url(url)
    kode = (kode or "").strip()
    if not kode:
        raise ValidationError({"kode": "Kode pendaftaran dari hub wajib diisi."})
    if Hub.objects.filter(url=url, status=Hub.Status.AKTIF).exists():
        raise ValidationError({"url": "Desa sudah terdaftar di hub dengan alamat ini."})
    privat, publik = protokol.buat_pasangan_kunci()
    try:
        jawaban = klien.kirim(
            url_hub=url,
            path=PATH["daftar"],
            data={
                "kode_desa": desa.kode_desa,
                "kode": kode,
                "kunci_publik": publik,
                "nama_desa": desa.nama_desa,
            },
            kredensial=protokol.KREDENSIAL_PENDAFTARAN,
            kunci_privat=privat,
        )
    except klien.GagalJaringan as exc:
        raise ValidationError({"url": str(exc)}) from None
    if jawaban.status != 201:
        raise ValidationError(pesan_jawaban(jawaban))
    d = jawaban.data
    with transaction.atomic():
        hub = Hub.objects.create(
            nama=str(d.get("nama_hub") or urlsplit(url).netloc)[:150],
            url=url,
            kode_desa=desa.kode_desa,
            kredensial=d["kredensial"],
            kunci_privat=privat,
            kunci_publik=publik,
            kunci_publik_hub=str(d.get("kunci_publik_hub", "")),
            didaftarkan_oleh=oleh if getattr(oleh, "pk", None) else None,
            terakhir_kontak=timezone.now(),
        )
        DatasetHub.objects.bulk_create(
            [DatasetHub(hub=hub, dataset=x.kode, tingkat=x.bawaan) for x in ds.semua()]
        )
        catat_aktivitas(
            oleh=oleh,
            aksi="sinkron_daftar",
            objek=hub,
            keterangan=f"{url} · kunci {protokol.sidik_jari(publik)}",
        )
    return hub


def dataset_lengkapi(hub: Hub) -> None:
    """Rows for datasets registered after the enrolment (an app landed later)."""
    ada = set(hub.dataset.values_list("dataset", flat=True))
    DatasetHub.objects.bulk_create(
        [
            DatasetHub(hub=hub, dataset=x.kode, tingkat=x.bawaan)
            for x in ds.semua()
            if x.kode not in ada
        ]
    )


def kunci_rotasi(*, oleh: Any, hub: Hub) -> Hub:
    """Replace the village's signing key: the hub registers the new public key (request signed
    with the old key, proof signed with the new one); the old key stops at the first use of
    the new one."""
    if not hub.aktif:
        raise ValidationError("Hub ini tidak aktif.")
    privat, publik = protokol.buat_pasangan_kunci()
    bukti = protokol.tanda_tangani(
        privat,
        protokol.teks_bukti_rotasi(
            kode_desa=hub.kode_desa, kunci_publik_baru=publik, kredensial_lama=str(hub.kredensial)
        ),
    )
    try:
        jawaban = klien.kirim_ke_hub(
            hub,
            path=PATH["rotasi"],
            data={"kode_desa": hub.kode_desa, "kunci_publik_baru": publik, "bukti": bukti},
        )
    except klien.GagalJaringan as exc:
        raise ValidationError(str(exc)) from None
    if not jawaban.ok:
        raise ValidationError(pesan_jawaban(jawaban))
    with transaction.atomic():
        hub = Hub.objects.select_for_update().get(pk=hub.pk)
        lama = protokol.sidik_jari(hub.kunci_publik)
        hub.kredensial = jawaban.data["kredensial"]
        hub.kunci_privat, hub.kunci_publik = privat, publik
        hub.kunci_dirotasi = timezone.now()
        hub.save(update_fields=["kredensial", "kunci_privat", "kunci_publik", "kunci_dirotasi"])
        catat_aktivitas(
            oleh=oleh,
            aksi="sinkron_rotasi_kunci",
            objek=hub,
            keterangan=f"Kunci {lama} diganti {protokol.sidik_jari(publik)}.",
        )
    # First use of the new key retires the old one at the hub.
    with contextlib.suppress(klien.GagalJaringan):  # else the next sync uses it anyway
        klien.kirim_ke_hub(hub, path=PATH["status"], method="GET")
    return hub


def hub_keluar(*, oleh: Any, hub: Hub, paksa: bool = False) -> Hub:
    """Leave a hub: the hub revokes this village's credentials; pending sends are dropped.
    With `paksa`, leave locally even when the hub cannot be reached."""
    if not hub.aktif:
        raise ValidationError("Desa sudah tidak terdaftar di hub ini.")
    try:
        jawaban = klien.kirim_ke_hub(hub, path=PATH["cabut"], data={"kode_desa": hub.kode_desa})
        if not jawaban.ok and jawaban.kode_galat not in ("kredensial_dicabut",):
            raise ValidationError(pesan_jawaban(jawaban))
    except klien.GagalJaringan as exc:
        if not paksa:
            raise ValidationError(
                f"{exc} Centang 'tetap keluar' untuk keluar tanpa memberi tahu hub."
            ) from None
    with transaction.atomic():
        hub.status = Hub.Status.KELUAR
        hub.save(update_fields=["status"])
        hub.kiriman.filter(status=Kiriman.Status.MENUNGGU).update(
            status=Kiriman.Status.DIBATALKAN, galat="Dibatalkan: desa keluar dari hub."
        )
        catat_aktivitas(oleh=oleh, aksi="sinkron_keluar", objek=hub)
    return hub
