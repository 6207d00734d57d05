"""Reads about families that need their members (the resident table), each a bounded number of
queries. They live here, not on `KeluargaQuerySet`, because the keluarga app does not import
the resident app (see docs/architecture.md)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from keluarga.models import Keluarga, PeristiwaKeluarga
from penduduk.models import Penduduk, Peristiwa
from sid import kode
from sid.lib.riwayat import siapkan_rincian
from sid.models import LogAktivitas

# More candidates than this go back to a single query (keeps the IN list small for SQLite).
BATAS_CALON = 2000


def keluarga_dengan_kepala(qs: models.QuerySet[Keluarga]) -> models.QuerySet[Keluarga]:
    """Annotate the living head's name, NIK and id (one query for a whole page)."""
    kepala = Penduduk.objects.filter(
        keluarga=models.OuterRef("pk"),
        shdk=kode.SHDK.KEPALA_KELUARGA,
        status_dasar=kode.StatusDasar.HIDUP,
    )
    return qs.annotate(
        kepala_nama=models.Subquery(kepala.values("nama")[:1]),
        kepala_nik=models.Subquery(kepala.values("nik")[:1]),
        kepala_id=models.Subquery(kepala.values("pk")[:1]),
    )


def keluarga_dengan_jumlah_anggota(qs: models.QuerySet[Keluarga]) -> models.QuerySet[Keluarga]:
    hidup = (
        Penduduk.objects.filter(keluarga=models.OuterRef("pk"), status_dasar=kode.StatusDasar.HIDUP)
        .order_by()
        .values("keluarga")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return qs.annotate(jumlah_anggota=models.functions.Coalesce(models.Subquery(hidup), 0))


def keluarga_perlu_kepala() -> models.QuerySet[Keluarga]:
    """Active families with living members but no living head (head died or left).

    Two steps: the families without a living head come from the partial unique index of
    living heads (an anti-join, index only); only those few are then checked for living
    members. As one query PostgreSQL cannot know how few there are, and at 100,000
    residents it hashes every living resident to answer (~130 ms instead of a few).
    """
    hidup = Penduduk.objects.filter(
        keluarga=models.OuterRef("pk"), status_dasar=kode.StatusDasar.HIDUP
    )
    tanpa_kepala = Keluarga.objects.aktif().exclude(
        models.Exists(hidup.filter(shdk=kode.SHDK.KEPALA_KELUARGA))
    )
    calon = list(tanpa_kepala.order_by().values_list("pk", flat=True)[: BATAS_CALON + 1])
    if len(calon) > BATAS_CALON:  # an unusual village: let the database do it all
        return tanpa_kepala.filter(models.Exists(hidup))
    return Keluarga.objects.filter(pk__in=calon).filter(models.Exists(hidup))


def halaman_keluarga(k: Keluarga) -> dict:
    """Everything the family page shows."""
    # Every resident of the KK, dead and moved-out ones too: the events and documents of the
    # page are found through them (peristiwa_keluarga_dan_anggota, {% dokumen_keluarga %}).
    anggota = list(
        Penduduk.objects.filter(keluarga=k).order_by("status_dasar", "shdk", "tanggal_lahir")
    )
    hidup = [a for a in anggota if a.hidup]
    kepala = next((a for a in hidup if a.shdk == kode.SHDK.KEPALA_KELUARGA), None)
    ct = ContentType.objects.get_for_model(Keluarga)
    return {
        "anggota": anggota,
        "kepala": kepala,
        "perlu_kepala": k.aktif and bool(hidup) and kepala is None,
        "jumlah_l": sum(1 for a in hidup if a.jenis_kelamin == kode.JenisKelamin.LAKI_LAKI),
        "jumlah_p": sum(1 for a in hidup if a.jenis_kelamin == kode.JenisKelamin.PEREMPUAN),
        "peristiwa": peristiwa_keluarga_dan_anggota(k, anggota),
        "riwayat": siapkan_rincian(
            LogAktivitas.objects.filter(content_type=ct, object_id=str(k.pk)).order_by(
                "-waktu", "-id"
            )[:50]
        ),
    }


# The family page shows this many of the newest events (family and members together).
BATAS_PERISTIWA = 200


@dataclass(frozen=True)
class BarisPeristiwa:
    tanggal: datetime.date
    jenis: str
    penduduk: Penduduk | None
    catatan: str
    keluarga: bool  # a family event (KK register) rather than a resident's event
    dibatalkan: bool = False


def peristiwa_keluarga_dan_anggota(k: Keluarga, anggota: list[Penduduk]) -> list[BarisPeristiwa]:
    """Every event of the family and of its members, newest first: the KK's own events, and
    the population events recorded in this KK or of its present members (births, deaths,
    moves in and out), including those from before they joined.

    Two queries without joins: the residents named are the members the page already holds;
    a third query reads the names of former members only when an event names one. A join
    costs more to compile and plan than these small queries cost to run."""
    per_id = {a.pk: a for a in anggota}
    keluarga = list(
        PeristiwaKeluarga.objects.filter(keluarga=k)
        .only("jenis", "tanggal", "penduduk_id", "catatan")
        .order_by("-tanggal", "-id")[:BATAS_PERISTIWA]
    )
    penduduk = list(
        Peristiwa.objects.filter(models.Q(keluarga=k) | models.Q(penduduk_id__in=list(per_id)))
        .only(
            "jenis", "tanggal_peristiwa", "catatan", "alamat_asal", "alamat_tujuan",
            "no_kk", "dibatalkan", "penduduk_id",
        )
        .order_by("-tanggal_peristiwa", "-id")[:BATAS_PERISTIWA]
    )  # fmt: skip
    lain = {e.penduduk_id for e in (*keluarga, *penduduk)} - per_id.keys() - {None}
    if lain:
        per_id.update((p.pk, p) for p in Penduduk.objects.filter(pk__in=lain).only("nama"))
    baris = [
        BarisPeristiwa(e.tanggal, e.get_jenis_display(), per_id.get(e.penduduk_id), e.catatan, True)
        for e in keluarga
    ] + [
        BarisPeristiwa(
            e.tanggal_peristiwa,
            e.get_jenis_display(),
            per_id.get(e.penduduk_id),
            _keterangan(e, k),
            False,
            e.dibatalkan,
        )
        for e in penduduk
    ]
    baris.sort(key=lambda b: (b.tanggal, not b.keluarga), reverse=True)
    return baris[:BATAS_PERISTIWA]


def _keterangan(e: Peristiwa, k: Keluarga) -> str:
    bagian = []
    if e.alamat_asal:
        bagian.append(f"dari {e.alamat_asal}")
    if e.alamat_tujuan:
        bagian.append(f"ke {e.alamat_tujuan}")
    if e.no_kk and e.no_kk != k.no_kk:
        bagian.append(f"saat di KK {e.no_kk}")
    if e.catatan:
        bagian.append(e.catatan)
    return "; ".join(bagian)
