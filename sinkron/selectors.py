"""Reads for the village's sync pages (a fixed number of queries)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q

from sinkron import dataset as ds
from sinkron.models import DatasetHub, Hub, Kiriman, Tingkat


def daftar_hub() -> list[Hub]:
    """Every hub with its datasets and outbox counts (2 queries)."""
    return list(
        Hub.objects.annotate(
            tertunda=Count("kiriman", filter=Q(kiriman__status=Kiriman.Status.MENUNGGU)),
            ditolak=Count("kiriman", filter=Q(kiriman__status=Kiriman.Status.DITOLAK)),
        )
        .prefetch_related(Prefetch("dataset", queryset=DatasetHub.objects.order_by("pk")))
        .order_by("status", "nama")
    )


def pilihan_tingkat(definisi: ds.Dataset | None) -> list[tuple[str, str]]:
    if definisi is None:
        return [(Tingkat.MATI, Tingkat.MATI.label)]
    return [(t.value, t.label) for t in Tingkat if t == Tingkat.MATI or t.value in definisi.jenis]


def baris_dataset(hub: Hub) -> list[dict[str, Any]]:
    """The sync page's table: each dataset, its policy, last success, receipt and errors."""
    hasil = []
    for dh in hub.dataset.all():
        definisi = ds.ambil(dh.dataset)
        tt = dh.tanda_terima or {}
        hasil.append(
            {
                "dh": dh,
                "judul": definisi.judul if definisi else dh.dataset,
                "sumber": definisi.sumber if definisi else "sumber belum terpasang",
                "versi": definisi.versi_skema if definisi else None,
                "tersedia": definisi is not None,
                "pilihan": pilihan_tingkat(definisi),
                "tanda_terima": tt,
                "ringkasan": tt.get("ringkasan") or {},
                "label_total": (definisi.label_total if definisi else "") or "",
                "purge": dh.tanda_terima_purge or {},
            }
        )
    hasil.sort(key=lambda b: ds.ambil(b["dh"].dataset).urutan if b["tersedia"] else 999)
    return hasil


def kiriman_terakhir(hub: Hub, batas: int = 30) -> list[Kiriman]:
    return list(hub.kiriman.defer("isi").order_by("-dibuat", "-pk")[:batas])
