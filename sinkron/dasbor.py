"""The sync card on the back-office dashboard: hub notices to read, answers to reports,
and sending problems (a bounded number of queries)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from sid.dasbor import Angka, Kartu
from sinkron.models import Hub, Kiriman, PengumumanDesa, TiketDesa

JUMLAH_DAFTAR = 3


def kartu_sinkron(request) -> Kartu | None:
    user = request.user
    boleh_hub = user.has_perm("sinkron.view_hub")
    boleh_pengumuman = user.has_perm("sinkron.view_pengumumandesa")
    if not (boleh_hub or boleh_pengumuman):
        return None
    hubs = list(
        Hub.objects.filter(status__in=[Hub.Status.AKTIF, Hub.Status.DICABUT]).annotate(
            tertunda=Count("kiriman", filter=Q(kiriman__status=Kiriman.Status.MENUNGGU))
        )
    )
    if not hubs and not user.has_perm("sinkron.add_hub"):
        return None
    kartu = Kartu(judul="Sinkron ke Hub", ikon="bi-cloud-arrow-up")
    daftar = reverse("admin:sinkron_hub_changelist")
    if not hubs:
        kartu.pintasan.append(("Daftarkan desa ke hub", reverse("admin:sinkron_hub_add")))
        return kartu
    belum_dibaca = PengumumanDesa.objects.filter(dibaca_pada__isnull=True)
    jumlah_belum = belum_dibaca.count()
    balasan = TiketDesa.objects.filter(ada_balasan=True).count()
    kartu.angka = [
        Angka("hub terdaftar", len(hubs), daftar),
        Angka(
            "pengumuman belum dibaca",
            jumlah_belum,
            reverse("admin:sinkron_pengumumandesa_changelist") + "?dibaca=belum",
        ),
        Angka(
            "laporan dijawab hub",
            balasan,
            reverse("admin:sinkron_tiketdesa_changelist") + "?ada_balasan__exact=1",
        ),
    ]
    for p in belum_dibaca.select_related("hub").order_by("-dikirim_pada")[:JUMLAH_DAFTAR]:
        kartu.pintasan.append(
            (f"Baca: {p.judul}", reverse("admin:sinkron_pengumumandesa_change", args=[p.pk]))
        )
    if balasan:
        kartu.peringatan.append(f"{balasan} laporan ke hub mendapat jawaban baru.")
    for hub in hubs:
        if hub.status == Hub.Status.DICABUT:
            kartu.peringatan.append(f"{hub.nama}: {hub.galat or 'kredensial dicabut hub.'}")
        elif hub.galat:
            kartu.peringatan.append(f"{hub.nama}: {hub.galat}")
        elif hub.tertunda:
            kartu.peringatan.append(f"{hub.nama}: {hub.tertunda} kiriman menunggu.")
    if boleh_hub:
        kartu.pintasan.append(("Halaman sinkron", daftar))
    return kartu


def hasil_kiriman_terakhir() -> str | None:
    """The last request sent to a hub, in words, for the Jadwal tugas screen (or None)."""
    k = (
        Kiriman.objects.exclude(terakhir_dicoba=None)
        .order_by("-terakhir_dicoba", "-pk")
        .only("status", "galat", "terakhir_dicoba")
        .first()
    )
    if k is None:
        return None
    teks = f"{k.get_status_display()} ({timezone.localtime(k.terakhir_dicoba):%d-%m-%Y %H.%M})"
    return f"{teks}: {k.galat}" if k.galat else teks
